// Lab scenarios where Firefox's checks run in another order than Chrome's, or where its webRequest loses a detail.

import type { Scenario } from "../corpus/scenario";

const ACAO = "Access-Control-Allow-Origin";
const putJson = { method: "PUT", headers: [["Content-Type", "application/json"]] as [string, string][], body: "{}" };
const ok = {
  status: 200,
  headers: [
    ["Content-Type", "application/json"],
    [ACAO, "{origin}"],
  ] as [string, string][],
};

/** `expect` is the engine's Chrome verdict (the order of the Fetch standard and Chromium's code). */
export const FIREFOX_SCENARIOS: Scenario[] = [
  {
    id: "ff-preflight-redirect-no-acao",
    title: "OPTIONS redirected without Allow-Origin (Firefox checks Allow-Origin before refusing the redirect)",
    routes: [{ path: "", response: ok, options: { status: 302, headers: [["Location", "{api}/elsewhere"]] } }],
    request: putJson,
    expect: { code: "PreflightDisallowedRedirect" },
  },
  {
    id: "ff-method-before-allow-headers",
    title: "PUT not allowed and Allow-Headers unparsable (Firefox matches the method before parsing Allow-Headers)",
    routes: [
      {
        path: "",
        response: ok,
        options: {
          status: 204,
          headers: [
            [ACAO, "{origin}"],
            ["Access-Control-Allow-Methods", "GET"],
            ["Access-Control-Allow-Headers", "content-type; x-a"],
          ],
        },
      },
    ],
    request: putJson,
    expect: { code: "InvalidAllowHeadersPreflightResponse" },
  },
  {
    id: "ff-acao-two-different-lines",
    title: "Allow-Origin sent twice with different origins (Firefox's webRequest shows one joined line)",
    routes: [{ path: "", response: { ...ok, headers: [...ok.headers, [ACAO, "https://app.example.com"]] } }],
    request: { method: "GET" },
    expect: { code: "MultipleAllowOriginValues" },
  },
];
