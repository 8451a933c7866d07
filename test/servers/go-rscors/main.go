// rs/cors fixture (Debian 12: golang-github-rs-cors-dev 1.7, built in GOPATH mode): the snippet at the marker defines handler.
package main

import (
	"net/http"
	"os"

	"github.com/rs/cors"
)

var _ = cors.New

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/api/items/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"patched":true}`))
	})
	// __FIX__
	http.ListenAndServe("127.0.0.1:"+os.Getenv("PORT"), handler)
}
