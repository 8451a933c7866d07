// A model of the webRequest events Chromium fires for N concurrent preflighted calls (docs/pairing.md), for tests.

import fc from "fast-check";
import type { CaptureEvent } from "../../src/capture/events";

export const PAGE = "http://127.0.0.1:5173";
export const URLS = ["http://127.0.0.1:5174/burst", "http://127.0.0.1:5174/other"];

export interface Call {
  method: "PUT" | "DELETE" | "PATCH";
  /** Its one custom header: a small pool, so several calls announce the same one. */
  header: string;
  url: string;
  /** Whether the preflight allows it (then it is sent) or refuses it (then it is never sent). */
  allowed: boolean;
  /** The page (0) or a dedicated worker (1): webRequest tells them apart by nothing, not even the frame. */
  factory: 0 | 1;
}

export const call = fc.record({
  method: fc.constantFrom("PUT" as const, "DELETE" as const, "PATCH" as const),
  header: fc.constantFrom("x-a", "x-b", "x-c"),
  url: fc.constantFrom(...URLS),
  allowed: fc.boolean(),
  factory: fc.constantFrom(0 as const, 1 as const),
});

/**
 * One run: a call's steps happen in order (created, its preflight created, sent, answered, then sent or failed); across
 * calls anything interleaves, except that a URL's preflights for one method are created and sent in the order their
 * requests were created, within the page or within a worker (observed, docs/pairing.md). Request ids count creations, as Chrome's do. `choices` picks
 * which call moves next.
 */
export function events(
  calls: Call[],
  choices: number[] | "in-phases",
): { events: CaptureEvent[]; actualIds: Map<string, number> } {
  const out: CaptureEvent[] = [];
  const step = calls.map(() => 0);
  const actualId: string[] = [];
  const preflightId: string[] = [];
  const created: number[] = []; // call indexes in request-creation order
  let nextId = 100;
  let t = 1_700_000_000_000;
  let c = 0;
  const base = (i: number, id: string, method: string) => ({
    requestId: id,
    url: calls[i]!.url,
    method,
    tabId: 4,
    frameId: 0,
    type: "xmlhttprequest",
    initiator: PAGE,
    timeStamp: t++,
  });
  // The order holds within one loader factory (page or worker), not across them (observed, docs/pairing.md).
  const sameKey = (i: number, j: number) =>
    calls[i]!.url === calls[j]!.url && calls[i]!.method === calls[j]!.method && calls[i]!.factory === calls[j]!.factory;
  const enabled = (i: number): boolean => {
    if (step[i] === 1 || step[i] === 2) {
      // A key's preflights are created, and sent, in the order of their requests' creation.
      return created.slice(0, created.indexOf(i)).every((j) => !sameKey(i, j) || step[j]! > step[i]!);
    }
    return step[i]! < 6;
  };
  for (;;) {
    const ready = calls.map((_, i) => i).filter(enabled);
    if (ready.length === 0) break;
    // "in-phases": every call takes each step before any takes the next.
    const i =
      choices === "in-phases"
        ? ready.reduce((a, b) => (step[b]! < step[a]! ? b : a))
        : ready[(choices[c++ % choices.length] ?? 0) % ready.length]!;
    const k = calls[i]!;
    switch (step[i]) {
      case 0:
        actualId[i] = String(nextId++);
        created.push(i);
        out.push({ kind: "before", event: base(i, actualId[i], k.method) });
        break;
      case 1:
        preflightId[i] = String(nextId++);
        break;
      case 2:
        out.push({
          kind: "send",
          event: {
            ...base(i, preflightId[i]!, "OPTIONS"),
            requestHeaders: [
              { name: "Access-Control-Request-Method", value: k.method },
              { name: "Access-Control-Request-Headers", value: k.header },
              { name: "Origin", value: PAGE },
              // Not a header Chrome sends: the test's own tag, to check identity and not just equivalence.
              { name: "X-Test-Call", value: String(i) },
            ],
          },
        });
        break;
      case 3:
        out.push({
          kind: "headers",
          event: {
            ...base(i, preflightId[i]!, "OPTIONS"),
            statusCode: 204,
            responseHeaders: [
              { name: "Access-Control-Allow-Origin", value: PAGE },
              { name: "Access-Control-Allow-Methods", value: k.method },
              ...(k.allowed ? [{ name: "Access-Control-Allow-Headers", value: k.header }] : []),
              // Some allow credentials too (then they pass in every mode), some only calls without them.
              ...(i % 2 ? [{ name: "Access-Control-Allow-Credentials", value: "true" }] : []),
            ],
          },
        });
        out.push({ kind: "completed", event: { ...base(i, preflightId[i]!, "OPTIONS"), statusCode: 204 } });
        break;
      case 4:
        if (k.allowed) {
          out.push({
            kind: "send",
            event: {
              ...base(i, actualId[i]!, k.method),
              requestHeaders: [
                { name: k.header, value: "1" },
                { name: "Origin", value: PAGE },
              ],
            },
          });
        } else {
          out.push({ kind: "error", event: { ...base(i, actualId[i]!, k.method), error: "net::ERR_FAILED" } });
          step[i] = 5;
        }
        break;
      case 5:
        out.push({
          kind: "headers",
          event: {
            ...base(i, actualId[i]!, k.method),
            statusCode: 200,
            responseHeaders: [{ name: "Access-Control-Allow-Origin", value: PAGE }],
          },
        });
        out.push({ kind: "completed", event: { ...base(i, actualId[i]!, k.method), statusCode: 200 } });
        break;
    }
    step[i]!++;
  }
  return { events: out, actualIds: new Map(actualId.map((id, i) => [id, i])) };
}
