// 200 simultaneous preflighted calls to one URL, 10 times over, in Chromium: every exported entry holds its own
// preflight, counted against Chrome's CDP record — in the pop-out panel, in DevTools and in background capture.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { PANEL_TITLE } from "../../extension/panel-title";
import { headerValue } from "../../src/cors/headers";
import { unsafeRequestHeaderNames } from "../../src/cors/safelist";
import type { ExportDocument, ExportStep } from "../../src/report/export-format";
import { startLab, type Lab } from "../lab/server";
import { CorsOracle } from "./cdp-oracle";
import { DevtoolsDriver } from "./devtools";
import { exportFromPanel, launch, openStandalonePanel, tabIdOf, waitUntil, type Session } from "./harness";

const CALLS = 200;
const RUNS = 10;
const METHODS = ["PUT", "DELETE", "PATCH"] as const;

interface Planned {
  url: string;
  method: string;
  header: string;
  worker: boolean;
}

/**
 * Same method and different headers, same headers and different methods, allowed (x-ok…) and refused (x-no…)
 * preflights, redirected calls, and calls from a dedicated worker: all to one URL (or its redirect).
 */
function plan(api: string): Planned[] {
  return Array.from({ length: CALLS }, (_, i) => {
    const verdict = i % 2 ? "ok" : "no";
    const method = METHODS[i % 3]!;
    if (i < 120) return { url: `${api}/pairing`, method, header: `x-${verdict}-${i}`, worker: i % 10 === 0 };
    if (i < 180) return { url: `${api}/pairing`, method, header: `x-${verdict}-same`, worker: false };
    return { url: `${api}/pairing/redirect`, method, header: `x-${verdict}-${i}`, worker: false };
  });
}

/** Fires every call in the same task (the worker's as one message), and waits for all to settle. */
async function fire(page: Page, calls: Planned[]): Promise<void> {
  await page.evaluate(async (cs) => {
    const w = window as unknown as { callers: { dedicated(): (d: object) => Promise<unknown> } };
    const worker = w.callers.dedicated();
    await worker({ url: "about:blank" }); // the worker is up before the burst
    await Promise.all(
      cs.map((c) => {
        const init = { method: c.method, headers: { [c.header]: "1" } };
        return c.worker ? worker({ url: c.url, init }) : fetch(c.url, init).catch(() => null);
      }),
    );
  }, calls);
}

/** The x- header a request sent (or would have): its identity in the plan. */
const xHeader = (headers: Record<string, string>) => Object.keys(headers).find((h) => h.toLowerCase().startsWith("x-"));

/**
 * Entries that do not hold their own preflight: a preflight that announced another method or other headers than its
 * request, or an entry set that differs from Chrome's record of (method, header, verdict) per call.
 */
function mispaired(doc: ExportDocument, oracle: CorsOracle, api: string): number {
  const ours = doc.requests.filter((r) => r.url.startsWith(`${api}/pairing`));
  let bad = 0;
  const key = (method: string, header: string | undefined, blocked: boolean) => `${method} ${header} ${blocked}`;
  const fromExport = new Map<string, number>();
  for (const r of ours) {
    const preflights: ExportStep[] = [r.preflight!, ...(r.redirectPreflights ?? [])];
    const announced = headerValue(r.preflight?.requestHeaders ?? null, "access-control-request-headers") ?? "";
    const consistent =
      r.preflight !== null &&
      preflights.every(
        (p) =>
          headerValue(p.requestHeaders, "access-control-request-method") === r.method &&
          headerValue(p.requestHeaders, "access-control-request-headers") === announced,
      ) &&
      (!r.actual?.sent || unsafeRequestHeaderNames(r.actual.requestHeaders ?? []).join(",") === announced);
    if (!consistent) bad++;
    const k = key(r.method, announced, r.outcome === "blocked");
    fromExport.set(k, (fromExport.get(k) ?? 0) + 1);
  }
  const fromChrome = new Map<string, number>();
  for (const o of oracle.outcomes.filter((x) => x.url.startsWith(`${api}/pairing`))) {
    const k = key(o.method, xHeader(o.requestHeaders)?.toLowerCase(), o.corsError !== null);
    fromChrome.set(k, (fromChrome.get(k) ?? 0) + 1);
  }
  for (const [k, n] of fromChrome) bad += Math.max(0, n - (fromExport.get(k) ?? 0));
  return bad;
}

let lab: Lab;

beforeAll(async () => {
  lab = await startLab();
});

afterAll(async () => {
  await lab?.close();
});

describe(`${CALLS} simultaneous preflighted calls to one URL`, () => {
  let session: Session;
  beforeAll(async () => {
    session = await launch();
  });
  afterAll(async () => {
    await session?.close();
  });

  it(`pair with their own preflights in the pop-out panel, ${RUNS} runs out of ${RUNS}`, async () => {
    const counts: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const page = await session.context.newPage();
      await page.goto(`${lab.pageOrigin}/static/capture.html?pairing=${run}`);
      const oracle = await CorsOracle.attach(page, { workers: true });
      const panel = await openStandalonePanel(session, await tabIdOf(session, page));
      await fire(page, plan(lab.apiOrigin));
      await waitUntil(
        "Chrome's record",
        () => oracle.outcomes.filter((o) => o.url.includes("/pairing")).length === CALLS,
      );
      let doc: ExportDocument | undefined;
      await waitUntil(
        "every call in the export",
        async () => {
          doc = await exportFromPanel(panel);
          return doc.requests.filter((r) => r.url.startsWith(`${lab.apiOrigin}/pairing`)).length === CALLS;
        },
        30_000,
      );
      counts.push(mispaired(doc!, oracle, lab.apiOrigin));
      await Promise.all([panel.close(), page.close()]);
    }
    console.log(`mispaired entries per run of ${CALLS} calls (pop-out panel): ${counts.join(", ")}`);
    expect(counts).toEqual(Array.from({ length: RUNS }, () => 0));
  }, 240_000);

  it("pair with their own preflights in background capture (no panel open during the burst)", async () => {
    const first = await session.context.newPage();
    await first.goto(`${lab.pageOrigin}/static/capture.html?pairing=first`);
    const settings = await openStandalonePanel(session, await tabIdOf(session, first));
    await settings.getByRole("button", { name: "Settings" }).click();
    await settings.getByLabel("Capture in the background").check();
    const page = await session.context.newPage();
    await page.goto(`${lab.pageOrigin}/static/capture.html?pairing=background`);
    const oracle = await CorsOracle.attach(page, { workers: true });
    await fire(page, plan(lab.apiOrigin));
    await waitUntil(
      "Chrome's record",
      () => oracle.outcomes.filter((o) => o.url.includes("/pairing")).length === CALLS,
    );
    const late = await openStandalonePanel(session, await tabIdOf(session, page));
    let doc: ExportDocument | undefined;
    await waitUntil(
      "every call in the export",
      async () => {
        doc = await exportFromPanel(late);
        return doc.requests.filter((r) => r.url.startsWith(`${lab.apiOrigin}/pairing`)).length === CALLS;
      },
      30_000,
    );
    expect(mispaired(doc!, oracle, lab.apiOrigin)).toBe(0);
    await settings.getByLabel("Capture in the background").uncheck();
    await Promise.all([late.close(), settings.close(), page.close(), first.close()]);
  });
});

describe(`${CALLS} simultaneous preflighted calls in the DevTools tab`, () => {
  it("pair with their own preflights from DevTools' own record", async () => {
    const session = await launch({ devtools: true });
    try {
      const page = session.context.pages()[0] ?? (await session.context.newPage());
      const driver = await DevtoolsDriver.connect(session);
      const frontEnd = await driver.frontEnd();
      await page.goto(`${lab.pageOrigin}/static/capture.html?pairing=devtools`);
      const oracle = await CorsOracle.attach(page, { workers: true });
      const panel = await driver.showPanel(frontEnd, PANEL_TITLE);
      await waitUntil("the panel to render", () => panel.evaluate<boolean>(`!!document.querySelector(".toolbar")`));
      await fire(page, plan(lab.apiOrigin));
      await waitUntil(
        "Chrome's record",
        () => oracle.outcomes.filter((o) => o.url.includes("/pairing")).length === CALLS,
      );
      // The panel's own export, read from the Blob it saves (a DevTools panel's download goes to no Playwright page).
      const exportJson = `(async () => {
        document.querySelector('[role=radio][aria-checked]') && [...document.querySelectorAll('[role=radio]')].find((r) => r.textContent === 'All cross-origin').click();
        await new Promise((r) => setTimeout(r, 100));
        const original = URL.createObjectURL; let blob = null;
        URL.createObjectURL = (b) => { blob = b; return original.call(URL, b); };
        [...document.querySelectorAll('button')].find((b) => b.textContent === 'Export JSON').click();
        URL.createObjectURL = original;
        return blob ? await blob.text() : null; })()`;
      let doc: ExportDocument | undefined;
      await waitUntil(
        "every call in the export",
        async () => {
          doc = JSON.parse((await panel.evaluate<string | null>(exportJson)) ?? "{}") as ExportDocument;
          return (doc.requests ?? []).filter((r) => r.url.startsWith(`${lab.apiOrigin}/pairing`)).length === CALLS;
        },
        30_000,
      );
      expect(mispaired(doc!, oracle, lab.apiOrigin)).toBe(0);
      await driver.detach();
    } finally {
      await session.close();
    }
  }, 120_000);
});
