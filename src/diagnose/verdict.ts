// Re-runs the browser's CORS algorithm over every hop of a captured call, for one assumed credentials mode.

import { corsCheck, type CheckFailure, type CredentialsMode } from "../cors/check";
import type { BrowserName } from "../cors/codes";
import { headerValue, splitList } from "../cors/headers";
import { hasUserinfo, originOf } from "../cors/origin";
import { preflightCheck } from "../cors/preflight";
import { needsPreflight } from "../cors/safelist";
import type { Exchange, Step } from "../capture/exchange";

export type Stage = "preflight" | "actual" | "redirect";

export interface Verdict {
  failure: (CheckFailure & { disallowed: string[] }) | null;
  stage: Stage | null;
  /** The hop whose check decided the verdict (the last hop checked when the call passed). */
  hopIndex: number;
  /** The Origin each hop sent (or would have sent): "null" after a tainting redirect. */
  origins: string[];
  authorizationUnderWildcard: boolean;
  /** True when a preflight was needed but none was seen while the request still went out (a cached preflight). */
  usedCachedPreflight: boolean;
}

const REDIRECT_STATUSES = [301, 302, 303, 307, 308];

export function redirectTarget(step: Step): string | null {
  if (step.statusCode === null || !REDIRECT_STATUSES.includes(step.statusCode)) return null;
  const location = headerValue(step.responseHeaders, "location");
  if (location === null) return null;
  try {
    return new URL(location, step.url).href;
  } catch {
    return null;
  }
}

/** The origin of the call as the browser serialised it: the first Origin header seen, else the initiator. */
export function requestOrigin(exchange: Exchange): string {
  const first = exchange.hops[0];
  const sent =
    headerValue(first?.preflight?.requestHeaders, "origin") ?? headerValue(first?.request.requestHeaders, "origin");
  return sent ?? exchange.initiator ?? "null";
}

export function evaluate(exchange: Exchange, credentials: CredentialsMode, browser: BrowserName = "chrome"): Verdict {
  const firstOrigin = requestOrigin(exchange);
  let origin = firstOrigin;
  const origins: string[] = [];
  let authorizationUnderWildcard = false;
  let usedCachedPreflight = false;
  const verdict = (failure: Verdict["failure"], stage: Stage | null, hopIndex: number): Verdict => ({
    failure,
    stage,
    hopIndex,
    origins,
    authorizationUnderWildcard,
    usedCachedPreflight,
  });

  for (const [i, hop] of exchange.hops.entries()) {
    const seenOrigin =
      headerValue(hop.preflight?.requestHeaders, "origin") ?? headerValue(hop.request.requestHeaders, "origin");
    const hopOrigin = seenOrigin ?? origin;
    origins.push(hopOrigin);
    if (hop.preflight) {
      const pre = hop.preflight;
      const out = preflightCheck(
        pre,
        {
          origin: hopOrigin,
          method: headerValue(pre.requestHeaders, "access-control-request-method") ?? hop.request.method,
          unsafeHeaders: splitList(headerValue(pre.requestHeaders, "access-control-request-headers") ?? "").map((h) =>
            h.toLowerCase(),
          ),
          credentials,
        },
        browser,
      );
      authorizationUnderWildcard ||= out.authorizationUnderWildcard;
      if (out.failure && pre.responseHeaders !== null) return verdict(out.failure, "preflight", i);
    } else if (hop.request.sent && hop.request.requestHeaders !== null) {
      usedCachedPreflight ||= needsPreflight(hop.request.method, hop.request.requestHeaders);
    }
    const req = hop.request;
    if (req.responseHeaders === null) return verdict(null, null, i);
    const failure = corsCheck(req.responseHeaders, hopOrigin, credentials);
    const target = redirectTarget(req);
    if (failure) return verdict({ ...failure, disallowed: [] }, target ? "redirect" : "actual", i);
    if (target) {
      if (hasUserinfo(target)) {
        return verdict(
          {
            code: "RedirectContainsCredentials",
            failedParameter: "",
            header: "Location",
            received: headerValue(req.responseHeaders, "location"),
            expected: "a Location without user:password@",
            disallowed: [],
          },
          "redirect",
          i,
        );
      }
      // A redirect to another origin taints the request unless it started from the current URL's origin.
      const here = originOf(req.url);
      if (originOf(target) !== here && origin !== here) origin = "null";
    }
  }
  return verdict(null, null, exchange.hops.length - 1);
}
