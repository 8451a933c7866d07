// The typed messages between the panel (or devtools page) and the service worker, over one named port each.

import type { HarCall } from "../capture/har";
import type { StackId } from "../fixes/types";
import type { CallRecord } from "../store/call-record";

export const PANEL_PORT = "cors-lens/panel";
export const DEVTOOLS_PORT = "cors-lens/devtools";

/** User settings that apply to every tab, kept in extension storage. */
export interface Settings {
  /** Records kept per tab before the oldest are dropped. */
  limit: number;
  /** Capture every tab all the time, not only the ones DevTools or the panel is open on. */
  background: boolean;
  /** Print an explanation of each blocked call in the page's console. */
  console: boolean;
  /** The server stack fixes are written for. */
  stack: StackId;
  /** Keep cookies, authorization and tokens in exports and copies (masked by default). */
  includeSecrets: boolean;
}

/** Sent by a panel or devtools page to the service worker. */
export type ViewerMessage =
  /** `via: "devtools"`: the viewer is in the tab's DevTools, whose devtools page forwards what DevTools records. */
  | { type: "watch"; tabId: number; via?: "devtools" }
  /** Calls the tab's DevTools recorded (from its devtools page). */
  | { type: "har"; tabId: number; calls: HarCall[] }
  /** Keeps the worker from idling out while a tab is watched (a stopped worker misses a call's headers). */
  | { type: "ping"; tabId: number }
  | { type: "clear"; tabId: number }
  | { type: "preserve-log"; tabId: number; on: boolean }
  | { type: "settings"; settings: Partial<Settings> };

/** What a panel shows about its tab besides the records. */
export interface TabStatus {
  tabId: number;
  pageUrl: string | null;
  /** Records dropped because the log was full. */
  dropped: number;
  preserveLog: boolean;
  settings: Settings;
  /** Calls with no tab (shared or service workers) that could not be attributed to any watched tab. */
  unattributed: number;
}

/** Sent by the service worker to a panel. */
export type WorkerMessage =
  | { type: "snapshot"; records: CallRecord[]; status: TabStatus }
  /** To a devtools page: its tab's page started a worker (DevTools' record leaves out workers' calls). */
  | { type: "workers-started" }
  /** To a devtools page: whether a panel shows its tab now (while none does, it holds the calls the browser allowed). */
  | { type: "viewed"; on: boolean }
  | { type: "added"; tabId: number; records: CallRecord[]; dropped: number }
  | { type: "cleared"; tabId: number; pageUrl: string | null }
  | { type: "status"; status: TabStatus };

/** From a page's content script (extension/worker-relay.ts): the page started a worker. */
export interface PageMessage {
  type: "workers";
}

export function isPageMessage(m: unknown): m is PageMessage {
  return !!m && typeof m === "object" && (m as { type?: unknown }).type === "workers";
}

const VIEWER_TYPES = new Set(["watch", "har", "ping", "clear", "preserve-log", "settings"]);

export function isViewerMessage(m: unknown): m is ViewerMessage {
  if (!m || typeof m !== "object") return false;
  const msg = m as { type?: unknown; tabId?: unknown; settings?: unknown; calls?: unknown };
  if (typeof msg.type !== "string" || !VIEWER_TYPES.has(msg.type)) return false;
  if (msg.type === "settings") return typeof msg.settings === "object" && msg.settings !== null;
  if (msg.type === "har" && !Array.isArray(msg.calls)) return false;
  return typeof msg.tabId === "number";
}
