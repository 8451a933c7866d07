// What to change to send fewer preflights, ranked by what each change would have saved on this page.

import type { BrowserName } from "../cors/codes";
import { originOf, registrableDomain } from "../cors/origin";
import { reasonsOf, type PreflightReason } from "../diagnose/preflight-reasons";
import { maxAgeFixFor, requirementsOf, type StackId } from "../fixes";
import { droppable, dropHeaders } from "../fixes/client";
import type { ClientAlternative } from "../fixes/types";
import type { CallRecord } from "../store/call-record";
import {
  preflightsOf,
  PROPOSED_MAX_AGE,
  savingWith,
  type PreflightSummary,
  type Saving,
  type SeenPreflight,
  summaryOf,
  summaryStep,
} from "./preflight-summary";

export type AdviceKind = "max-age" | "drop-header" | "token-to-cookie" | "stable-url";

export interface PreflightAdvice {
  kind: AdviceKind;
  title: string;
  /** Why it helps and what it costs, in a few sentences. */
  detail: string;
  saves: Saving;
  /** "METHOD url" of each endpoint it concerns. */
  endpoints: string[];
  /** The change to paste, for the chosen stack (server changes) or the page (client changes). */
  fix: { title: string; snippet: string; language: string; notes: string[] } | null;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
const endpointName = (method: string, url: string): string => `${method} ${url}`;
/** Advice text names endpoints without their query string: it may hold tokens, and the text reaches tickets. */
const withoutQuery = (url: string): string => url.replace(/[?#].*$/, "");

/** Appends to a group in place (a tab holds thousands of preflights). */
function push<T>(groups: Map<string, T[]>, key: string, item: T): void {
  const list = groups.get(key);
  if (list) list.push(item);
  else groups.set(key, [item]);
}

/** One preflight as the advice reads it: the summary's view of it (its step slimmed, summaryStep) and its triggers. */
interface Seen extends SeenPreflight {
  reasons: PreflightReason[];
}

/** The headers a preflight was sent for alone, when each is one the page could drop ("x-a, x-b"); else null. */
function droppableOnly(reasons: readonly PreflightReason[]): string | null {
  const names = reasons.map((r) => (r.kind === "header" && r.name && droppable(r.name) ? r.name : null));
  if (names.length === 0 || names.some((n) => n === null)) return null;
  return names.join(", ");
}

/**
 * A tab's preflights gathered call by call, for the summary, the advice and the ticket's triggers: of a call it keeps
 * only its preflights' slim steps and triggers, and for the first call sent a preflight for droppable headers alone,
 * the client change that drops them. A huge file's calls need not be kept to advise on them.
 */
export class PreflightTally {
  readonly seen: Seen[] = [];
  private readonly dropFixes = new Map<string, ClientAlternative | null>();

  add(record: CallRecord): void {
    for (const p of preflightsOf(record.exchange)) {
      const reasons = reasonsOf(record.exchange, p.hop) ?? [];
      const names = droppableOnly(reasons);
      if (names !== null && !this.dropFixes.has(names)) this.dropFixes.set(names, dropHeaders(requirementsOf(record)));
      this.seen.push({ ...p, step: summaryStep(p.step), reasons });
    }
  }

  summary(browser?: BrowserName | "cli"): PreflightSummary {
    return summaryOf(this.seen, browser);
  }

  /** The advice, biggest saving first. Never "send JSON as text/plain": that hides it from the server. */
  advice(
    options: { stack?: StackId; browser?: BrowserName | "cli"; summary?: PreflightSummary } = {},
  ): PreflightAdvice[] {
    const summary = options.summary ?? this.summary(options.browser);
    return [
      ...maxAgeAdvice(summary, options.stack),
      ...dropHeaderAdvice(this.seen, this.dropFixes),
      ...tokenAdvice(this.seen),
      ...stableUrlAdvice(this.seen, summary),
    ].sort((a, b) => b.saves.preflights - a.saves.preflights || b.saves.ms - a.saves.ms);
  }
}

const total = (list: readonly SeenPreflight[]): Saving => ({
  preflights: list.length,
  ms: list.reduce((n, p) => n + (p.step.endedAt === null ? 0 : Math.max(0, p.step.endedAt - p.step.startedAt)), 0),
});

function maxAgeAdvice(summary: PreflightSummary, stack: StackId | undefined): PreflightAdvice[] {
  const byServer = new Map<string, PreflightSummary["endpoints"]>();
  for (const e of summary.endpoints) {
    if (e.savable.preflights === 0) continue;
    const server = originOf(e.url) ?? e.url;
    push(byServer, server, e);
  }
  return [...byServer].map(([server, list]) => {
    const saves = {
      preflights: list.reduce((n, e) => n + e.savable.preflights, 0),
      ms: list.reduce((n, e) => n + e.savable.ms, 0),
    };
    const now = list
      .map(
        (e) =>
          `${endpointName(e.method, withoutQuery(e.url))}: ${e.maxAge === null ? "no Max-Age" : `Max-Age ${e.maxAge}`}, kept ${e.effectiveCacheSeconds} s`,
      )
      .join("; ");
    return {
      kind: "max-age" as const,
      title: `Send Access-Control-Max-Age: ${PROPOSED_MAX_AGE} from ${server}`,
      detail: `Its preflights were cached too briefly (${now}). With ${PROPOSED_MAX_AGE} (Chrome's cap) the browser would have reused each grant and skipped ${plural(saves.preflights, "preflight")} on this page.`,
      saves,
      endpoints: list.map((e) => endpointName(e.method, e.url)),
      fix: stack ? maxAgeFixFor(stack) : null,
    };
  });
}

/** Preflights caused only by headers the page adds for itself: dropping them makes the call need none. */
function dropHeaderAdvice(
  seen: readonly Seen[],
  fixes: ReadonlyMap<string, ClientAlternative | null>,
): PreflightAdvice[] {
  const groups = new Map<string, Seen[]>();
  for (const p of seen) {
    const key = droppableOnly(p.reasons);
    if (key !== null) push(groups, key, p);
  }
  return [...groups].map(([names, list]) => {
    // The change is the one for the group's first call (PreflightTally kept it).
    const alternative = fixes.get(names) ?? null;
    return {
      kind: "drop-header" as const,
      title: `Stop sending ${names}, if the server does not need it`,
      detail: `${plural(list.length, "preflight")} went out only because the call carried ${names}, which is not CORS-safelisted. Without it the call is simple and needs no preflight at all. Check first that the server does not read it.`,
      saves: total(list),
      endpoints: [...new Set(list.map((p) => endpointName(p.method, p.step.url)))],
      fix: alternative
        ? { title: alternative.title, snippet: alternative.snippet, language: alternative.language, notes: [] }
        : null,
    };
  });
}

/** Same site: a cookie the API sets is first-party for the page, so browsers send it (SameSite=Lax or Strict). */
function sameSite(pageOrigin: string, url: string): boolean {
  try {
    const a = new URL(pageOrigin);
    const b = new URL(url);
    return a.protocol === b.protocol && registrableDomain(a.hostname) === registrableDomain(b.hostname);
  } catch {
    return false;
  }
}

/** Preflights caused only by Authorization, where a cookie would be sound (the API is on the page's site). */
function tokenAdvice(seen: readonly Seen[]): PreflightAdvice[] {
  const list = seen.filter(
    (p) =>
      p.reasons.length === 1 &&
      p.reasons[0]!.kind === "header" &&
      p.reasons[0]!.name === "authorization" &&
      sameSite(p.origin, p.step.url),
  );
  if (list.length === 0) return [];
  return [
    {
      kind: "token-to-cookie",
      title: "Move the token from Authorization to a cookie (the API is on the page's site)",
      detail: `${plural(list.length, "preflight")} went out only for the Authorization header. A Secure; HttpOnly; SameSite=Lax cookie set by the API goes with credentials: "include" and needs no preflight for GET, HEAD or a simple POST. The trade-off: a cookie is sent automatically, so the API must defend against cross-site request forgery (SameSite, and checking Origin on every state-changing call), answer with the exact origin and Access-Control-Allow-Credentials: true, and never with *. Do not move the token to the query string: URLs end up in logs, history and Referer, and a changing URL is never served from the preflight cache.`,
      saves: total(list),
      endpoints: [...new Set(list.map((p) => endpointName(p.method, p.step.url)))],
      fix: {
        title: "Client side: send the cookie instead of the header",
        language: "js",
        snippet: [
          "// The API sets it at login: Set-Cookie: session=…; Secure; HttpOnly; SameSite=Lax; Path=/",
          'fetch(url, { credentials: "include" }); // no Authorization header',
          "",
        ].join("\n"),
        notes: [],
      },
    },
  ];
}

/** Endpoints whose URL differs only in its query string: each one is a new cache key. */
function stableUrlAdvice(seen: readonly Seen[], summary: PreflightSummary): PreflightAdvice[] {
  const groups = new Map<string, Seen[]>();
  for (const p of seen) {
    const key = JSON.stringify([p.origin, p.method, withoutQuery(p.step.url)]);
    push(groups, key, p);
  }
  const out: PreflightAdvice[] = [];
  for (const list of groups.values()) {
    const urls = new Set(list.map((p) => p.step.url));
    if (urls.size < 2) continue;
    const endpoints = summary.endpoints.filter(
      (e) => urls.has(e.url) && e.method === list[0]!.method && e.origin === list[0]!.origin,
    );
    const merged = savingWith(list, PROPOSED_MAX_AGE);
    const extra = {
      preflights: merged.preflights - endpoints.reduce((n, e) => n + e.savable.preflights, 0),
      ms: merged.ms - endpoints.reduce((n, e) => n + e.savable.ms, 0),
    };
    if (extra.preflights <= 0) continue;
    const path = withoutQuery(list[0]!.step.url);
    out.push({
      kind: "stable-url",
      title: `Keep the URL of ${list[0]!.method} ${path} stable`,
      detail: `The page called it with ${plural(urls.size, "different query string")}. The preflight cache is keyed by the calling origin, the exact URL, the credentials mode and the network partition, so a changing query string (a timestamp, a cache-buster, a page number) is never served from it, whatever Access-Control-Max-Age says. Move the changing part into the request body or a header the server already allows; with a stable URL and Max-Age: ${PROPOSED_MAX_AGE}, ${plural(extra.preflights, "more preflight")} would have been skipped.`,
      saves: { preflights: extra.preflights, ms: Math.max(0, extra.ms) },
      endpoints: [endpointName(list[0]!.method, path)],
      fix: null,
    });
  }
  return out;
}

/** The advice for a tab's calls, biggest saving first (PreflightTally's, fed every call). */
export function preflightAdvice(
  records: readonly CallRecord[],
  options: { stack?: StackId; browser?: BrowserName | "cli"; summary?: PreflightSummary } = {},
): PreflightAdvice[] {
  const tally = new PreflightTally();
  for (const record of records) tally.add(record);
  return tally.advice(options);
}
