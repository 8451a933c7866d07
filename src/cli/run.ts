// Runs a CORS request as Chrome's Fetch does (preflight, request, redirects) and records it as capture would.

import type { Exchange, Hop, Step } from "../capture/exchange";
import type { CredentialsMode } from "../cors/check";
import { hasHeader, type Header } from "../cors/headers";
import { isHttpUrl, originOf } from "../cors/origin";
import { needsPreflight, unsafeRequestHeaderNames } from "../cors/safelist";
import { evaluate, redirectTarget } from "../diagnose/verdict";
import { toRecord, type CallRecord } from "../store/call-record";
import { NetFailure, sendHttp } from "../net/http";
import type { PreflightCacheModel } from "../cors/preflight-cache";

export interface CheckRequest {
  url: string;
  origin: string;
  /** Already normalised. */
  method: string;
  /** What the page's script sets (names unique), plus a Cookie header when the user gave one. */
  headers: readonly Header[];
  credentials: boolean;
  timeoutMs: number;
  userAgent: string;
  /** A preflight cache across calls (--repeat): a covered call skips its preflight, a passed one is kept. */
  preflightCache?: PreflightCacheModel;
}

export interface CheckResult {
  record: CallRecord;
  /** Set when a step got no HTTP answer at all (DNS, refused, TLS, timeout): the server was unreachable. */
  unreachable: NetFailure | null;
}

const MAX_REDIRECTS = 20;
/** Fetch drops these with the body when a redirect turns the request into a GET. */
const REQUEST_BODY_HEADERS = new Set(["content-encoding", "content-language", "content-location", "content-type"]);
/** Fetch's CORS non-wildcard request-header names: removed on a redirect to another origin. */
const NON_WILDCARD_HEADERS = new Set(["authorization"]);

function unsentStep(url: string, method: string, at: number): Step {
  return {
    url,
    method,
    sent: false,
    statusCode: null,
    requestHeaders: null,
    responseHeaders: null,
    startedAt: at,
    endedAt: null,
    error: null,
  };
}

/**
 * Follows the call hop by hop and asks the engine (`evaluate`, the same code that judges captured calls) after
 * every response whether the browser stops there, and which Origin the next hop carries.
 */
export async function runCheck(req: CheckRequest): Promise<CheckResult> {
  const mode: CredentialsMode = req.credentials ? "include" : "same-origin";
  const signal = AbortSignal.timeout(req.timeoutMs);
  const exchange: Exchange = {
    id: "cli-1",
    tabId: -1,
    frameId: 0,
    type: "xmlhttprequest",
    initiator: req.origin,
    url: req.url,
    method: req.method,
    startedAt: Date.now(),
    hops: [],
    outcome: "pending",
    error: null,
    hints: { credentials: mode },
  };
  const finish = (outcome: "completed" | "failed", error: string | null, unreachable: NetFailure | null) => {
    exchange.outcome = outcome;
    exchange.error = error;
    return { record: toRecord(exchange), unreachable };
  };
  const blockedBy = (step: Step, error: string): void => {
    step.error = error;
    step.endedAt ??= Date.now();
  };

  let url = req.url;
  let method = req.method;
  let headers = [...req.headers];
  for (let redirects = 0; ; redirects++) {
    const hop: Hop = { preflight: null, request: unsentStep(url, method, Date.now()) };
    exchange.hops.push(hop);
    // The hop is still unanswered, so the engine only reports the Origin it carries ("null" once tainted).
    const origin = evaluate(exchange, mode).origins.at(-1) ?? req.origin;

    const unsafe = unsafeRequestHeaderNames(headers);
    const cacheKey = { origin, url, method, unsafeHeaders: unsafe, credentials: mode };
    if (needsPreflight(method, headers) && !req.preflightCache?.covers(cacheKey, Date.now())) {
      const preflightHeaders: Header[] = [
        { name: "Accept", value: "*/*" },
        { name: "Access-Control-Request-Method", value: method },
        ...(unsafe.length > 0 ? [{ name: "Access-Control-Request-Headers", value: unsafe.join(",") }] : []),
        { name: "Origin", value: origin },
        { name: "User-Agent", value: req.userAgent },
      ];
      // A preflight never carries credentials and never follows a redirect.
      const preflight = await exchangeOnce(url, "OPTIONS", preflightHeaders, signal);
      hop.preflight = preflight.step;
      hop.request.startedAt = Date.now();
      if (preflight.failure) {
        blockedBy(hop.request, preflight.failure.netError);
        return finish("failed", preflight.failure.netError, preflight.failure);
      }
      if (evaluate(exchange, mode).failure) {
        blockedBy(hop.request, "net::ERR_FAILED");
        return finish("failed", "net::ERR_FAILED", null);
      }
      req.preflightCache?.store(origin, url, mode, preflight.step, preflight.step.endedAt ?? Date.now());
    }

    const requestHeaders: Header[] = [
      ...headers,
      ...(hasHeader(headers, "accept") ? [] : [{ name: "Accept", value: "*/*" }]),
      { name: "Origin", value: origin },
      ...(hasHeader(headers, "user-agent") ? [] : [{ name: "User-Agent", value: req.userAgent }]),
    ];
    const actual = await exchangeOnce(url, method, requestHeaders, signal);
    hop.request = actual.step;
    if (actual.failure) return finish("failed", actual.failure.netError, actual.failure);
    if (evaluate(exchange, mode).failure) {
      blockedBy(hop.request, "net::ERR_FAILED");
      return finish("failed", "net::ERR_FAILED", null);
    }

    const target = redirectTarget(hop.request);
    if (target === null) return finish("completed", null, null);
    if (redirects === MAX_REDIRECTS) {
      blockedBy(hop.request, "net::ERR_TOO_MANY_REDIRECTS");
      return finish("failed", "net::ERR_TOO_MANY_REDIRECTS", null);
    }
    if (!isHttpUrl(target)) {
      blockedBy(hop.request, "net::ERR_UNSAFE_REDIRECT");
      return finish("failed", "net::ERR_UNSAFE_REDIRECT", null);
    }
    ({ method, headers } = redirected(hop.request, target, method, headers));
    url = withoutFragment(target);
  }
}

/** The fragment never goes on the wire, and webRequest reports URLs without it. */
function withoutFragment(url: string): string {
  const u = new URL(url);
  u.hash = "";
  return u.href;
}

/** Fetch's HTTP-redirect fetch, the parts that change the request: method, body headers, Authorization, cookies. */
function redirected(
  response: Step,
  target: string,
  method: string,
  headers: readonly Header[],
): { method: string; headers: Header[] } {
  const status = response.statusCode;
  const toGet =
    ((status === 301 || status === 302) && method === "POST") ||
    (status === 303 && method !== "GET" && method !== "HEAD");
  const crossOrigin = originOf(target) !== originOf(response.url);
  // The user's Cookie header stands for the first host's cookie jar; another host would get its own cookies.
  const otherHost = new URL(target).hostname !== new URL(response.url).hostname;
  const kept = headers.filter((h) => {
    const name = h.name.toLowerCase();
    if (toGet && REQUEST_BODY_HEADERS.has(name)) return false;
    if (crossOrigin && NON_WILDCARD_HEADERS.has(name)) return false;
    return !(otherHost && name === "cookie");
  });
  return { method: toGet ? "GET" : method, headers: kept };
}

async function exchangeOnce(
  url: string,
  method: string,
  requestHeaders: Header[],
  signal: AbortSignal,
): Promise<{ step: Step; failure: NetFailure | null }> {
  const step: Step = { ...unsentStep(url, method, Date.now()), sent: true, requestHeaders };
  try {
    const response = await sendHttp({ url, method, headers: requestHeaders, signal });
    step.statusCode = response.statusCode;
    step.responseHeaders = response.headers;
    step.endedAt = Date.now();
    return { step, failure: null };
  } catch (err) {
    const failure = err instanceof NetFailure ? err : new NetFailure("net::ERR_FAILED", String(err));
    step.error = failure.netError;
    step.endedAt = Date.now();
    return { step, failure };
  }
}
