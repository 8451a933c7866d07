// A dedicated worker that makes calls for the page (capture tests).
importScripts("caller.js");
addEventListener("message", async (e) => postMessage(await call(e.data)));
