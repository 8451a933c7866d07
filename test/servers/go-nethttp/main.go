// net/http fixture: the snippet at the marker declares withCORS, which wraps the mux.
package main

import (
	"net/http"
	"os"
)

// __FIX__

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/api/orders", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"ordered":true}`))
	})
	http.ListenAndServe("127.0.0.1:"+os.Getenv("PORT"), withCORS(mux))
}
