// Koa with @koa/cors: the first app.use() that allows exactly this call.

import { comment, entries, lines, list, q } from "./render";
import { credentialsNote, methodsBeyond, orderingNotes } from "./requirements";
import type { StackFixer } from "./stack";

/** @koa/cors's default allowMethods. */
const KOA_CORS_METHODS = ["GET", "HEAD", "PUT", "POST", "DELETE", "PATCH"];

export const koa: StackFixer = {
  id: "koa",
  label: "Koa (@koa/cors)",
  language: "JavaScript",
  snippetLanguage: "js",
  build(req) {
    const methods = methodsBeyond(req, KOA_CORS_METHODS);
    const snippet = lines(
      `import cors from "@koa/cors";`,
      "",
      comment(
        "// ",
        "The first app.use() (after an error-handling middleware, if you have one): before authentication and the router, so @koa/cors answers OPTIONS itself.",
      ),
      "app.use(",
      "  cors({",
      entries(
        [
          ["origin", q(req.origin)],
          req.credentials ? ["credentials", "true"] : null,
          methods ? ["allowMethods", list(methods)] : null,
          req.headers.length ? ["allowHeaders", list(req.headers)] : null,
          req.errorResponses ? ["keepHeadersOnError", "true"] : null,
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
        cors: "app.use(cors(…))",
        auth: "your authentication middleware (koa-jwt, koa-passport…)",
      }),
      "When a downstream middleware throws, @koa/cors copies its headers onto err.headers (keepHeadersOnError, on by default; false loses them). A custom error handler above it must apply them: ctx.set(err.headers ?? {}).",
      "@koa/cors reflects the request's origin when credentials are on and no origin is given, which lets any site make credentialed calls: always name the origin.",
    ];
    const creds = credentialsNote(req);
    if (creds) notes.push(creds);
    return { snippet, notes };
  },
};
