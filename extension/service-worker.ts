// The MV3 service worker: routes viewer ports, runs capture while a tab is watched, keeps the tab store.

import type { Exchange, PageHints } from "../src/capture/exchange";
import type { PageHint } from "../src/capture/page-hint";
import { Recorder } from "../src/capture/recorder";
import { originOf } from "../src/cors/origin";
import {
  DEVTOOLS_PORT,
  isPageMessage,
  isViewerMessage,
  PANEL_PORT,
  type Settings,
  type TabStatus,
  type ViewerMessage,
  type WorkerMessage,
} from "../src/protocol/messages";
import { recordFor, type CallRecord } from "../src/store/call-record";
import { needsPageHint } from "../src/diagnose/diagnose";
import { explanationOf } from "../src/report/explanation";
import { redactUrl } from "../src/report/redact";
import { CaptureController, type ViewerKind } from "./capture-controller";
import { CaptureOverlap } from "./capture-overlap";
import { explainInPage, forgetExplained } from "./console-explainer";
import { hintFor, injectHook, setViewedTabs } from "./page-hints";
import { browser, browserName, type Runtime } from "./platform";
import { RecordDb } from "./record-db";
import { DEFAULT_SETTINGS, loadSession, loadSettings, sanitize, saveSession, saveSettings } from "./settings";

const NO_TAB = -1;
const ADDED_BATCH_MS = 16;

const db = new RecordDb((exchange) => recordFor(exchange, { browser: browserName() }));
const overlap = new CaptureOverlap();
let settings: Settings = DEFAULT_SETTINGS;
const preserveLog = new Set<number>();
/** The page URL of each watched tab, to attribute calls that have no tab (shared and service workers). */
const tabUrls = new Map<number, string>();
const panels = new Map<Runtime.Port, number>();
/** Devtools pages capturing their tab from DevTools' record, by port. */
const devtoolsPages = new Map<Runtime.Port, number>();
/** When each watched tab's current document committed: DevTools' calls begun before it are the last document's. */
const committedAt = new Map<number, number>();
const outbox = new Map<number, CallRecord[]>();
let outboxTimer: ReturnType<typeof setTimeout> | null = null;

const recorder = new Recorder((exchange) => void onFinished(exchange));
const capture = new CaptureController(
  recorder,
  (state) => void saveSession({ ...state, preserveLog: [...preserveLog] }),
  {
    onNavigated: (tabId, url, at) => void navigated(tabId, url, at),
    pageOrigin: (tabId) => originOf(tabUrls.get(tabId) ?? ""),
  },
);

setViewedTabs(isShown);

// Listeners that must wake a stopped worker are registered synchronously, at the top level.
capture.startProvisionally();
browser.runtime.onConnect.addListener(onConnect);
// A page started a worker (extension/worker-relay.ts): its DevTools' record will not show the worker's calls, so the
// devtools page watching that tab switches it to webRequest.
browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  const tabId = sender.tab?.id;
  if (!isPageMessage(message) || tabId === undefined) return;
  for (const [port, watched] of devtoolsPages) if (watched === tabId) post(port, { type: "workers-started" });
});
// The toolbar button opens the pop-out panel on the tab it was clicked on, next to it (no popup, no permission).
browser.action.onClicked.addListener((tab) => {
  if (tab.id === undefined) return;
  void browser.tabs.create({
    url: browser.runtime.getURL(`panel/index.html?tabId=${tab.id}`),
    index: tab.index + 1,
    openerTabId: tab.id,
  });
});
browser.tabs.onRemoved.addListener((tabId) => {
  tabUrls.delete(tabId);
  committedAt.delete(tabId);
  forgetExplained(tabId);
  overlap.forgetTab(tabId);
  preserveLog.delete(tabId);
  void db.remove(tabId);
});
// Installing or updating the extension must start the worker too, so background capture resumes at once.
browser.runtime.onInstalled.addListener(() => {});
browser.runtime.onStartup.addListener(() => {
  // Tab ids start over with the browser: records of the last session belong to no tab now.
  for (const tabId of db.tabIds()) void db.remove(tabId);
});

/** Start-up: the saved settings and session. Viewer messages wait for it, so a change made meanwhile is not lost. */
const started = (async () => {
  settings = await loadSettings().catch(() => DEFAULT_SETTINGS);
  db.limit = settings.limit;
  const session = await loadSession().catch(() => null);
  for (const tabId of session?.preserveLog ?? []) preserveLog.add(tabId);
  // Background capture is a setting (kept across sessions); watched tabs are this session's.
  capture.restore({ watched: session?.watched ?? [], background: settings.background });
})();

setInterval(() => recorder.sweep(Date.now()), 30_000);

/** Panels whose snapshot is being read: what is sent to them meanwhile waits and follows it, in order. */
const awaitingSnapshot = new Map<Runtime.Port, WorkerMessage[]>();

function post(port: Runtime.Port, message: WorkerMessage): void {
  const waiting = awaitingSnapshot.get(port);
  if (waiting) {
    waiting.push(message);
    return;
  }
  try {
    port.postMessage(message);
  } catch {
    panels.delete(port);
  }
}

function toPanels(tabId: number, message: WorkerMessage): void {
  for (const [port, watched] of panels) if (watched === tabId) post(port, message);
}

/** Which tabs a call belongs to: its own, or for a call with no tab, the watched tabs of the same origin. */
function tabsFor(exchange: Exchange): number[] {
  if (exchange.tabId >= 0) return [exchange.tabId];
  const origin = exchange.initiator;
  const tabs = [...tabUrls].filter(([, url]) => origin !== null && originOf(url) === origin).map(([id]) => id);
  return tabs.length > 0 ? tabs : [NO_TAB];
}

/** Whether a panel shows this tab now. */
function isShown(tabId: number): boolean {
  for (const watched of panels.values()) if (watched === tabId) return true;
  return false;
}

/** Tells the tab's devtools pages whether a panel shows it (they hold allowed calls while none does). */
function viewedChanged(tabId: number): void {
  for (const [port, watched] of devtoolsPages)
    if (watched === tabId) post(port, { type: "viewed", on: isShown(tabId) });
}

async function onFinished(exchange: Exchange): Promise<void> {
  const options = { browser: browserName() };
  const tabs = tabsFor(exchange);
  const switchedAt = capture.webRequestSwitchedAt(exchange.tabId);
  const hinting = needsPageHint(exchange, options);
  overlap.noteDevtoolsCall(exchange);
  // A call the browser let through, in tabs no panel shows (background capture): nothing to print, nobody to tell.
  // It is stored as captured and diagnosed when a panel reads the log, off the page's busy moments.
  if (exchange.outcome === "completed" && !hinting && switchedAt === undefined && !tabs.some(isShown)) {
    for (const tabId of tabs) db.add(tabId, { exchange });
    return;
  }
  let record: CallRecord = recordFor(exchange, options);
  if (await overlap.isPartialCopy(record, switchedAt)) return;
  // webRequest never says the credentials mode; for a blocked call, ask the page hook (and learn the calling line).
  // The row is shown at once and completed when the hint arrives (the panel replaces a record by its id); it is
  // stored and explained in the console once, complete.
  if (hinting) {
    toOutbox(tabs, record);
    const hint = await hintFor(exchange);
    if (hint) {
      const hinted = {
        ...exchange,
        // A call from DevTools' record belongs to the frame whose hook saw it.
        ...(hint.frameId !== undefined ? { frameId: hint.frameId } : {}),
        hints: hintsOf(hint),
      };
      record = recordFor(hinted, options);
      toOutbox(tabs, record);
    }
  } else {
    toOutbox(tabs, record);
  }
  for (const tabId of tabs) db.add(tabId, record);
  if (settings.console && record.diagnosis.outcome === "blocked" && tabs[0] !== NO_TAB) {
    // Once per call: a call with no tab is explained in the top frame of the first tab it is attributed to.
    const frameId = exchange.tabId >= 0 ? record.exchange.frameId : 0;
    void explainInPage(tabs[0]!, frameId, explanationOf(record, settings.stack), redactUrl(exchange.url));
  }
}

/** What a page hint adds to its exchange. */
function hintsOf(hint: PageHint): PageHints {
  const {
    credentials,
    callSite,
    targetAddressSpace,
    secureContext,
    localNetworkPermissions,
    localNetworkPolicy,
    uploadListener,
    streamBody,
  } = hint;
  return {
    credentials,
    ...(callSite ? { callSite } : {}),
    ...(targetAddressSpace ? { targetAddressSpace } : {}),
    ...(secureContext !== undefined ? { secureContext } : {}),
    ...(localNetworkPermissions ? { localNetworkPermissions } : {}),
    ...(localNetworkPolicy ? { localNetworkPolicy } : {}),
    ...(uploadListener ? { uploadListener } : {}),
    ...(streamBody ? { streamBody } : {}),
  };
}

/** Batched so a burst of calls is a few messages to the panels, not thousands. */
function toOutbox(tabs: number[], record: CallRecord): void {
  for (const tabId of tabs) {
    const queued = outbox.get(tabId) ?? [];
    queued.push(record);
    outbox.set(tabId, queued);
  }
  outboxTimer ??= setTimeout(flushOutbox, ADDED_BATCH_MS);
}

function flushOutbox(): void {
  outboxTimer = null;
  for (const [tabId, records] of outbox) {
    toPanels(tabId, { type: "added", tabId, records, dropped: db.countsFor(tabId).dropped });
  }
  outbox.clear();
}

async function pageUrl(tabId: number): Promise<string | null> {
  try {
    return (await browser.tabs.get(tabId)).url ?? null;
  } catch {
    return null;
  }
}

function status(tabId: number): TabStatus {
  return {
    tabId,
    pageUrl: tabUrls.get(tabId) ?? null,
    dropped: db.countsFor(tabId).dropped,
    preserveLog: preserveLog.has(tabId),
    settings,
    unattributed: db.countsFor(NO_TAB).count,
  };
}

/** A new document in a watched tab: like the Network panel, start a fresh list unless Preserve log is on. */
async function navigated(tabId: number, url: string, at: number): Promise<void> {
  if (!tabUrls.has(tabId)) return;
  committedAt.set(tabId, at);
  forgetExplained(tabId);
  tabUrls.set(tabId, url);
  if (preserveLog.has(tabId)) {
    toPanels(tabId, { type: "status", status: status(tabId) });
    return;
  }
  outbox.delete(tabId);
  await db.clear(tabId);
  toPanels(tabId, { type: "cleared", tabId, pageUrl: url });
}

/**
 * Sends a panel its tab's log. The panel is registered first, so every record stored after the log is read reaches
 * it as "added"; what is sent while the log is read ("added", "cleared", "status") follows the snapshot, so a clear
 * made meanwhile is not undone by an older snapshot. The panel keys records by id, so a record in both is one row.
 */
async function snapshot(port: Runtime.Port, tabId: number): Promise<void> {
  awaitingSnapshot.set(port, []);
  panels.set(port, tabId);
  viewedChanged(tabId);
  try {
    tabUrls.set(tabId, (await pageUrl(tabId)) ?? tabUrls.get(tabId) ?? "");
    const log = await db.load(tabId);
    const waiting = awaitingSnapshot.get(port) ?? [];
    awaitingSnapshot.delete(port);
    post(port, { type: "snapshot", records: log.records, status: status(tabId) });
    for (const m of waiting) post(port, m);
  } finally {
    awaitingSnapshot.delete(port);
  }
}

/** What one viewer's port watches. */
interface Watched {
  tabId: number | null;
  kind: ViewerKind;
}

async function onViewerMessage(port: Runtime.Port, message: ViewerMessage, watched: Watched) {
  await started;
  switch (message.type) {
    case "watch":
      if (watched.tabId !== null) capture.unwatch(watched.tabId, watched.kind);
      watched.tabId = message.tabId;
      watched.kind = message.via === "devtools" ? "devtools" : "page";
      capture.watch(message.tabId, watched.kind);
      if (port.name === DEVTOOLS_PORT && watched.kind === "devtools") {
        devtoolsPages.set(port, message.tabId);
        post(port, { type: "viewed", on: isShown(message.tabId) });
      }
      if (!tabUrls.has(message.tabId)) tabUrls.set(message.tabId, (await pageUrl(message.tabId)) ?? "");
      void injectHook(message.tabId);
      if (port.name === PANEL_PORT) await snapshot(port, message.tabId);
      break;
    case "ping":
      break;
    case "har":
      // Held calls may arrive after a navigation cleared the log: the last document's stay out of the new one's.
      capture.feedHar(
        message.tabId,
        message.calls,
        preserveLog.has(message.tabId) ? undefined : committedAt.get(message.tabId),
      );
      break;
    case "clear":
      outbox.delete(message.tabId);
      await db.clear(message.tabId);
      toPanels(message.tabId, { type: "cleared", tabId: message.tabId, pageUrl: tabUrls.get(message.tabId) ?? null });
      break;
    case "preserve-log":
      if (message.on) preserveLog.add(message.tabId);
      else preserveLog.delete(message.tabId);
      void saveSession({
        watched: capture.watchedTabs(),
        background: settings.background,
        preserveLog: [...preserveLog],
      });
      toPanels(message.tabId, { type: "status", status: status(message.tabId) });
      break;
    case "settings":
      settings = sanitize(message.settings, settings);
      db.limit = settings.limit;
      capture.setBackground(settings.background);
      await saveSettings(settings);
      for (const [p, tabId] of panels) post(p, { type: "status", status: status(tabId) });
      break;
  }
}

function onConnect(port: Runtime.Port): void {
  if (port.name !== PANEL_PORT && port.name !== DEVTOOLS_PORT) return;
  const watched: Watched = { tabId: null, kind: "page" };
  port.onMessage.addListener((message: unknown) => {
    if (isViewerMessage(message)) void onViewerMessage(port, message, watched);
  });
  port.onDisconnect.addListener(() => {
    const wasPanel = panels.delete(port);
    devtoolsPages.delete(port);
    awaitingSnapshot.delete(port);
    if (watched.tabId === null) return;
    if (wasPanel) viewedChanged(watched.tabId);
    capture.unwatch(watched.tabId, watched.kind);
    if (!capture.isWatched(watched.tabId)) tabUrls.delete(watched.tabId);
  });
}
