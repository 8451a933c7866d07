// The page's own service worker, which makes calls for it (capture tests): such calls have no tab in webRequest.
importScripts("caller.js");
addEventListener("install", () => self.skipWaiting());
addEventListener("activate", (e) => e.waitUntil(clients.claim()));
addEventListener("message", async (e) => e.source.postMessage(await call(e.data)));
