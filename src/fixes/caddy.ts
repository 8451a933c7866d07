// Caddy 2: header directives and a handle block that answers the preflight, for the site serving this call.

import { comment, lines, q } from "./render";
import { credentialsNote, headerPlan, orderingNotes } from "./requirements";
import type { StackFixer } from "./stack";

export const caddy: StackFixer = {
  id: "caddy",
  label: "Caddy",
  language: "Caddyfile",
  snippetLanguage: "caddyfile",
  build(req) {
    const plan = headerPlan(req);
    const matcher = req.pathPrefix === "/" ? "*" : `${req.pathPrefix}*`;
    const preflightOnly = plan.preflight.filter(([n]) => !plan.actual.some(([a]) => a === n));
    const snippet = lines(
      `# Inside the site block that serves ${req.pathPrefix}.`,
      `header ${matcher} {`,
      ...plan.actual.map(([n, v]) => `\t${n} ${q(v)}`),
      "}",
      req.preflight ? "" : null,
      req.preflight ? "@cors_preflight {" : null,
      req.preflight ? "\tmethod OPTIONS" : null,
      req.preflight ? `\tpath ${matcher}` : null,
      req.preflight ? "}" : null,
      req.preflight
        ? comment(
            "# ",
            "handle is ordered before reverse_proxy, respond and file_server, so the preflight never reaches them.",
          )
        : null,
      req.preflight ? "handle @cors_preflight {" : null,
      ...(req.preflight ? preflightOnly.map(([n, v]) => `\theader ${n} ${q(v)}`) : []),
      req.preflight ? "\trespond 204" : null,
      req.preflight ? "}" : null,
      "",
    );
    const notes = [
      ...orderingNotes(req, { cors: "handle @cors_preflight", auth: "basicauth / forward_auth" }),
      "Caddy's header directive sets the headers before the response is written, so they stay on error statuses from the backend; errors Caddy produces itself go through handle_errors, which needs the same header lines.",
      "Behind reverse_proxy, a backend that sends its own Access-Control-Allow-Origin gives two values: remove it with header_down -Access-Control-Allow-Origin in the reverse_proxy block.",
    ];
    const creds = credentialsNote(req);
    if (creds) notes.push(creds);
    return { snippet, notes };
  },
};
