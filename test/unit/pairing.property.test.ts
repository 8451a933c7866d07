// Property: under any interleaving Chromium can produce of N concurrent preflighted calls' webRequest events, each
// exchange gets its own preflight. The model is what docs/pairing.md observed in Chromium 156.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { headerValue } from "../../src/cors/headers";
import { call, events, URLS, type Call } from "./pairing-model";
import { replay } from "./replay";

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
            // webRequest tells the page's requests from a worker's by nothing (not even the frame), and a never-sent
            // request carries no headers. So when the page and a worker both call one key, calls that look alike may
            // trade preflights: refused ones, or allowed ones sending the same headers. Each entry stays whole (a
            // preflight of its key with its verdict, whose method and headers it shows). Every other call gets its own.
            const alike = (j: number) =>
              calls[j]!.url === calls[i]!.url &&
              calls[j]!.method === calls[i]!.method &&
              calls[j]!.allowed === calls[i]!.allowed &&
              (!calls[i]!.allowed || calls[j]!.header === calls[i]!.header);
            const owner = Number(headerValue(pre.requestHeaders, "x-test-call"));
            const sameKey = (j: number) => calls[j]!.url === calls[i]!.url && calls[j]!.method === calls[i]!.method;
            const mixed = calls.some((c, j) => sameKey(j) && c.factory !== calls[i]!.factory);
            if (!mixed) expect(owner).toBe(i);
            else expect(alike(owner)).toBe(true);
            expect(headerValue(pre.requestHeaders, "access-control-request-method")).toBe(calls[i]!.method);
            expect(headerValue(pre.requestHeaders, "access-control-request-headers")).toBe(calls[owner]!.header);
            expect(x.outcome).toBe(calls[i]!.allowed ? "completed" : "failed");
          }
        },
      ),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) },
    );
  });

  it("says how each preflight was matched: by the announced headers, by creation order, or as the only candidate", () => {
    const calls: Call[] = [
      { method: "PUT", header: "x-a", url: URLS[0]!, allowed: false, factory: 0 },
      { method: "PUT", header: "x-a", url: URLS[0]!, allowed: false, factory: 0 },
      { method: "PUT", header: "x-b", url: URLS[0]!, allowed: true, factory: 0 },
    ];
    // All three created, their preflights created and answered, then the requests go on.
    const { events: evs, actualIds } = events(calls, "in-phases");
    const by = new Map(replay(evs).exchanges.map((x) => [actualIds.get(x.id), x.hops[0]!.preflight!.matchedBy]));
    // The first refused call had two refused preflights to choose from, the second only the one left.
    expect(by.get(0)).toBe("creation-order");
    expect(by.get(1)).toBe("only-candidate");
    expect(["announced-headers", "only-candidate"]).toContain(by.get(2));
  });
});
