// The devtools page's outbox of DevTools-recorded calls: held while nobody looks, in order, never lost.

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FORWARD_MS, HarForwarder, MAX_HELD, MAX_HOLD_MS, QUIET_MS } from "../../extension/har-forwarder";
import type { HarCall } from "../../src/capture/har";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

let n = 0;
function call(error: string | null = null): HarCall {
  n++;
  return {
    url: `http://api.test/x?n=${n}`,
    method: "GET",
    resourceType: "fetch",
    status: error ? 0 : 200,
    error,
    requestHeaders: [],
    responseHeaders: [],
    startedAt: n,
    endedAt: n + 1,
  };
}

function outbox() {
  const sent: HarCall[][] = [];
  const f = new HarForwarder((calls) => sent.push(calls), Date.now);
  return { f, sent, urls: () => sent.flat().map((c) => c.url) };
}

describe("HarForwarder", () => {
  it("holds allowed calls while nobody looks, and sends them in one message once the page is quiet", () => {
    const { f, sent } = outbox();
    const calls = [call(), call(), call()];
    for (const c of calls) {
      f.add(c);
      vi.advanceTimersByTime(QUIET_MS / 2);
    }
    expect(sent).toEqual([]);
    expect(f.held).toBe(3);
    vi.advanceTimersByTime(QUIET_MS / 2);
    expect(sent).toEqual([calls]);
    expect(f.held).toBe(0);
  });

  it("sends a call that failed within FORWARD_MS, with everything held before it, in order", () => {
    const { f, sent } = outbox();
    const allowed = [call(), call()];
    const failed = call("net::ERR_FAILED");
    for (const c of allowed) f.add(c);
    f.add(failed);
    vi.advanceTimersByTime(FORWARD_MS - 1);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([[...allowed, failed]]);
  });

  it("keeps one short timer for calls failing together: one message, not one per call", () => {
    const { f, sent } = outbox();
    for (let i = 0; i < 5; i++) f.add(call(i % 2 ? "net::ERR_FAILED" : null));
    vi.advanceTimersByTime(FORWARD_MS);
    expect(sent.map((b) => b.length)).toEqual([5]);
  });

  it("does not hold calls back longer than MAX_HOLD_MS during steady traffic", () => {
    const { f, sent } = outbox();
    const every = QUIET_MS / 4;
    for (let t = 0; t < MAX_HOLD_MS; t += every) {
      f.add(call());
      vi.advanceTimersByTime(every);
    }
    expect(sent.length).toBe(1);
    expect(sent[0]!.length).toBe(MAX_HOLD_MS / every);
  });

  it("sends at once (after FORWARD_MS) when MAX_HELD calls are held", () => {
    const { f, sent } = outbox();
    for (let i = 0; i < MAX_HELD; i++) f.add(call());
    vi.advanceTimersByTime(FORWARD_MS);
    expect(sent.map((b) => b.length)).toEqual([MAX_HELD]);
  });

  it("while a panel looks, forwards every call within FORWARD_MS; a panel that starts looking gets what was held", () => {
    const { f, sent, urls } = outbox();
    const before = [call(), call()];
    for (const c of before) f.add(c);
    f.setViewed(true);
    expect(sent).toEqual([before]);
    const next = call();
    f.add(next);
    vi.advanceTimersByTime(FORWARD_MS);
    expect(urls()).toEqual([...before, next].map((c) => c.url));
    f.setViewed(false);
    f.add(call());
    vi.advanceTimersByTime(FORWARD_MS);
    expect(sent.length).toBe(2);
  });

  it("forward() sends what is held now and leaves no timer behind", () => {
    const { f, sent } = outbox();
    const c = call();
    f.add(c);
    f.forward();
    expect(sent).toEqual([[c]]);
    vi.advanceTimersByTime(MAX_HOLD_MS);
    expect(sent).toEqual([[c]]);
    f.forward();
    expect(sent.length).toBe(1);
  });
});
