// Django with django-cors-headers: the settings.py lines that allow exactly this call.

import { comment, lines, list, q } from "./render";
import { credentialsNote, orderingNotes } from "./requirements";
import type { StackFixer } from "./stack";

/** corsheaders.defaults.default_headers / default_methods (3.x and 4.x). */
const DJANGO_HEADERS = [
  "accept",
  "authorization",
  "content-type",
  "dnt",
  "origin",
  "user-agent",
  "x-csrftoken",
  "x-requested-with",
];
const DJANGO_METHODS = ["DELETE", "GET", "OPTIONS", "PATCH", "POST", "PUT"];
const MIDDLEWARE = "corsheaders.middleware.CorsMiddleware";

export const django: StackFixer = {
  id: "django",
  label: "Django (django-cors-headers)",
  language: "Python",
  snippetLanguage: "python",
  build(req) {
    const extraHeaders = req.headers.filter((h) => !DJANGO_HEADERS.includes(h));
    const extraMethods = req.methods.filter((m) => !DJANGO_METHODS.includes(m));
    const imports = [
      extraHeaders.length ? "default_headers" : null,
      extraMethods.length ? "default_methods" : null,
    ].filter((s): s is string => s !== null);
    const snippet = lines(
      "# settings.py, after INSTALLED_APPS and MIDDLEWARE are defined",
      imports.length ? `from corsheaders.defaults import ${imports.join(", ")}` : null,
      imports.length ? "" : null,
      `if "corsheaders" not in INSTALLED_APPS:`,
      `    INSTALLED_APPS = [*INSTALLED_APPS, "corsheaders"]`,
      comment(
        "# ",
        "CorsMiddleware first: above CommonMiddleware, authentication and anything else that can answer OPTIONS before it.",
      ),
      `MIDDLEWARE = [${q(MIDDLEWARE)}, *[m for m in MIDDLEWARE if m != ${q(MIDDLEWARE)}]]`,
      "",
      `CORS_ALLOWED_ORIGINS = ${list([req.origin])}`,
      req.credentials ? "CORS_ALLOW_CREDENTIALS = True" : null,
      extraMethods.length ? `CORS_ALLOW_METHODS = [*default_methods, ${extraMethods.map(q).join(", ")}]` : null,
      extraHeaders.length ? `CORS_ALLOW_HEADERS = [*default_headers, ${extraHeaders.map(q).join(", ")}]` : null,
      "",
    );
    const notes = [
      ...orderingNotes(req, {
        cors: "CorsMiddleware",
        auth: "authentication middleware (and views decorated with login_required)",
      }),
      "django-cors-headers 3.5 and later (Debian 12 has 3.14; 4.x is current) read CORS_ALLOWED_ORIGINS; releases before 3.5 called it CORS_ORIGIN_WHITELIST (3.x still accepts the old name as an alias) and CORS_ALLOW_ALL_ORIGINS was CORS_ORIGIN_ALLOW_ALL.",
      "Origins in CORS_ALLOWED_ORIGINS need the scheme and no path or trailing slash; a wrong entry fails Django's system checks (corsheaders.E013).",
      "django-cors-headers answers every preflight with 200 and its configured lists without checking the requested method or headers: the browser does that check, so a header missing from CORS_ALLOW_HEADERS shows up as HeaderDisallowedByPreflightResponse.",
      "CORS is not CSRF: a credentialed POST, PUT, PATCH or DELETE from another origin also needs CSRF_TRUSTED_ORIGINS (with the scheme from Django 4.0) and the X-CSRFToken header, or Django answers 403.",
    ];
    if (req.headers.length && !extraHeaders.length) {
      notes.push(
        `The header${req.headers.length > 1 ? "s" : ""} ${req.headers.join(", ")} ${req.headers.length > 1 ? "are" : "is"} in django-cors-headers' defaults already; no CORS_ALLOW_HEADERS needed.`,
      );
    }
    const creds = credentialsNote(req);
    if (creds) notes.push(creds);
    return { snippet, notes };
  },
};
