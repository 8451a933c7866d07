// Per-tab bounded log of call records: oldest dropped first and counted, serialisable for session storage.

import type { CallRecord } from "./call-record";

export interface TabLog {
  records: CallRecord[];
  /** Records dropped because the log was full. */
  dropped: number;
}

export const DEFAULT_LIMIT = 5000;

export class TabStore {
  private readonly tabs = new Map<number, TabLog>();

  constructor(public limit = DEFAULT_LIMIT) {}

  get(tabId: number): TabLog {
    let log = this.tabs.get(tabId);
    if (!log) {
      log = { records: [], dropped: 0 };
      this.tabs.set(tabId, log);
    }
    return log;
  }

  add(tabId: number, record: CallRecord): void {
    const log = this.get(tabId);
    log.records.push(record);
    const excess = log.records.length - this.limit;
    if (excess > 0) {
      log.records.splice(0, excess);
      log.dropped += excess;
    }
  }

  clear(tabId: number): void {
    this.tabs.set(tabId, { records: [], dropped: 0 });
  }

  remove(tabId: number): void {
    this.tabs.delete(tabId);
  }

  tabIds(): number[] {
    return [...this.tabs.keys()];
  }

  toJSON(): Record<string, TabLog> {
    return Object.fromEntries([...this.tabs].map(([id, log]) => [String(id), log]));
  }

  static fromJSON(data: unknown, limit = DEFAULT_LIMIT): TabStore {
    const store = new TabStore(limit);
    if (data && typeof data === "object") {
      for (const [id, log] of Object.entries(data as Record<string, TabLog>)) {
        if (Array.isArray(log?.records))
          store.tabs.set(Number(id), { records: log.records, dropped: log.dropped ?? 0 });
      }
    }
    return store;
  }
}
