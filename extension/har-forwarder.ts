// The devtools page's outbox of DevTools-recorded calls: at once while a panel looks, held while nobody does.
//
// While a panel shows the tab, calls reach the worker as they finish, those finished together as one message.
// While none does, nobody waits for a row: a call the browser let through is held here, so the page's busy moment
// pays no message, no storage and no worker work for it. Held calls go together once the page is quiet, or after a
// few seconds, or with the next call that failed (its console explanation cannot wait, and its preflight may be
// among them): every message carries all that is held, in order, so the worker sees calls as DevTools listed them.

import type { HarCall } from "../src/capture/har";

export const FORWARD_MS = 10;
export const QUIET_MS = 1000;
export const MAX_HOLD_MS = 5000;
/** Held calls at most; below the page hook's memory (2,000 calls a frame), so every held call's hint can be read. */
export const MAX_HELD = 1500;

export class HarForwarder {
  private batch: HarCall[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Whether the pending timer is the short one (a panel looks, or a call failed). */
  private urgent = false;
  private firstAt = 0;
  private lastAt = 0;
  private viewed = false;

  constructor(
    private readonly send: (calls: HarCall[]) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** A panel began or stopped showing the tab; when one begins, what is held goes now. */
  setViewed(on: boolean): void {
    this.viewed = on;
    if (on) this.forward();
  }

  add(call: HarCall): void {
    const now = this.now();
    if (this.batch.length === 0) this.firstAt = now;
    this.lastAt = now;
    this.batch.push(call);
    if (this.viewed || call.error !== null || this.batch.length >= MAX_HELD) {
      if (this.urgent) return;
      if (this.timer !== null) clearTimeout(this.timer);
      this.urgent = true;
      this.timer = setTimeout(() => this.forward(), FORWARD_MS);
    } else {
      this.timer ??= setTimeout(this.whenQuiet, QUIET_MS);
    }
  }

  /** Sends everything held, now (a new document, DevTools closing, a panel looking). */
  forward(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.urgent = false;
    if (this.batch.length === 0) return;
    const calls = this.batch;
    this.batch = [];
    this.send(calls);
  }

  /** Calls held now, for tests. */
  get held(): number {
    return this.batch.length;
  }

  /** Held calls go once the page has been quiet for QUIET_MS, or the first of them has waited MAX_HOLD_MS. */
  private readonly whenQuiet = (): void => {
    this.timer = null;
    const now = this.now();
    const quiet = now - this.lastAt;
    const waited = now - this.firstAt;
    if (quiet >= QUIET_MS || waited >= MAX_HOLD_MS) this.forward();
    else this.timer = setTimeout(this.whenQuiet, Math.min(QUIET_MS - quiet, MAX_HOLD_MS - waited));
  };
}
