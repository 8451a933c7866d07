// Express with the cors package: the app.use(cors(…)) call that allows exactly this call.

import { comment, entries, lines, list, q } from "./render";
import { credentialsNote, methodsBeyond, orderingNotes, type Requirements } from "./requirements";
import type { StackFixer } from "./stack";

/** The cors package's default `methods`: a list given in the options replaces it. */
const CORS_PACKAGE_METHODS = ["GET", "HEAD", "PUT", "PATCH", "POST", "DELETE"];

/** The options object of `cors(…)`, shared with NestJS, whose enableCors() hands it to the same package. */
export function corsPackageOptions(req: Requirements, indent: string, methods: string[] | null): string {
  return entries(
    [
      ["origin", q(req.origin)],
      req.credentials ? ["credentials", "true"] : null,
      methods ? ["methods", list(methods)] : null,
      req.headers.length ? ["allowedHeaders", list(req.headers)] : null,
    ],
    indent,
    ": ",
  );
}

export const express: StackFixer = {
  id: "express",
  label: "Express (cors)",
  language: "JavaScript",
  snippetLanguage: "js",
  build(req) {
    const snippet = lines(
      `import cors from "cors";`,
      "",
      comment(
        "// ",
        `The first app.use(), above every router, route and authentication middleware: it answers the preflight itself and its headers stay on error responses.`,
      ),
      "app.use(",
      "  cors({",
      corsPackageOptions(req, "    ", methodsBeyond(req, CORS_PACKAGE_METHODS)),
      "  }),",
      ");",
      "",
    );
    const notes = [
      ...orderingNotes(req, {
        cors: "app.use(cors(…))",
        auth: "your authentication middleware (passport, express-jwt…)",
      }),
      "Mounted after the router, cors() never runs for what a route, the 404 handler or an error handler already answered (Express 5 then answers OPTIONS itself with 200 and no CORS headers). Keep it first.",
      "Express 5 (path-to-regexp 8) throws on app.options('*', …): write app.options('/{*splat}', cors(options)) if you route OPTIONS yourself. app.use(cors(…)) already answers every preflight, in Express 4 and 5.",
      "cors() with no options sends Access-Control-Allow-Origin: *, which browsers refuse on credentialed calls; keep the explicit origin.",
    ];
    const creds = credentialsNote(req);
    if (creds) notes.push(creds);
    return { snippet, notes };
  },
};
