// Every corpus scenario in Chromium: the extension's exported diagnoses must equal Chrome's own CDP verdicts.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { chromeConsoleText, type CorsErrorName } from "../../src/cors/codes";
import type { ExportDocument } from "../../src/report/export-format";
import { SCENARIOS } from "../corpus/scenarios";
import { scenarioUrlIn, startLab, LAB_SECRET_COOKIE, type Lab } from "../lab/server";
import { schemaErrors } from "../schema";
import { CorsOracle } from "./cdp-oracle";
import {
  exportFromPanel,
  launch,
  openStandalonePanel,
  READ_ALL_ROWS,
  rowCount,
  tabIdOf,
  waitUntil,
  type PanelRow,
  type Session,
} from "./harness";

let lab: Lab;
let session: Session;
let page: Page;
let panel: Page;
let oracle: CorsOracle;
let exported: ExportDocument;
const consoleErrors: string[] = [];

beforeAll(async () => {
  lab = await startLab();
  session = await launch();
  page = await session.context.newPage();
  await page.goto(lab.pageOrigin + "/");
  await page.locator("html[data-lab-ready=true]").waitFor();
  oracle = await CorsOracle.attach(page);
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(m.text());
  });
  panel = await openStandalonePanel(session, await tabIdOf(session, page));
  for (const s of SCENARIOS)
    await page.evaluate(
      (id) => (window as unknown as { runScenario(id: string): Promise<unknown> }).runScenario(id),
      s.id,
    );
  await waitUntil("Chrome's verdicts", () =>
    SCENARIOS.every((s) => oracle.outcomesFor(scenarioUrlIn(lab, s)).length === (s.request.times ?? 1)),
  );
  const blocked = oracle.outcomes.filter((o) => o.corsError).length;
  await waitUntil("the panel's rows", async () => (await rowCount(panel)) === blocked);
  exported = await exportFromPanel(panel);
});

afterAll(async () => {
  await session?.close();
  await lab?.close();
});

describe("corpus in Chromium", () => {
  it("exports a schema-valid document naming the lab page", () => {
    expect(schemaErrors(exported)).toEqual([]);
    expect(exported.page?.origin).toBe(lab.pageOrigin);
    expect(exported.browser.name).toBe("chrome");
  });

  it("never exports the lab's session cookie", () => {
    expect(JSON.stringify(exported)).not.toContain(LAB_SECRET_COOKIE);
  });

  for (const s of SCENARIOS) {
    it(`${s.id}: same verdict as Chrome`, () => {
      const url = scenarioUrlIn(lab, s);
      const chrome = oracle.outcomesFor(url);
      const mine = exported.requests
        .filter((r) => r.url === url)
        .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
      expect(chrome).toHaveLength(s.request.times ?? 1);
      expect(mine).toHaveLength(chrome.length);
      for (const [i, c] of chrome.entries()) {
        // The corpus's recorded verdict is still Chrome's.
        expect(c.corsError).toBe(s.expect.code);
        const d = mine[i]!.diagnosis;
        expect(d.code).toBe(c.corsError);
        expect(mine[i]!.outcome).toBe(c.corsError ? "blocked" : "allowed");
        if (d.disallowed.length > 1) {
          // Chrome names one refused header in an order no extension sees: it must be among those listed.
          expect(d.disallowed).toContain(c.failedParameter);
        } else {
          expect(d.failedParameter).toBe(c.failedParameter);
        }
        if (s.cause) expect(d.cause?.kind).toBe(s.cause);
        if (s.warning) expect(d.warnings.map((w) => w.kind)).toContain(s.warning);
        if (c.corsError) {
          // The catalogue's wording is Chrome's own console message.
          const message = consoleErrors.find((m) => m.includes(`/s/${s.id}'`) && m.includes("blocked by CORS policy"));
          expect(message).toContain(chromeConsoleText(d.code as CorsErrorName, c.failedParameter));
          // The page hook tells the credentials mode and the calling line of every blocked call.
          expect(d.credentials).toBe(s.request.credentials ?? "same-origin");
          expect(d.callSite?.url).toBe(`${lab.pageOrigin}/lab.js`);
          expect(d.assumptions.filter((a) => a.includes("credentials"))).toEqual([]);
        }
      }
    });
  }

  it("lists exactly Chrome's blocked calls in the panel, with Chrome's codes", async () => {
    const rows = (await panel.evaluate(READ_ALL_ROWS)) as PanelRow[];
    const mine = rows.map((r) => `${r.url} ${r.code}`).sort();
    const chromeBlocked = oracle.outcomes.filter((o) => o.corsError).map((o) => `${o.url} ${o.corsError}`);
    expect(mine).toEqual(chromeBlocked.sort());
  });
});
