// The MV3 service worker: routes viewer ports, runs capture while a tab is watched, keeps the tab store.

import { Recorder } from "../src/capture/recorder";
import type { Exchange } from "../src/capture/exchange";
import { isViewerMessage, PANEL_PORT, DEVTOOLS_PORT, type WorkerMessage } from "../src/protocol/messages";
import { toRecord } from "../src/store/call-record";
import { CaptureController } from "./capture-controller";
import { hintFor, injectHook } from "./page-hints";
import { browser, type Runtime } from "./platform";
import { SessionStore } from "./session-store";

const store = new SessionStore();
const panels = new Map<Runtime.Port, number>();

function post(port: Runtime.Port, message: WorkerMessage): void {
  try {
    port.postMessage(message);
  } catch {
    panels.delete(port);
  }
}

async function onFinished(exchange: Exchange): Promise<void> {
  // webRequest never says the credentials mode; for a blocked call, ask the page hook (and learn the calling line).
  if (exchange.outcome === "failed") {
    const hint = await hintFor(exchange);
    if (hint) exchange.hints = { credentials: hint.credentials, ...(hint.callSite ? { callSite: hint.callSite } : {}) };
  }
  const record = toRecord(exchange);
  const log = store.add(exchange.tabId, record);
  for (const [port, tabId] of panels) {
    if (tabId === exchange.tabId) post(port, { type: "added", tabId, records: [record], dropped: log.dropped });
  }
}

const recorder = new Recorder((exchange) => void onFinished(exchange));
const capture = new CaptureController(recorder);

async function pageUrl(tabId: number): Promise<string | null> {
  try {
    return (await browser.tabs.get(tabId)).url ?? null;
  } catch {
    return null;
  }
}

// Listeners that must wake a stopped worker are registered synchronously, at the top level.
browser.runtime.onConnect.addListener((port) => {
  if (port.name !== PANEL_PORT && port.name !== DEVTOOLS_PORT) return;
  let watched: number | null = null;
  port.onMessage.addListener(async (message: unknown) => {
    if (!isViewerMessage(message)) return;
    if (message.type === "watch") {
      if (watched !== null) capture.unwatch(watched);
      watched = message.tabId;
      capture.watch(watched);
      void injectHook(watched);
      if (port.name === PANEL_PORT) {
        panels.set(port, watched);
        const log = await store.load(watched);
        post(port, {
          type: "snapshot",
          tabId: watched,
          records: log.records,
          dropped: log.dropped,
          pageUrl: await pageUrl(watched),
        });
      }
    } else if (message.type === "clear") {
      store.clear(message.tabId);
      for (const [p, tabId] of panels) if (tabId === message.tabId) post(p, { type: "cleared", tabId });
    }
  });
  port.onDisconnect.addListener(() => {
    panels.delete(port);
    if (watched !== null) capture.unwatch(watched);
  });
});

browser.tabs.onRemoved.addListener((tabId) => store.remove(tabId));

setInterval(() => recorder.sweep(Date.now()), 30_000);
