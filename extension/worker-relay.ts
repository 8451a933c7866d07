// ISOLATED-world relay: passes the page hook's "this page started a worker" event (extension/page-hook.ts) to the
// service worker at once, so a tab watched through DevTools' record switches to webRequest before the worker's first
// calls. Self-contained on purpose (a classic content script, registered in Chrome only, where DevTools-mode capture
// runs), so it speaks to chrome.runtime directly rather than through the polyfill.

import type { PageMessage } from "../src/protocol/messages";

document.addEventListener(
  "cors-lens:worker",
  () => {
    try {
      void chrome.runtime.sendMessage({ type: "workers" } satisfies PageMessage).catch(() => {});
    } catch {
      // The extension was reloaded: this document's relay is orphaned.
    }
  },
  { once: true },
);
