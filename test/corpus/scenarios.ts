// The scenario corpus: server behaviours, the request the page makes, and Chrome 156's verdict for each.

import type { ResponseSpec, Scenario, ScenarioRequest } from "./scenario";

type H = [string, string];
const ok = (headers: H[] = [], status = 200): ResponseSpec => ({
  status,
  headers: [["Content-Type", "application/json"], ...headers],
  body: '{"ok":true}',
});
const plain = (status: number, headers: H[] = [], body = "error"): ResponseSpec => ({
  status,
  headers: [["Content-Type", "text/plain"], ...headers],
  body,
});
const redirect = (to: string, headers: H[] = [], status = 302): ResponseSpec => ({
  status,
  headers: [["Location", to], ...headers],
});
const ACAO = "Access-Control-Allow-Origin";
const ACAM = "Access-Control-Allow-Methods";
const ACAH = "Access-Control-Allow-Headers";
const ACAC = "Access-Control-Allow-Credentials";
const origin: H = [ACAO, "{origin}"];
const creds: H = [ACAC, "true"];
const preflightOk = (extra: H[] = []): ResponseSpec => ({ status: 204, headers: [origin, ...extra] });

const get: ScenarioRequest = { method: "GET" };
const putJson: ScenarioRequest = { method: "PUT", headers: [["Content-Type", "application/json"]], body: "{}" };
const withCookie: ScenarioRequest = { method: "GET", credentials: "include", withCookie: true };
const putWithCookie: ScenarioRequest = { ...putJson, credentials: "include", withCookie: true };
const one = (response: ResponseSpec, options?: ResponseSpec) => [
  { path: "", response, ...(options ? { options } : {}) },
];

export const SCENARIOS: Scenario[] = [
  // ── Calls that work ──
  {
    id: "simple-get-ok",
    title: "Simple GET, server names the page's origin",
    routes: one(ok([origin])),
    request: get,
    expect: { code: null },
  },
  {
    id: "simple-get-wildcard",
    title: "Simple GET, server allows any origin (*)",
    routes: one(ok([[ACAO, "*"]])),
    request: get,
    expect: { code: null },
  },
  {
    id: "wildcard-ignores-credentials-header",
    title: "* with Allow-Credentials on a call without credentials",
    routes: one(ok([[ACAO, "*"], creds])),
    request: get,
    expect: { code: null },
  },
  {
    id: "simple-post-text",
    title: "POST text/plain needs no preflight",
    routes: one(ok([origin])),
    request: { method: "POST", headers: [["Content-Type", "text/plain;charset=UTF-8"]], body: "hi" },
    expect: { code: null },
  },
  {
    id: "head-ok",
    title: "HEAD with the origin allowed",
    routes: one(ok([origin])),
    request: { method: "HEAD" },
    expect: { code: null },
  },
  {
    id: "range-safelisted",
    title: "GET with a safelisted Range header, no preflight",
    routes: one(ok([origin])),
    request: { method: "GET", headers: [["Range", "bytes=0-"]] },
    expect: { code: null },
  },
  {
    id: "preflight-put-ok",
    title: "PUT with JSON: preflight allows the method and Content-Type",
    routes: one(
      ok([origin]),
      preflightOk([
        [ACAM, "PUT"],
        [ACAH, "Content-Type"],
      ]),
    ),
    request: putJson,
    expect: { code: null },
  },
  {
    id: "preflight-200-ok",
    title: "Preflight answered 200 (not 204) is fine",
    routes: one(ok([origin]), { status: 200, headers: [origin, [ACAM, "PUT"], [ACAH, "content-type"]] }),
    request: putJson,
    expect: { code: null },
  },
  {
    id: "preflight-wildcards-ok",
    title: "Allow-Methods * and Allow-Headers * without credentials",
    routes: one(ok([[ACAO, "*"]]), {
      status: 204,
      headers: [
        [ACAO, "*"],
        [ACAM, "*"],
        [ACAH, "*"],
      ],
    }),
    request: { method: "DELETE", headers: [["X-Trace", "1"]] },
    expect: { code: null },
  },
  {
    id: "authorization-under-wildcard",
    title: "Authorization allowed only by Allow-Headers * (Chrome allows, with a deprecation)",
    routes: one(ok([origin]), preflightOk([[ACAH, "*"]])),
    request: { method: "GET", headers: [["Authorization", "Bearer lab-token-123"]] },
    expect: { code: null },
    warning: "authorization-covered-by-wildcard",
  },
  {
    // Node's HTTP parser answers a lower-case "patch" itself with 400, so the exact-case success uses PATCH.
    id: "patch-allowed",
    title: "PATCH listed in Allow-Methods",
    routes: one(ok([origin]), preflightOk([[ACAM, "GET, PATCH"]])),
    request: { method: "PATCH" },
    expect: { code: null },
  },
  {
    id: "delete-lowercase-normalised",
    title: "fetch method 'delete' is normalised to DELETE",
    routes: one(ok([origin]), preflightOk([[ACAM, "DELETE"]])),
    request: { method: "delete" },
    expect: { code: null },
  },
  {
    id: "credentialed-ok",
    title: "Credentialed GET with a cookie: origin named, credentials allowed",
    routes: one(ok([origin, creds])),
    request: withCookie,
    expect: { code: null },
  },
  {
    id: "credentialed-preflight-ok",
    title: "Credentialed PUT: preflight and response both allow credentials",
    routes: one(ok([origin, creds]), preflightOk([creds, [ACAM, "PUT"], [ACAH, "content-type"]])),
    request: putWithCookie,
    expect: { code: null },
  },
  {
    id: "error-404-with-cors",
    title: "404 with CORS headers: the page can read the error",
    routes: one(plain(404, [origin])),
    request: get,
    expect: { code: null },
  },
  {
    id: "acao-with-whitespace",
    title: "Allow-Origin with surrounding whitespace is trimmed",
    routes: one(ok([[ACAO, "  {origin}  "]])),
    request: get,
    expect: { code: null },
  },
  {
    id: "cached-preflight",
    title: "Preflight cached by Max-Age: the second PUT sends none",
    routes: one(
      ok([origin]),
      preflightOk([
        [ACAM, "PUT"],
        [ACAH, "content-type"],
        ["Access-Control-Max-Age", "600"],
      ]),
    ),
    request: { ...putJson, times: 2 },
    expect: { code: null },
  },
  {
    id: "redirect-same-origin-ok",
    title: "Redirect within the API origin, both hops allow the origin",
    routes: [
      { path: "", response: redirect("{api}/s/redirect-same-origin-ok/2", [origin]) },
      { path: "/2", response: ok([origin]) },
    ],
    request: get,
    expect: { code: null },
  },
  {
    id: "redirect-cross-origin-wildcard-ok",
    title: "Redirect to another origin: Origin becomes null, * still allows",
    routes: [
      { path: "", response: redirect("{alt}/s/redirect-cross-origin-wildcard-ok/2", [origin]) },
      { path: "/2", response: ok([[ACAO, "*"]]) },
    ],
    request: get,
    expect: { code: null },
  },
  {
    id: "redirect-cross-origin-null-ok",
    title: "Redirect to another origin answered with Allow-Origin: null",
    routes: [
      { path: "", response: redirect("{alt}/s/redirect-cross-origin-null-ok/2", [origin]) },
      { path: "/2", response: ok([[ACAO, "null"]]) },
    ],
    request: get,
    expect: { code: null },
  },

  // ── Blocked by the actual response ──
  {
    id: "missing-acao",
    title: "No Access-Control-Allow-Origin at all",
    routes: one(ok()),
    request: get,
    expect: { code: "MissingAllowOriginHeader" },
  },
  {
    id: "acao-other-origin",
    title: "Allow-Origin names another origin",
    routes: one(ok([[ACAO, "https://app.example.com"]])),
    request: get,
    expect: { code: "AllowOriginMismatch" },
  },
  {
    id: "acao-localhost-vs-127",
    title: "Allow-Origin says localhost, the page is on 127.0.0.1",
    routes: one(ok([[ACAO, "{originAsLocalhost}"]])),
    request: get,
    expect: { code: "AllowOriginMismatch" },
    cause: "origin-near-miss",
  },
  {
    id: "acao-trailing-slash",
    title: "Allow-Origin with a trailing slash",
    routes: one(ok([[ACAO, "{origin}/"]])),
    request: get,
    expect: { code: "AllowOriginMismatch" },
    cause: "origin-near-miss",
  },
  {
    id: "acao-upper-case",
    title: "Allow-Origin in upper case",
    routes: one(ok([[ACAO, "{originUpper}"]])),
    request: get,
    expect: { code: "AllowOriginMismatch" },
    cause: "origin-near-miss",
  },
  {
    id: "acao-https-vs-http",
    title: "Allow-Origin says https, the page is http",
    routes: one(ok([[ACAO, "{originHttps}"]])),
    request: get,
    expect: { code: "AllowOriginMismatch" },
    cause: "origin-near-miss",
  },
  {
    id: "acao-null",
    title: "Allow-Origin: null",
    routes: one(ok([[ACAO, "null"]])),
    request: get,
    expect: { code: "AllowOriginMismatch" },
  },
  {
    id: "acao-two-lines",
    title: "Allow-Origin sent twice (two header lines)",
    routes: one(ok([origin, origin])),
    request: get,
    expect: { code: "MultipleAllowOriginValues" },
  },
  {
    id: "acao-list",
    title: "Allow-Origin with a comma-separated list",
    routes: one(ok([[ACAO, "{origin}, https://app.example.com"]])),
    request: get,
    expect: { code: "MultipleAllowOriginValues" },
  },
  {
    id: "acao-space-list",
    title: "Allow-Origin with a space-separated list",
    routes: one(ok([[ACAO, "https://app.example.com {origin}"]])),
    request: get,
    expect: { code: "MultipleAllowOriginValues" },
  },
  {
    id: "acao-invalid-port",
    title: "Allow-Origin with two ports (not a URL)",
    routes: one(ok([[ACAO, "{origin}:80"]])),
    request: get,
    expect: { code: "InvalidAllowOriginValue" },
  },
  {
    id: "acao-garbage",
    title: "Allow-Origin is not an origin at all",
    routes: one(ok([[ACAO, "yes-please"]])),
    request: get,
    expect: { code: "InvalidAllowOriginValue" },
  },
  {
    id: "wildcard-with-credentials",
    title: "Allow-Origin * on a credentialed call with a cookie",
    routes: one(ok([[ACAO, "*"]])),
    request: withCookie,
    expect: { code: "WildcardOriginNotAllowed" },
  },
  {
    id: "wildcard-credentials-no-cookie",
    title: "Allow-Origin * on credentials: 'include' with no cookie to send",
    routes: one(ok([[ACAO, "*"]])),
    request: { method: "GET", credentials: "include", host: "alt" },
    expect: { code: "WildcardOriginNotAllowed" },
    assumes: true,
  },
  {
    id: "credentials-header-missing",
    title: "Credentialed call, no Allow-Credentials",
    routes: one(ok([origin])),
    request: withCookie,
    expect: { code: "InvalidAllowCredentials" },
  },
  {
    id: "credentials-header-upper-case",
    title: "Allow-Credentials: TRUE (must be lower case)",
    routes: one(ok([origin, [ACAC, "TRUE"]])),
    request: withCookie,
    expect: { code: "InvalidAllowCredentials" },
  },
  {
    id: "credentials-header-twice",
    title: "Allow-Credentials sent twice",
    routes: one(ok([origin, creds, creds])),
    request: withCookie,
    expect: { code: "InvalidAllowCredentials" },
  },
  {
    id: "error-500-without-cors",
    title: "500 error response without CORS headers",
    routes: one(plain(500)),
    request: get,
    expect: { code: "MissingAllowOriginHeader" },
    cause: "error-status-without-cors-headers",
  },
  {
    id: "error-403-without-cors",
    title: "403 from an auth layer without CORS headers",
    routes: one(plain(403)),
    request: get,
    expect: { code: "MissingAllowOriginHeader" },
    cause: "error-status-without-cors-headers",
  },
  {
    id: "error-502-without-cors",
    title: "502 from a proxy without CORS headers",
    routes: one(plain(502)),
    request: get,
    expect: { code: "MissingAllowOriginHeader" },
    cause: "error-status-without-cors-headers",
  },

  // ── Blocked by the preflight ──
  {
    id: "preflight-401-no-cors",
    title: "Auth answers OPTIONS with 401 before CORS runs",
    routes: one(ok([origin]), plain(401, [["WWW-Authenticate", 'Bearer realm="api"']])),
    request: putJson,
    expect: { code: "PreflightMissingAllowOriginHeader" },
    cause: "auth-before-cors",
  },
  {
    id: "preflight-401-with-cors",
    title: "OPTIONS answered 401 with CORS headers",
    routes: one(ok([origin]), plain(401, [origin])),
    request: putJson,
    expect: { code: "PreflightInvalidStatus" },
    cause: "auth-before-cors",
  },
  {
    id: "preflight-not-routed",
    title: "Nothing handles OPTIONS (404 without headers)",
    routes: one(ok([origin])),
    request: putJson,
    expect: { code: "PreflightMissingAllowOriginHeader" },
    cause: "options-not-routed",
  },
  {
    id: "preflight-405-with-cors",
    title: "OPTIONS answered 405 with CORS headers",
    routes: one(ok([origin]), plain(405, [origin])),
    request: putJson,
    expect: { code: "PreflightInvalidStatus" },
    cause: "options-not-routed",
  },
  {
    id: "preflight-500-no-cors",
    title: "OPTIONS crashes with 500 without CORS headers",
    routes: one(ok([origin]), plain(500)),
    request: putJson,
    expect: { code: "PreflightMissingAllowOriginHeader" },
    cause: "error-status-without-cors-headers",
  },
  {
    id: "preflight-middleware-rejects-origin",
    title: "Starlette-style 400 'Disallowed CORS origin' without CORS headers",
    routes: one(ok([origin]), plain(400, [], "Disallowed CORS origin")),
    request: putJson,
    expect: { code: "PreflightMissingAllowOriginHeader" },
    cause: "middleware-rejected-origin",
  },
  {
    id: "preflight-middleware-rejects-headers",
    title: "Starlette-style 400 'Disallowed CORS headers' with Allow-Origin",
    routes: one(ok([origin]), plain(400, [origin], "Disallowed CORS headers")),
    request: putJson,
    expect: { code: "PreflightInvalidStatus" },
    cause: "middleware-rejected-request",
  },
  {
    id: "preflight-redirect",
    title: "OPTIONS answered with a redirect",
    routes: one(ok([origin]), redirect("{api}/elsewhere", [origin])),
    request: putJson,
    expect: { code: "PreflightDisallowedRedirect" },
  },
  {
    id: "preflight-acao-mismatch",
    title: "Preflight allows another origin",
    routes: one(ok([origin]), { status: 204, headers: [[ACAO, "https://app.example.com"]] }),
    request: putJson,
    expect: { code: "PreflightAllowOriginMismatch" },
  },
  {
    id: "preflight-acao-multiple",
    title: "Preflight sends Allow-Origin twice",
    routes: one(ok([origin]), { status: 204, headers: [origin, origin, [ACAM, "PUT"]] }),
    request: putJson,
    expect: { code: "PreflightMultipleAllowOriginValues" },
  },
  {
    id: "preflight-acao-invalid",
    title: "Preflight Allow-Origin is not an origin",
    routes: one(ok([origin]), { status: 204, headers: [[ACAO, "*.example.com"]] }),
    request: putJson,
    expect: { code: "PreflightInvalidAllowOriginValue" },
  },
  {
    id: "preflight-wildcard-credentials",
    title: "Credentialed PUT, preflight answers Allow-Origin *",
    routes: one(ok([origin, creds]), {
      status: 204,
      headers: [
        [ACAO, "*"],
        [ACAM, "PUT"],
        [ACAH, "content-type"],
      ],
    }),
    request: putWithCookie,
    expect: { code: "PreflightWildcardOriginNotAllowed" },
  },
  {
    id: "preflight-credentials-missing",
    title: "Credentialed PUT, preflight lacks Allow-Credentials",
    routes: one(
      ok([origin, creds]),
      preflightOk([
        [ACAM, "PUT"],
        [ACAH, "content-type"],
      ]),
    ),
    request: putWithCookie,
    expect: { code: "PreflightInvalidAllowCredentials" },
  },
  {
    id: "allow-methods-unparsable",
    title: "Allow-Methods 'PUT DELETE' (spaces, no commas)",
    routes: one(
      ok([origin]),
      preflightOk([
        [ACAM, "PUT DELETE"],
        [ACAH, "content-type"],
      ]),
    ),
    request: putJson,
    expect: { code: "InvalidAllowMethodsPreflightResponse" },
  },
  {
    id: "allow-headers-unparsable",
    title: "Allow-Headers with a character no header name has",
    routes: one(
      ok([origin]),
      preflightOk([
        [ACAM, "PUT"],
        [ACAH, "content-type; x-a"],
      ]),
    ),
    request: putJson,
    expect: { code: "InvalidAllowHeadersPreflightResponse" },
  },
  {
    id: "method-not-allowed",
    title: "DELETE not in Allow-Methods",
    routes: one(ok([origin]), preflightOk([[ACAM, "GET, POST"]])),
    request: { method: "DELETE" },
    expect: { code: "MethodDisallowedByPreflightResponse", disallowed: ["DELETE"] },
  },
  {
    id: "method-case-mismatch",
    title: "Method 'patch' against Allow-Methods 'PATCH' (case-sensitive)",
    routes: one(ok([origin]), preflightOk([[ACAM, "PATCH"]])),
    request: { method: "patch" },
    expect: { code: "MethodDisallowedByPreflightResponse", disallowed: ["patch"] },
  },
  {
    id: "method-wildcard-with-credentials",
    title: "Allow-Methods * does not cover a credentialed PUT",
    routes: one(ok([origin, creds]), preflightOk([creds, [ACAM, "*"], [ACAH, "content-type"]])),
    request: putWithCookie,
    expect: { code: "MethodDisallowedByPreflightResponse", disallowed: ["PUT"] },
  },
  {
    id: "put-no-allow-methods",
    title: "PUT with no Allow-Methods at all",
    routes: one(ok([origin]), preflightOk([[ACAH, "content-type"]])),
    request: putJson,
    expect: { code: "MethodDisallowedByPreflightResponse", disallowed: ["PUT"] },
  },
  {
    id: "header-not-allowed",
    title: "Custom header X-Custom not in Allow-Headers",
    routes: one(ok([origin]), preflightOk([[ACAH, "Content-Type"]])),
    request: { method: "GET", headers: [["X-Custom", "1"]] },
    expect: { code: "HeaderDisallowedByPreflightResponse", disallowed: ["x-custom"] },
  },
  {
    id: "two-headers-not-allowed",
    title: "Two custom headers, neither allowed",
    routes: one(ok([origin]), preflightOk()),
    request: {
      method: "GET",
      headers: [
        ["X-Alpha", "1"],
        ["X-Zeta", "2"],
      ],
    },
    expect: { code: "HeaderDisallowedByPreflightResponse", disallowed: ["x-alpha", "x-zeta"] },
  },
  {
    id: "three-headers-not-allowed",
    title: "Three custom headers, none allowed",
    routes: one(ok([origin]), preflightOk()),
    request: {
      method: "GET",
      headers: [
        ["X-B", "1"],
        ["X-A", "2"],
        ["X-C", "3"],
      ],
    },
    expect: { code: "HeaderDisallowedByPreflightResponse", disallowed: ["x-a", "x-b", "x-c"] },
  },
  {
    id: "one-of-two-headers-allowed",
    title: "X-A allowed, X-B not",
    routes: one(ok([origin]), preflightOk([[ACAH, "x-a"]])),
    request: {
      method: "GET",
      headers: [
        ["X-A", "1"],
        ["X-B", "2"],
      ],
    },
    expect: { code: "HeaderDisallowedByPreflightResponse", disallowed: ["x-b"] },
  },
  {
    id: "json-content-type-not-allowed",
    title: "POST application/json, Content-Type not in Allow-Headers",
    routes: one(ok([origin]), preflightOk([[ACAM, "POST"]])),
    request: { method: "POST", headers: [["Content-Type", "application/json"]], body: "{}" },
    expect: { code: "HeaderDisallowedByPreflightResponse", disallowed: ["content-type"] },
  },
  {
    id: "authorization-not-allowed",
    title: "Authorization not in Allow-Headers",
    routes: one(ok([origin]), preflightOk([[ACAH, "content-type"]])),
    request: { method: "GET", headers: [["Authorization", "Bearer lab-token-123"]] },
    expect: { code: "HeaderDisallowedByPreflightResponse", disallowed: ["authorization"] },
  },
  {
    id: "long-accept-header",
    title: "Accept longer than 128 bytes is no longer safelisted",
    routes: one(ok([origin]), preflightOk([[ACAH, "content-type"]])),
    request: { method: "GET", headers: [["Accept", "application/json;q=0.9," + "x".repeat(120)]] },
    expect: { code: "HeaderDisallowedByPreflightResponse", disallowed: ["accept"] },
  },
  {
    id: "header-wildcard-with-credentials",
    title: "Allow-Headers * does not cover a credentialed call's header",
    routes: one(ok([origin, creds]), preflightOk([creds, [ACAH, "*"]])),
    request: { method: "GET", headers: [["X-Custom", "1"]], credentials: "include", withCookie: true },
    expect: { code: "HeaderDisallowedByPreflightResponse", disallowed: ["x-custom"] },
  },

  // ── Blocked on a redirect ──
  {
    id: "redirect-without-cors",
    title: "The 302 itself has no Allow-Origin",
    routes: [
      { path: "", response: redirect("{api}/s/redirect-without-cors/2") },
      { path: "/2", response: ok([origin]) },
    ],
    request: get,
    expect: { code: "MissingAllowOriginHeader", hop: 0 },
  },
  {
    id: "redirect-tainted-origin",
    title: "Redirect to another origin, which then allows only the page's origin",
    routes: [
      { path: "", response: redirect("{alt}/s/redirect-tainted-origin/2", [origin]) },
      { path: "/2", response: ok([origin]) },
    ],
    request: get,
    expect: { code: "AllowOriginMismatch" },
  },
  {
    id: "redirect-with-userinfo",
    title: "Redirect to a URL with user:password@",
    routes: [
      { path: "", response: redirect("{apiWithUserinfo}/s/redirect-with-userinfo/2", [origin]) },
      { path: "/2", response: ok([origin]) },
    ],
    request: get,
    expect: { code: "RedirectContainsCredentials", hop: 0 },
  },
  {
    id: "redirect-then-preflight-fails",
    title: "PUT redirected (307) to another origin whose preflight lacks Allow-Origin",
    routes: [
      {
        path: "",
        response: redirect("{alt}/s/redirect-then-preflight-fails/2", [origin], 307),
        options: preflightOk([
          [ACAM, "PUT"],
          [ACAH, "content-type"],
        ]),
      },
      { path: "/2", response: ok([[ACAO, "*"]]), options: { status: 204, headers: [[ACAM, "PUT"]] } },
    ],
    request: putJson,
    expect: { code: "PreflightMissingAllowOriginHeader" },
  },
];
