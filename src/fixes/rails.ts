// Rails (or any Rack app) with rack-cors: the initializer that allows exactly this call.

import { comment, lines, q } from "./render";
import { credentialsNote, explicitMethods, orderingNotes } from "./requirements";
import type { StackFixer } from "./stack";

export const rails: StackFixer = {
  id: "rails",
  label: "Rails (rack-cors)",
  language: "Ruby",
  snippetLanguage: "ruby",
  build(req) {
    const pattern = req.pathPrefix === "/" ? "*" : `${req.pathPrefix}*`;
    const symbols = [...explicitMethods(req), "OPTIONS"].map((m) => `:${m.toLowerCase()}`).join(", ");
    const options = [
      `headers: ${req.headers.length ? `[${req.headers.map(q).join(", ")}]` : "[]"}`,
      `methods: [${symbols}]`,
      req.credentials ? "credentials: true" : null,
    ].filter((o): o is string => o !== null);
    const snippet = lines(
      "# config/initializers/cors.rb",
      comment(
        "# ",
        "insert_before 0: ahead of every other middleware (Warden/Devise, Rack::Attack, static files), so OPTIONS is answered before authentication.",
      ),
      "Rails.application.config.middleware.insert_before 0, Rack::Cors do",
      "  allow do",
      `    origins ${q(req.origin)}`,
      `    resource ${q(pattern)},`,
      options.map((o, i) => `      ${o}${i < options.length - 1 ? "," : ""}`).join("\n"),
      "  end",
      "end",
      "",
    );
    const notes = [
      ...orderingNotes(req, {
        cors: "Rack::Cors",
        auth: "authentication middleware (Devise/Warden) and before_action filters",
      }),
      "A plain Rack app (config.ru) takes the same block with use Rack::Cors do … end, above any other use line.",
      "rack-cors answers a preflight it does not allow without CORS headers; set debug: true on Rack::Cors to log why (X-Rack-CORS headers).",
      'rack-cors 1.1 (Debian 12\'s ruby-rack-cors) and 2.x/3.x take the same options. Never combine origins "*" with credentials: true.',
    ];
    const creds = credentialsNote(req);
    if (creds) notes.push(creds);
    return { snippet, notes };
  },
};
