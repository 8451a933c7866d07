// The panel's copy of a tab's log: a pure reducer over the worker's messages (tested in Node).

import type { TabStatus, WorkerMessage } from "../src/protocol/messages";
import type { CallRecord } from "../src/store/call-record";

export interface State {
  records: CallRecord[];
  status: TabStatus | null;
}

/** Applies one worker message; records are keyed by exchange id, so a replayed or updated record never duplicates a row. */
export function reduce(state: State, m: WorkerMessage, tabId: number): State {
  switch (m.type) {
    case "snapshot": {
      if (m.status.tabId !== tabId) return state;
      // After a worker restart the snapshot may lack the last unsaved batch the panel already shows: keep both.
      const ids = new Set(m.records.map((r) => r.exchange.id));
      const kept = state.records.filter((r) => !ids.has(r.exchange.id));
      const records = kept.length
        ? [...m.records, ...kept].sort((a, b) => a.exchange.startedAt - b.exchange.startedAt)
        : m.records;
      return { records, status: m.status };
    }
    case "added": {
      if (m.tabId !== tabId) return state;
      // A record already shown is replaced (the worker completes a blocked call's record once the page's hint is in);
      // the rest are appended.
      const incoming = new Map(m.records.map((r) => [r.exchange.id, r]));
      let replaced = false;
      const current = state.records.map((r) => {
        const next = incoming.get(r.exchange.id);
        if (!next) return r;
        incoming.delete(r.exchange.id);
        replaced ||= next !== r;
        return next;
      });
      const fresh = [...incoming.values()];
      const status = state.status && { ...state.status, dropped: m.dropped };
      const records = fresh.length || replaced ? [...current, ...fresh] : state.records;
      const limit = status?.settings.limit ?? Infinity;
      return { records: records.length > limit ? records.slice(records.length - limit) : records, status };
    }
    case "cleared":
      if (m.tabId !== tabId) return state;
      return { records: [], status: state.status && { ...state.status, dropped: 0, pageUrl: m.pageUrl } };
    case "status":
      return m.status.tabId === tabId ? { ...state, status: m.status } : state;
    case "workers-started":
    case "viewed":
      return state; // for devtools pages only
  }
}
