// The per-frame batcher behind hook reads and console prints: one run per frame at a time, gaps during a burst.

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FrameBatcher } from "../../extension/frame-batch";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** A batcher whose runs are recorded and finish when the test says so. */
function recording(timing?: { delayMs?: number; gapMs?: number }) {
  const runs: { frame: string; items: number[]; at: number; finish: (r: string[] | Error) => void }[] = [];
  const batcher = new FrameBatcher<number, string>(
    (tabId, frameId, items) =>
      new Promise((resolve, reject) =>
        runs.push({
          frame: `${tabId}:${frameId}`,
          items,
          at: Date.now(),
          finish: (r) => (r instanceof Error ? reject(r) : resolve(r)),
        }),
      ),
    "fallback",
    timing,
  );
  return { runs, batcher };
}

describe("FrameBatcher", () => {
  it("sends what arrives together as one run, and keeps frames apart", async () => {
    const { runs, batcher } = recording();
    const a = [1, 2, 3].map((n) => batcher.submit(7, 0, n));
    const b = batcher.submit(7, 3, 9);
    await vi.advanceTimersByTimeAsync(0);
    expect(runs.map((r) => [r.frame, r.items])).toEqual([
      ["7:0", [1, 2, 3]],
      ["7:3", [9]],
    ]);
    runs[0]!.finish(["one", "two", "three"]);
    runs[1]!.finish(["nine"]);
    expect(await Promise.all(a)).toEqual(["one", "two", "three"]);
    expect(await b).toBe("nine");
    expect(batcher.pending).toBe(0);
  });

  it("holds items while a run is in flight, then sends them together", async () => {
    const { runs, batcher } = recording();
    const first = batcher.submit(1, 0, 1);
    await vi.advanceTimersByTimeAsync(0);
    const later = [2, 3, 4].map((n) => batcher.submit(1, 0, n));
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toHaveLength(1);
    runs[0]!.finish(["a"]);
    await first;
    await vi.advanceTimersByTimeAsync(0);
    expect(runs.map((r) => r.items)).toEqual([[1], [2, 3, 4]]);
    runs[1]!.finish(["b", "c", "d"]);
    expect(await Promise.all(later)).toEqual(["b", "c", "d"]);
  });

  it("waits the gap between runs in one frame during a burst, but not before a lone item", async () => {
    const { runs, batcher } = recording({ gapMs: 40 });
    void batcher.submit(1, 0, 1);
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toHaveLength(1);
    void batcher.submit(1, 0, 2);
    runs[0]!.finish(["a"]);
    await vi.advanceTimersByTimeAsync(39);
    expect(runs).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs.map((r) => r.items)).toEqual([[1], [2]]);
    expect(runs[1]!.at - runs[0]!.at).toBe(40);
  });

  it("waits the delay before a first run, so a burst's first items go together", async () => {
    const { runs, batcher } = recording({ delayMs: 50 });
    void batcher.submit(1, 0, 1);
    await vi.advanceTimersByTimeAsync(30);
    void batcher.submit(1, 0, 2);
    expect(runs).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(20);
    expect(runs.map((r) => r.items)).toEqual([[1, 2]]);
  });

  it("answers every item with the fallback when a run fails or returns too few results", async () => {
    const { runs, batcher } = recording();
    const failed = [1, 2].map((n) => batcher.submit(1, 0, n));
    await vi.advanceTimersByTimeAsync(0);
    runs[0]!.finish(new Error("No frame with id 0"));
    expect(await Promise.all(failed)).toEqual(["fallback", "fallback"]);
    const short = [3, 4].map((n) => batcher.submit(1, 0, n));
    await vi.advanceTimersByTimeAsync(0);
    runs[1]!.finish(["only one"]);
    expect(await Promise.all(short)).toEqual(["only one", "fallback"]);
  });
});
