// Runs once per DevTools window: creates the `CORS` panel and captures the inspected tab from what DevTools records.

import { harCallOf, type HarCall, type HarEntryLike } from "../src/capture/har";
import { DEVTOOLS_PORT } from "../src/protocol/messages";
import { browser, capturesThroughDevtools } from "./platform";
import { PANEL_TITLE } from "./panel-title";
import { connectViewer } from "./viewer-port";

/** Calls finished together reach the worker as one message. */
const FORWARD_MS = 10;

const tabId = browser.devtools.inspectedWindow.tabId;
const throughDevtools = capturesThroughDevtools();
// Capture starts now, before the panel is first shown, so calls made meanwhile are not lost.
const port = connectViewer(DEVTOOLS_PORT, tabId, () => {}, throughDevtools ? "devtools" : undefined);

let batch: HarCall[] = [];
let timer: ReturnType<typeof setTimeout> | null = null;
if (throughDevtools) {
  browser.devtools.network.onRequestFinished.addListener((entry) => {
    const call = harCallOf(entry as unknown as HarEntryLike);
    if (!call) return;
    batch.push(call);
    timer ??= setTimeout(() => {
      timer = null;
      port.send({ type: "har", tabId, calls: batch });
      batch = [];
    }, FORWARD_MS);
  });
}

/**
 * DevTools' record leaves out calls from dedicated and shared workers. Once the page starts one (the page hook
 * says so), this tab is watched through webRequest as well, which sees them: from then on, at webRequest's price.
 */
const WORKER_CHECK_MS = 1000;
if (throughDevtools) {
  const check = setInterval(() => {
    void browser.devtools.inspectedWindow
      .eval(`globalThis[Symbol.for("cors-lens/workers")] === true`)
      .then((answer: unknown) => {
        // The polyfill answers [result, exceptionInfo]; Chrome's own promise form, the result.
        if ((Array.isArray(answer) ? answer[0] : answer) !== true) return;
        clearInterval(check);
        connectViewer(DEVTOOLS_PORT, tabId);
      })
      .catch(() => {
        // The page is between documents: ask again next time.
      });
  }, WORKER_CHECK_MS);
}

void browser.devtools.panels.create(PANEL_TITLE, "", "panel/index.html");
