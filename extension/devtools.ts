// Runs once per DevTools window: creates the `CORS` panel and captures the inspected tab from what DevTools records.

import { harCallOf, startsWorker, type HarEntryLike } from "../src/capture/har";
import { DEVTOOLS_PORT } from "../src/protocol/messages";
import { HarForwarder } from "./har-forwarder";
import { browser, capturesThroughDevtools } from "./platform";
import { PANEL_TITLE } from "./panel-title";
import { connectViewer } from "./viewer-port";

const tabId = browser.devtools.inspectedWindow.tabId;
const throughDevtools = capturesThroughDevtools();
// Capture starts now, before the panel is first shown, so calls made meanwhile are not lost.
const port = connectViewer(
  DEVTOOLS_PORT,
  tabId,
  (message) => {
    if (message.type === "workers-started") watchWorkers();
    if (message.type === "viewed") outbox.setViewed(message.on);
  },
  throughDevtools ? "devtools" : undefined,
);
const outbox = new HarForwarder((calls) => port.send({ type: "har", tabId, calls }));

if (throughDevtools) {
  browser.devtools.network.onRequestFinished.addListener((entry) => {
    // A worker's script is fetched before it runs: the earliest sign that the page started one.
    if (startsWorker(entry as unknown as HarEntryLike)) watchWorkers();
    const call = harCallOf(entry as unknown as HarEntryLike);
    if (call) outbox.add(call);
  });
  // A new document: what the last one made goes now (the worker keeps it apart from the new document's calls).
  browser.devtools.network.onNavigated.addListener(() => outbox.forward());
  // DevTools is closing: what is held goes with it.
  addEventListener("pagehide", () => outbox.forward());
}

/**
 * DevTools' record leaves out calls from dedicated and shared workers. Once the page starts one, this tab is watched
 * through webRequest as well, which sees them: from then on, at webRequest's price. The first sign is the page
 * hook's word, relayed by the service worker as the page creates the worker; then the worker script's request in
 * DevTools' record (Sec-Fetch-Dest: worker); last the hook's flag, asked every second (a worker started before the
 * hook's relay was in place).
 */
const WORKER_CHECK_MS = 1000;
let workersWatched = false;
let check: ReturnType<typeof setInterval> | null = null;

function watchWorkers(): void {
  if (workersWatched) return;
  workersWatched = true;
  if (check !== null) clearInterval(check);
  connectViewer(DEVTOOLS_PORT, tabId);
}

if (throughDevtools) {
  check = setInterval(() => {
    void browser.devtools.inspectedWindow
      .eval(`globalThis[Symbol.for("cors-lens/workers")] === true`)
      .then((answer: unknown) => {
        // The polyfill answers [result, exceptionInfo]; Chrome's own promise form, the result.
        if ((Array.isArray(answer) ? answer[0] : answer) === true) watchWorkers();
      })
      .catch(() => {
        // The page is between documents: ask again next time.
      });
  }, WORKER_CHECK_MS);
}

void browser.devtools.panels.create(PANEL_TITLE, "", "panel/index.html");
