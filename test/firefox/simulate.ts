// Replays a scenario as the webRequest events Firefox 153 fires for it (observed on the lab), for the Node tests.
//
// What differs from Chrome (test/corpus/simulate.ts): no `initiator`, but `originUrl` (the calling document); a
// request's onSendHeaders before its preflight's events, also when the preflight then fails; a failed preflight
// ends in onErrorOccurred (NS_ERROR_DOM_BAD_URI), like its request, and a redirected one in no event at all; a
// response Firefox blocks ends in onCompleted; a refused redirect errs at the redirect's target (NS_ERROR_UNEXPECTED);
// repeated header lines come joined by ", ".

import type { CaptureEvent, RawHeader, RequestEventBase } from "../../src/capture/events";
import { fromWebRequestHeaders, headerValue } from "../../src/cors/headers";
import { normalizeMethod } from "../../src/cors/safelist";
import type { Scenario } from "../corpus/scenario";
import { FAKE_ORIGINS, simulate, type LabOrigins } from "../corpus/simulate";

const REDIRECTS = [301, 302, 303, 307, 308];

/** Firefox's webRequest lists a header sent on several lines once, its values joined with ", ". */
function joinLines(headers: RawHeader[] | undefined): RawHeader[] | undefined {
  if (!headers) return headers;
  const out: RawHeader[] = [];
  for (const h of headers) {
    const same = out.find((o) => o.name.toLowerCase() === h.name.toLowerCase());
    if (same) same.value = `${same.value}, ${h.value}`;
    else out.push({ ...h });
  }
  return out;
}

function withoutInitiator<T extends RequestEventBase>(event: T): T {
  const { initiator, ...rest } = event;
  return { ...rest, ...(initiator ? { originUrl: initiator + "/" } : {}) } as T;
}

function firefoxShaped(e: CaptureEvent): CaptureEvent {
  switch (e.kind) {
    case "headers":
      return {
        kind: "headers",
        event: { ...withoutInitiator(e.event), responseHeaders: joinLines(e.event.responseHeaders) },
      };
    case "before":
      return { kind: "before", event: withoutInitiator(e.event) };
    case "send":
      return { kind: "send", event: withoutInitiator(e.event) };
    case "completed":
      return { kind: "completed", event: withoutInitiator(e.event) };
    case "error":
      return { kind: "error", event: withoutInitiator(e.event) };
  }
}

/** A request header's value as webRequest listed it. */
const sentHeader = (e: CaptureEvent, name: string): string | null =>
  e.kind === "send" ? headerValue(fromWebRequestHeaders(e.event.requestHeaders), name) : null;

const isPreflightSend = (e: CaptureEvent): boolean =>
  e.kind === "send" && e.event.method === "OPTIONS" && sentHeader(e, "access-control-request-method") !== null;

export function simulateFirefox(s: Scenario, o: LabOrigins = FAKE_ORIGINS, firstId = 1000): CaptureEvent[] {
  const chrome = simulate(s, o, firstId).map(firefoxShaped);
  const out: CaptureEvent[] = [];
  const moved = new Set<CaptureEvent>();
  /** Preflights that failed: Chrome's simulation ends their request with an error right after them. */
  const failedPreflights = new Set<string>();

  for (const [i, e] of chrome.entries()) {
    if (moved.has(e)) continue;
    const base: RequestEventBase = e.event;
    if (isPreflightSend(e)) {
      const later = chrome.slice(i + 1);
      const completed = later.findIndex((x) => x.kind === "completed" && x.event.requestId === base.requestId);
      const next = later[completed + 1];
      const actualSend = later.find(
        (x) => x.kind === "send" && x.event.url === base.url && x.event.method !== "OPTIONS",
      );
      if (next?.kind === "error") {
        // The request's headers, as Firefox shows them before the preflight it then fails.
        failedPreflights.add(base.requestId);
        const origin = sentHeader(e, "origin") ?? "null";
        out.push({
          kind: "send",
          event: {
            ...base,
            requestId: next.event.requestId,
            method: normalizeMethod(s.request.method),
            timeStamp: base.timeStamp - 0.5,
            requestHeaders: [
              ...(s.request.headers ?? []).map(([name, value]) => ({ name, value })),
              { name: "Origin", value: origin },
            ],
          },
        });
      } else if (actualSend) {
        out.push({ ...actualSend, event: { ...actualSend.event, timeStamp: base.timeStamp - 0.5 } } as CaptureEvent);
        moved.add(actualSend);
      }
      out.push(e);
      continue;
    }
    const response = chrome
      .slice(0, i)
      .findLast((x) => x.kind === "headers" && x.event.requestId === base.requestId && x.event.url === base.url);
    const redirected =
      response?.kind === "headers" &&
      REDIRECTS.includes(response.event.statusCode) &&
      headerValue(fromWebRequestHeaders(response.event.responseHeaders), "location") !== null;
    if (e.kind === "completed" && failedPreflights.has(base.requestId)) {
      // A redirected preflight just stops: no onCompleted, no onErrorOccurred.
      if (!redirected) out.push({ kind: "error", event: { ...base, error: "NS_ERROR_DOM_BAD_URI" } });
      continue;
    }
    if (e.kind === "error") {
      if (response?.kind !== "headers") {
        out.push({ kind: "error", event: { ...base, error: "NS_ERROR_DOM_BAD_URI" } });
        continue;
      }
      if (redirected) {
        const location = headerValue(fromWebRequestHeaders(response.event.responseHeaders), "location")!;
        const target = new URL(location, base.url).href;
        out.push({ kind: "error", event: { ...base, url: target, error: "NS_ERROR_UNEXPECTED" } });
      } else {
        out.push({ kind: "completed", event: { ...base, statusCode: response.event.statusCode } });
      }
      continue;
    }
    out.push(e);
  }
  return out;
}
