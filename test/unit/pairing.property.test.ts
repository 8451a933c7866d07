// Property: under any interleaving Chromium can produce of N concurrent preflighted calls' webRequest events, each
// exchange gets its own preflight. The model is what docs/pairing.md observed in Chromium 156.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CaptureEvent } from "../../src/capture/events";
import { headerValue } from "../../src/cors/headers";
import { replay } from "./replay";

const PAGE = "http://127.0.0.1:5173";
const URLS = ["http://127.0.0.1:5174/burst", "http://127.0.0.1:5174/other"];

interface Call {
  method: "PUT" | "DELETE" | "PATCH";
  /** Its one custom header: a small pool, so several calls announce the same one. */
  header: string;
  url: string;
  /** Whether the preflight allows it (then it is sent) or refuses it (then it is never sent). */
  allowed: boolean;
}

const call = fc.record({
  method: fc.constantFrom("PUT" as const, "DELETE" as const, "PATCH" as const),
  header: fc.constantFrom("x-a", "x-b", "x-c"),
  url: fc.constantFrom(...URLS),
  allowed: fc.boolean(),
});

/**
 * One run: a call's steps happen in order (created, its preflight created, sent, answered, then sent or failed); across
 * calls anything interleaves, except that a URL's preflights for one method are created and sent in the order their
 * requests were created (observed, docs/pairing.md). Request ids count creations, as Chrome's do. `choices` picks
 * which call moves next.
 */
function events(
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
  const sameKey = (i: number, j: number) => calls[i]!.url === calls[j]!.url && calls[i]!.method === calls[j]!.method;
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

describe("pairing under concurrency (property)", () => {
  it("gives every exchange its own preflight, in any interleaving Chromium can produce", () => {
    fc.assert(
      fc.property(
        fc.array(call, { minLength: 1, maxLength: 40 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 400 }),
        (calls, choices) => {
          const { events: evs, actualIds } = events(calls, choices);
          const { exchanges, recorder } = replay(evs);
          expect(exchanges).toHaveLength(calls.length);
          expect(recorder.pendingCount).toBe(0);
          for (const x of exchanges) {
            const i = actualIds.get(x.id)!;
            const pre = x.hops[0]!.preflight!;
            expect(headerValue(pre.requestHeaders, "x-test-call")).toBe(String(i));
            expect(headerValue(pre.requestHeaders, "access-control-request-method")).toBe(calls[i]!.method);
            expect(headerValue(pre.requestHeaders, "access-control-request-headers")).toBe(calls[i]!.header);
            expect(x.outcome).toBe(calls[i]!.allowed ? "completed" : "failed");
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("says how each preflight was matched: by the announced headers, by creation order, or as the only candidate", () => {
    const calls: Call[] = [
      { method: "PUT", header: "x-a", url: URLS[0]!, allowed: false },
      { method: "PUT", header: "x-a", url: URLS[0]!, allowed: false },
      { method: "PUT", header: "x-b", url: URLS[0]!, allowed: true },
    ];
    // All three created, their preflights created and answered, then the requests go on.
    const { events: evs, actualIds } = events(calls, "in-phases");
    const by = new Map(replay(evs).exchanges.map((x) => [actualIds.get(x.id), x.hops[0]!.preflight!.matchedBy]));
    expect(by.get(0)).toBe("creation-order");
    expect(by.get(1)).toBe("creation-order");
    expect(["announced-headers", "only-candidate"]).toContain(by.get(2));
  });
});
