// Keeps the panel's copy of a tab's call records in step with the service worker over a reconnecting port.

import { useEffect, useRef, useState } from "preact/hooks";
import { connectViewer, type ViewerPort } from "../extension/viewer-port";
import { PANEL_PORT, type WorkerMessage } from "../src/protocol/messages";
import type { CallRecord } from "../src/store/call-record";

export interface TabLogView {
  records: CallRecord[];
  dropped: number;
  pageUrl: string | null;
  /** False until the first snapshot arrives. */
  ready: boolean;
  clear(): void;
}

export function useTabLog(tabId: number): TabLogView {
  const [state, setState] = useState({
    records: [] as CallRecord[],
    dropped: 0,
    pageUrl: null as string | null,
    ready: false,
  });
  const port = useRef<ViewerPort | null>(null);

  useEffect(() => {
    const onMessage = (m: WorkerMessage): void => {
      if (m.tabId !== tabId) return;
      if (m.type === "snapshot") setState({ records: m.records, dropped: m.dropped, pageUrl: m.pageUrl, ready: true });
      else if (m.type === "added") {
        setState((s) => {
          const seen = new Set(s.records.map((r) => r.exchange.id));
          const fresh = m.records.filter((r) => !seen.has(r.exchange.id));
          return { ...s, records: [...s.records, ...fresh], dropped: m.dropped };
        });
      } else if (m.type === "cleared") setState((s) => ({ ...s, records: [], dropped: 0 }));
    };
    port.current = connectViewer(PANEL_PORT, tabId, onMessage);
    return () => port.current?.close();
  }, [tabId]);

  return { ...state, clear: () => port.current?.send({ type: "clear", tabId }) };
}
