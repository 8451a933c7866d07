// The typed messages between the panel (or devtools page) and the service worker, over one named port each.

import type { CallRecord } from "../store/call-record";

export const PANEL_PORT = "cors-lens/panel";
export const DEVTOOLS_PORT = "cors-lens/devtools";

/** Sent by a panel or devtools page to the service worker. */
export type ViewerMessage = { type: "watch"; tabId: number } | { type: "clear"; tabId: number };

/** Sent by the service worker to a panel. */
export type WorkerMessage =
  | { type: "snapshot"; tabId: number; records: CallRecord[]; dropped: number; pageUrl: string | null }
  | { type: "added"; tabId: number; records: CallRecord[]; dropped: number }
  | { type: "cleared"; tabId: number };

export function isViewerMessage(m: unknown): m is ViewerMessage {
  if (!m || typeof m !== "object") return false;
  const msg = m as { type?: unknown; tabId?: unknown };
  return (msg.type === "watch" || msg.type === "clear") && typeof msg.tabId === "number";
}
