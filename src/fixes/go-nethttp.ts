// Go's net/http without a CORS library: a middleware that wraps the mux and allows exactly this call.

import { comment, lines, q } from "./render";
import { credentialsNote, headerPlan, orderingNotes } from "./requirements";
import type { StackFixer } from "./stack";

export const goNetHttp: StackFixer = {
  id: "go-nethttp",
  label: "Go net/http",
  language: "Go",
  snippetLanguage: "go",
  build(req) {
    const plan = headerPlan(req);
    const set = (pairs: [string, string][], indent: string): string[] =>
      pairs.filter(([n]) => n !== "Vary").map(([n, v]) => `${indent}h.Set(${q(n)}, ${q(v)})`);
    const originPairs = plan.actual.filter(([n]) => n !== "Vary");
    const preflightOnly = plan.preflight.filter(([n]) => !originPairs.some(([a]) => a === n));
    const snippet = lines(
      comment(
        "// ",
        "withCORS answers the preflight and sets the CORS headers before your handlers (and any authentication) run. Wrap the whole mux: http.ListenAndServe(addr, withCORS(mux)).",
      ),
      "func withCORS(next http.Handler) http.Handler {",
      "\treturn http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {",
      "\t\th := w.Header()",
      `\t\th.Add("Vary", "Origin")`,
      `\t\tif r.Header.Get("Origin") == ${q(req.origin)} {`,
      ...set(originPairs, "\t\t\t"),
      "\t\t}",
      `\t\tif r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {`,
      ...set(preflightOnly, "\t\t\t"),
      "\t\t\tw.WriteHeader(http.StatusNoContent)",
      "\t\t\treturn",
      "\t\t}",
      "\t\tnext.ServeHTTP(w, r)",
      "\t})",
      "}",
      "",
    );
    const notes = [
      ...orderingNotes(req, {
        cors: "withCORS",
        auth: "authentication middleware (wrap it inside withCORS, not around it)",
      }),
      'Go 1.22 method patterns (mux.HandleFunc("PUT /items", …)) make the mux answer OPTIONS with 405: wrap the mux itself, never a single handler.',
      "Headers must be set before the handler calls WriteHeader or Write; setting them after has no effect, which is why this runs first, also for error responses.",
    ];
    const creds = credentialsNote(req);
    if (creds) notes.push(creds);
    return { snippet, notes };
  },
};
