// The scenario corpus: server behaviours, the request the page makes, and Chrome 156's verdict for each.

import type { ResponseSpec, Scenario } from "./scenario";

const ok = (headers: [string, string][] = [], status = 200): ResponseSpec => ({
  status,
  headers: [["Content-Type", "application/json"], ...headers],
  body: '{"ok":true}',
});
const ACAO = "Access-Control-Allow-Origin";
const ACAM = "Access-Control-Allow-Methods";
const ACAH = "Access-Control-Allow-Headers";
const ACAC = "Access-Control-Allow-Credentials";
const allowOrigin: [string, string] = [ACAO, "{origin}"];
const preflightOk = (extra: [string, string][] = []): ResponseSpec => ({
  status: 204,
  headers: [allowOrigin, ...extra],
});
const get = { method: "GET" };
const putJson = { method: "PUT", headers: [["Content-Type", "application/json"]] as [string, string][], body: "{}" };

export const SCENARIOS: Scenario[] = [
  // ── Calls that work ──
  {
    id: "simple-get-ok",
    title: "Simple GET, server names the page's origin",
    routes: [{ path: "", response: ok([allowOrigin]) }],
    request: get,
    expect: { code: null },
  },
  {
    id: "simple-get-wildcard",
    title: "Simple GET, server allows any origin (*)",
    routes: [{ path: "", response: ok([[ACAO, "*"]]) }],
    request: get,
    expect: { code: null },
  },
  {
    id: "preflight-put-ok",
    title: "PUT with JSON: preflight allows the method and Content-Type",
    routes: [
      {
        path: "",
        options: preflightOk([
          [ACAM, "PUT"],
          [ACAH, "Content-Type"],
        ]),
        response: ok([allowOrigin]),
      },
    ],
    request: putJson,
    expect: { code: null },
  },
  {
    id: "credentialed-ok",
    title: "Credentialed GET with a cookie: origin named, credentials allowed",
    routes: [{ path: "", response: ok([allowOrigin, [ACAC, "true"]]) }],
    request: { method: "GET", credentials: "include", withCookie: true },
    expect: { code: null },
  },
  // ── Blocked: the actual response ──
  {
    id: "missing-acao",
    title: "No Access-Control-Allow-Origin at all",
    routes: [{ path: "", response: ok() }],
    request: get,
    expect: { code: "MissingAllowOriginHeader" },
  },
  {
    id: "acao-other-origin",
    title: "Allow-Origin names another origin",
    routes: [{ path: "", response: ok([[ACAO, "https://app.example.com"]]) }],
    request: get,
    expect: { code: "AllowOriginMismatch" },
  },
  {
    id: "acao-localhost-vs-127",
    title: "Allow-Origin says localhost, the page is on 127.0.0.1",
    routes: [{ path: "", response: ok([[ACAO, "{originAsLocalhost}"]]) }],
    request: get,
    expect: { code: "AllowOriginMismatch" },
    cause: "origin-near-miss",
  },
  {
    id: "error-500-without-cors",
    title: "500 error response without CORS headers",
    routes: [{ path: "", response: { status: 500, headers: [["Content-Type", "text/plain"]], body: "boom" } }],
    request: get,
    expect: { code: "MissingAllowOriginHeader" },
    cause: "error-status-without-cors-headers",
  },
  {
    id: "wildcard-with-credentials",
    title: "Allow-Origin * on a credentialed call with a cookie",
    routes: [{ path: "", response: ok([[ACAO, "*"]]) }],
    request: { method: "GET", credentials: "include", withCookie: true },
    expect: { code: "WildcardOriginNotAllowed" },
  },
  // ── Blocked: the preflight ──
  {
    id: "preflight-401-no-cors",
    title: "Auth answers OPTIONS with 401 before CORS runs",
    routes: [
      {
        path: "",
        options: { status: 401, headers: [["WWW-Authenticate", 'Bearer realm="api"']] },
        response: ok([allowOrigin]),
      },
    ],
    request: putJson,
    expect: { code: "PreflightMissingAllowOriginHeader" },
    cause: "auth-before-cors",
  },
  {
    id: "preflight-401-with-cors",
    title: "OPTIONS answered 401 with CORS headers",
    routes: [{ path: "", options: { status: 401, headers: [allowOrigin] }, response: ok([allowOrigin]) }],
    request: putJson,
    expect: { code: "PreflightInvalidStatus" },
    cause: "auth-before-cors",
  },
  {
    id: "header-not-allowed",
    title: "Custom header X-Custom not in Allow-Headers",
    routes: [{ path: "", options: preflightOk([[ACAH, "Content-Type"]]), response: ok([allowOrigin]) }],
    request: { method: "GET", headers: [["X-Custom", "1"]] },
    expect: { code: "HeaderDisallowedByPreflightResponse", disallowed: ["x-custom"] },
  },
  {
    id: "two-headers-not-allowed",
    title: "Two custom headers, neither allowed",
    routes: [{ path: "", options: preflightOk(), response: ok([allowOrigin]) }],
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
    id: "method-not-allowed",
    title: "DELETE not in Allow-Methods",
    routes: [{ path: "", options: preflightOk([[ACAM, "GET, POST"]]), response: ok([allowOrigin]) }],
    request: { method: "DELETE" },
    expect: { code: "MethodDisallowedByPreflightResponse", disallowed: ["DELETE"] },
  },
];
