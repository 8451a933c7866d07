// Runs once per DevTools window: creates the `CORS` panel and keeps capture on for the inspected tab.

import { DEVTOOLS_PORT } from "../src/protocol/messages";
import { browser } from "./platform";
import { PANEL_TITLE } from "./panel-title";
import { connectViewer } from "./viewer-port";

const tabId = browser.devtools.inspectedWindow.tabId;
// Capture starts now, before the panel is first shown, so calls made meanwhile are not lost.
connectViewer(DEVTOOLS_PORT, tabId);
void browser.devtools.panels.create(PANEL_TITLE, "", "panel/index.html");
