// Turns webRequest-shaped events into Exchanges: pairs each preflight with its actual request and follows redirects.

import { fromWebRequestHeaders, headerValue, splitList, type Header } from "../cors/headers";
import { originOf } from "../cors/origin";
import { preflightCheck } from "../cors/preflight";
import { needsPreflight, normalizeMethod, unsafeRequestHeaderNames } from "../cors/safelist";
import type {
  BeforeRequestEvent,
  CompletedEvent,
  ErrorEvent,
  HeadersReceivedEvent,
  RequestEventBase,
  SendHeadersEvent,
} from "./events";
import { lastHop, type Exchange, type Hop, type PreflightMatch, type Step } from "./exchange";

interface PendingPreflight {
  requestId: string;
  /** Tab, frame, initiator, URL and announced method: the requests it may belong to share it (keyOf). */
  key: string;
  tabId: number;
  frameId: number;
  initiator: string | null;
  /** Access-Control-Request-Method: the method of the actual request it was sent for. */
  forMethod: string;
  /** Access-Control-Request-Headers, normalised: the unsafe header names of that request. */
  forHeaders: string;
  step: Step;
  /** The open request this preflight was sent for, when its headers were seen first (Firefox's order). */
  reservedFor: string | null;
}

export interface RecorderStats {
  /** Preflights whose actual request never showed up (aborted calls), dropped after the grace period. */
  orphanPreflights: number;
}

/** A preflight waits this long for its actual request before it is counted as an orphan. */
const PREFLIGHT_GRACE_MS = 60_000;

const REDIRECT_STATUSES = [301, 302, 303, 307, 308];

/** Resource types that are always CORS requests when cross-origin, even when no Origin header was seen. */
const CORS_TYPES = new Set(["xmlhttprequest", "font"]);

function newStep(e: RequestEventBase, sent: boolean, requestHeaders: Header[] | null): Step {
  return {
    url: e.url,
    method: e.method,
    sent,
    statusCode: null,
    requestHeaders,
    responseHeaders: null,
    startedAt: e.timeStamp,
    endedAt: sent ? null : e.timeStamp,
    error: null,
  };
}

/** The calling origin: Chrome's `initiator`, or the origin of Firefox's `originUrl`. */
function initiatorOf(e: RequestEventBase): string | undefined {
  if (e.initiator !== undefined || e.originUrl === undefined) return e.initiator;
  try {
    return new URL(e.originUrl).origin;
  } catch {
    return undefined;
  }
}

/** Chrome's request ids count up in creation order; other sources' ids (DevTools' record) are not numbers. */
function creationRank(requestId: string): number {
  return /^\d+$/.test(requestId) ? Number(requestId) : Number.NaN;
}

/** What a request and its preflight share: tab, frame, calling origin, URL and (normalised) method. */
function keyOf(e: RequestEventBase, method: string): string {
  return `${e.tabId} ${e.frameId} ${initiatorOf(e) ?? ""} ${method} ${e.url}`;
}

/**
 * Whether a preflight lets its request go: "fails" when it errored or its answer refuses the request in every
 * credentials mode, "passes" when its answer allows it in every mode, else "unknown". Chrome sends a request only
 * after a preflight that passed, so this sorts the candidates of a sent request from those of one never sent.
 */
function preflightVerdict(pre: PendingPreflight): "passes" | "fails" | "unknown" {
  const { step } = pre;
  if (step.error !== null) return "fails";
  if (step.statusCode === null) return "unknown";
  const origin = headerValue(step.requestHeaders, "origin") ?? pre.initiator ?? "null";
  const unsafeHeaders = pre.forHeaders ? pre.forHeaders.split(",") : [];
  const fails = (["omit", "include"] as const).map(
    (credentials) =>
      preflightCheck(step, { origin, method: pre.forMethod, unsafeHeaders, credentials }).failure !== null,
  );
  return fails.every(Boolean) ? "fails" : fails.some(Boolean) ? "unknown" : "passes";
}

function isCrossOrigin(initiator: string | undefined, url: string): boolean {
  if (initiator === undefined) return false;
  const target = originOf(url);
  return target !== null && (initiator === "null" || originOf(initiator) !== target);
}

export class Recorder {
  private readonly open = new Map<string, Exchange>();
  private readonly preflights = new Map<string, PendingPreflight>();
  /**
   * Requests created (onBeforeRequest) and not yet sent or failed, by key, with their key: Chrome creates a URL's
   * preflights in the order of their requests, so a request's rank among them names its preflight (docs/pairing.md).
   */
  private readonly announced = new Map<string, Set<string>>();
  private readonly announcedKey = new Map<string, string>();
  readonly stats: RecorderStats = { orphanPreflights: 0 };

  constructor(private readonly onFinished: (exchange: Exchange) => void) {}

  /** Requests in flight (actual requests and unpaired preflights), for tests and diagnostics. */
  get pendingCount(): number {
    return this.open.size + this.preflights.size;
  }

  /** A request was created: remembered (by key, in creation order) until it is sent or fails. A redirect moves it. */
  beforeRequest(e: BeforeRequestEvent): void {
    if (e.method === "OPTIONS") return;
    if (!this.open.has(e.requestId) && !isCrossOrigin(initiatorOf(e), e.url)) return;
    this.unannounce(e.requestId);
    const key = keyOf(e, normalizeMethod(e.method));
    const ids = this.announced.get(key) ?? new Set<string>();
    this.announced.set(key, ids.add(e.requestId));
    this.announcedKey.set(e.requestId, key);
  }

  private unannounce(requestId: string): void {
    const key = this.announcedKey.get(requestId);
    if (key === undefined) return;
    this.announcedKey.delete(requestId);
    const ids = this.announced.get(key)!;
    ids.delete(requestId);
    if (ids.size === 0) this.announced.delete(key);
  }

  sendHeaders(e: SendHeadersEvent): void {
    const existing = this.open.get(e.requestId);
    // Same-origin traffic is the bulk of a page: leave it before any allocation.
    if (!existing && !isCrossOrigin(initiatorOf(e), e.url)) return;
    const headers = fromWebRequestHeaders(e.requestHeaders);
    const forMethod = headerValue(headers, "access-control-request-method");
    if (e.method === "OPTIONS" && forMethod !== null) {
      const pre: PendingPreflight = {
        requestId: e.requestId,
        key: keyOf(e, forMethod),
        tabId: e.tabId,
        frameId: e.frameId,
        initiator: initiatorOf(e) ?? null,
        forMethod,
        forHeaders: splitList(headerValue(headers, "access-control-request-headers") ?? "")
          .map((h) => h.toLowerCase())
          .sort()
          .join(","),
        step: newStep(e, true, headers),
        reservedFor: null,
      };
      pre.reservedFor = this.waitingFor(pre);
      this.preflights.set(e.requestId, pre);
      return;
    }
    const rank = this.rankOf(e);
    this.unannounce(e.requestId);
    if (existing) {
      const hop = lastHop(existing);
      if (hop.request.statusCode !== null && REDIRECT_STATUSES.includes(hop.request.statusCode)) {
        existing.hops.push({
          preflight: this.claimPreflight(e, headers, rank, null, true),
          request: newStep(e, true, headers),
        });
      } else {
        hop.request.requestHeaders = headers;
      }
      return;
    }
    const preflight = this.claimPreflight(e, headers, rank, null, true);
    if (!preflight && headerValue(headers, "origin") === null && !CORS_TYPES.has(e.type)) return;
    this.open.set(e.requestId, this.newExchange(e, { preflight, request: newStep(e, true, headers) }));
  }

  headersReceived(e: HeadersReceivedEvent): void {
    const exchange = this.open.get(e.requestId);
    if (exchange) this.claimLatePreflight(lastHop(exchange), e);
    const step = exchange ? lastHop(exchange).request : this.preflights.get(e.requestId)?.step;
    if (!step) return;
    step.statusCode = e.statusCode;
    step.responseHeaders = fromWebRequestHeaders(e.responseHeaders);
  }

  completed(e: CompletedEvent): void {
    this.unannounce(e.requestId);
    const pre = this.preflights.get(e.requestId);
    if (pre) {
      pre.step.statusCode = e.statusCode;
      pre.step.endedAt = e.timeStamp;
      return;
    }
    const exchange = this.open.get(e.requestId);
    if (!exchange) return;
    const step = lastHop(exchange).request;
    step.statusCode = e.statusCode;
    step.endedAt = e.timeStamp;
    exchange.outcome = "completed";
    this.finish(exchange);
  }

  errorOccurred(e: ErrorEvent): void {
    const pre = this.preflights.get(e.requestId);
    if (pre) {
      pre.step.error = e.error;
      pre.step.endedAt = e.timeStamp;
      return;
    }
    const rank = this.rankOf(e);
    this.unannounce(e.requestId);
    // DevTools' record knows the headers of a call it never sent: they name its preflight.
    const unsentHeaders = e.requestHeaders ? fromWebRequestHeaders(e.requestHeaders) : null;
    let exchange = this.open.get(e.requestId);
    if (exchange) {
      const hop = lastHop(exchange);
      if (hop.request.url !== e.url) {
        // The redirect target was never sent: its preflight failed or the redirect itself was refused.
        exchange.hops.push({
          preflight: this.claimPreflight(e, unsentHeaders, rank, null, false),
          request: newStep(e, false, null),
        });
      } else {
        this.claimLatePreflight(hop, e, true);
        const pre = hop.preflight;
        // Firefox showed this request's headers, but its preflight failed (or was redirected), so it was never sent.
        if (pre && hop.request.statusCode === null && (pre.error !== null || pre.endedAt === null)) {
          hop.request.sent = false;
          pre.endedAt ??= e.timeStamp;
        }
      }
    } else {
      // An actual request that was never sent: its preflight failed, or the call failed before any headers.
      if (!isCrossOrigin(initiatorOf(e), e.url)) return;
      const preflight = this.claimPreflight(e, unsentHeaders, rank, null, false);
      if (!preflight && !CORS_TYPES.has(e.type)) return;
      exchange = this.newExchange(e, { preflight, request: newStep(e, false, null) });
    }
    const step = lastHop(exchange).request;
    step.error = e.error;
    step.endedAt = e.timeStamp;
    exchange.outcome = "failed";
    exchange.error = e.error;
    this.finish(exchange);
  }

  /** Drops preflights whose actual request never appeared, counting them. */
  sweep(now: number): void {
    for (const [id, pre] of this.preflights) {
      if (now - pre.step.startedAt > PREFLIGHT_GRACE_MS) {
        this.preflights.delete(id);
        this.stats.orphanPreflights++;
      }
    }
  }

  private newExchange(e: RequestEventBase, hop: Hop): Exchange {
    return {
      id: e.requestId,
      tabId: e.tabId,
      frameId: e.frameId,
      type: e.type,
      initiator: initiatorOf(e) ?? null,
      url: e.url,
      method: e.method,
      startedAt: hop.preflight?.startedAt ?? e.timeStamp,
      hops: [hop],
      outcome: "pending",
      error: null,
    };
  }

  private finish(exchange: Exchange): void {
    this.open.delete(exchange.id);
    this.onFinished(exchange);
  }

  /**
   * The open request a new preflight was sent for, when that request's headers came first (Firefox): same tab, frame,
   * initiator and URL, no response yet, no preflight, and exactly the method and header names the preflight
   * announces. Firefox gives the preflight the request's id plus one on the first hop; else the oldest such request.
   * Chrome sends a preflight before its request's headers, so nothing is waiting then.
   */
  private waitingFor(pre: PendingPreflight): string | null {
    const reserved = new Set([...this.preflights.values()].map((p) => p.reservedFor));
    const previousId = String(Number(pre.requestId) - 1);
    let oldest: string | null = null;
    for (const x of this.open.values()) {
      const hop = lastHop(x);
      const step = hop.request;
      if (
        hop.preflight ||
        reserved.has(x.id) ||
        step.statusCode !== null ||
        !step.requestHeaders ||
        step.url !== pre.step.url ||
        x.tabId !== pre.tabId ||
        x.frameId !== pre.frameId ||
        x.initiator !== pre.initiator ||
        normalizeMethod(step.method) !== pre.forMethod ||
        unsafeRequestHeaderNames(step.requestHeaders).join(",") !== pre.forHeaders
      )
        continue;
      if (x.id === previousId) return x.id;
      oldest ??= x.id;
    }
    return oldest;
  }

  /**
   * Firefox fires a request's onSendHeaders before it sends the request's preflight, so that preflight is claimed
   * when the response (or the failure) arrives. Only for a request that needs a preflight and has none, and only a
   * preflight started after the request's headers: Chrome sends its preflights first, so none is ever claimed here.
   */
  private claimLatePreflight(hop: Hop, e: RequestEventBase, requestFailed = false): void {
    const step = hop.request;
    if (hop.preflight || !step.requestHeaders || !needsPreflight(step.method, step.requestHeaders)) return;
    hop.preflight = this.claimPreflight(e, step.requestHeaders, null, { after: step.startedAt, requestFailed });
  }

  /**
   * How many requests with this request's key were created before it and are still waiting (not sent, not failed):
   * each of them has its preflight ahead of this one's. Null when its creation was not seen.
   */
  private rankOf(e: RequestEventBase): number | null {
    const key = this.announcedKey.get(e.requestId);
    if (key === undefined) return null;
    const own = creationRank(e.requestId);
    let earlier = 0;
    for (const id of this.announced.get(key)!) if (creationRank(id) < own) earlier++;
    return earlier;
  }

  /**
   * Finds the preflight sent for this actual request: same tab, frame, initiator and URL, and an
   * Access-Control-Request-Method equal to its method. Evidence first: when the request's headers are known, the
   * preflight that announced exactly its unsafe header names. Then creation order: Chrome creates a URL's preflights
   * in the order of their requests, so the request's rank among the waiting requests of its key (`rank`) is its
   * preflight's rank among that key's unclaimed preflights. Without either (Firefox, DevTools' record), the id Chrome
   * usually gives a preflight (its request's plus one), then the oldest candidate. docs/pairing.md has the evidence.
   */
  private claimPreflight(
    e: RequestEventBase,
    headers: Header[] | null = null,
    rank: number | null = null,
    late: { after: number; requestFailed: boolean } | null = null,
    sent: boolean | null = null,
  ): Step | null {
    const method = normalizeMethod(e.method);
    const initiator = initiatorOf(e) ?? null;
    const same = [...this.preflights.values()].filter(
      (pre) =>
        pre.tabId === e.tabId &&
        pre.frameId === e.frameId &&
        pre.step.url === e.url &&
        pre.forMethod === method &&
        pre.initiator === initiator &&
        (pre.reservedFor === null || pre.reservedFor === e.requestId) &&
        (!late || pre.step.startedAt >= late.after),
    );
    // Firefox ends a redirected preflight with no event: its request's failure is its end.
    const ended = (pre: PendingPreflight) =>
      pre.step.endedAt !== null || (late?.requestFailed === true && pre.step.statusCode !== null);
    let candidates = same.filter(ended);
    if (sent !== null && !late && candidates.length > 1) {
      // A sent request had a preflight that let it go ("passes", or "unknown": passes only without credentials);
      // one never sent, a preflight that failed, else an "unknown" one (its call had credentials). The opposite
      // verdict only when nothing else is left.
      const tiers = sent ? [["passes", "unknown"], ["fails"]] : [["fails"], ["unknown"], ["passes"]];
      const verdicts = new Map(candidates.map((pre) => [pre, preflightVerdict(pre)]));
      const tier = tiers.find((t) => candidates.some((pre) => t.includes(verdicts.get(pre)!)))!;
      candidates = candidates.filter((pre) => tier.includes(verdicts.get(pre)!));
    }
    let matchedBy: PreflightMatch = "only-candidate";
    if (headers) {
      const announced = unsafeRequestHeaderNames(headers).join(",");
      const exact = candidates.filter((pre) => pre.forHeaders === announced);
      // A late claim takes only a preflight that announced exactly this request's headers.
      if (exact.length > 0 || late) {
        if (exact.length < candidates.length) matchedBy = "announced-headers";
        candidates = exact;
      }
    }
    let best: PendingPreflight | null = null;
    if (candidates.length > 1 && rank !== null) {
      // The rank-th unclaimed preflight of the key, in creation order, is this request's.
      const inOrder = same.sort((a, b) => creationRank(a.requestId) - creationRank(b.requestId));
      const predicted = inOrder[rank];
      if (predicted && candidates.includes(predicted)) {
        best = predicted;
        matchedBy = "creation-order";
      }
    }
    if (!best) {
      const next = String(Number(e.requestId) + 1);
      best =
        candidates.find((pre) => pre.requestId === next) ??
        candidates.reduce<PendingPreflight | null>((a, b) => (!a || b.step.startedAt < a.step.startedAt ? b : a), null);
      if (best && candidates.length > 1) matchedBy = "first-come";
    }
    if (!best) return null;
    this.preflights.delete(best.requestId);
    best.step.matchedBy = matchedBy;
    return best.step;
  }
}
