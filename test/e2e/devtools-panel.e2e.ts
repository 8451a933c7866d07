// The CORS tab in the real DevTools: shown next to Elements and Network, listing Chrome's blocked calls with Chrome's codes.

import { mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { PANEL_TITLE } from "../../extension/panel-title";
import { SCENARIOS } from "../corpus/scenarios";
import { startLab, type Lab } from "../lab/server";
import { CorsOracle } from "./cdp-oracle";
import { DevtoolsDriver, type TargetChannel } from "./devtools";
import { launch, READ_ALL_ROWS, waitUntil, type PanelRow, type Session } from "./harness";

// UPDATE_SCREENSHOTS=1 refreshes the README's pictures; otherwise they go to test-results/.
const SCREENSHOTS = resolve(
  import.meta.dirname,
  process.env.UPDATE_SCREENSHOTS ? "../../docs/screenshots" : "../../test-results/screenshots",
);

let lab: Lab;
let session: Session;
let page: Page;
let oracle: CorsOracle;
let driver: DevtoolsDriver;
let frontEnd: TargetChannel;
let panel: TargetChannel;

const readRows = () => panel.evaluate<PanelRow[]>(READ_ALL_ROWS);

beforeAll(async () => {
  lab = await startLab();
  session = await launch({ devtools: true });
  // The persistent context's first tab is the only one, so its DevTools is the only front end.
  page = session.context.pages()[0] ?? (await session.context.newPage());
  driver = await DevtoolsDriver.connect(session);
  frontEnd = await driver.frontEnd();
  await page.goto(lab.pageOrigin + "/");
  await page.locator("html[data-lab-ready=true]").waitFor();
  oracle = await CorsOracle.attach(page);
  const click = async (s: (typeof SCENARIOS)[number]) => {
    await page.locator(`button[data-scenario="${s.id}"]`).click();
    await page.locator(`[data-result="${s.id}"]:not(:empty)`).waitFor();
  };
  // Half the calls fail while DevTools shows Elements; the CORS panel, shown later, must still list them.
  const half = Math.floor(SCENARIOS.length / 2);
  for (const s of SCENARIOS.slice(0, half)) await click(s);
  panel = await driver.showPanel(frontEnd, PANEL_TITLE);
  await waitUntil("the panel to render", () => panel.evaluate<boolean>(`!!document.querySelector(".toolbar")`));
  for (const s of SCENARIOS.slice(half)) await click(s);
  const blocked = () => oracle.outcomes.filter((o) => o.corsError).length;
  await waitUntil(
    "Chrome's verdicts",
    () =>
      oracle.outcomes.filter((o) => o.url.includes("/s/")).length ===
      SCENARIOS.reduce((n, s) => n + (s.request.times ?? 1), 0),
  );
  await waitUntil("the panel's rows", async () => (await readRows()).length === blocked());
});

afterAll(async () => {
  await driver?.detach();
  await session?.close();
  await lab?.close();
});

describe("CORS panel in the real DevTools", () => {
  it("lists each call Chrome blocked, with Chrome's CorsError name, and nothing Chrome allowed", async () => {
    const rows = await readRows();
    const chrome = oracle.outcomes.filter((o) => o.corsError).map((o) => ({ code: o.corsError!, url: o.url }));
    expect(chrome.length).toBe(SCENARIOS.filter((s) => s.expect.code).length);
    const key = (r: { code: string; url: string }) => `${r.url} ${r.code}`;
    expect(rows.map(key).sort()).toEqual(chrome.map(key).sort());
    const allowed = oracle.outcomes.filter((o) => !o.corsError).map((o) => o.url);
    for (const url of allowed) expect(rows.map((r) => r.url)).not.toContain(url);
    // Nothing Chrome allowed is counted as a failure either (DevTools marks a HEAD's unread body as aborted).
    const counts = await panel.evaluate<string>(`document.querySelector(".counts").textContent`);
    expect(counts).toMatch(/\d+ allowed/);
    expect(counts).not.toContain("failed");
  });

  it("looks through DevTools' own record: no webRequest listener while only DevTools watches the tab", async () => {
    const worker = await driver.worker();
    expect(await worker.evaluate<boolean>("chrome.webRequest.onSendHeaders.hasListeners()")).toBe(false);
    expect(await worker.evaluate<boolean>("chrome.webRequest.onHeadersReceived.hasListeners()")).toBe(false);
    expect(await worker.evaluate<boolean>("chrome.webRequest.onErrorOccurred.hasListeners()")).toBe(false);
  });

  it("says in one sentence which header and why", async () => {
    const rows = await readRows();
    const missing = rows.find((r) => r.url.endsWith("/s/missing-acao"))!;
    expect(missing.why).toContain("Access-Control-Allow-Origin");
    expect(missing.why).toContain(lab.pageOrigin);
    const header = rows.find((r) => r.url.endsWith("/s/header-not-allowed"))!;
    expect(header.why).toContain("x-custom");
  });

  it("shows the selected call's explanation and saves a screenshot of DevTools", async () => {
    await panel.evaluate(
      `document.querySelector('.grid-row[data-code="PreflightMissingAllowOriginHeader"]').click(), true`,
    );
    await waitUntil("details", () => panel.evaluate<boolean>(`!!document.querySelector(".details .cause")`));
    const cause = await panel.evaluate<string>(`document.querySelector(".details .cause").textContent`);
    expect(cause).toContain("authentication runs before CORS");
    // The calling line opens in DevTools' Sources panel.
    await panel.evaluate(`document.querySelector(".details .site a").click(), true`);
    await waitUntil("the Sources panel", () =>
      frontEnd.evaluate<boolean>(`(async () => { const ui = await import('./ui/legacy/legacy.js');
        return ui.InspectorView.InspectorView.instance().tabbedPane.selectedTabId === "sources"; })()`),
    );
    await driver.showPanel(frontEnd, PANEL_TITLE);
    await driver.undock(frontEnd, 1200, 560);
    // Once seen half-drawn on a loaded machine (the panel still 640 px wide, another tab lit): wait for the layout.
    await waitUntil("the panel laid out in the undocked window", async () => {
      const [outer, inner] = await Promise.all([
        frontEnd.evaluate<number>("innerWidth"),
        panel.evaluate<number>("innerWidth"),
      ]);
      return outer >= 1100 && inner >= outer - 40;
    });
    await new Promise((r) => setTimeout(r, 500));
    mkdirSync(SCREENSHOTS, { recursive: true });
    const png = await driver.screenshot(frontEnd);
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    writeFileSync(resolve(SCREENSHOTS, "devtools-cors-panel.png"), png);
  });

  it("opens What if… on a call in the real DevTools, proposes the smallest passing change, and saves a screenshot", async () => {
    // The table is virtualized: filter to the call first, as a user would.
    const filter = (text: string) =>
      panel.evaluate(`(() => { const f = document.querySelector('input[aria-label="Filter"]');
        f.value = ${JSON.stringify(text)}; f.dispatchEvent(new Event('input', { bubbles: true })); return true; })()`);
    await filter("header-not-allowed");
    const row = `document.querySelector('.grid-row[data-code="HeaderDisallowedByPreflightResponse"]')`;
    await waitUntil("the call's row", () => panel.evaluate<boolean>(`!!${row}`));
    await panel.evaluate(`${row}.click(), true`);
    const clickButton = (name: string) =>
      panel.evaluate<boolean>(
        `(() => { const b = [...document.querySelectorAll('button')].find((x) => x.textContent === ${JSON.stringify(name)}); b?.click(); return !!b; })()`,
      );
    await waitUntil("the What if… button", () => clickButton("What if…"));
    await waitUntil("the suggestion", () => clickButton("Smallest change that passes"));
    const verdict = `document.querySelector('[role=status][aria-label="What-if verdict"]')?.textContent ?? ""`;
    await waitUntil("an allowed what-if verdict", async () =>
      (await panel.evaluate<string>(verdict)).startsWith("allowed"),
    );
    // The row keeps Chrome's real verdict.
    expect(await panel.evaluate<string>(`document.querySelector('.grid-row.selected')?.dataset.code ?? ""`)).toBe(
      "HeaderDisallowedByPreflightResponse",
    );
    await driver.undock(frontEnd, 1200, 800);
    await new Promise((r) => setTimeout(r, 500));
    mkdirSync(SCREENSHOTS, { recursive: true });
    writeFileSync(resolve(SCREENSHOTS, "devtools-whatif.png"), await driver.screenshot(frontEnd));
    await clickButton("Close What if");
    await filter("");
  });

  it("leaves the page's own line as the caller in DevTools' console: the page hook is ignore-listed", async () => {
    await frontEnd.evaluate(`(async () => { const ui = await import('./ui/legacy/legacy.js');
      await ui.InspectorView.InspectorView.instance().showPanel('console'); return true; })()`);
    await page.evaluate((u) => fetch(u).catch(() => null), `${lab.altOrigin}/closed?caller=1`);
    // The console's rows, as DevTools shows them (its DOM is inside shadow roots).
    const rows = () =>
      frontEnd.evaluate<string[]>(`(() => { const out = []; const walk = (root) => {
        for (const el of root.querySelectorAll('.console-message-wrapper')) out.push(el.textContent.replace(/\\s+/g, ' '));
        for (const el of root.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot); };
        walk(document); return out; })()`);
    await waitUntil("Chrome's network error in the console", async () =>
      (await rows()).some((t) => t.includes("closed?caller=1 net::ERR_FAILED")),
    );
    const row = (await rows()).find((t) => t.includes("closed?caller=1 net::ERR_FAILED"))!;
    expect(row).not.toContain("page-hook");
    expect(row).toMatch(/^\(index\):\d+|^VM\d+:\d+/);
    await driver.showPanel(frontEnd, PANEL_TITLE);
  });

  it("finds the frame that made a call DevTools recorded: its hook gives the calling line and credentials", async () => {
    await page.goto(`${lab.pageOrigin}/static/capture.html?devtools=1`);
    const url = `${lab.apiOrigin}/closed?from=frame`;
    // A cross-origin frame's call with cookies: DevTools' record does not say which frame made it.
    await page.evaluate(
      async ({ src, url }) => {
        const w = window as unknown as {
          callers: { frame(src: string): Promise<(d: object) => Promise<unknown>> };
        };
        const ask = await w.callers.frame(src);
        await ask({ url, init: { credentials: "include" } });
      },
      { src: `${lab.altOrigin}/static/frame.html`, url },
    );
    await waitUntil("the frame's call, with its hint", async () => {
      const row = (await readRows()).find((r) => r.url === url);
      if (!row) return false;
      await panel.evaluate(`document.querySelector('.grid-row[data-id="${row.id}"]').click(), true`);
      return panel.evaluate<boolean>(`!!document.querySelector(".details .site")`);
    });
    const details = await panel.evaluate<string>(`document.querySelector(".details").textContent`);
    expect(details).toMatch(/caller\.js:\d+/);
    // Credentials came from the frame's hook, so nothing about them is assumed.
    expect(details).not.toContain("Assumed");
  });

  it("switches a tab to webRequest once its page starts a worker, whose calls DevTools' record leaves out", async () => {
    const worker = await driver.worker();
    const listening = () => worker.evaluate<boolean>("chrome.webRequest.onSendHeaders.hasListeners()");
    await page.goto(`${lab.pageOrigin}/static/capture.html?devtools=1`);
    expect(await listening()).toBe(false);
    // The hardest case first: a worker with no script to fetch (so no sign in DevTools' record) that calls at once.
    // The page hook's word, relayed as the worker is created, must switch the tab before that call starts.
    await page.evaluate((alt) => {
      const source = `fetch(${JSON.stringify(`${alt}/closed?from=blob-worker`)}).catch(() => {});`;
      new Worker(URL.createObjectURL(new Blob([source], { type: "text/javascript" })));
    }, lab.altOrigin);
    await waitUntil("the blob worker's call", async () =>
      (await readRows()).some((r) => r.url.endsWith("from=blob-worker")),
    );
    await page.evaluate(async () => {
      const w = window as unknown as {
        callers: Record<string, () => Promise<(d: object) => Promise<unknown>>>;
        asks?: Record<string, (d: object) => Promise<unknown>>;
      };
      w.asks = { dedicated: await w.callers.dedicated!(), shared: await w.callers.shared!() };
    });
    await waitUntil("webRequest listeners for the tab", listening);
    await page.evaluate(async (alt) => {
      const w = window as unknown as { asks: Record<string, (d: object) => Promise<unknown>> };
      for (const who of ["dedicated", "shared"]) await w.asks[who]!({ url: `${alt}/closed?from=${who}` });
      await fetch(`${alt}/closed?from=page`).catch(() => null);
    }, lab.altOrigin);
    await waitUntil("a row per caller", async () => (await readRows()).length === 4);
    const rows = await readRows();
    expect(rows.map((r) => new URL(r.url).searchParams.get("from")).sort()).toEqual([
      "blob-worker",
      "dedicated",
      "page",
      "shared",
    ]);
    expect(new Set(rows.map((r) => r.code))).toEqual(new Set(["MissingAllowOriginHeader"]));
  });
});
