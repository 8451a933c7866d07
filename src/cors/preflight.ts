// The preflight check (Chrome's preflight_controller + preflight_result): redirect, origin, status, methods, headers.

import { corsCheck, combinedValue, type CheckFailure, type CredentialsMode } from "./check";
import type { CorsErrorName } from "./codes";
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
  /** Authorization allowed only by `Access-Control-Allow-Headers: *` (Chrome 156 lets it pass, the standard does not). */
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

export function preflightCheck(response: PreflightResponse, request: PreflightRequest): PreflightOutcome {
  const ok = (authorizationUnderWildcard = false): PreflightOutcome => ({ failure: null, authorizationUnderWildcard });
  const headers = response.responseHeaders;
  if (isRedirect(response.statusCode, headers)) {
    return {
      failure: fail("PreflightDisallowedRedirect", "Location", {
        received: headerValue(headers, "location"),
        expected: `a 2xx answer to OPTIONS (got ${response.statusCode})`,
      }),
      authorizationUnderWildcard: false,
    };
  }
  const originFailure = corsCheck(headers, request.origin, request.credentials);
  if (originFailure) {
    return {
      failure: { ...originFailure, code: `Preflight${originFailure.code}` as CorsErrorName, disallowed: [] },
      authorizationUnderWildcard: false,
    };
  }
  const status = response.statusCode ?? 0;
  if (status < 200 || status > 299) {
    return {
      failure: fail("PreflightInvalidStatus", "Status", {
        received: String(response.statusCode ?? "none"),
        expected: "200–299 (usually 204)",
      }),
      authorizationUnderWildcard: false,
    };
  }
  const rawMethods = combinedValue(headers, ACAM);
  const rawHeaders = combinedValue(headers, ACAH);
  const methods = parseTokenList(rawMethods);
  if (methods === null)
    return {
      failure: fail("InvalidAllowMethodsPreflightResponse", ACAM, {
        received: rawMethods,
        expected: "a comma-separated list of methods",
      }),
      authorizationUnderWildcard: false,
    };
  const allowed = parseTokenList(rawHeaders);
  if (allowed === null)
    return {
      failure: fail("InvalidAllowHeadersPreflightResponse", ACAH, {
        received: rawHeaders,
        expected: "a comma-separated list of header names",
      }),
      authorizationUnderWildcard: false,
    };

  const include = request.credentials === "include";
  const m = request.method;
  const methodAllowed = isSafelistedMethod(m) || methods.includes(m) || (!include && methods.includes("*"));
  if (!methodAllowed) {
    return {
      failure: fail("MethodDisallowedByPreflightResponse", ACAM, {
        failedParameter: m,
        received: rawMethods,
        expected: rawMethods ? `${rawMethods}, ${m}` : m,
        disallowed: [m],
      }),
      authorizationUnderWildcard: false,
    };
  }

  const wildcard = !include && allowed.includes("*");
  const allowedLower = new Set(allowed.map((h) => h.toLowerCase()));
  const refused = request.unsafeHeaders.filter((h) => !wildcard && !allowedLower.has(h));
  if (refused.length > 0) {
    const missing = refused.join(", ");
    return {
      failure: fail("HeaderDisallowedByPreflightResponse", ACAH, {
        failedParameter: chromePick(refused),
        received: rawHeaders,
        expected: rawHeaders ? `${rawHeaders}, ${missing}` : missing,
        disallowed: refused,
      }),
      authorizationUnderWildcard: false,
    };
  }
  const authorizationUnderWildcard =
    wildcard && request.unsafeHeaders.includes("authorization") && !allowedLower.has("authorization");
  return ok(authorizationUnderWildcard);
}

/**
 * Chrome names one refused header, the first in Blink's header-map (hash) order, which no extension can see.
 * Observed in Chrome 156: the last in sorted order ([x-alpha, x-zeta] → x-zeta; [x-a, x-b, x-c] → x-c).
 */
function chromePick(refused: readonly string[]): string {
  return [...refused].sort().at(-1) ?? "";
}
