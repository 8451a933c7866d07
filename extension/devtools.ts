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

void browser.devtools.panels.create(PANEL_TITLE, "", "panel/index.html");
