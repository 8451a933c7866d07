// Fastify with @fastify/cors: the register() call that allows exactly this call.

import { comment, entries, lines, list, q } from "./render";
import { credentialsNote, methodsBeyond, orderingNotes } from "./requirements";
import type { StackFixer } from "./stack";

/** @fastify/cors's default `methods` (recent releases): anything else must be listed. */
const FASTIFY_CORS_METHODS = ["GET", "HEAD", "POST"];

export const fastify: StackFixer = {
  id: "fastify",
  label: "Fastify (@fastify/cors)",
  language: "JavaScript",
  snippetLanguage: "js",
  build(req) {
    const methods = methodsBeyond(req, FASTIFY_CORS_METHODS);
    const snippet = lines(
      `import cors from "@fastify/cors";`,
      "",
      comment(
        "// ",
        "Register on the root instance, before your routes and outside any prefixed plugin, so the 404 handler, errors and OPTIONS all get the headers.",
      ),
      "await fastify.register(cors, {",
      entries(
        [
          ["origin", q(req.origin)],
          req.credentials ? ["credentials", "true"] : null,
          methods ? ["methods", list(methods)] : null,
          req.headers.length ? ["allowedHeaders", list(req.headers)] : null,
        ],
        "  ",
        ": ",
      ),
      "});",
      "",
    );
    const notes = [
      ...orderingNotes(req, {
        cors: "@fastify/cors (an onRequest hook)",
        auth: "authentication hooks such as @fastify/jwt's onRequest verification",
      }),
      "@fastify/cors 11 allows only GET, HEAD and POST unless `methods` is set; the list replaces the default, so it keeps those three.",
      "Registered inside a plugin with a prefix, @fastify/cors does not cover the 404 handler or routes outside that plugin: their responses (and OPTIONS for unknown paths) carry no CORS headers.",
    ];
    const creds = credentialsNote(req);
    if (creds) notes.push(creds);
    return { snippet, notes };
  },
};
