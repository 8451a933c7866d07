// Replays webRequest events recorded from Chromium 156 during a 200-call burst (page and worker, allowed, refused
// and redirected preflights): every exchange holds a preflight consistent with its request.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { CaptureEvent } from "../../src/capture/events";
import { headerValue } from "../../src/cors/headers";
import { unsafeRequestHeaderNames } from "../../src/cors/safelist";
import { replay } from "./replay";

const RECORDED = new URL("../fixtures/pairing/chromium-156-run-b.json", import.meta.url);

function recordedEvents(): CaptureEvent[] {
  const { events } = JSON.parse(readFileSync(RECORDED, "utf8")) as {
    events: ({ kind: CaptureEvent["kind"] } & CaptureEvent["event"])[];
  };
  return events.map(({ kind, ...event }) => ({ kind, event }) as CaptureEvent);
}

describe("pairing on events Chromium 156 produced", () => {
  it("pairs all 200 calls, each with a preflight that announced its method and, when sent, its headers", () => {
    const { exchanges, recorder } = replay(recordedEvents());
    expect(exchanges).toHaveLength(200);
    expect(recorder.pendingCount).toBe(0);
    let sent = 0;
    for (const x of exchanges) {
      for (const hop of x.hops) {
        const pre = hop.preflight!;
        expect(headerValue(pre.requestHeaders, "access-control-request-method")).toBe(x.method);
        const announced = headerValue(pre.requestHeaders, "access-control-request-headers");
        if (hop.request.sent) {
          sent++;
          expect(unsafeRequestHeaderNames(hop.request.requestHeaders!).join(",")).toBe(announced);
        } else {
          // The lab refuses exactly the x-no… headers: a request never sent had a refused preflight.
          expect(announced).toMatch(/^x-no-/);
        }
      }
    }
    expect(sent).toBeGreaterThan(100);
  });
});
