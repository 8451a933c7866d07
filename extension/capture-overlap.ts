// The moment a DevTools-watched tab starts being captured through webRequest too (its page started a worker, a
// pop-out panel opened): a call in flight then reaches both. DevTools' record has it whole; webRequest saw only its
// end, which would make a second, "headers not seen" record. This keeps the whole one.

import type { Exchange } from "../src/capture/exchange";
import { HAR_ID_PREFIX } from "../src/capture/har";
import type { CallRecord } from "../src/store/call-record";

/** How long after the switch a headerless failure may be a call DevTools' record is still to deliver. */
const OVERLAP_MS = 3000;
/** DevTools hands its record over late in a burst (a p95 of ~150 ms was seen): wait this long for it. */
const SETTLE_MS = 1000;
/** DevTools-recorded calls remembered per tab, to recognise the same call. */
const REMEMBERED = 500;

const keyOf = (x: Exchange) => `${x.method} ${x.url}`;

export class CaptureOverlap {
  private readonly fromDevtools = new Map<number, Map<string, number>>();

  /** A call captured from DevTools' record (its ids start with HAR_ID_PREFIX). */
  noteDevtoolsCall(exchange: Exchange): void {
    if (!exchange.id.startsWith(HAR_ID_PREFIX)) return;
    const calls = this.fromDevtools.get(exchange.tabId) ?? new Map<string, number>();
    this.fromDevtools.set(exchange.tabId, calls);
    calls.delete(keyOf(exchange));
    calls.set(keyOf(exchange), exchange.startedAt);
    if (calls.size > REMEMBERED) calls.delete(calls.keys().next().value!);
  }

  /**
   * Whether this webRequest record is only the end of a call DevTools' record holds whole: a failure whose headers
   * were not seen, right after the switch, matched by method and URL once DevTools has had time to deliver it.
   */
  async isPartialCopy(record: CallRecord, switchedAt: number | undefined): Promise<boolean> {
    const x = record.exchange;
    if (switchedAt === undefined || x.id.startsWith(HAR_ID_PREFIX)) return false;
    if (record.diagnosis.cause?.kind !== "headers-not-seen" || x.startedAt - switchedAt > OVERLAP_MS) return false;
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const startedAt = this.fromDevtools.get(x.tabId)?.get(keyOf(x));
    return startedAt !== undefined && startedAt < switchedAt;
  }

  forgetTab(tabId: number): void {
    this.fromDevtools.delete(tabId);
  }
}
