// The switch from DevTools' record to webRequest: a call in flight then is kept whole once, not twice.

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CaptureOverlap } from "../../extension/capture-overlap";
import type { Exchange } from "../../src/capture/exchange";
import { headersNotSeenCause } from "../../src/diagnose/causes";
import type { CallRecord } from "../../src/store/call-record";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const SWITCH = 10_000;
const exchange = (id: string, url: string, startedAt: number) =>
  ({ id, tabId: 4, url, method: "GET", startedAt }) as unknown as Exchange;
const headerless = (x: Exchange) =>
  ({ exchange: x, diagnosis: { outcome: "network-error", cause: headersNotSeenCause() } }) as unknown as CallRecord;

describe("CaptureOverlap", () => {
  it("drops webRequest's headerless end of a call DevTools' record holds whole, once DevTools delivered it", async () => {
    const overlap = new CaptureOverlap();
    const partial = overlap.isPartialCopy(headerless(exchange("71", "http://api/x", SWITCH + 5)), SWITCH);
    overlap.noteDevtoolsCall(exchange("har-4-9", "http://api/x", SWITCH - 20));
    await vi.advanceTimersByTimeAsync(1000);
    expect(await partial).toBe(true);
  });

  it("keeps it when DevTools' record has no such call, or had it only from after the switch", async () => {
    const overlap = new CaptureOverlap();
    overlap.noteDevtoolsCall(exchange("har-4-10", "http://api/late", SWITCH + 10));
    const a = overlap.isPartialCopy(headerless(exchange("72", "http://api/other", SWITCH + 5)), SWITCH);
    const b = overlap.isPartialCopy(headerless(exchange("73", "http://api/late", SWITCH + 5)), SWITCH);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await a).toBe(false);
    expect(await b).toBe(false);
  });

  it("never holds back a call with headers, a call long after the switch, or a tab that never switched", async () => {
    const overlap = new CaptureOverlap();
    const whole = { exchange: exchange("74", "http://api/x", SWITCH + 5), diagnosis: { cause: null } };
    expect(await overlap.isPartialCopy(whole as unknown as CallRecord, SWITCH)).toBe(false);
    expect(await overlap.isPartialCopy(headerless(exchange("75", "http://api/x", SWITCH + 60_000)), SWITCH)).toBe(
      false,
    );
    expect(await overlap.isPartialCopy(headerless(exchange("76", "http://api/x", SWITCH)), undefined)).toBe(false);
  });
});
