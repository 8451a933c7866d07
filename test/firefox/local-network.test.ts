// Local Network Access in Firefox 153: what Firefox does with the lab's LNA calls (observed), and what CORS Lens
// says about them in Firefox mode.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "puppeteer-core";
import { firefoxConsoleText, type FirefoxReason } from "../../src/cors/codes";
import type { ExportDocument } from "../../src/report/export-format";
import { LNA_SCENARIOS } from "../corpus/local-network";
import { scenarioUrlIn, startLab, type Lab } from "../lab/server";
import { exportFromPanel, launchFirefox, openPanel, waitUntil, type FirefoxSession } from "./harness";

/** The page's own calls (Firefox has no targetAddressSpace: the option is ignored). */
const SCENARIOS = LNA_SCENARIOS.filter((s) => !s.lna?.from && !s.lna?.permission);

let lab: Lab;
const runs: Record<
  "deny" | "allow",
  { results: Map<string, { ok: boolean }>; says: string[]; exported?: ExportDocument }
> = { deny: { results: new Map(), says: [] }, allow: { results: new Map(), says: [] } };

async function runAll(session: FirefoxSession, run: (typeof runs)["deny"], withPanel: boolean): Promise<void> {
  const page: Page = await session.browser.newPage();
  page.on("pageerror", (err) => run.says.push(err instanceof Error ? err.message : String(err)));
  await page.goto(lab.publicOrigin + "/");
  await page.waitForSelector("html[data-lab-ready=true]");
  const panel = withPanel ? await openPanel(session, lab.publicOrigin + "/") : null;
  for (const s of SCENARIOS) {
    const result = await page.evaluate(
      (id) => (window as unknown as { runScenario(id: string): Promise<{ ok: boolean }> }).runScenario(id),
      s.id,
    );
    run.results.set(s.id, result);
  }
  if (panel) {
    // Every call shows in the "All cross-origin" view the export reads, blocked or failed.
    await waitUntil("the panel's rows", async () => {
      const doc = await exportFromPanel(session, panel);
      return SCENARIOS.every((s) => doc.requests.some((r) => r.url === scenarioUrlIn(lab, s)));
    });
    run.exported = await exportFromPanel(session, panel);
  }
}

beforeAll(async () => {
  lab = await startLab();
  // Firefox's own override makes the LNA page public; its permission default answers the prompt headless cannot.
  const publicPage = { "network.lna.address_space.public.override": `127.0.0.1:${new URL(lab.publicOrigin).port}` };
  for (const [mode, setting] of [
    ["deny", 2],
    ["allow", 1],
  ] as const) {
    const session = await launchFirefox({ ...publicPage, "permissions.default.loopback-network": setting });
    try {
      await runAll(session, runs[mode], mode === "deny");
    } finally {
      await session.close();
    }
  }
}, 120_000);

afterAll(async () => {
  await lab?.close();
});

describe("Local Network Access in Firefox 153", () => {
  it("blocks a public page's calls to loopback when the permission is denied, saying only 'CORS request did not succeed'", () => {
    for (const s of SCENARIOS) {
      expect(runs.deny.results.get(s.id)?.ok, s.id).toBe(false);
      const said = runs.deny.says.find((m) => m.includes(`/s/${s.id}.`));
      expect(said, s.id).toContain("(Reason: CORS request did not succeed). Status code: (null).");
    }
  });

  it("lets them through once allowed, targetAddressSpace or not (Firefox ignores the option)", () => {
    for (const s of SCENARIOS) expect(runs.allow.results.get(s.id)?.ok, s.id).toBe(true);
  });

  it("CORS Lens in Firefox mode calls them blocked by Local Network Access, with Firefox's own reason", () => {
    for (const s of SCENARIOS) {
      const [call] = runs.deny.exported!.requests.filter((r) => r.url === scenarioUrlIn(lab, s));
      expect(call, s.id).toBeDefined();
      expect(call!.outcome, s.id).toBe("blocked");
      const d = call!.diagnosis;
      expect(d.code, s.id).toBe("LocalNetworkAccessPermissionDenied");
      expect(d.localNetwork, s.id).toMatchObject({ initiatorSpace: "public", targetSpace: "loopback" });
      expect(d.summary, s.id).toContain("NS_ERROR_LOCAL_NETWORK_ACCESS_DENIED");
      // Firefox's own console message for the call, as CORS Lens words it.
      const said = runs.deny.says.find((m) => m.includes(`/s/${s.id}.`));
      expect(firefoxConsoleText(d.firefoxReason as FirefoxReason, call!.url, "", null)).toBe(said);
    }
  });
});
