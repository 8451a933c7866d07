// The tab store kept in memory and persisted to chrome.storage.session (throttled), restored after a worker restart.

import type { CallRecord } from "../src/store/call-record";
import { TabStore, type TabLog } from "../src/store/tab-store";
import { browser } from "./platform";

const KEY = "tabStore";
const WRITE_DELAY_MS = 500;

export class SessionStore {
  private store = new TabStore();
  private restored: Promise<void>;
  private writeTimer: ReturnType<typeof setTimeout> | null = null;
  /** The last storage error, shown to whoever asks; memory keeps everything meanwhile. */
  lastError: string | null = null;

  constructor() {
    this.restored = this.restore();
  }

  private async restore(): Promise<void> {
    try {
      const saved = (await browser.storage.session.get(KEY))[KEY];
      const previous = TabStore.fromJSON(saved, this.store.limit);
      // Records captured before the restore finished are newer: keep them after the saved ones.
      for (const tabId of this.store.tabIds()) {
        for (const r of this.store.get(tabId).records) previous.add(tabId, r);
      }
      this.store = previous;
    } catch (e) {
      this.lastError = String(e);
    }
  }

  async load(tabId: number): Promise<TabLog> {
    await this.restored;
    return this.store.get(tabId);
  }

  add(tabId: number, record: CallRecord): TabLog {
    this.store.add(tabId, record);
    this.scheduleWrite();
    return this.store.get(tabId);
  }

  clear(tabId: number): void {
    this.store.clear(tabId);
    this.scheduleWrite();
  }

  remove(tabId: number): void {
    this.store.remove(tabId);
    this.scheduleWrite();
  }

  private scheduleWrite(): void {
    if (this.writeTimer !== null) return;
    this.writeTimer = setTimeout(() => {
      this.writeTimer = null;
      void this.write();
    }, WRITE_DELAY_MS);
  }

  private async write(): Promise<void> {
    await this.restored;
    try {
      await browser.storage.session.set({ [KEY]: this.store.toJSON() });
      this.lastError = null;
    } catch (e) {
      // Over quota: memory still holds everything; the next write tries again.
      this.lastError = String(e);
    }
  }
}
