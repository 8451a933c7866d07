// Keeps the panel's copy of a tab's call records and status in step with the service worker over a reconnecting port.

import { useEffect, useRef, useState } from "preact/hooks";
import { connectViewer, type ViewerPort } from "../extension/viewer-port";
import { PANEL_PORT, type Settings, type TabStatus, type WorkerMessage } from "../src/protocol/messages";
import type { CallRecord } from "../src/store/call-record";

export interface TabLogView {
  records: CallRecord[];
  /** null until the first snapshot arrives. */
  status: TabStatus | null;
  clear(): void;
  setPreserveLog(on: boolean): void;
  setSettings(settings: Partial<Settings>): void;
}

interface State {
  records: CallRecord[];
  status: TabStatus | null;
}

/** Applies one worker message; records are keyed by exchange id so a replayed message never duplicates a row. */
export function reduce(state: State, m: WorkerMessage, tabId: number): State {
  switch (m.type) {
    case "snapshot":
      return m.status.tabId === tabId ? { records: m.records, status: m.status } : state;
    case "added": {
      if (m.tabId !== tabId) return state;
      const seen = new Set(state.records.map((r) => r.exchange.id));
      const fresh = m.records.filter((r) => !seen.has(r.exchange.id));
      const status = state.status && { ...state.status, dropped: m.dropped };
      const records = fresh.length ? [...state.records, ...fresh] : state.records;
      const limit = status?.settings.limit ?? Infinity;
      return { records: records.length > limit ? records.slice(records.length - limit) : records, status };
    }
    case "cleared":
      if (m.tabId !== tabId) return state;
      return { records: [], status: state.status && { ...state.status, dropped: 0, pageUrl: m.pageUrl } };
    case "status":
      return m.status.tabId === tabId ? { ...state, status: m.status } : state;
  }
}

export function useTabLog(tabId: number): TabLogView {
  const [state, setState] = useState<State>({ records: [], status: null });
  const port = useRef<ViewerPort | null>(null);

  useEffect(() => {
    port.current = connectViewer(PANEL_PORT, tabId, (m) => setState((s) => reduce(s, m, tabId)));
    return () => port.current?.close();
  }, [tabId]);

  return {
    ...state,
    clear: () => port.current?.send({ type: "clear", tabId }),
    setPreserveLog: (on) => port.current?.send({ type: "preserve-log", tabId, on }),
    setSettings: (settings) => port.current?.send({ type: "settings", settings }),
  };
}
