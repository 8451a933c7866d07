// Each browser's preflight cache lifetime (Access-Control-Max-Age parsed, capped, defaulted) and what it would spare.

import type { CredentialsMode } from "./check";
import type { BrowserName } from "./codes";
import { headerValues, type Header } from "./headers";
import { preflightCheck, type PreflightRequest, type PreflightResponse } from "./preflight";

/** The longest lifetimes browsers honour, in seconds: Chromium's kMaxTimeout (2 h), Firefox's cap (24 h). */
export const CHROME_MAX_AGE = 7200;
export const FIREFOX_MAX_AGE = 86_400;
/** Without the header both keep an entry 5 s (Chromium's kDefaultTimeout; Firefox's, "compatible with Chromium"). */
export const DEFAULT_CACHE_SECONDS = 5;
/** Chromium does not cache a preflight for a URL of this many characters or more (preflight_cache.cc). */
export const CHROME_MAX_CACHED_URL = 1024;

/** The value the lifetime is read from: the header as the browser combines it, or null when absent. */
export function maxAgeOf(headers: readonly Header[] | null | undefined): string | null {
  const values = headerValues(headers, "access-control-max-age");
  return values.length === 0 ? null : values.join(", ");
}

/**
 * Seconds this browser keeps a passed preflight. Chromium: absent 5 s, not a plain unsigned integer 0 (the entry
 * expires at once), else the value capped at 7200. Firefox: absent 5 s, any non-digit not cached, capped at 86400.
 */
export function effectiveCacheSeconds(maxAge: string | null, browser: BrowserName | "cli" = "chrome"): number {
  if (maxAge === null) return DEFAULT_CACHE_SECONDS;
  const value = maxAge.trim();
  if (!/^\d+$/.test(value)) return 0;
  return Math.min(Number(value), browser === "firefox" ? FIREFOX_MAX_AGE : CHROME_MAX_AGE);
}

/** A preflight's start and, once answered, its end (epoch ms). */
export interface TimedPreflight {
  startedAt: number;
  endedAt: number | null;
}

/**
 * Which of a series of passed preflights (any order) a cache of `lifetimeSeconds` would still have needed, as
 * indices. Chromium writes the entry when the answer arrives, so a call that starts while the first preflight is in
 * flight sends its own; an entry serves calls that start before it expires.
 */
export function preflightsNeeded(preflights: readonly TimedPreflight[], lifetimeSeconds: number): Set<number> {
  const needed = new Set<number>();
  const entries: { from: number; until: number }[] = [];
  const order = preflights.map((_, i) => i).sort((a, b) => preflights[a]!.startedAt - preflights[b]!.startedAt);
  for (const i of order) {
    const { startedAt, endedAt } = preflights[i]!;
    if (entries.some((e) => e.from <= startedAt && startedAt < e.until)) continue;
    needed.add(i);
    const from = endedAt ?? startedAt;
    entries.push({ from, until: from + lifetimeSeconds * 1000 });
  }
  return needed;
}

interface CacheEntry {
  response: PreflightResponse;
  /** Made for a credentialed request: only such an entry serves one. */
  credentials: boolean;
  until: number;
}

/**
 * A model of Chromium's preflight cache (preflight_cache.cc) for tools that send calls themselves: keyed by origin
 * and URL (one network partition), an entry made without credentials never serves a credentialed call, an entry
 * that does not cover a call's method and headers is dropped (hit-and-fail), URLs of 1024+ characters are not kept.
 */
export class PreflightCacheModel {
  private readonly entries = new Map<string, CacheEntry>();

  constructor(private readonly browser: BrowserName = "chrome") {}

  private key(origin: string, url: string): string {
    return `${origin} ${url}`;
  }

  /** Keeps a passed preflight's answer, received at `answeredAt` (epoch ms). */
  store(origin: string, url: string, credentials: CredentialsMode, response: PreflightResponse, answeredAt: number) {
    if (this.browser !== "firefox" && url.length >= CHROME_MAX_CACHED_URL) return;
    const seconds = effectiveCacheSeconds(maxAgeOf(response.responseHeaders), this.browser);
    if (seconds === 0) return;
    const entry = { response, credentials: credentials === "include", until: answeredAt + seconds * 1000 };
    this.entries.set(this.key(origin, url), entry);
  }

  /** Whether a call starting `now` may skip its preflight. */
  covers(request: PreflightRequest & { url: string }, now: number): boolean {
    const key = this.key(request.origin, request.url);
    const entry = this.entries.get(key);
    if (!entry) return false;
    const ok =
      now < entry.until &&
      (entry.credentials || request.credentials !== "include") &&
      preflightCheck(entry.response, request, this.browser).failure === null;
    if (!ok) this.entries.delete(key);
    return ok;
  }
}
