// Runs a mix of cross-origin calls with 6 in flight (like a busy page) and resolves with the time it took in ms.
// `delay` (ms) makes the API answer that much later, as over a real network.
"use strict";

window.runMix = async (mix, n, api, delay = 0) => {
  const wait = delay > 0 ? `&delay=${delay}` : "";
  const put = (i) =>
    fetch(`${api}/open?i=${i}${wait}`, {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: "{}",
    });
  const get = (path, i) => fetch(`${api}/${path}?i=${i}${wait}`);
  const call = (i) => {
    if (mix === "put") return put(i);
    if (mix === "half") return get(i % 2 ? "closed" : "open", i);
    // A page's everyday traffic: mostly simple GETs, some preflighted writes, one call in eight blocked.
    if (mix === "real") return i % 4 === 2 ? put(i) : get(i % 8 === 7 ? "closed" : "open", i);
    return get("open", i);
  };
  let next = 0;
  const worker = async () => {
    while (next < n) await call(next++).catch(() => {});
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: 6 }, worker));
  return performance.now() - t0;
};
