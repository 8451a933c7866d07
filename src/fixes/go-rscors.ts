// Go with github.com/rs/cors: the cors.New options that allow exactly this call.

import { comment, entries, lines, list, q } from "./render";
import { credentialsNote, orderingNotes, withDefaults } from "./requirements";
import type { StackFixer } from "./stack";

/** rs/cors defaults: a list given in the options replaces them. */
const RS_CORS_METHODS = ["GET", "POST", "HEAD"];
const RS_CORS_HEADERS = ["accept", "content-type", "x-requested-with"];

export const goRsCors: StackFixer = {
  id: "go-rscors",
  label: "Go (rs/cors)",
  language: "Go",
  snippetLanguage: "go",
  build(req) {
    const goList = (items: string[]): string => list(items, "[]string{", "}");
    const snippet = lines(
      `// import "github.com/rs/cors"`,
      "c := cors.New(cors.Options{",
      entries(
        [
          ["AllowedOrigins", goList([req.origin])],
          req.methods.length ? ["AllowedMethods", goList(withDefaults(RS_CORS_METHODS, req.methods))] : null,
          req.headers.length ? ["AllowedHeaders", goList(withDefaults(RS_CORS_HEADERS, req.headers))] : null,
          req.credentials ? ["AllowCredentials", "true"] : null,
        ],
        "\t",
        ": ",
      ),
      "})",
      comment("// ", "Wrap the whole mux, outside any authentication middleware: serve handler, not mux."),
      "handler := c.Handler(mux)",
      "",
    );
    const notes = [
      ...orderingNotes(req, { cors: "c.Handler(…)", auth: "authentication middleware (wrap it inside c.Handler)" }),
      "rs/cors answers a preflight it refuses (origin, method or header) without any CORS header, so the browser reports a missing Access-Control-Allow-Origin even when the method or a header is at fault. Options{Debug: true} logs the reason.",
      `rs/cors allows only ${RS_CORS_METHODS.join(", ")} and the headers ${RS_CORS_HEADERS.join(", ")} by default; a list in the options replaces the default, so the defaults are kept in it.`,
      `With AllowedOrigins ${q("*")} and AllowCredentials, rs/cors 1.7 (Debian 12's golang-github-rs-cors-dev) sends *, which browsers refuse: name the origin. The options above are the same in 1.7 and current releases (1.8+ answers the preflight 204 instead of 200).`,
    ];
    const creds = credentialsNote(req);
    if (creds) notes.push(creds);
    return { snippet, notes };
  },
};
