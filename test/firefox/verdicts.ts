// Firefox 153's own verdict on every blocked lab scenario: the reason id of its console message, as observed.

import type { CorsErrorName, FirefoxReason } from "../../src/cors/codes";

export interface FirefoxVerdict {
  /** The reason id of the first "Cross-Origin Request Blocked" message Firefox printed for the call. */
  reason: FirefoxReason;
  /** The Chrome name of the failure Firefox found, where Firefox's order of checks finds another one than Chrome. */
  code?: CorsErrorName;
  /**
   * What CORS Lens says instead, where Firefox's webRequest hides what decides Firefox's verdict (the call is then
   * listed with this reason and an assumption naming Firefox's).
   */
  seenAs?: FirefoxReason;
}

const MISSING: FirefoxVerdict = { reason: "CORSMissingAllowOrigin2" };
const NOT_MATCHING: FirefoxVerdict = { reason: "CORSAllowOriginNotMatchingOrigin" };
const MULTIPLE: FirefoxVerdict = { reason: "CORSMultipleAllowOriginNotAllowed" };
const WILDCARD: FirefoxVerdict = { reason: "CORSNotSupportingCredentials" };
const CREDENTIALS: FirefoxVerdict = { reason: "CORSMissingAllowCredentials" };
const STATUS: FirefoxVerdict = { reason: "CORSPreflightDidNotSucceed3" };
const METHOD: FirefoxVerdict = { reason: "CORSMethodNotFound" };
const HEADER: FirefoxVerdict = { reason: "CORSMissingAllowHeaderFromPreflight2" };

/** Keyed by scenario id (test/corpus/scenarios.ts and ./scenarios.ts); scenarios Firefox allows are absent. */
export const FIREFOX_VERDICTS: Record<string, FirefoxVerdict> = {
  "missing-acao": MISSING,
  "acao-other-origin": NOT_MATCHING,
  "acao-localhost-vs-127": NOT_MATCHING,
  "acao-trailing-slash": NOT_MATCHING,
  "acao-upper-case": NOT_MATCHING,
  "acao-https-vs-http": NOT_MATCHING,
  "acao-null": NOT_MATCHING,
  "acao-two-lines": MULTIPLE,
  "acao-list": NOT_MATCHING,
  "acao-space-list": NOT_MATCHING,
  "acao-invalid-port": NOT_MATCHING,
  "acao-garbage": NOT_MATCHING,
  "wildcard-with-credentials": WILDCARD,
  "wildcard-credentials-no-cookie": WILDCARD,
  "credentials-header-missing": CREDENTIALS,
  "credentials-header-upper-case": CREDENTIALS,
  "credentials-header-twice": CREDENTIALS,
  "error-500-without-cors": MISSING,
  "error-403-without-cors": MISSING,
  "error-502-without-cors": MISSING,
  "preflight-401-no-cors": MISSING,
  "preflight-401-with-cors": STATUS,
  "preflight-not-routed": MISSING,
  "preflight-405-with-cors": STATUS,
  "preflight-500-no-cors": MISSING,
  "preflight-middleware-rejects-origin": MISSING,
  "preflight-middleware-rejects-headers": STATUS,
  "preflight-redirect": { reason: "CORSExternalRedirectNotAllowed" },
  "preflight-acao-mismatch": NOT_MATCHING,
  "preflight-acao-multiple": MULTIPLE,
  "preflight-acao-invalid": NOT_MATCHING,
  "preflight-wildcard-credentials": WILDCARD,
  "preflight-credentials-missing": CREDENTIALS,
  "allow-methods-unparsable": { reason: "CORSInvalidAllowMethod" },
  "allow-headers-unparsable": { reason: "CORSInvalidAllowHeader" },
  "method-not-allowed": METHOD,
  "method-case-mismatch": METHOD,
  "method-wildcard-with-credentials": METHOD,
  "put-no-allow-methods": METHOD,
  "header-not-allowed": HEADER,
  "two-headers-not-allowed": HEADER,
  "three-headers-not-allowed": HEADER,
  "one-of-two-headers-allowed": HEADER,
  "json-content-type-not-allowed": HEADER,
  "authorization-not-allowed": HEADER,
  "long-accept-header": HEADER,
  "header-wildcard-with-credentials": HEADER,
  "redirect-without-cors": MISSING,
  "redirect-tainted-origin": NOT_MATCHING,
  // Firefox has no reason of its own for a redirect to user:password@; it logs only "did not succeed".
  "redirect-with-userinfo": { reason: "CORSDidNotSucceed2" },
  "redirect-then-preflight-fails": MISSING,
  "ff-preflight-redirect-no-acao": { reason: "CORSMissingAllowOrigin2", code: "PreflightMissingAllowOriginHeader" },
  "ff-method-before-allow-headers": { reason: "CORSMethodNotFound", code: "MethodDisallowedByPreflightResponse" },
  "ff-acao-two-different-lines": { ...MULTIPLE, seenAs: "CORSAllowOriginNotMatchingOrigin" },
};
