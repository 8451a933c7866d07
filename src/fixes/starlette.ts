// FastAPI and Starlette: the CORSMiddleware that allows exactly this call.

import { comment, entries, lines, list, q } from "./render";
import { credentialsNote, explicitMethods, orderingNotes } from "./requirements";
import type { StackFixer } from "./stack";

export const starlette: StackFixer = {
  id: "starlette",
  label: "FastAPI / Starlette",
  language: "Python",
  snippetLanguage: "python",
  build(req) {
    // Starlette refuses (400) a preflight whose method is not listed, simple methods included; its default is GET only.
    const methods = req.preflight ? explicitMethods(req) : null;
    const snippet = lines(
      "from starlette.middleware.cors import CORSMiddleware  # FastAPI re-exports it as fastapi.middleware.cors",
      "",
      comment(
        "# ",
        "Add it after every other add_middleware() call: the middleware added last runs first, so it answers OPTIONS before any authentication middleware.",
      ),
      "app.add_middleware(",
      "    CORSMiddleware,",
      entries(
        [
          ["allow_origins", list([req.origin])],
          req.credentials ? ["allow_credentials", "True"] : null,
          methods ? ["allow_methods", list(methods)] : null,
          req.headers.length ? ["allow_headers", list(req.headers)] : null,
        ],
        "    ",
        "=",
      ),
      ")",
      "",
    );
    const notes = [
      ...orderingNotes(req, {
        cors: "CORSMiddleware",
        auth: "authentication middleware (dependencies such as Depends(oauth2_scheme) run later and are fine)",
      }),
      `Starlette answers a refused preflight with 400: "Disallowed CORS origin" without Access-Control-Allow-Origin (Chrome: PreflightMissingAllowOriginHeader), "Disallowed CORS method/headers" with it (Chrome: PreflightInvalidStatus).`,
      "allow_methods defaults to GET only and Starlette checks it on every preflight, POST included; the list above names each method this call needs.",
      "An unhandled exception becomes a 500 from ServerErrorMiddleware, outside CORSMiddleware, so it has no CORS headers and the browser hides it: raise HTTPException (or add an exception handler) for errors the page must read.",
      "The same code works on FastAPI 0.92 / Starlette 0.26 (Debian 12) and current releases.",
      `With allow_origins=[${q("*")}] and allow_credentials=True, Starlette echoes the origin only when the request carries a cookie and sends * otherwise: name the origin.`,
    ];
    const creds = credentialsNote(req);
    if (creds) notes.push(creds);
    return { snippet, notes };
  },
};
