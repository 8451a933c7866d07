// Preflight cost in Chromium: repeated lab calls to endpoints with no Max-Age, 0, 600 and 86400; the Preflights view's
// and the export's counts equal the preflights Chrome sent (CDP initiator.type "preflight"), triggers as the corpus set.

import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import type { CDPSession, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExportDocument } from "../../src/report/export-format";
import { PREFLIGHT_SCENARIOS, UPLOAD_SCENARIO } from "../corpus/preflights";
import { SCENARIOS } from "../corpus/scenarios";
import { startLab, type Lab } from "../lab/server";
import { schemaErrors } from "../schema";
import {
  axeViolations,
  exportFromPanel,
  launch,
  openStandalonePanel,
  tabIdOf,
  waitUntil,
  type Session,
} from "./harness";

const SCREENSHOTS = resolve(
  import.meta.dirname,
  process.env.UPDATE_SCREENSHOTS ? "../../docs/screenshots" : "../../test-results/screenshots",
);
/** Longer than Chrome's 5 s default, shorter than 600 s: the second round shows which endpoints were still cached. */
const ROUND_GAP_MS = 6_000;

let lab: Lab;
let session: Session;
let page: Page;
let panel: Page;
let cdp: CDPSession;
/** Chrome's own preflights, per URL, as CDP announces them. */
const chromePreflights = new Map<string, number>();
let doc: ExportDocument;

const urlOf = (id: string): string => `${lab.apiOrigin}/s/${id}`;
const runRound = async () => {
  for (const s of PREFLIGHT_SCENARIOS)
    await page.evaluate(
      (i) => (window as unknown as { runScenario(id: string): Promise<unknown> }).runScenario(i),
      s.id,
    );
};
const chromeTotal = (): number => [...chromePreflights.values()].reduce((a, b) => a + b, 0);

beforeAll(async () => {
  lab = await startLab({ scenarios: [...SCENARIOS, ...PREFLIGHT_SCENARIOS, UPLOAD_SCENARIO] });
  session = await launch();
  page = await session.context.newPage();
  await page.goto(lab.pageOrigin + "/");
  await page.locator("html[data-lab-ready=true]").waitFor();
  cdp = await session.context.newCDPSession(page);
  cdp.on("Network.requestWillBeSent", (e) => {
    if (e.initiator.type === "preflight")
      chromePreflights.set(e.request.url, (chromePreflights.get(e.request.url) ?? 0) + 1);
  });
  await cdp.send("Network.enable");
  panel = await openStandalonePanel(session, await tabIdOf(session, page));
  await panel.setViewportSize({ width: 1200, height: 900 });
  await runRound();
  await new Promise((r) => setTimeout(r, ROUND_GAP_MS));
  await runRound();
  const calls = PREFLIGHT_SCENARIOS.length * 3 * 2;
  await waitUntil("the panel lists every call", async () => {
    const text = (await panel.locator(".counts").textContent()) ?? "";
    return Number(/(\d+) allowed/.exec(text)?.[1] ?? 0) >= calls;
  });
  doc = await exportFromPanel(panel, "Preflights");
}, 90_000);

afterAll(async () => {
  await session?.close();
  await lab?.close();
});

describe("Preflights against Chrome's own", () => {
  it("Chrome sent what its cache rules say: 2 with no Max-Age (5 s), 6 with 0, 1 with 600, 1 with 86400", () => {
    expect(Object.fromEntries(PREFLIGHT_SCENARIOS.map((s) => [s.id, chromePreflights.get(urlOf(s.id)) ?? 0]))).toEqual({
      "pf-no-max-age": 2,
      "pf-max-age-0": 6,
      "pf-max-age-600": 1,
      "pf-max-age-86400": 1,
    });
  });

  it("the export's preflightSummary counts exactly Chrome's preflights, per endpoint too", () => {
    expect(schemaErrors(doc)).toEqual([]);
    const summary = doc.preflightSummary!;
    expect(summary.preflights).toBe(chromeTotal());
    for (const s of PREFLIGHT_SCENARIOS) {
      const e = summary.endpoints.find((x) => x.url === urlOf(s.id))!;
      expect(e.count, s.id).toBe(chromePreflights.get(urlOf(s.id)));
      expect(e.maxAge, s.id).toBe(s.maxAge);
      expect(e.origin).toBe(lab.pageOrigin);
    }
    const cache = Object.fromEntries(summary.endpoints.map((e) => [e.url.split("/").pop(), e.effectiveCacheSeconds]));
    expect(cache).toMatchObject({
      "pf-no-max-age": 5,
      "pf-max-age-0": 0,
      "pf-max-age-600": 600,
      "pf-max-age-86400": 7200,
    });
    // With 7200 Chrome would have reused the first grant: all but one of each endpoint's preflights were savable.
    const savable = Object.fromEntries(summary.endpoints.map((e) => [e.url.split("/").pop(), e.savable.preflights]));
    expect(savable).toMatchObject({
      "pf-no-max-age": 1,
      "pf-max-age-0": 5,
      "pf-max-age-600": 0,
      "pf-max-age-86400": 0,
    });
  });

  it("each preflighted call's reasons are the triggers its scenario set", () => {
    for (const s of PREFLIGHT_SCENARIOS) {
      const requests = doc.requests.filter((r) => r.url === urlOf(s.id) && r.preflight);
      expect(requests.length, s.id).toBe(chromePreflights.get(urlOf(s.id)));
      for (const r of requests) expect(r.preflight!.reasons, s.id).toEqual(s.reasons);
    }
  });

  it("the Preflights view shows Chrome's count, the time, the endpoints and the advice", async () => {
    await panel.getByRole("radio", { name: "Preflights" }).click();
    const view = panel.getByRole("main", { name: "Preflights" });
    expect(await view.locator('[data-figure="preflights"]').textContent()).toBe(String(chromeTotal()));
    expect(await view.locator('[data-figure="total-ms"]').textContent()).toBe(
      `${Math.round(doc.preflightSummary!.totalMs)} ms`,
    );
    const table = view.getByRole("table", { name: "Preflighted endpoints" });
    for (const s of PREFLIGHT_SCENARIOS) {
      const row = table.getByRole("row").filter({ hasText: urlOf(s.id) });
      expect(await row.getByRole("cell").nth(2).textContent(), s.id).toBe(String(chromePreflights.get(urlOf(s.id))));
    }
    const advice = view.getByRole("region", { name: "What would send fewer preflights" });
    const first = advice.getByRole("listitem").first();
    expect(await first.textContent()).toContain(`Send Access-Control-Max-Age: 7200 from ${lab.apiOrigin}`);
    expect(await advice.textContent()).not.toMatch(/text\/plain/i);
  });

  it("is keyboard-usable, and axe finds nothing serious in either theme; screenshots", async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const scheme of ["light", "dark"] as const) {
      await panel.emulateMedia({ colorScheme: scheme });
      await panel.reload();
      await panel.locator(".toolbar").waitFor();
      await panel.getByRole("radio", { name: "Preflights" }).click();
      await panel.getByRole("main", { name: "Preflights" }).waitFor();
      expect(await panel.evaluate(() => document.documentElement.dataset.theme)).toBe(scheme);
      expect(await axeViolations(panel)).toEqual([]);
      await panel.screenshot({ path: join(SCREENSHOTS, `preflights-${scheme}.png`), fullPage: true });
    }
    const calls = panel.getByRole("button", { name: `Show the calls to PUT ${urlOf("pf-no-max-age")}` });
    await calls.focus();
    await panel.keyboard.press("Enter");
    expect(await panel.getByRole("radio", { name: "Preflighted" }).getAttribute("aria-checked")).toBe("true");
    expect(await panel.getByLabel("Filter").inputValue()).toBe(urlOf("pf-no-max-age"));
    await panel.locator(".grid-row").first().waitFor();
    // Of its 6 calls, the ones that sent a preflight (plus the header row).
    expect(await panel.locator(".grid").getAttribute("aria-rowcount")).toBe(
      String(chromePreflights.get(urlOf("pf-no-max-age"))! + 1),
    );
  });
});

describe("a trigger only the page hook sees", () => {
  it("an XHR upload listener: Chrome preflights a simple POST, and the call's reasons say why", async () => {
    const url = urlOf(UPLOAD_SCENARIO.id);
    const status = await page.evaluate(
      (u) =>
        new Promise<number>((resolve) => {
          const xhr = new XMLHttpRequest();
          xhr.open("POST", u);
          xhr.upload.addEventListener("progress", () => {});
          xhr.onloadend = () => resolve(xhr.status);
          xhr.send("hello");
        }),
      url,
    );
    expect(status).toBe(200);
    expect(chromePreflights.get(url)).toBe(1);
    await panel.getByLabel("Filter").fill("");
    // The reason arrives with the page hook's hint, read after the row is first shown.
    let reasons: unknown;
    await waitUntil("the upload call's reasons", async () => {
      const all = await exportFromPanel(panel);
      reasons = all.requests.find((r) => r.url === url)?.preflight?.reasons;
      return Array.isArray(reasons) && reasons.length > 0;
    });
    expect(reasons).toEqual(UPLOAD_SCENARIO.reasons);
  });
});
