// Batches work that runs inside a page frame: one scripting call per frame at a time, however many calls are waiting.
//
// A burst of blocked calls would otherwise be one `scripting.executeScript` each, and every one of them takes the
// page's main thread. Items wait while a batch for the same frame is in flight, then go together in the next one.

interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
}

interface FrameQueue<T, R> {
  tabId: number;
  frameId: number;
  waiting: Waiting<T, R>[];
  busy: boolean;
}

export class FrameBatcher<T, R> {
  private readonly frames = new Map<string, FrameQueue<T, R>>();

  /**
   * @param run does one batch in one frame; it returns one result per item, in order, and never throws.
   * @param fallback the result for every item of a batch whose run failed (the frame is gone, say).
   * @param timing.delayMs how long a first item waits for others to join it.
   * @param timing.gapMs the least time from one batch's start to the next one's in the same frame: during a burst,
   *   a frame gets a few scripting calls a second, each carrying many items, rather than one per item. A function
   *   gives it per tab.
   */
  constructor(
    private readonly run: (tabId: number, frameId: number, items: T[]) => Promise<R[]>,
    private readonly fallback: R,
    private readonly timing: { delayMs?: number; gapMs?: number | ((tabId: number) => number) } = {},
  ) {}

  submit(tabId: number, frameId: number, item: T): Promise<R> {
    const key = `${tabId}:${frameId}`;
    let frame = this.frames.get(key);
    if (!frame) {
      frame = { tabId, frameId, waiting: [], busy: false };
      this.frames.set(key, frame);
    }
    const queue = frame;
    return new Promise<R>((resolve) => {
      queue.waiting.push({ item, resolve });
      if (queue.waiting.length === 1 && !queue.busy) setTimeout(() => void this.drain(key), this.timing.delayMs ?? 0);
    });
  }

  /** Items waiting or in flight, for tests and diagnostics. */
  get pending(): number {
    let n = 0;
    for (const f of this.frames.values()) n += f.waiting.length;
    return n;
  }

  private async drain(key: string): Promise<void> {
    const frame = this.frames.get(key);
    if (!frame || frame.busy) return;
    frame.busy = true;
    while (frame.waiting.length > 0) {
      const startedAt = Date.now();
      const batch = frame.waiting;
      frame.waiting = [];
      const results = await this.run(
        frame.tabId,
        frame.frameId,
        batch.map((w) => w.item),
      ).catch(() => [] as R[]);
      batch.forEach((w, i) => w.resolve(i < results.length ? results[i]! : this.fallback));
      const gap = typeof this.timing.gapMs === "function" ? this.timing.gapMs(frame.tabId) : (this.timing.gapMs ?? 0);
      const wait = startedAt + gap - Date.now();
      if (wait > 0 && frame.waiting.length > 0) await new Promise((r) => setTimeout(r, wait));
    }
    frame.busy = false;
    this.frames.delete(key);
  }
}
