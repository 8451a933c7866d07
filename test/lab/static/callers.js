// Page helpers for capture tests: ask a frame or worker to make a call and wait for its answer.
"use strict";

let nextId = 1;
function ask(target, listen, data) {
  const id = nextId++;
  return new Promise((resolve) => {
    const onMessage = (e) => {
      if (e.data && e.data.id === id) {
        listen.removeEventListener("message", onMessage);
        resolve(e.data);
      }
    };
    listen.addEventListener("message", onMessage);
    if (listen.start) listen.start();
    // Windows take a target origin; workers, ports and service workers take none.
    if (target.window === target) target.postMessage({ ...data, id }, "*");
    else target.postMessage({ ...data, id });
  });
}

window.callers = {
  async frame(src) {
    const iframe = document.createElement("iframe");
    iframe.src = src;
    const ready = new Promise((r) => addEventListener("message", (e) => e.data && e.data.ready && r(), { once: true }));
    document.body.append(iframe);
    await ready;
    return (data) => ask(iframe.contentWindow, window, data);
  },
  dedicated() {
    const w = new Worker("/static/dedicated-worker.js");
    return (data) => ask(w, w, data);
  },
  shared() {
    const w = new SharedWorker("/static/shared-worker.js");
    return (data) => ask(w.port, w.port, data);
  },
  async serviceWorker() {
    await navigator.serviceWorker.register("/static/service-worker.js", { scope: "/static/" });
    const reg = await navigator.serviceWorker.ready;
    return (data) => ask(reg.active, navigator.serviceWorker, data);
  },
};
