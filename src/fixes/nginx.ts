// nginx: the add_header lines (with `always`) and the OPTIONS answer for the location that serves this call.

import { comment, lines, q } from "./render";
import { credentialsNote, headerPlan, orderingNotes } from "./requirements";
import type { StackFixer } from "./stack";

export const nginx: StackFixer = {
  id: "nginx",
  label: "nginx",
  language: "nginx",
  snippetLanguage: "nginx",
  build(req) {
    const plan = headerPlan(req);
    const add = (pairs: [string, string][], indent: string): string[] =>
      pairs.map(([n, v]) => `${indent}add_header ${n} ${q(v)} always;`);
    const snippet = lines(
      `# Inside the location that serves ${req.pathPrefix} (e.g. location ${req.pathPrefix} { … }), above proxy_pass or return.`,
      comment("# ", "`always`: without it nginx drops these headers from 4xx and 5xx responses."),
      ...add(plan.actual, ""),
      req.preflight ? "" : null,
      req.preflight ? "if ($request_method = OPTIONS) {" : null,
      req.preflight
        ? comment(
            "    # ",
            "add_header inside an if replaces every add_header above for this response, so all are repeated. return runs before auth_basic / auth_request.",
          )
        : null,
      ...(req.preflight ? add(plan.preflight, "    ") : []),
      req.preflight ? "    return 204;" : null,
      req.preflight ? "}" : null,
      "",
    );
    const notes = [
      ...orderingNotes(req, {
        cors: "the if ($request_method = OPTIONS) … return 204 block",
        auth: "auth_basic or auth_request",
      }),
      "add_header without `always` applies only to 200, 201, 204, 206, 301, 302, 303, 304, 307 and 308: error responses (and auth_basic's 401) then lose the CORS headers.",
      "add_header directives are inherited from the enclosing level only when the current level has none: one add_header in the location (or in an if) silently drops every add_header from server {}.",
      "If the application behind proxy_pass also sends CORS headers, the browser sees two values (MultipleAllowOriginValues): remove one side, or add proxy_hide_header Access-Control-Allow-Origin; (and the other Access-Control-* it sends).",
    ];
    const creds = credentialsNote(req);
    if (creds) notes.push(creds);
    return { snippet, notes };
  },
};
