// The service worker's heap after 50,000 captured calls in one tab (45,000 dropped by the default bound), and the
// latency from Chrome's loadingFailed to the call reaching the open panel during a burst.

import { mkdirSync, writeFileSync } from "node:fs";
import { startLab } from "../test/lab/server";
import { DevtoolsDriver } from "../test/e2e/devtools";
import { launch, openStandalonePanel, tabIdOf } from "../test/e2e/harness";
import { percentile, table, verdict } from "./stats";

const CALLS = Number(process.env.BENCH_CALLS ?? 50_000);
const BURST = 2000;
const lab = await startLab();
const session = await launch();
const page = await session.context.newPage();
await page.goto(`${lab.pageOrigin}/static/bench.html`);
const panel = await openStandalonePanel(session, await tabIdOf(session, page));
const driver = await DevtoolsDriver.connect(session);
const sw = await driver.worker();

async function heap(): Promise<number> {
  await sw.send("HeapProfiler.enable");
  await sw.send("HeapProfiler.collectGarbage");
  return (await sw.send<{ usedSize: number }>("Runtime.getHeapUsage")).usedSize;
}

const before = await heap();

// Latency: a burst of blocked calls, Chrome's failure times (wall clock) against the panel's marks.
const cdp = await session.context.newCDPSession(page);
const sent = new Map<string, { wall: number; ts: number }>();
const failedAt = new Map<string, number>();
cdp.on("Network.requestWillBeSent", (e) => {
  if (!e.redirectResponse) sent.set(e.requestId, { wall: e.wallTime * 1000, ts: e.timestamp });
});
const urlOf = new Map<string, string>();
cdp.on("Network.requestWillBeSent", (e) => urlOf.set(e.requestId, e.request.url));
cdp.on("Network.loadingFailed", (e) => {
  const s = sent.get(e.requestId);
  const url = urlOf.get(e.requestId);
  if (s && url && e.corsErrorStatus) failedAt.set(url, s.wall + (e.timestamp - s.ts) * 1000);
});
await cdp.send("Network.enable");
await page.evaluate(`runMix("half", ${BURST}, ${JSON.stringify(lab.altOrigin)})`);
await page.waitForTimeout(1500);
await cdp.send("Network.disable");
const arrived = await panel.evaluate(() =>
  performance
    .getEntriesByName("cors-lens:added")
    .flatMap((m) =>
      ((m as PerformanceMark).detail as string[]).map((url) => [url, performance.timeOrigin + m.startTime] as const),
    ),
);
const latencies = arrived.filter(([url]) => failedAt.has(url)).map(([url, at]) => at - failedAt.get(url)!);

// Memory: the rest of the calls (blocked and allowed alike), then the heap once the worker settles.
const rest = CALLS - BURST;
for (let done = 0; done < rest; done += 10_000) {
  await page.evaluate(`runMix("half", ${Math.min(10_000, rest - done)}, ${JSON.stringify(lab.altOrigin)})`);
}
await page.waitForTimeout(3000);
const after = await heap();
const counts = await panel.locator(".counts").textContent();
await session.close();
await lab.close();

const MiB = 1024 * 1024;
const kept = 5000;
const p95 = percentile(latencies, 95);
const report = `# Service-worker memory and capture latency

Chromium with CORS Lens and its panel open on one tab (Playwright-driven; memory and latency, not page timing).

${table(
  ["measure", "value", "goal"],
  [
    ["worker heap at start (after GC)", `${(before / MiB).toFixed(2)} MiB`, ""],
    [
      `worker heap after ${CALLS.toLocaleString("en")} calls (after GC)`,
      `${(after / MiB).toFixed(2)} MiB`,
      `≤ 15 MiB — ${verdict(after <= 15 * MiB)}`,
    ],
    [
      "retained per stored call",
      `${((after - before) / kept / 1024).toFixed(2)} KB (of ${kept.toLocaleString("en")} kept)`,
      `< 1 KB — ${verdict((after - before) / kept < 1024)}`,
    ],
    [
      `loadingFailed → panel, p50 (${latencies.length} blocked calls in a ${BURST.toLocaleString("en")}-call burst)`,
      `${percentile(latencies, 50).toFixed(0)} ms`,
      "",
    ],
    ["loadingFailed → panel, p95", `${p95.toFixed(0)} ms`, `≤ 100 ms — ${verdict(p95 <= 100)}`],
  ],
)}

The panel's counts at the end: "${counts}". Records live in IndexedDB, not in the worker's heap; the heap holds the
calls in flight, the write queue and the outbox to the panel.
`;
mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
writeFileSync(new URL("./results/memory.md", import.meta.url), report);
console.log(report);
