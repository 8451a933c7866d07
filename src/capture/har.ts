// DevTools' own record of a request (a HAR entry from chrome.devtools.network) as the webRequest-shaped events
// capture reads. With DevTools open, this is how CORS Lens looks: DevTools records the traffic anyway, so it costs
// the page no request proxy (see README, Performance).

import { headerValue, type Header } from "../cors/headers";
import type { CaptureEvent } from "./events";

/** The parts of a HAR entry capture needs, small enough to post to the service worker. */
export interface HarCall {
  url: string;
  method: string;
  /** DevTools' `_resourceType`: fetch, xhr, preflight, script, font, … */
  resourceType: string;
  /** 0 when no response arrived (never sent, or failed before headers). */
  status: number;
  /** DevTools' `response._error` (e.g. net::ERR_FAILED), null when the call completed. */
  error: string | null;
  requestHeaders: Header[];
  responseHeaders: Header[];
  /** Epoch milliseconds. */
  startedAt: number;
  endedAt: number;
}

const isHeaders = (x: unknown): x is Header[] =>
  Array.isArray(x) &&
  x.every((h) => typeof (h as Header)?.name === "string" && typeof (h as Header).value === "string");

/** A HarCall as posted by a devtools page (checked: a message is only data). */
export function isHarCall(x: unknown): x is HarCall {
  const c = x as HarCall;
  return (
    typeof c?.url === "string" &&
    typeof c.method === "string" &&
    typeof c.resourceType === "string" &&
    typeof c.status === "number" &&
    (c.error === null || typeof c.error === "string") &&
    isHeaders(c.requestHeaders) &&
    isHeaders(c.responseHeaders) &&
    Number.isFinite(c.startedAt) &&
    Number.isFinite(c.endedAt)
  );
}

/** The HAR entry fields read here (a subset of chrome.devtools.network.HAREntry, plus DevTools' own `_` fields). */
export interface HarEntryLike {
  startedDateTime: string;
  time: number;
  request: { url: string; method: string; headers: { name: string; value: string }[] };
  response: { status: number; headers: { name: string; value: string }[]; _error?: string | null };
  _resourceType?: string;
}

/**
 * Whether a HAR entry is a worker's script (Sec-Fetch-Dest: worker): the page has started a worker, whose own calls
 * DevTools' record leaves out.
 */
export function startsWorker(entry: HarEntryLike): boolean {
  const dest = headerValue(entry.request.headers, "sec-fetch-dest");
  return dest === "worker" || dest === "sharedworker";
}

const NEVER_CORS = new Set(["document", "websocket", "manifest", "ping", "csp-violation-report", "signed-exchange"]);

/** The call a HAR entry describes, or null for what is never a CORS request (navigations, same-origin, data: URLs). */
export function harCallOf(entry: HarEntryLike): HarCall | null {
  const type = entry._resourceType ?? "other";
  if (NEVER_CORS.has(type) || !/^https?:/i.test(entry.request.url)) return null;
  // The bulk of a page's requests: its own origin's, which the browser marks (capture would drop them anyway).
  const site = headerValue(entry.request.headers, "sec-fetch-site");
  if (site === "same-origin" || site === "none") return null;
  const startedAt = Date.parse(entry.startedDateTime);
  if (Number.isNaN(startedAt)) return null;
  return {
    url: entry.request.url,
    method: entry.request.method,
    resourceType: type,
    status: entry.response.status,
    error: entry.response._error ?? null,
    requestHeaders: entry.request.headers.map(({ name, value }) => ({ name, value })),
    responseHeaders: entry.response.headers.map(({ name, value }) => ({ name, value })),
    startedAt,
    endedAt: startedAt + Math.max(0, entry.time || 0),
  };
}

/** webRequest's resource type for DevTools' (a preflight is typed like the call it was sent for). */
function webRequestType(resourceType: string): string {
  switch (resourceType) {
    case "fetch":
    case "xhr":
    case "preflight":
    case "eventsource":
      return "xmlhttprequest";
    case "script":
    case "stylesheet":
    case "image":
    case "font":
    case "media":
      return resourceType;
    default:
      return "other";
  }
}

/**
 * A call DevTools lists as never sent (no response, an error, not a preflight): its preflight failed, or it failed
 * before any headers. DevTools may list it before that preflight, though the preflight came first.
 */
export function isUnsentFailure(call: HarCall): boolean {
  return call.status === 0 && call.error !== null && call.resourceType !== "preflight";
}

/** Request ids of calls from DevTools' record start with this (webRequest's are numbers). */
export const HAR_ID_PREFIX = "har-";

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Redirects whose next hop has not been seen yet, at most this many (a chain's hops arrive back to back). */
const OPEN_REDIRECTS = 1000;

/**
 * Gives one tab's HAR calls request ids and turns each into events. DevTools lists every hop of a redirect as its own
 * entry; webRequest keeps one id across them, so a hop that follows a redirect's Location continues its id.
 */
export class HarEvents {
  private next = 0;
  private readonly redirects = new Map<string, { requestId: string; initiator: string | undefined }>();

  constructor(
    private readonly tabId: number,
    /** The origin of the tab's page: the caller of a call that was never sent (it has no Origin header). */
    private readonly pageOrigin: () => string | null,
  ) {}

  eventsOf(call: HarCall): CaptureEvent[] {
    // The caller, as webRequest's `initiator` names it: a redirect's later hops and their preflights keep the first
    // hop's, even where the Origin header became "null" (a cross-origin redirect taints it).
    // A preflight to the redirect's target comes first: it is the next hop's, not the hop.
    const hopOf = call.resourceType === "preflight" ? undefined : this.redirects.get(call.url);
    if (hopOf !== undefined) this.redirects.delete(call.url);
    const origin = headerValue(call.requestHeaders, "origin");
    const initiator = hopOf?.initiator ?? (origin && origin !== "null" ? origin : (this.pageOrigin() ?? undefined));
    const base = {
      requestId: hopOf?.requestId ?? `${HAR_ID_PREFIX}${this.tabId}-${++this.next}`,
      url: call.url,
      method: call.method,
      tabId: this.tabId,
      frameId: 0,
      type: webRequestType(call.resourceType),
      ...(initiator !== undefined ? { initiator } : {}),
    };
    const events: CaptureEvent[] = [];
    // A preflight that got no response was still sent (Local Network Access stops it there): webRequest reports its
    // headers going out, and the recorder pairs it with its call by them.
    if (call.status > 0 || (call.resourceType === "preflight" && call.error !== null)) {
      events.push({ kind: "send", event: { ...base, timeStamp: call.startedAt, requestHeaders: call.requestHeaders } });
    }
    if (call.status > 0) {
      events.push({
        kind: "headers",
        event: { ...base, timeStamp: call.endedAt, statusCode: call.status, responseHeaders: call.responseHeaders },
      });
    }
    const location = headerValue(call.responseHeaders, "location");
    if (call.error === null && REDIRECTS.has(call.status) && location !== null) {
      // The next hop continues this call; the redirect itself is no end.
      const target = resolve(location, call.url);
      if (target) {
        this.redirects.set(target, { requestId: base.requestId, initiator });
        if (this.redirects.size > OPEN_REDIRECTS) this.redirects.delete(this.redirects.keys().next().value!);
        return events;
      }
    }
    // DevTools marks a call whose body was never read (a HEAD, say) as net::ERR_ABORTED after its response arrived;
    // CORS had passed it by then, and webRequest reports it completed.
    const abortedAfterResponse = call.status > 0 && call.error === "net::ERR_ABORTED";
    if (call.error !== null && !abortedAfterResponse) {
      // A call never sent still lists the headers it would have sent: they name its preflight.
      const unsent = call.status === 0 && call.resourceType !== "preflight" && call.requestHeaders.length > 0;
      events.push({
        kind: "error",
        event: {
          ...base,
          timeStamp: call.endedAt,
          error: call.error,
          ...(unsent ? { requestHeaders: call.requestHeaders } : {}),
        },
      });
    } else events.push({ kind: "completed", event: { ...base, timeStamp: call.endedAt, statusCode: call.status } });
    return events;
  }
}

function resolve(location: string, base: string): string | null {
  try {
    return new URL(location, base).href;
  } catch {
    return null;
  }
}
