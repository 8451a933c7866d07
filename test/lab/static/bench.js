// Runs a mix of cross-origin calls with 6 in flight (like a busy page) and resolves with the time it took in ms.
"use strict";

window.runMix = async (mix, n, api) => {
  const call = (i) => {
    if (mix === "put") {
      return fetch(`${api}/open?i=${i}`, {
        method: "PUT",
        headers: { "Content-Type": "application/json" },
        body: "{}",
      });
    }
    return fetch(i % 2 && mix === "half" ? `${api}/closed?i=${i}` : `${api}/open?i=${i}`);
  };
  let next = 0;
  const worker = async () => {
    while (next < n) await call(next++).catch(() => {});
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: 6 }, worker));
  return performance.now() - t0;
};
