// Keeps the panel's copy of a tab's call records and status in step with the service worker over a reconnecting port.

import { useEffect, useRef, useState } from "preact/hooks";
import { capturesThroughDevtools } from "../extension/platform";
import { connectViewer, type ViewerPort } from "../extension/viewer-port";
import { PANEL_PORT, type Settings, type TabStatus } from "../src/protocol/messages";
import type { CallRecord } from "../src/store/call-record";
import { reduce, type State } from "./tab-log-state";

export interface TabLogView {
  records: CallRecord[];
  /** null until the first snapshot arrives. */
  status: TabStatus | null;
  clear(): void;
  setPreserveLog(on: boolean): void;
  setSettings(settings: Partial<Settings>): void;
}

export function useTabLog(tabId: number): TabLogView {
  const [state, setState] = useState<State>({ records: [], status: null });
  const port = useRef<ViewerPort | null>(null);

  useEffect(() => {
    port.current = connectViewer(
      PANEL_PORT,
      tabId,
      (m) => {
        // A mark per batch: DevTools' Performance panel shows them, and bench/ times capture-to-panel latency with them.
        if (m.type === "added") performance.mark("cors-lens:added", { detail: m.records.map((r) => r.exchange.url) });
        setState((s) => reduce(s, m, tabId));
      },
      // Inside DevTools, the devtools page forwards what DevTools records; a pop-out panel needs webRequest.
      capturesThroughDevtools() ? "devtools" : undefined,
    );
    return () => port.current?.close();
  }, [tabId]);

  return {
    ...state,
    clear: () => port.current?.send({ type: "clear", tabId }),
    setPreserveLog: (on) => port.current?.send({ type: "preserve-log", tabId, on }),
    setSettings: (settings) => port.current?.send({ type: "settings", settings }),
  };
}
