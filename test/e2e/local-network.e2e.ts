// Local Network Access in Chromium: a page Chromium counts as public calls the loopback lab; CORS Lens must name
// Chrome's own LNA verdict (CDP), say why in its export and the console, and never call a blocked call allowed.

import { mkdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { CorsErrorName } from "../../src/cors/codes";
import { chromeSays } from "../../src/diagnose/local-network";
import type { ExportDocument, ExportRequest } from "../../src/report/export-format";
import { LNA_SCENARIOS } from "../corpus/local-network";
import type { Scenario } from "../corpus/scenario";
import { scenarioUrlIn, startLab, type Lab } from "../lab/server";
import { schemaErrors } from "../schema";
import { CorsOracle } from "./cdp-oracle";
import {
  axeViolations,
  exportFromPanel,
  launch,
  openStandalonePanel,
  READ_ALL_ROWS,
  tabIdOf,
  waitUntil,
  type PanelRow,
  type Session,
} from "./harness";

// UPDATE_SCREENSHOTS=1 refreshes the docs' pictures; otherwise they go to test-results/.
const SCREENSHOTS = resolve(
  import.meta.dirname,
  process.env.UPDATE_SCREENSHOTS ? "../../docs/screenshots" : "../../test-results/screenshots",
);

interface CallResult {
  ok: boolean;
  /** navigator.permissions' state of "loopback-network" where the call was made, just before it. */
  permission: string | null;
}

interface Side {
  page: Page;
  oracle: CorsOracle;
  panel: Page;
  console: { type: string; text: string }[];
  exported?: ExportDocument;
}

let lab: Lab;
let session: Session;
let pub: Side;
let insecure: Side;

const LOCAL_CODES = ["LocalNetworkAccessPermissionDenied", "InvalidLocalNetworkAccess", "InsecureLocalNetwork"];
const sideOf = (s: Scenario) => (s.lna?.from === "insecure" ? insecure : pub);
const results = new Map<string, CallResult>();
const run = async (side: Side, id: string) =>
  results.set(
    id,
    await side.page.evaluate(
      (i) => (window as unknown as { runScenario(id: string): Promise<CallResult> }).runScenario(i),
      id,
    ),
  );

async function open(origin: string): Promise<Side> {
  const page = await session.context.newPage();
  const console: Side["console"] = [];
  page.on("console", (m) => console.push({ type: m.type(), text: m.text() }));
  await page.goto(origin + "/");
  await page.locator("html[data-lab-ready=true]").waitFor();
  const oracle = await CorsOracle.attach(page, { workers: true });
  const panel = await openStandalonePanel(session, await tabIdOf(session, page));
  return { page, oracle, panel, console };
}

function exportedFor(s: Scenario): ExportRequest[] {
  const url = scenarioUrlIn(lab, s);
  return sideOf(s).exported!.requests.filter((r) => r.url === url);
}

beforeAll(async () => {
  lab = await startLab();
  session = await launch({ extraArgs: lab.localNetworkArgs });
  pub = await open(lab.publicOrigin);
  insecure = await open(lab.insecureOrigin);
  // The permission is the page origin's: run the calls made without it, then those after a denial, then granted ones.
  for (const permission of [undefined, "denied", "granted"] as const) {
    if (permission) {
      await pub.oracle.session.send("Browser.setPermission", {
        permission: { name: "loopback-network" },
        setting: permission,
        origin: lab.publicOrigin,
      });
    }
    for (const s of LNA_SCENARIOS.filter((x) => x.lna?.permission === permission)) await run(sideOf(s), s.id);
  }
  await waitUntil("Chrome's verdicts", () =>
    LNA_SCENARIOS.every((s) => sideOf(s).oracle.outcomesFor(scenarioUrlIn(lab, s)).length === 1),
  );
  for (const side of [pub, insecure]) {
    const blocked = side.oracle.outcomes.filter((o) => o.corsError && o.url.includes("/s/lna-")).length;
    await waitUntil("the panel's rows", async () => {
      const rows = (await side.panel.evaluate(READ_ALL_ROWS)) as PanelRow[];
      return rows.length === blocked;
    });
    side.exported = await exportFromPanel(side.panel);
  }
}, 120_000);

afterAll(async () => {
  await session?.close();
  await lab?.close();
});

describe("Local Network Access in Chromium", () => {
  it("exports schema-valid documents", () => {
    expect(schemaErrors(pub.exported!)).toEqual([]);
    expect(schemaErrors(insecure.exported!)).toEqual([]);
  });

  for (const s of LNA_SCENARIOS) {
    it(`${s.id}: same verdict as Chrome, and says why`, () => {
      const chrome = sideOf(s).oracle.outcomesFor(scenarioUrlIn(lab, s));
      expect(chrome).toHaveLength(1);
      // The corpus's recorded verdict is still Chrome's.
      expect(chrome[0]!.corsError).toBe(s.expect.code);
      const mine = exportedFor(s);
      expect(mine).toHaveLength(1);
      const d = mine[0]!.diagnosis;
      expect(d.code).toBe(chrome[0]!.corsError);
      expect(mine[0]!.outcome).toBe(chrome[0]!.corsError ? "blocked" : "allowed");
      if (s.cause) expect(d.cause?.kind).toBe(s.cause);
      const lna = d.localNetwork;
      if (!LOCAL_CODES.includes(d.code ?? "")) {
        expect(lna).toBeUndefined();
        return;
      }
      expect(lna).toMatchObject({
        initiatorSpace: "public",
        targetSpace: "loopback",
        permission: "loopback-network",
        corsHeaders: "not-reached",
      });
      expect(d.summary).toContain("No server header can fix this");
      if (s.request.targetAddressSpace) expect(lna!.targetAddressSpace).toBe(s.request.targetAddressSpace);
      if (s.lna?.from === "insecure") expect(lna!.secureContext).toBe(false);
      if (s.lna?.from === "frame") expect(lna!.policyAllows).toBe(false);
      // The state the calling page saw just before the call (headless Chromium answers the first prompt with a
      // denial, so later calls see "denied"); a worker has no page hook, so it is not known there.
      const seen = results.get(s.id)!.permission;
      expect(lna!.permissionState).toBe(s.lna?.from === "worker" ? "unknown" : seen);
    });
  }

  it("explains each blocked call in the console of the page that made it, after Chrome's own error", () => {
    for (const s of LNA_SCENARIOS.filter((x) => x.expect.code)) {
      const log = sideOf(s).console;
      const chrome = log.findIndex((m) => m.type === "error" && m.text.includes(`/s/${s.id}'`));
      const ours = log.findIndex((m) => m.text.includes("CORS Lens:") && m.text.includes(`/s/${s.id} `));
      expect(ours, `${s.id}: CORS Lens's explanation`).toBeGreaterThanOrEqual(0);
      // A worker's own errors go to the worker's console; the explanation goes to its page's.
      if (s.lna?.from === "worker") continue;
      expect(ours, `${s.id}: after Chrome's error`).toBeGreaterThan(chrome);
      // The diagnosis renders Chrome's own message, address spaces and all.
      const [call] = exportedFor(s);
      expect(log[chrome]!.text).toContain(
        chromeSays({ ...call!.diagnosis, code: call!.diagnosis.code as CorsErrorName }),
      );
    }
  });

  it("lists exactly Chrome's blocked calls in the panel, with Chrome's codes", async () => {
    for (const side of [pub, insecure]) {
      const rows = (await side.panel.evaluate(READ_ALL_ROWS)) as PanelRow[];
      const chromeBlocked = side.oracle.outcomes
        .filter((o) => o.corsError && o.url.includes("/s/lna-"))
        .map((o) => `${o.url} ${o.corsError}`);
      expect(rows.map((r) => `${r.url} ${r.code}`).sort()).toEqual(chromeBlocked.sort());
    }
  });

  it("exports Markdown that says what Local Network Access decided, for a ticket", async () => {
    const [download] = await Promise.all([
      pub.panel.waitForEvent("download"),
      pub.panel.getByRole("button", { name: "Export Markdown" }).click(),
    ]);
    const markdown = await readFile((await download.path())!, "utf8");
    const section = markdown.slice(markdown.indexOf("/s/lna-tas-local"));
    expect(section).toContain("| Local Network Access | |");
    expect(section).toMatch(/\| Page \| public address space/);
    expect(section).toMatch(/\| targetAddressSpace \| local \|/);
    expect(section).toContain("No server header can fix this");
  });

  it("shows why in the call's details: both address spaces, the permission, CORS headers not reached", async () => {
    const panel = pub.panel;
    await panel.setViewportSize({ width: 1200, height: 760 });
    await panel.getByLabel("Filter").fill("lna-put-denied");
    await panel.locator(".grid-row").first().click();
    const section = panel.getByRole("region", { name: "Local Network Access" });
    await expect.poll(() => section.textContent()).toContain("loopback-network");
    const text = (await section.textContent())!;
    expect(text).toMatch(/Page\s*public address space/);
    expect(text).toMatch(/Server\s*loopback address space/);
    expect(text).toContain("not reached");
    expect(await panel.locator(".details .verdict").textContent()).toContain("No server header can fix this");
    // The fix is the page's: no stack to pick, a snippet that asks for the permission before calling.
    const fix = panel.getByRole("region", { name: "Fix" });
    expect(await fix.locator("h3").textContent()).toBe("Fix (on the page)");
    expect(await fix.getByLabel("Server stack").count()).toBe(0);
    expect(await fix.locator(".snippet").first().textContent()).toContain(
      'navigator.permissions.query({ name: "loopback-network" })',
    );
    expect(await axeViolations(panel)).toEqual([]);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await panel.screenshot({ path: join(SCREENSHOTS, "panel-local-network.png") });
    await fix.screenshot({ path: join(SCREENSHOTS, "panel-local-network-fix.png") });
    await panel.getByLabel("Filter").fill("");
  });
});
