// Every corpus scenario in Chromium: the extension's exported diagnoses must equal Chrome's own CDP verdicts.

import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { ExportDocument } from "../../src/report/export-format";
import { SCENARIOS } from "../corpus/scenarios";
import { startLab, LAB_SECRET_COOKIE, type Lab } from "../lab/server";
import { schemaErrors } from "../schema";
import { CorsOracle } from "./cdp-oracle";
import { launch, openStandalonePanel, tabIdOf, waitUntil, type Session } from "./harness";

let lab: Lab;
let session: Session;
let page: Page;
let panel: Page;
let oracle: CorsOracle;
let exported: ExportDocument;

const urlOf = (id: string, host?: "api" | "alt") => `${host === "alt" ? lab.altOrigin : lab.apiOrigin}/s/${id}`;

beforeAll(async () => {
  lab = await startLab();
  session = await launch();
  page = await session.context.newPage();
  await page.goto(lab.pageOrigin + "/");
  await page.locator("html[data-lab-ready=true]").waitFor();
  oracle = await CorsOracle.attach(page);
  panel = await openStandalonePanel(session, await tabIdOf(session, page));
  for (const s of SCENARIOS)
    await page.evaluate(
      (id) => (window as unknown as { runScenario(id: string): Promise<unknown> }).runScenario(id),
      s.id,
    );
  await waitUntil("Chrome's verdicts", () => SCENARIOS.every((s) => oracle.outcomeFor(urlOf(s.id, s.request.host))));
  const blocked = oracle.outcomes.filter((o) => o.corsError).length;
  await waitUntil("the panel's rows", async () => (await panel.locator("table.calls tbody tr").count()) === blocked);
  const [download] = await Promise.all([
    panel.waitForEvent("download"),
    panel.getByRole("button", { name: "Export JSON" }).click(),
  ]);
  exported = JSON.parse(await readFile((await download.path())!, "utf8"));
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
      const url = urlOf(s.id, s.request.host);
      const chrome = oracle.outcomeFor(url)!;
      // The corpus's recorded verdict is still Chrome's.
      expect(chrome.corsError).toBe(s.expect.code);
      const mine = exported.requests.filter((r) => r.url === url);
      expect(mine).toHaveLength(1);
      const d = mine[0]!.diagnosis;
      expect(d.code).toBe(chrome.corsError);
      expect(mine[0]!.outcome).toBe(chrome.corsError ? "blocked" : "allowed");
      if (d.disallowed.length > 1) {
        // Chrome names one refused header in an order no extension sees: it must be among those listed.
        expect(d.disallowed).toContain(chrome.failedParameter);
      } else {
        expect(d.failedParameter).toBe(chrome.failedParameter);
      }
    });
  }

  it("lists exactly Chrome's blocked calls in the panel, with Chrome's codes", async () => {
    const rows = await panel
      .locator("table.calls tbody tr")
      .evaluateAll((trs) =>
        trs.map((tr) => ({ code: tr.getAttribute("data-code"), url: tr.querySelector(".url")?.textContent })),
      );
    const chromeBlocked = oracle.outcomes.filter((o) => o.corsError).map((o) => ({ code: o.corsError, url: o.url }));
    const byUrl = (a: { url?: string | null }, b: { url?: string | null }) =>
      String(a.url).localeCompare(String(b.url));
    expect(rows.sort(byUrl)).toEqual(chromeBlocked.sort(byUrl));
  });
});
