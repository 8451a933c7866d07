// The preflight check (Chrome's preflight_controller + preflight_result): redirect, origin, status, methods, headers.

import { corsCheck, combinedValue, type CheckFailure, type CredentialsMode } from "./check";
import type { BrowserName, CorsErrorName } from "./codes";
import { headerValue, isToken, splitList, type Header } from "./headers";
import { isSafelistedMethod } from "./safelist";

export interface PreflightResponse {
  statusCode: number | null;
  responseHeaders: readonly Header[] | null;
}

export interface PreflightRequest {
  origin: string;
  /** The actual request's method, normalised (Access-Control-Request-Method). */
  method: string;
  /** The CORS-unsafe header names (Access-Control-Request-Headers), lower-case. */
  unsafeHeaders: readonly string[];
  /** The actual request's credentials mode: the preflight itself never carries credentials. */
  credentials: CredentialsMode;
}

export interface PreflightFailure extends CheckFailure {
  /** Every method or header name the preflight refused (Chrome names only one). */
  disallowed: string[];
}

export interface PreflightOutcome {
  failure: PreflightFailure | null;
  /** Authorization allowed only by `Access-Control-Allow-Headers: *`: Chrome 156 and Firefox 153 pass it, Fetch not. */
  authorizationUnderWildcard: boolean;
}

const ACAM = "Access-Control-Allow-Methods";
const ACAH = "Access-Control-Allow-Headers";

function isRedirect(status: number | null, headers: readonly Header[] | null): boolean {
  return status !== null && [301, 302, 303, 307, 308].includes(status) && headerValue(headers, "location") !== null;
}

function fail(code: CorsErrorName, header: string, rest: Partial<PreflightFailure> = {}): PreflightFailure {
  return { code, header, failedParameter: "", received: null, expected: "", disallowed: [], ...rest };
}

/** Parses a comma list of tokens; null when an item is not a token (Chrome then refuses the whole preflight). */
function parseTokenList(value: string | null): string[] | null {
  if (value === null) return [];
  const items = splitList(value);
  return items.every(isToken) ? items : null;
}

/**
 * Runs the preflight's checks in the browser's order (first failure wins). Chrome refuses a redirect before it looks
 * at Allow-Origin and parses both lists before matching; Firefox (nsCORSListenerProxy.cpp) checks the redirected
 * response's Allow-Origin first, and matches the method before it parses Allow-Headers.
 */
export function preflightCheck(
  response: PreflightResponse,
  request: PreflightRequest,
  browser: BrowserName = "chrome",
): PreflightOutcome {
  const headers = response.responseHeaders;
  const include = request.credentials === "include";
  const rawMethods = combinedValue(headers, ACAM);
  const rawHeaders = combinedValue(headers, ACAH);
  const methods = parseTokenList(rawMethods);
  const allowed = parseTokenList(rawHeaders);
  const wildcard = !include && (allowed ?? []).includes("*");
  const allowedLower = new Set((allowed ?? []).map((h) => h.toLowerCase()));

  const redirect = (): PreflightFailure | null =>
    isRedirect(response.statusCode, headers)
      ? fail("PreflightDisallowedRedirect", "Location", {
          received: headerValue(headers, "location"),
          expected: `a 2xx answer to OPTIONS (got ${response.statusCode})`,
        })
      : null;
  const origin = (): PreflightFailure | null => {
    const f = corsCheck(headers, request.origin, request.credentials);
    return f && { ...f, code: `Preflight${f.code}` as CorsErrorName, disallowed: [] };
  };
  const status = (): PreflightFailure | null => {
    const code = response.statusCode ?? 0;
    return code < 200 || code > 299
      ? fail("PreflightInvalidStatus", "Status", {
          received: String(response.statusCode ?? "none"),
          expected: "200–299 (usually 204)",
        })
      : null;
  };
  const methodList = (): PreflightFailure | null =>
    methods === null
      ? fail("InvalidAllowMethodsPreflightResponse", ACAM, {
          received: rawMethods,
          expected: "a comma-separated list of methods",
        })
      : null;
  const headerList = (): PreflightFailure | null =>
    allowed === null
      ? fail("InvalidAllowHeadersPreflightResponse", ACAH, {
          received: rawHeaders,
          expected: "a comma-separated list of header names",
        })
      : null;
  const method = (): PreflightFailure | null => {
    const m = request.method;
    const list = methods ?? [];
    if (isSafelistedMethod(m) || list.includes(m) || (!include && list.includes("*"))) return null;
    return fail("MethodDisallowedByPreflightResponse", ACAM, {
      failedParameter: m,
      received: rawMethods,
      expected: rawMethods ? `${rawMethods}, ${m}` : m,
      disallowed: [m],
    });
  };
  const header = (): PreflightFailure | null => {
    const refused = request.unsafeHeaders.filter((h) => !wildcard && !allowedLower.has(h));
    if (refused.length === 0) return null;
    const missing = refused.join(", ");
    return fail("HeaderDisallowedByPreflightResponse", ACAH, {
      failedParameter: chromePick(refused),
      received: rawHeaders,
      expected: rawHeaders ? `${rawHeaders}, ${missing}` : missing,
      disallowed: refused,
    });
  };

  const order =
    browser === "firefox"
      ? [origin, redirect, status, methodList, method, headerList, header]
      : [redirect, origin, status, methodList, headerList, method, header];
  for (const check of order) {
    const failure = check();
    if (failure) return { failure, authorizationUnderWildcard: false };
  }
  const authorizationUnderWildcard =
    wildcard && request.unsafeHeaders.includes("authorization") && !allowedLower.has("authorization");
  return { failure: null, authorizationUnderWildcard };
}

/**
 * Chrome names one refused header, the first in Blink's header-map (hash) order, which no extension can see.
 * Observed in Chrome 156: the last in sorted order ([x-alpha, x-zeta] → x-zeta; [x-a, x-b, x-c] → x-c).
 */
function chromePick(refused: readonly string[]): string {
  return [...refused].sort().at(-1) ?? "";
}
