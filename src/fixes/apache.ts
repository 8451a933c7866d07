// Apache httpd: Header always set lines and a rewrite that answers the preflight, for the vhost serving this call.

import { comment, lines, q } from "./render";
import { credentialsNote, headerPlan, orderingNotes } from "./requirements";
import type { StackFixer } from "./stack";

export const apache: StackFixer = {
  id: "apache",
  label: "Apache httpd",
  language: "Apache",
  snippetLanguage: "apache",
  build(req) {
    const plan = headerPlan(req);
    const preflightOnly = plan.preflight.filter(([n]) => !plan.actual.some(([a]) => a === n));
    const set = ([n, v]: [string, string]): string =>
      n === "Vary" ? `Header always merge Vary ${q(v)}` : `Header always set ${n} ${q(v)}`;
    const snippet = lines(
      `# In the <VirtualHost> that serves ${req.pathPrefix} (needs mod_headers${req.preflight ? " and mod_rewrite" : ""}).`,
      comment("# ", "`always` also puts them on error responses (4xx, 5xx) and on the 204 below."),
      ...plan.actual.map(set),
      ...preflightOnly.map(set),
      req.preflight ? "" : null,
      req.preflight
        ? comment(
            "# ",
            "Answer the preflight in the vhost, where mod_rewrite runs before authentication (in <Directory> or .htaccess it runs after it).",
          )
        : null,
      req.preflight ? "RewriteEngine On" : null,
      req.preflight ? "RewriteCond %{REQUEST_METHOD} OPTIONS" : null,
      req.preflight ? "RewriteRule ^ - [R=204,L]" : null,
      "",
    );
    const notes = [
      ...orderingNotes(req, {
        cors: "the OPTIONS rewrite",
        auth: "Require valid-user / AuthType (or exempt OPTIONS with <LimitExcept OPTIONS>)",
      }),
      "Header set (without always) is skipped on error responses and on responses from other modules' error paths: use Header always set.",
      "If the application behind Apache (mod_proxy, PHP, WSGI) also sends CORS headers, `Header always set` can leave two values; unset the application's with Header unset … or send them from one place only.",
      "Enable the modules with a2enmod headers rewrite (Debian/Ubuntu) and reload.",
    ];
    const creds = credentialsNote(req);
    if (creds) notes.push(creds);
    return { snippet, notes };
  },
};
