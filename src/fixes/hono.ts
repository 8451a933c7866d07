// Hono with its built-in hono/cors middleware: the app.use() that allows exactly this call.

import { comment, entries, lines, list, q } from "./render";
import { credentialsNote, methodsBeyond, orderingNotes } from "./requirements";
import type { StackFixer } from "./stack";

/** hono/cors's default allowMethods. */
const HONO_CORS_METHODS = ["GET", "HEAD", "PUT", "POST", "DELETE", "PATCH"];

export const hono: StackFixer = {
  id: "hono",
  label: "Hono (hono/cors)",
  language: "TypeScript",
  snippetLanguage: "ts",
  build(req) {
    const methods = methodsBeyond(req, HONO_CORS_METHODS);
    const pattern = req.pathPrefix === "/" ? "*" : `${req.pathPrefix}*`;
    const snippet = lines(
      `import { cors } from "hono/cors";`,
      "",
      comment(
        "// ",
        "Before the routes it covers and before any authentication middleware: Hono runs handlers in the order they were added.",
      ),
      "app.use(",
      `  ${q(pattern)},`,
      "  cors({",
      entries(
        [
          ["origin", q(req.origin)],
          req.credentials ? ["credentials", "true"] : null,
          methods ? ["allowMethods", list(methods)] : null,
          req.headers.length ? ["allowHeaders", list(req.headers)] : null,
        ],
        "    ",
        ": ",
      ),
      "  }),",
      ");",
      "",
    );
    const notes = [
      ...orderingNotes(req, {
        cors: "the cors() middleware",
        auth: "authentication middleware such as hono/jwt or hono/basic-auth",
      }),
      `The path pattern (${pattern}) must match OPTIONS requests too; a route registered earlier for the same path answers before cors() runs.`,
      "hono/cors sends Access-Control-Allow-Origin: * by default, even with credentials: true, which browsers refuse: keep the explicit origin.",
      "A response built in app.onError() is a new Response: check that it keeps the CORS headers (set them there too if not).",
    ];
    const creds = credentialsNote(req);
    if (creds) notes.push(creds);
    return { snippet, notes };
  },
};
