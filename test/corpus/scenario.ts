// The shape of a corpus scenario: how the lab server answers, what the page sends, and Chrome's verdict.

import type { CorsErrorName } from "../../src/cors/codes";

/**
 * Header values may use the placeholders of ./placeholders.ts (`{origin}`, `{api}`, `{alt}`, `{self}`…),
 * filled in per request by the lab server and by the simulator.
 */
export interface ResponseSpec {
  status: number;
  headers?: [string, string][];
  body?: string;
}

/** One URL of a scenario. `path` is appended to `/s/<id>`; "" is the URL the page calls. */
export interface Route {
  path: string;
  /** How OPTIONS is answered; when absent the server answers 404 without CORS headers. */
  options?: ResponseSpec;
  /** How every other method is answered. */
  response: ResponseSpec;
}

export interface ScenarioRequest {
  method: string;
  headers?: [string, string][];
  credentials?: "omit" | "same-origin" | "include";
  body?: string;
  /** Which API host the page calls: `api` (127.0.0.1, same site as the page), `alt` (localhost, cross-site) or `v6` ([::1]). */
  host?: "api" | "alt" | "v6";
  /** fetch()'s targetAddressSpace option (Local Network Access, Chrome 142+). */
  targetAddressSpace?: "public" | "local" | "loopback";
  /** Set a cookie on the API before the call, so a credentialed request carries one. */
  withCookie?: boolean;
  /** Make the call this many times in a row (a cached preflight shows on the second). */
  times?: number;
}

/** How a Local Network Access scenario is set up: run from the lab's "public" page (a loopback port Chromium is told is public). */
export interface LocalNetworkSetup {
  /** Where the call is made: that page (the default), its http: name (not a secure context), a dedicated worker, or a cross-origin frame embedded without allow=. */
  from?: "page" | "insecure" | "worker" | "frame";
  /** The permission state set for the calling page's origin before the call (CDP Browser.setPermission); unset when absent. */
  permission?: "granted" | "denied";
}

export interface ChromeVerdict {
  /** Chrome's CorsError name, or null when Chrome allows the call. */
  code: CorsErrorName | null;
  /** When several headers or methods are refused: all of them (Chrome names one). */
  disallowed?: string[];
  /** The route (hop) whose check fails, when not the last one. */
  hop?: number;
}

export interface Scenario {
  id: string;
  /** What it demonstrates, shown on the lab page's button. */
  title: string;
  routes: Route[];
  request: ScenarioRequest;
  /** Chrome 156's verdict, as observed over CDP; the e2e test checks it against the live browser too. */
  expect: ChromeVerdict;
  /** The deeper cause the diagnosis must name (a Note kind), when there is one. */
  cause?: string;
  /** A warning the diagnosis must carry (a Note kind). */
  warning?: string;
  /** True when the engine must say what it assumed (e.g. the credentials mode). */
  assumes?: boolean;
  /** Set for the Local Network Access scenarios (test/corpus/local-network.ts). */
  lna?: LocalNetworkSetup;
}
