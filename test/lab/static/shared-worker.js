// A shared worker that makes calls for the page (capture tests).
importScripts("caller.js");
addEventListener("connect", (e) => {
  const port = e.ports[0];
  port.onmessage = async (m) => port.postMessage(await call(m.data));
});
