// Flask with flask-cors: the CORS(app, …) call that allows exactly this call.

import { comment, entries, lines, list, q } from "./render";
import { credentialsNote, methodsBeyond, orderingNotes } from "./requirements";
import type { StackFixer } from "./stack";

/** flask-cors's default methods (3.0 through 6.x). */
const FLASK_CORS_METHODS = ["GET", "HEAD", "POST", "OPTIONS", "PUT", "PATCH", "DELETE"];

export const flask: StackFixer = {
  id: "flask",
  label: "Flask (flask-cors)",
  language: "Python",
  snippetLanguage: "python",
  build(req) {
    const methods = methodsBeyond(req, FLASK_CORS_METHODS);
    const snippet = lines(
      "from flask_cors import CORS",
      "",
      comment("# ", "Replaces any other CORS(app, …) call; right after app = Flask(__name__)."),
      "CORS(",
      "    app,",
      entries(
        [
          ["origins", list([req.origin])],
          req.credentials ? ["supports_credentials", "True"] : null,
          methods ? ["methods", list(methods)] : null,
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
        cors: "flask-cors",
        auth:
          "a before_request hook that checks authentication (return early when request.method == " + q("OPTIONS") + ")",
      }),
      "flask-cors adds its headers in after_request, so a before_request hook that aborts OPTIONS with 401 still gets them, and Chrome then reports PreflightInvalidStatus: let OPTIONS through the hook.",
      "supports_credentials defaults to False in every release: without it a credentialed call fails with InvalidAllowCredentials. With origins='*' and supports_credentials=True, flask-cors echoes any origin back, which lets every site make credentialed calls: name the origin.",
      "The options are the same in flask-cors 3.0 (Debian 12) and 4.x–6.x; 6.0 changed how overlapping resources={…} patterns are ordered (the most specific now wins), which matters only if you scope by path.",
      "A @cross_origin() decorator on a view overrides these settings for that view.",
    ];
    const creds = credentialsNote(req);
    if (creds) notes.push(creds);
    return { snippet, notes };
  },
};
