// Passive security lint of CORS policies: the risky grants in the headers of calls CORS Lens saw, allowed ones too.

import type { Exchange, Step } from "../capture/exchange";
import type { CredentialsMode } from "../cors/check";
import { hasHeader, headerValue, splitList, type Header } from "../cors/headers";
import { CHROME_MAX_AGE, FIREFOX_MAX_AGE } from "../cors/preflight-cache";
import { needsPreflight } from "../cors/safelist";
import type { Diagnosis, Note } from "../diagnose/diagnosis";
import { isLoopbackHost, severityRank, SHARED_FIX, type Severity } from "./advice";

/** Stable ids: the export, the panel and scripts filter on them. */
export type PassiveKind =
  | "null-origin-allowed"
  | "credentials-with-wildcard"
  | "wildcard-with-session-data"
  | "insecure-origin-trusted"
  | "allow-origin-without-vary"
  | "max-age-above-browser-cap"
  | "wildcard-ignored-with-credentials"
  | "private-network-broad"
  | "private-network-access-deprecated"
  | "preflight-every-call";

export interface PassiveNote extends Note {
  kind: PassiveKind;
}

/** The longest preflight cache lifetimes browsers honour (Chrome 2 h, Firefox 24 h), from the cache model. */
export { CHROME_MAX_AGE, FIREFOX_MAX_AGE } from "../cors/preflight-cache";
/** This many calls to one endpoint, each with its own preflight, make it "busy" for preflight-every-call. */
export const BUSY_CALLS = 5;

/** Only these response headers matter here; everything else is skipped in the one pass over a header list. */
const WATCHED = new Set([
  "access-control-allow-origin",
  "access-control-allow-credentials",
  "access-control-allow-methods",
  "access-control-allow-headers",
  "access-control-max-age",
  "access-control-allow-private-network",
  "vary",
  "cache-control",
  "expires",
  "last-modified",
  "set-cookie",
]);

type Watched = Map<string, string>;

/**
 * One pass over a header list (this runs for every captured call), keeping the watched names with their lines
 * trimmed and joined by ", ", as Chrome combines them before its CORS checks.
 */
function watched(headers: readonly Header[] | null): Watched {
  const out: Watched = new Map();
  if (!headers) return out;
  for (const h of headers) {
    const name = h.name.toLowerCase();
    if (!WATCHED.has(name)) continue;
    const prev = out.get(name);
    out.set(name, prev === undefined ? h.value.trim() : `${prev}, ${h.value.trim()}`);
  }
  return out;
}

function variesOnOrigin(h: Watched): boolean {
  const vary = h.get("vary");
  return vary !== undefined && splitList(vary).some((v) => v === "*" || v.toLowerCase() === "origin");
}

/**
 * Cache-Control: no-store keeps every cache out. `private` does not count: the browser's own cache may still hand
 * one origin's copy to a call from another origin of the same site.
 */
function uncacheable(h: Watched): boolean {
  return /(^|[\s,])no-store\b/.test((h.get("cache-control") ?? "").toLowerCase());
}

/** May a cache keep and reuse this response: not forbidden, and some freshness (explicit or heuristic) to go on. */
function cacheable(h: Watched): boolean {
  if (uncacheable(h)) return false;
  const cc = (h.get("cache-control") ?? "").toLowerCase();
  const lifetimes = [...cc.matchAll(/(?:^|[\s,])(?:max-age|s-maxage)\s*=\s*"?(\d+)/g)].map((m) => Number(m[1]));
  if (lifetimes.length > 0) return lifetimes.some((s) => s > 0);
  return /(^|[\s,])public\b/.test(cc) || h.has("expires") || h.has("last-modified");
}

function hoursOf(seconds: number): string {
  return seconds % 3600 === 0 ? `${seconds / 3600} h` : `${seconds} s`;
}

/** Keeps one note per kind (the panel keys warnings by kind), the most severe when a call shows one twice. */
class Notes {
  private readonly byKind = new Map<PassiveKind, PassiveNote>();
  add(kind: PassiveKind, severity: Severity, summary: string): void {
    const prev = this.byKind.get(kind);
    if (!prev || severityRank(severity) > severityRank(prev.severity))
      this.byKind.set(kind, { kind, severity, summary });
  }
  list(): PassiveNote[] {
    return [...this.byKind.values()];
  }
}

/**
 * The security warnings for one call, from every response it received (preflights, redirects, the final one).
 * Only headers decide: the verdict is not consulted or changed, so a blocked call is linted like an allowed one.
 *
 * Allow-Origin echoing the Origin without Vary: Origin is warned about on a single response only when a cache
 * may keep it: the same header is correct for a server that trusts one fixed origin, which one response cannot
 * tell apart from an echo. `auditLog` catches the rest, when one URL answers different origins.
 */
export function auditWarnings(exchange: Exchange, credentials: CredentialsMode | "unknown"): PassiveNote[] {
  const notes = new Notes();
  const include = credentials === "include";
  for (const hop of exchange.hops) {
    if (hop.preflight) lintResponse(hop.preflight, true, include, exchange, notes);
    lintResponse(hop.request, false, include, exchange, notes);
  }
  return notes.list();
}

/** The diagnosis with this call's security warnings after its own: the lint only adds notes, the verdict stays Chrome's. */
export function withAuditWarnings(exchange: Exchange, diagnosis: Diagnosis): Diagnosis {
  return { ...diagnosis, warnings: [...diagnosis.warnings, ...auditWarnings(exchange, diagnosis.credentials)] };
}

function lintResponse(step: Step, preflight: boolean, include: boolean, exchange: Exchange, notes: Notes): void {
  if (!step.responseHeaders) return;
  const h = watched(step.responseHeaders);
  const allowOrigin = h.get("access-control-allow-origin") ?? null;
  const credentialed = h.get("access-control-allow-credentials") === "true";

  if (allowOrigin === "null") {
    notes.add(
      "null-origin-allowed",
      credentialed ? "high" : "low",
      `Access-Control-Allow-Origin: null trusts every page with an opaque origin, which any site gets from a sandboxed iframe or a data: URL, so any site can read this response${credentialed ? " with the user's cookies (Allow-Credentials: true)" : ""}. ${SHARED_FIX.nullOrigin}`,
    );
  }

  if (allowOrigin === "*") {
    if (credentialed) {
      notes.add(
        "credentials-with-wildcard",
        "low",
        "Access-Control-Allow-Credentials: true has no effect next to Allow-Origin: * (browsers refuse credentialed calls to *), and the usual way to make it work, echoing the request's Origin, would let every site read users' data. Drop Allow-Credentials for public data, or answer origins from an exact allow-list with Allow-Credentials: true and Vary: Origin.",
      );
    }
    const session = sessionData(include, h, exchange);
    if (session) {
      notes.add(
        "wildcard-with-session-data",
        "medium",
        `Access-Control-Allow-Origin: * makes this response readable by every site although the call carries session data (${session}): anything the endpoint returns without cookies, or because of where the user is (intranet, IP allow-list), every website can read too. Keep * for public data; answer user-specific endpoints only for origins on an exact allow-list, with Vary: Origin.`,
      );
    }
  }

  if (allowOrigin?.startsWith("http://") && step.url.startsWith("https://")) {
    let host: string | null = null;
    try {
      host = new URL(allowOrigin).hostname;
    } catch {
      // Not an origin at all: the CORS check reports that; it trusts nobody.
    }
    if (host !== null && !isLoopbackHost(host)) {
      notes.add(
        "insecure-origin-trusted",
        credentialed ? "high" : "medium",
        `This https:// endpoint trusts ${allowOrigin}, a plain-HTTP origin: anyone on the visitor's network (public Wi-Fi, a hostile proxy) can inject script into that origin and read this API as it${credentialed ? ", cookies included" : ""}. ${SHARED_FIX.insecureOrigin}`,
      );
    }
  }

  if (
    !preflight &&
    (step.method === "GET" || step.method === "HEAD") &&
    allowOrigin !== null &&
    allowOrigin !== "*" &&
    allowOrigin === headerValue(step.requestHeaders, "origin") &&
    !variesOnOrigin(h) &&
    cacheable(h)
  ) {
    notes.add(
      "allow-origin-without-vary",
      "medium",
      "Access-Control-Allow-Origin echoes this call's Origin on a cacheable response without Vary: Origin, so a CDN, proxy or the browser cache can serve this copy to a request from another origin (cache poisoning): callers get another origin's grant and fail at random. Send Vary: Origin on every response whose Allow-Origin depends on the request (or Cache-Control: no-store).",
    );
  }

  if (preflight) {
    const maxAge = h.get("access-control-max-age");
    const seconds = maxAge !== undefined && /^\d+$/.test(maxAge) ? Number(maxAge) : 0;
    if (seconds > CHROME_MAX_AGE) {
      notes.add(
        "max-age-above-browser-cap",
        seconds > FIREFOX_MAX_AGE ? "low" : "info",
        `Access-Control-Max-Age: ${maxAge} asks browsers to reuse this preflight for ${hoursOf(seconds)}, but Chrome keeps one at most 2 h and Firefox 24 h: the rest is ignored, and all a long value buys is a longer wait (up to 24 h in Firefox) before a tightened policy reaches users. Send at most ${CHROME_MAX_AGE}.`,
      );
    }
    if (include || credentialed) {
      const methods = splitList(h.get("access-control-allow-methods") ?? "").includes("*");
      const headers = splitList(h.get("access-control-allow-headers") ?? "").includes("*");
      if (methods || headers) {
        const which = methods && headers ? "Methods and -Headers" : methods ? "Methods" : "Headers";
        notes.add(
          "wildcard-ignored-with-credentials",
          "low",
          `With credentials, the * in Access-Control-Allow-${which} is not a wildcard but a literal name that matches nothing, so credentialed calls are allowed only what is listed by name. List the ${methods && headers ? "methods and header names" : methods ? "methods" : "header names"} explicitly.`,
        );
      }
    }
  }

  if (h.get("access-control-allow-private-network") === "true") {
    const asked = headerValue(step.requestHeaders, "access-control-request-private-network") !== null;
    if (asked) notes.add("private-network-access-deprecated", "info", SHARED_FIX.privateNetworkAccess);
    if (allowOrigin === "*" || allowOrigin === "null") {
      notes.add(
        "private-network-broad",
        "high",
        `Access-Control-Allow-Private-Network: true with Allow-Origin: ${allowOrigin} lets any public website reach this private-network service from a visitor's browser, the attack Private Network Access exists to stop. Grant it only to the origins you name, in answer to Access-Control-Request-Private-Network.`,
      );
    } else if (!asked) {
      notes.add(
        "private-network-broad",
        "medium",
        "Access-Control-Allow-Private-Network: true is sent to a request that did not ask for it: the server grants private-network access to every caller instead of to the origins that need it. Grant it only in answer to Access-Control-Request-Private-Network: true, to origins you name.",
      );
    }
  }
}

/** What makes the call carry a session, or null: cookies go only with credentials: 'include' and Set-Cookie sets one. */
function sessionData(include: boolean, h: Watched, exchange: Exchange): string | null {
  if (exchange.hops.some((hop) => hasHeader(hop.request.requestHeaders, "cookie"))) return "a Cookie header";
  if (h.has("set-cookie")) return "a Set-Cookie header";
  return include ? "credentials: 'include'" : null;
}

/** A note about an endpoint, from several calls of one tab. */
export interface LogNote extends PassiveNote {
  /** The endpoint: the URL, preceded by the method for preflight-every-call. */
  endpoint: string;
  /** The exchange ids of the calls that show it. */
  callIds: string[];
}

interface PreflightStats {
  preflighted: number;
  /** A call went out without the preflight it needed: the cache works for this endpoint. */
  cached: boolean;
  maxAge: string | null;
  ids: string[];
}

interface OriginStats {
  values: Set<string>;
  /** A response that granted an origin without Vary: Origin and without forbidding caches to keep it. */
  unvaried: boolean;
  ids: string[];
}

/**
 * The warnings only a tab's history shows, per endpoint, in one pass over its records (the log holds thousands):
 * a busy endpoint that preflights every call, and a URL answering different Allow-Origin values without Vary.
 */
export function auditLog(records: readonly { readonly exchange: Exchange }[]): LogNote[] {
  const preflights = new Map<string, PreflightStats>();
  const origins = new Map<string, OriginStats>();
  for (const { exchange } of records) {
    const first = exchange.hops[0];
    if (first) {
      const key = `${exchange.method} ${exchange.url}`;
      let stats = preflights.get(key);
      if (first.preflight) {
        stats ??= { preflighted: 0, cached: false, maxAge: null, ids: [] };
        stats.preflighted++;
        stats.ids.push(exchange.id);
        stats.maxAge = watched(first.preflight.responseHeaders).get("access-control-max-age") ?? null;
        preflights.set(key, stats);
      } else if (
        stats &&
        first.request.sent &&
        first.request.requestHeaders &&
        needsPreflight(first.request.method, first.request.requestHeaders)
      ) {
        stats.cached = true;
      }
    }
    for (const hop of exchange.hops) {
      const step = hop.request;
      if (!step.responseHeaders || (step.method !== "GET" && step.method !== "HEAD")) continue;
      const h = watched(step.responseHeaders);
      const allowOrigin = h.get("access-control-allow-origin");
      if (allowOrigin === undefined) continue;
      let stats = origins.get(step.url);
      if (!stats) origins.set(step.url, (stats = { values: new Set(), unvaried: false, ids: [] }));
      stats.values.add(allowOrigin);
      stats.ids.push(exchange.id);
      if (!variesOnOrigin(h) && !uncacheable(h)) stats.unvaried = true;
    }
  }

  const out: LogNote[] = [];
  for (const [endpoint, s] of preflights) {
    if (s.preflighted < BUSY_CALLS || s.cached) continue;
    const seconds = s.maxAge !== null && /^\d+$/.test(s.maxAge) ? Number(s.maxAge) : null;
    // Without a usable Max-Age Chrome keeps a preflight 5 s; with a longer one, something else defeats the cache.
    const why =
      seconds === null
        ? `its preflight has ${s.maxAge === null ? "no" : "an unusable"} Access-Control-Max-Age, so Chrome reuses it for 5 s only`
        : seconds <= 5
          ? `its preflight says Access-Control-Max-Age: ${s.maxAge}, so browsers reuse it ${seconds === 0 ? "not at all" : `for ${seconds} s only`}`
          : `although its preflight says Access-Control-Max-Age: ${s.maxAge}: the calls came further apart, differ in credentials mode (an entry made without credentials does not serve a credentialed call), or the URL is 1024+ characters long`;
    out.push({
      kind: "preflight-every-call",
      severity: "low",
      endpoint,
      callIds: s.ids,
      summary: `${s.preflighted} calls to ${endpoint} each waited for their own preflight (${why}), doubling their round trips. Send Access-Control-Max-Age: ${CHROME_MAX_AGE} (Chrome's cap) on the preflight, or make the call simple (no custom headers, a safelisted Content-Type) so it needs none.`,
    });
  }
  for (const [endpoint, s] of origins) {
    if (s.values.size < 2 || !s.unvaried) continue;
    const values = [...s.values].map((v) => `'${v}'`).join(", ");
    out.push({
      kind: "allow-origin-without-vary",
      severity: "medium",
      endpoint,
      callIds: s.ids,
      summary: `${endpoint} answered Access-Control-Allow-Origin ${values} to different calls without Vary: Origin, so a CDN, proxy or the browser cache can serve one caller's copy to another (cache poisoning): callers get another origin's grant and fail at random. Send Vary: Origin on every response whose Allow-Origin depends on the request.`,
    });
  }
  return out;
}
