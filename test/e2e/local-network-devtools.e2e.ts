// Local Network Access in the real DevTools tab: the CORS panel reads DevTools' own record there, and must still
// name Chrome's LNA verdicts (CDP) and show why.

import { mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { PANEL_TITLE } from "../../extension/panel-title";
import { LNA_SCENARIOS } from "../corpus/local-network";
import { scenarioUrlIn, startLab, type Lab } from "../lab/server";
import { CorsOracle } from "./cdp-oracle";
import { DevtoolsDriver, type TargetChannel } from "./devtools";
import { launch, READ_ALL_ROWS, waitUntil, type PanelRow, type Session } from "./harness";

const SCREENSHOTS = resolve(
  import.meta.dirname,
  process.env.UPDATE_SCREENSHOTS ? "../../docs/screenshots" : "../../test-results/screenshots",
);
// Calls from the page itself (a worker switches the tab to webRequest; local-network.e2e.ts covers it), permission unset.
const SCENARIOS = LNA_SCENARIOS.filter((s) => !s.lna?.from && !s.lna?.permission);

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
  session = await launch({ devtools: true, extraArgs: lab.localNetworkArgs });
  page = session.context.pages()[0] ?? (await session.context.newPage());
  driver = await DevtoolsDriver.connect(session);
  frontEnd = await driver.frontEnd();
  await page.goto(lab.publicOrigin + "/");
  await page.locator("html[data-lab-ready=true]").waitFor();
  oracle = await CorsOracle.attach(page);
  panel = await driver.showPanel(frontEnd, PANEL_TITLE);
  await waitUntil("the panel to render", () => panel.evaluate<boolean>(`!!document.querySelector(".toolbar")`));
  for (const s of SCENARIOS) {
    await page.locator(`button[data-scenario="${s.id}"]`).click();
    await page.locator(`[data-result="${s.id}"]:not(:empty)`).waitFor();
  }
  await waitUntil("Chrome's verdicts", () => SCENARIOS.every((s) => oracle.outcomeFor(scenarioUrlIn(lab, s))));
  await waitUntil("the panel's rows", async () => (await readRows()).length === SCENARIOS.length);
}, 90_000);

afterAll(async () => {
  await driver?.detach();
  await session?.close();
  await lab?.close();
});

describe("Local Network Access in the DevTools tab", () => {
  it("lists each call with Chrome's own LNA code", async () => {
    const rows = await readRows();
    for (const s of SCENARIOS) {
      const url = scenarioUrlIn(lab, s);
      const chrome = oracle.outcomeFor(url)!;
      expect(chrome.corsError, s.id).toBe(s.expect.code);
      expect(rows.find((r) => r.url === url)?.code, s.id).toBe(chrome.corsError);
    }
  });

  it("shows the address spaces and the permission for a selected call, and saves a screenshot", async () => {
    const url = scenarioUrlIn(
      lab,
      SCENARIOS.find((s) => s.id === "lna-get-denied")!,
    );
    const id = (await readRows()).find((r) => r.url === url)!.id;
    await panel.evaluate(`document.querySelector('.grid-row[data-id="${id}"]').click(), true`);
    const section = `document.querySelector('[aria-label="Local Network Access"]')?.textContent ?? ""`;
    await waitUntil("the Local Network Access section", async () =>
      (await panel.evaluate<string>(section)).includes("loopback-network"),
    );
    const text = await panel.evaluate<string>(section);
    expect(text).toMatch(/Page\s*public address space/);
    expect(text).toMatch(/Server\s*loopback address space/);
    expect(text).toContain("not reached");
    await driver.undock(frontEnd, 1200, 760);
    await new Promise((r) => setTimeout(r, 500));
    mkdirSync(SCREENSHOTS, { recursive: true });
    writeFileSync(resolve(SCREENSHOTS, "devtools-local-network.png"), await driver.screenshot(frontEnd));
  });
});
