// A tab's preflights: how many, what they cost, each endpoint's cache time and what Max-Age: 7200 would have spared.

import type { Exchange, Step } from "../capture/exchange";
import type { BrowserName } from "../cors/codes";
import { headerValue, type Header } from "../cors/headers";
import { normalizeMethod } from "../cors/safelist";
import {
  CHROME_MAX_AGE,
  CHROME_MAX_CACHED_URL,
  effectiveCacheSeconds,
  maxAgeOf,
  preflightsNeeded,
} from "../cors/preflight-cache";

/** The lifetime the advice proposes: Chrome's cap (Firefox keeps it as long). */
export const PROPOSED_MAX_AGE = CHROME_MAX_AGE;

export interface Saving {
  preflights: number;
  ms: number;
}

export interface PreflightEndpoint {
  /** The calling origin (the preflight's Origin). */
  origin: string;
  url: string;
  /** The method the preflight asked for (Access-Control-Request-Method). */
  method: string;
  count: number;
  /** Access-Control-Max-Age as the last preflight answered it; null when absent. */
  maxAge: string | null;
  effectiveCacheSeconds: number;
  savable: Saving;
  /** Time the preflights took, ms (those with a known end). */
  totalMs: number;
}

export interface PreflightSummary {
  preflights: number;
  totalMs: number;
  endpoints: PreflightEndpoint[];
  /** All endpoints' savable, summed. */
  savable: Saving;
}

/** One preflight as the summary reads it. */
export interface SeenPreflight {
  step: Step;
  /** The hop it belongs to. */
  hop: number;
  origin: string;
  method: string;
  /** It passed (2xx and the call went on): only a passed preflight is cached. */
  passed: boolean;
}

const durationOf = (s: Step): number => (s.endedAt === null ? 0 : Math.max(0, s.endedAt - s.startedAt));

/** Every preflight of a call, on every hop. */
export function preflightsOf(exchange: Exchange): SeenPreflight[] {
  return exchange.hops.flatMap((hop, index) => {
    const step = hop.preflight;
    if (!step) return [];
    const origin = headerValue(step.requestHeaders, "origin") ?? exchange.initiator ?? "null";
    const method = normalizeMethod(
      headerValue(step.requestHeaders, "access-control-request-method") ?? hop.request.method,
    );
    const ok = step.statusCode !== null && step.statusCode >= 200 && step.statusCode < 300 && hop.request.sent;
    return [{ step, hop: index, origin, method, passed: ok }];
  });
}

/**
 * What a cache of `lifetime` seconds would have spared of these preflights (see preflightsNeeded). Failed ones are
 * never cached.
 */
export function savingWith(preflights: readonly SeenPreflight[], lifetime: number): Saving {
  const passed = preflights.filter((p) => p.passed);
  const needed = preflightsNeeded(
    passed.map((p) => p.step),
    lifetime,
  );
  const saved = passed.filter((_, i) => !needed.has(i));
  return { preflights: saved.length, ms: saved.reduce((sum, p) => sum + durationOf(p.step), 0) };
}

/**
 * What the summary reads of a preflight step: all but its headers, of which only Origin and
 * Access-Control-Request-Method (which call it was for) and Access-Control-Max-Age (how long it was kept).
 */
export function summaryStep(step: Step): Step {
  const keep = (headers: Header[] | null, names: RegExp) => headers?.filter((h) => names.test(h.name)) ?? null;
  return {
    ...step,
    requestHeaders: keep(step.requestHeaders, /^(origin|access-control-request-method)$/i),
    responseHeaders: keep(step.responseHeaders, /^access-control-max-age$/i),
  };
}

/** The summary of a tab's calls, endpoints ordered by what Max-Age would save, then by count. */
export function preflightSummary(
  exchanges: readonly Exchange[],
  browser: BrowserName | "cli" = "chrome",
): PreflightSummary {
  return summaryOf(
    exchanges.flatMap((x) => preflightsOf(x)),
    browser,
  );
}

/** The summary of preflights already read off their calls (preflightsOf), in the order the calls came. */
export function summaryOf(
  preflights: Iterable<SeenPreflight>,
  browser: BrowserName | "cli" = "chrome",
): PreflightSummary {
  const groups = new Map<string, SeenPreflight[]>();
  for (const p of preflights) {
    const key = JSON.stringify([p.origin, p.step.url, p.method]);
    const list = groups.get(key);
    if (list) list.push(p);
    else groups.set(key, [p]);
  }
  const endpoints: PreflightEndpoint[] = [...groups.values()].map((list) => {
    const last = list.reduce((a, b) => (b.step.startedAt >= a.step.startedAt ? b : a));
    const maxAge = maxAgeOf(last.step.responseHeaders);
    const effective = effectiveCacheSeconds(maxAge, browser);
    // Max-Age cannot help an endpoint that already has 2 h, nor a URL Chromium never caches.
    const helpless =
      effective >= PROPOSED_MAX_AGE || (browser !== "firefox" && last.step.url.length >= CHROME_MAX_CACHED_URL);
    return {
      origin: last.origin,
      url: last.step.url,
      method: last.method,
      count: list.length,
      maxAge,
      effectiveCacheSeconds: effective,
      savable: helpless ? { preflights: 0, ms: 0 } : savingWith(list, PROPOSED_MAX_AGE),
      totalMs: list.reduce((sum, p) => sum + durationOf(p.step), 0),
    };
  });
  endpoints.sort(
    (a, b) => b.savable.preflights - a.savable.preflights || b.count - a.count || (a.url < b.url ? -1 : 1),
  );
  return {
    preflights: endpoints.reduce((n, e) => n + e.count, 0),
    totalMs: endpoints.reduce((n, e) => n + e.totalMs, 0),
    endpoints,
    savable: {
      preflights: endpoints.reduce((n, e) => n + e.savable.preflights, 0),
      ms: endpoints.reduce((n, e) => n + e.savable.ms, 0),
    },
  };
}
