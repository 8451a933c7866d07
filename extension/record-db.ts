// The tab store: call records in IndexedDB (survives worker restarts, no 10 MiB cap), bounded per tab, writes batched.

import type { Exchange } from "../src/capture/exchange";
import type { Diagnosis } from "../src/diagnose/diagnosis";
import type { CallRecord } from "../src/store/call-record";
import { DEFAULT_LIMIT } from "../src/store/tab-store";

const DB_NAME = "cors-lens";
const RECORDS = "records";
const TABS = "tabs";
/** Writes wait for a pause in the traffic this long, so a burst is a few transactions, not one every few calls... */
const QUIET_MS = 250;
/** ...but never longer than this, so a busy tab's records reach storage too. */
const MAX_WAIT_MS = 1000;

/** A call as stored: its diagnosis is left out for calls no one was shown, and made when the log is read. */
export interface StoredCall {
  exchange: Exchange;
  diagnosis?: Diagnosis;
}

interface StoredRecord {
  seq?: number;
  tabId: number;
  record: StoredCall;
}

export interface TabCounts {
  /** Records kept for the tab. */
  count: number;
  /** Records dropped because the tab's log was full. */
  dropped: number;
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

function open(): Promise<IDBDatabase> {
  const r = indexedDB.open(DB_NAME, 1);
  r.onupgradeneeded = () => {
    const db = r.result;
    const records = db.createObjectStore(RECORDS, { keyPath: "seq", autoIncrement: true });
    records.createIndex("tab", "tabId");
    db.createObjectStore(TABS, { keyPath: "tabId" });
  };
  return request(r);
}

export class RecordDb {
  private readonly db: Promise<IDBDatabase>;
  private readonly counts = new Map<number, TabCounts>();
  private readonly ready: Promise<void>;
  private queue: StoredRecord[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private firstQueuedAt = 0;
  private lastQueuedAt = 0;
  private flushing: Promise<void> = Promise.resolve();
  /** The last storage error, kept for diagnostics; records stay queued in memory meanwhile. */
  lastError: string | null = null;

  /** `complete` diagnoses a stored call that was kept without its diagnosis. */
  constructor(
    private readonly complete: (exchange: Exchange) => CallRecord,
    public limit = DEFAULT_LIMIT,
  ) {
    this.db = open();
    this.ready = this.restoreCounts();
  }

  private async restoreCounts(): Promise<void> {
    const db = await this.db;
    const rows = (await request(db.transaction(TABS).objectStore(TABS).getAll())) as ({ tabId: number } & TabCounts)[];
    for (const { tabId, count, dropped } of rows) this.counts.set(tabId, { count, dropped });
  }

  countsFor(tabId: number): TabCounts {
    return this.counts.get(tabId) ?? { count: 0, dropped: 0 };
  }

  /** Queues a record; returns the tab's counts as they will be once it is written. */
  add(tabId: number, record: StoredCall): TabCounts {
    const c = { ...this.countsFor(tabId) };
    c.count++;
    if (c.count > this.limit) {
      c.dropped += c.count - this.limit;
      c.count = this.limit;
    }
    this.counts.set(tabId, c);
    const now = Date.now();
    if (this.queue.length === 0) this.firstQueuedAt = now;
    this.lastQueuedAt = now;
    this.queue.push({ tabId, record });
    this.timer ??= setTimeout(this.tick, QUIET_MS);
    return c;
  }

  /** Flushes once the traffic pauses or the oldest queued record has waited long enough; else looks again later. */
  private readonly tick = (): void => {
    const now = Date.now();
    const quiet = now - this.lastQueuedAt;
    if (quiet >= QUIET_MS || now - this.firstQueuedAt >= MAX_WAIT_MS) void this.flush();
    else this.timer = setTimeout(this.tick, QUIET_MS - quiet);
  };

  /** Writes what is queued, then trims each touched tab to the limit (oldest first). */
  flush(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.queue;
    this.queue = [];
    this.flushing = this.flushing.then(() => this.write(batch));
    return this.flushing;
  }

  private async write(batch: StoredRecord[]): Promise<void> {
    if (batch.length === 0) return;
    await this.ready;
    try {
      const db = await this.db;
      const tx = db.transaction([RECORDS, TABS], "readwrite");
      const records = tx.objectStore(RECORDS);
      for (const r of batch) records.add(r);
      const tabs = new Set(batch.map((r) => r.tabId));
      for (const tabId of tabs) {
        const c = this.countsFor(tabId);
        tx.objectStore(TABS).put({ tabId, ...c });
        this.trim(records, tabId, c.count);
      }
      await done(tx);
      this.lastError = null;
    } catch (e) {
      // Keep the batch for the next flush rather than lose it.
      this.lastError = String(e);
      this.queue.unshift(...batch);
    }
  }

  /** Deletes the oldest records of a tab beyond `keep`. */
  private trim(records: IDBObjectStore, tabId: number, keep: number): void {
    const countReq = records.index("tab").count(tabId);
    countReq.onsuccess = () => {
      let excess = countReq.result - keep;
      if (excess <= 0) return;
      const cursor = records.index("tab").openCursor(tabId);
      cursor.onsuccess = () => {
        const c = cursor.result;
        if (!c || excess <= 0) return;
        c.delete();
        excess--;
        c.continue();
      };
    };
  }

  async load(tabId: number): Promise<{ records: CallRecord[] } & TabCounts> {
    await this.flush();
    const db = await this.db;
    const rows = (await request(
      db.transaction(RECORDS).objectStore(RECORDS).index("tab").getAll(tabId),
    )) as StoredRecord[];
    const records = rows.map(({ record: r }) =>
      r.diagnosis ? { exchange: r.exchange, diagnosis: r.diagnosis } : this.complete(r.exchange),
    );
    return { records, ...this.countsFor(tabId) };
  }

  async clear(tabId: number): Promise<void> {
    this.queue = this.queue.filter((r) => r.tabId !== tabId);
    await this.flush();
    this.counts.set(tabId, { count: 0, dropped: 0 });
    const db = await this.db;
    const tx = db.transaction([RECORDS, TABS], "readwrite");
    const cursor = tx.objectStore(RECORDS).index("tab").openKeyCursor(tabId);
    cursor.onsuccess = () => {
      const c = cursor.result;
      if (!c) return;
      tx.objectStore(RECORDS).delete(c.primaryKey);
      c.continue();
    };
    tx.objectStore(TABS).delete(tabId);
    await done(tx);
  }

  /** A closed tab: forget it entirely. */
  async remove(tabId: number): Promise<void> {
    await this.clear(tabId);
    this.counts.delete(tabId);
  }

  /** Tabs that have records, for cleanup of tabs closed while the worker was stopped. */
  tabIds(): number[] {
    return [...this.counts.keys()];
  }
}
