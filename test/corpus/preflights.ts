// Preflight-cost scenarios: repeated calls to endpoints with no Max-Age, 0, 600 and 86400, and the triggers each sets.

import type { PreflightReason } from "../../src/diagnose/preflight-reasons";
import type { Scenario } from "./scenario";

export interface PreflightScenario extends Scenario {
  /** The preflight's triggers as the request below sets them (the e2e compares the export's reasons to these). */
  reasons: PreflightReason[];
  /** Access-Control-Max-Age the preflight answers with; null for none. */
  maxAge: string | null;
}

function scenario(
  id: string,
  maxAge: string | null,
  request: Scenario["request"],
  reasons: PreflightReason[],
): PreflightScenario {
  const allowHeaders = (request.headers ?? []).map(([n]) => n.toLowerCase()).join(", ");
  return {
    id,
    title: `Preflight cost: ${request.method} with ${maxAge === null ? "no Access-Control-Max-Age" : `Access-Control-Max-Age: ${maxAge}`}`,
    routes: [
      {
        path: "",
        options: {
          status: 204,
          headers: [
            ["Access-Control-Allow-Origin", "{origin}"],
            ["Access-Control-Allow-Methods", request.method],
            ...(allowHeaders ? ([["Access-Control-Allow-Headers", allowHeaders]] as [string, string][]) : []),
            ...(maxAge === null ? [] : ([["Access-Control-Max-Age", maxAge]] as [string, string][])),
          ],
        },
        response: { status: 200, headers: [["Access-Control-Allow-Origin", "{origin}"]], body: "ok" },
      },
    ],
    request: { ...request, times: 3 },
    expect: { code: null },
    reasons,
    maxAge,
  };
}

export const PREFLIGHT_SCENARIOS: PreflightScenario[] = [
  scenario("pf-no-max-age", null, { method: "PUT", headers: [["X-Api-Key", "k-1"]], body: "{}" }, [
    { kind: "method", name: "PUT" },
    { kind: "header", name: "x-api-key" },
  ]),
  scenario("pf-max-age-0", "0", { method: "DELETE", headers: [] }, [{ kind: "method", name: "DELETE" }]),
  scenario("pf-max-age-600", "600", { method: "POST", headers: [["Content-Type", "application/json"]], body: "{}" }, [
    { kind: "header-value", name: "content-type", value: "application/json" },
  ]),
  scenario(
    "pf-max-age-86400",
    "86400",
    { method: "PATCH", headers: [["Authorization", "Bearer lab-token"]], body: "{}" },
    [
      { kind: "method", name: "PATCH" },
      { kind: "header", name: "authorization" },
    ],
  ),
];

/** A simple POST that only an XHR upload listener makes preflighted (Fetch's use-CORS-preflight flag). */
export const UPLOAD_SCENARIO: PreflightScenario = {
  ...scenario("pf-upload-listener", "600", { method: "POST", body: "hello" }, [{ kind: "upload-listener" }]),
  title: "Preflight cost: an XHR POST of text whose upload has a progress listener",
};
