// The panel with 1,000 and with 10,000 calls: time to first render after Import, and filter keystroke to render
// (p50, p95), measured in the page; the goal is a flat cost (10,000-call figures within 1.5× of the 1,000-call ones).

import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildExport } from "../src/report/export";
import { toRecord } from "../src/store/call-record";
import { SCENARIOS } from "../test/corpus/scenarios";
import { simulate } from "../test/corpus/simulate";
import { launch } from "../test/e2e/harness";
import { replay } from "../test/unit/replay";
import { percentile, table, verdict } from "./stats";

/** A base of 1,000 rather than 100, so that the ratio is not noise. */
const SIZES = [1000, 10_000];
/** BENCH_RENDERS / BENCH_KEYSTROKES change the counts (the report's figures use at least 20 of each). */
const RENDERS = Number(process.env.BENCH_RENDERS ?? 20);
const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 40);
const KEYSTROKE_BUDGET_MS = 16;

function exportFile(n: number): string {
  const records = Array.from({ length: n }, (_, i) => {
    const s = SCENARIOS[i % SCENARIOS.length]!;
    const x = replay(simulate(s, undefined, 100_000 + i * 10)).exchanges[0]!;
    x.url = `${x.url}?n=${i}`;
    x.hops[0]!.request.url = x.url;
    return toRecord(x);
  });
  const doc = buildExport(records, {
    extensionVersion: "bench",
    browser: { name: "chrome", version: "bench" },
    pageUrl: null,
    stack: "express",
  });
  const file = join(tmpdir(), `cors-lens-bench-${n}.json`);
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

const session = await launch();
const results: Record<number, { render: number[]; filter: number[]; total: number[] }> = {};
const files = Object.fromEntries(SIZES.map((n) => [n, exportFile(n)]));
const pages = Object.fromEntries(
  await Promise.all(
    SIZES.map(async (n) => {
      const p = await session.context.newPage();
      await p.setViewportSize({ width: 1280, height: 800 });
      results[n] = { render: [], filter: [], total: [] };
      return [n, p] as const;
    }),
  ),
);

/** Imports the file and returns [records in → laid out, file chosen → laid out] in ms. */
async function firstRender(n: number): Promise<[number, number]> {
  const page = pages[n]!;
  await page.goto(`chrome-extension://${session.extensionId}/panel/index.html`);
  await page.evaluate(() => {
    const w = window as unknown as { __t0: number; __done: Promise<[number, number]> };
    w.__done = new Promise((resolve) => {
      document.addEventListener("change", () => (w.__t0 = performance.now()), { capture: true, once: true });
      new MutationObserver((_, obs) => {
        if (!document.querySelector(".grid-row")) return;
        obs.disconnect();
        // Style and layout of what was rendered, then the time since the file was parsed and since it was chosen.
        document.querySelector(".grid")!.getBoundingClientRect();
        const end = performance.now();
        const parsed = performance.getEntriesByName("cors-lens:import-parsed")[0]!.startTime;
        resolve([end - parsed, end - w.__t0]);
      }).observe(document.body, { childList: true, subtree: true });
    });
  });
  await page.locator("input[type=file]").setInputFiles(files[n]!);
  return page.evaluate(() => (window as unknown as { __done: Promise<[number, number]> }).__done);
}

function keystroke(n: number, query: string): Promise<number> {
  return pages[n]!.evaluate((q) => {
    const input = document.querySelector<HTMLInputElement>(".filter")!;
    return new Promise<number>((resolve) => {
      const t0 = performance.now();
      input.value = q;
      input.dispatchEvent(new InputEvent("input", { bubbles: true }));
      // Preact renders in a microtask; a task later the DOM is updated, then style and layout are forced.
      setTimeout(() => {
        document.querySelector(".grid, .empty")!.getBoundingClientRect();
        resolve(performance.now() - t0);
      });
    });
  }, query);
}

// Side by side: the two sizes alternate (and swap order each round), so machine noise hits both alike.
for (let i = 0; i < RENDERS; i++) {
  for (const n of i % 2 ? [...SIZES].reverse() : SIZES) {
    const [r, t] = await firstRender(n);
    results[n]!.render.push(r);
    results[n]!.total.push(t);
  }
}
for (const n of SIZES) {
  await pages[n]!.getByRole("radio", { name: "All cross-origin" }).click();
  await pages[n]!.waitForTimeout(300); // let the idle-time search index build, as it would while a user reads
}
// Queries that change what matches at each keystroke, as someone typing a URL or code would.
const queries = ["a", "ac", "acao", "acao-", "pre", "pref", "preflight", "H", "He", "Hea", "Header"];
for (let i = 0; i < KEYSTROKES; i++) {
  for (const n of i % 2 ? [...SIZES].reverse() : SIZES)
    results[n]!.filter.push(await keystroke(n, queries[i % queries.length]!));
}
await session.close();

const [small, large] = SIZES.map((n) => results[n]!);
const row = (label: string, a: number[], b: number[], p: number) => {
  const x = percentile(a, p);
  const y = percentile(b, p);
  return [label, `${x.toFixed(1)} ms`, `${y.toFixed(1)} ms`, `${(y / x).toFixed(2)}×`, verdict(y / x <= 1.5)];
};
const [smallLabel, largeLabel] = SIZES.map((n) => `${n.toLocaleString("en-US")} calls`);
const report = `# Panel rendering: ${smallLabel} vs ${largeLabel}

Chromium, standalone panel page (1280×800), an export imported through the panel's Import. Times are measured in
the page: first render from the moment the import is parsed (a performance mark) until the table's rows exist and
style and layout are done; a keystroke from its input event until the table is updated and laid out. ${RENDERS} first renders and
${KEYSTROKES} filter keystrokes per size, the two sizes alternating. Goals: the ${largeLabel} figures within 1.5× of the
${smallLabel} ones, and a keystroke at most ${KEYSTROKE_BUDGET_MS} ms p95 with ${largeLabel}.

${table(
  ["measure", smallLabel, largeLabel, "ratio", "goal ≤ 1.5×"],
  [
    row("first render (records in → table laid out), p50", small!.render, large!.render, 50),
    row("first render, p95", small!.render, large!.render, 95),
    row("filter keystroke → table laid out, p50", small!.filter, large!.filter, 50),
    row("filter keystroke → table laid out, p95", small!.filter, large!.filter, 95),
  ],
)}

Not part of the goal, for honesty: the whole import (reading and parsing the file, then rendering) grows with the
file: p50 ${percentile(small!.total, 50).toFixed(1)} ms for ${smallLabel}, ${percentile(large!.total, 50).toFixed(1)} ms for ${largeLabel}.

Keystroke budget: filter p95 with ${largeLabel} ${percentile(large!.filter, 95).toFixed(1)} ms, goal ≤ ${KEYSTROKE_BUDGET_MS} ms —
${verdict(percentile(large!.filter, 95) <= KEYSTROKE_BUDGET_MS)}. First render p50 with ${largeLabel}: ${percentile(large!.render, 50).toFixed(1)} ms.
`;
mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
writeFileSync(new URL("./results/panel.md", import.meta.url), report);
console.log(report);
