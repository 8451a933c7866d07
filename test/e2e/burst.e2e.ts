// A burst of 4,000 cross-origin calls in a few seconds, half blocked: the export's blocked calls equal Chrome's, one for one.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { ExportDocument } from "../../src/report/export-format";
import { startLab, type Lab } from "../lab/server";
import { CorsOracle } from "./cdp-oracle";
import { exportFromPanel, launch, openStandalonePanel, tabIdOf, waitUntil, type Session } from "./harness";

const CALLS = 4000;
let lab: Lab;
let session: Session;
let page: Page;
let oracle: CorsOracle;
let exported: ExportDocument;

beforeAll(async () => {
  lab = await startLab();
  session = await launch();
  page = await session.context.newPage();
  await page.goto(`${lab.pageOrigin}/static/capture.html`);
  oracle = await CorsOracle.attach(page);
  const panel = await openStandalonePanel(session, await tabIdOf(session, page));
  const started = Date.now();
  await page.evaluate(
    async ({ n, api }) => {
      // 50 in flight at a time: what a busy page does, within the browser's per-host connection limits.
      let next = 0;
      const worker = async () => {
        while (next < n) {
          const i = next++;
          const url = i % 2 ? `${api}/closed?i=${i}` : `${api}/open?i=${i}`;
          await fetch(url).catch(() => {});
        }
      };
      await Promise.all(Array.from({ length: 50 }, worker));
    },
    { n: CALLS, api: lab.altOrigin },
  );
  // Timing belongs to bench/; this only says how long the burst took on this machine.
  console.log(`burst of ${CALLS} calls took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await waitUntil("Chrome's outcomes", () => oracle.outcomes.length >= CALLS, 60_000);
  await waitUntil(
    "the panel's count",
    async () => ((await panel.locator(".counts").textContent()) ?? "").startsWith(`${CALLS / 2} blocked`),
    60_000,
  );
  exported = await exportFromPanel(panel);
}, 180_000);

afterAll(async () => {
  await session?.close();
  await lab?.close();
});

describe(`a burst of ${CALLS} calls`, () => {
  it("exports exactly the calls Chrome blocked, one for one", () => {
    const chrome = oracle.outcomes.filter((o) => o.corsError).map((o) => `${o.url} ${o.corsError}`);
    const mine = exported.requests.filter((r) => r.outcome === "blocked").map((r) => `${r.url} ${r.diagnosis.code}`);
    expect(chrome).toHaveLength(CALLS / 2);
    expect(mine.sort()).toEqual(chrome.sort());
  });

  it("lost none of the allowed calls either", () => {
    expect(exported.requests.filter((r) => r.outcome === "allowed")).toHaveLength(CALLS / 2);
  });
});
