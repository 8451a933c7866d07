// The service worker's heap after 50,000 captured calls in one tab (45,000 dropped by the default bound), and the
// latency from Chrome's loadingFailed to the call reaching the open panel during a burst.

import { mkdirSync, writeFileSync } from "node:fs";
import { startLab } from "../test/lab/server";
import type { Page } from "playwright-core";
import { PANEL_TITLE } from "../extension/panel-title";
import { DevtoolsDriver } from "../test/e2e/devtools";
import { launch, openStandalonePanel, tabIdOf, type Session } from "../test/e2e/harness";
import { percentile, table, verdict } from "./stats";

const CALLS = Number(process.env.BENCH_CALLS ?? 50_000);
const BURST = 2000;
const lab = await startLab();

/**
 * A burst of calls, half blocked, in `page`: for each blocked one, the time from Chrome's loadingFailed (wall clock,
 * from the page's own CDP session) to the panel's "cors-lens:added" mark for it.
 */
async function burstLatencies(
  session: Session,
  page: Page,
  panelMarks: () => Promise<(readonly [string, number])[]>,
): Promise<number[]> {
  const cdp = await session.context.newCDPSession(page);
  const sent = new Map<string, { wall: number; ts: number }>();
  const urlOf = new Map<string, string>();
  const failedAt = new Map<string, number>();
  cdp.on("Network.requestWillBeSent", (e) => {
    urlOf.set(e.requestId, e.request.url);
    if (!e.redirectResponse) sent.set(e.requestId, { wall: e.wallTime * 1000, ts: e.timestamp });
  });
  cdp.on("Network.loadingFailed", (e) => {
    const s = sent.get(e.requestId);
    const url = urlOf.get(e.requestId);
    if (s && url && e.corsErrorStatus) failedAt.set(url, s.wall + (e.timestamp - s.ts) * 1000);
  });
  await cdp.send("Network.enable");
  await page.evaluate(`runMix("half", ${BURST}, ${JSON.stringify(lab.altOrigin)})`);
  await page.waitForTimeout(1500);
  await cdp.send("Network.disable");
  await cdp.detach();
  // A row's first mark is when it appeared (a blocked call's record is sent again once the page hook's hint is in).
  const shown = new Map<string, number>();
  for (const [url, at] of await panelMarks()) if (!shown.has(url) || at < shown.get(url)!) shown.set(url, at);
  return [...shown].filter(([url]) => failedAt.has(url)).map(([url, at]) => at - failedAt.get(url)!);
}

/** Run in a panel page: every "cors-lens:added" mark, as [url, epoch ms] pairs. */
const READ_MARKS = `performance.getEntriesByName("cors-lens:added").flatMap((m) =>
  m.detail.map((url) => [url, performance.timeOrigin + m.startTime]))`;

// 1. The pop-out panel (webRequest capture): latency, then memory after the rest of the calls.
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
const latencies = await burstLatencies(session, page, () => panel.evaluate(READ_MARKS));

// Memory: the rest of the calls (blocked and allowed alike), then the heap once the worker settles.
const rest = CALLS - BURST;
for (let done = 0; done < rest; done += 10_000) {
  await page.evaluate(`runMix("half", ${Math.min(10_000, rest - done)}, ${JSON.stringify(lab.altOrigin)})`);
}
await page.waitForTimeout(3000);
const after = await heap();
const counts = await panel.locator(".counts").textContent();
await session.close();

// 2. The CORS tab inside DevTools (capture from DevTools' own record): the same burst.
const dt = await launch({ devtools: true });
const dtPage = dt.context.pages()[0] ?? (await dt.context.newPage());
const dtDriver = await DevtoolsDriver.connect(dt);
const frontEnd = await dtDriver.frontEnd();
await dtPage.goto(`${lab.pageOrigin}/static/bench.html`);
const dtPanel = await dtDriver.showPanel(frontEnd, PANEL_TITLE);
await dtPage.waitForTimeout(500);
const dtLatencies = await burstLatencies(dt, dtPage, () => dtPanel.evaluate(READ_MARKS));
await dtDriver.detach();
await dt.close();
await lab.close();

const MiB = 1024 * 1024;
const kept = 5000;
const p95 = percentile(latencies, 95);
const dtP95 = percentile(dtLatencies, 95);
const report = `# Service-worker memory and capture latency

Chromium with CORS Lens watching one tab (Playwright-driven; memory and latency, not page timing): first with the
pop-out panel (webRequest capture), then with the CORS tab shown in DevTools (capture from DevTools' record).

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
      `loadingFailed → pop-out panel, p50 (${latencies.length} blocked calls in a ${BURST.toLocaleString("en")}-call burst)`,
      `${percentile(latencies, 50).toFixed(0)} ms`,
      "",
    ],
    ["loadingFailed → pop-out panel, p95", `${p95.toFixed(0)} ms`, `≤ 100 ms — ${verdict(p95 <= 100)}`],
    [
      `loadingFailed → CORS tab in DevTools, p50 (${dtLatencies.length} blocked calls, same burst)`,
      `${percentile(dtLatencies, 50).toFixed(0)} ms`,
      "",
    ],
    ["loadingFailed → CORS tab in DevTools, p95", `${dtP95.toFixed(0)} ms`, `≤ 100 ms — ${verdict(dtP95 <= 100)}`],
  ],
)}

The panel's counts at the end: "${counts}". Records live in IndexedDB, not in the worker's heap; the heap holds the
calls in flight, the write queue and the outbox to the panel.
`;
mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
writeFileSync(new URL("./results/memory.md", import.meta.url), report);
console.log(report);
