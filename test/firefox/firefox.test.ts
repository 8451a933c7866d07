// The lab in a real Firefox with CORS Lens installed: every blocked call's exported firefoxReason must be Firefox's own.

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "puppeteer-core";
import { FIREFOX_REASONS, type FirefoxReason } from "../../src/cors/codes";
import type { ExportDocument, ExportRequest } from "../../src/report/export-format";
import type { Scenario } from "../corpus/scenario";
import { SCENARIOS } from "../corpus/scenarios";
import { scenarioUrlIn, startLab, LAB_SECRET_COOKIE, type Lab } from "../lab/server";
import { schemaErrors } from "../schema";
import { blockedCount, exportFromPanel, launchFirefox, openPanel, waitUntil, type FirefoxSession } from "./harness";
import { FIREFOX_SCENARIOS } from "./scenarios";
import { FIREFOX_VERDICTS } from "./verdicts";

const ALL = [...SCENARIOS, ...FIREFOX_SCENARIOS];

let lab: Lab;
let session: FirefoxSession;
let page: Page;
let panel: Page;
let exported: ExportDocument;
/** A loopback URL nothing listens on: Firefox's console calls its failure a CORS one. */
let refusedUrl: string;
/** Firefox's own verdicts: the CORS messages it printed in the lab page's console, in order. */
const firefoxSays: string[] = [];

/** Firefox's reason id for one of its console messages, found by the catalogue's wording. */
function reasonOf(message: string): { reason: FirefoxReason; parameter: string } | null {
  for (const [reason, info] of Object.entries(FIREFOX_REASONS)) {
    const [before, after = ""] = info.text.split("%2");
    const at = message.indexOf(`(Reason: ${before}`);
    if (at < 0) continue;
    const rest = message.slice(at + `(Reason: ${before}`.length);
    if (!info.text.includes("%2"))
      return rest.startsWith(")") ? { reason: reason as FirefoxReason, parameter: "" } : null;
    const end = rest.indexOf(`${after})`);
    if (end >= 0) return { reason: reason as FirefoxReason, parameter: rest.slice(0, end) };
  }
  return null;
}

/** The URL a Firefox CORS message names: the request whose response failed (a redirect's target, say). */
function urlIn(message: string): URL | null {
  const m =
    /^Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ‘?(\S+?)’?\. \(Reason:/.exec(
      message,
    );
  return m ? new URL(m[1]!) : null;
}

/** Firefox's first CORS message about a scenario (after a preflight it adds a second: "did not succeed"). */
function firefoxVerdictFor(id: string): string | undefined {
  return firefoxSays.find((m) => {
    const path = urlIn(m)?.pathname;
    return path === `/s/${id}` || path?.startsWith(`/s/${id}/`);
  });
}

beforeAll(async () => {
  lab = await startLab({ scenarios: ALL });
  session = await launchFirefox();
  page = await session.browser.newPage();
  // Firefox's CORS messages reach WebDriver BiDi as log entries of type "javascript": puppeteer calls them pageerror.
  page.on("pageerror", (err) => {
    const text = err instanceof Error ? err.message : String(err);
    if (text.startsWith("Cross-Origin Request")) firefoxSays.push(text);
  });
  await page.goto(lab.pageOrigin + "/");
  await page.waitForSelector("html[data-lab-ready=true]");
  panel = await openPanel(session, lab.pageOrigin + "/");
  refusedUrl = `http://127.0.0.1:${await closedPort()}/refused`;
  await page.evaluate((url) => fetch(url).catch(() => undefined), refusedUrl);
  for (const s of ALL) {
    await page.evaluate(
      (id) => (window as unknown as { runScenario(id: string): Promise<unknown> }).runScenario(id),
      s.id,
    );
  }
  const blocked = Object.keys(FIREFOX_VERDICTS).length;
  await waitUntil("Firefox's verdicts", () => Object.keys(FIREFOX_VERDICTS).every((id) => firefoxVerdictFor(id)));
  await waitUntil("the panel's rows", async () => (await blockedCount(panel)) >= blocked);
  exported = await exportFromPanel(session, panel);
}, 120_000);

afterAll(async () => {
  await session?.close();
  await lab?.close();
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function exportedCall(s: Scenario): ExportRequest[] {
  return exported.requests.filter((r) => r.url === scenarioUrlIn(lab, s));
}

describe("CORS Lens in Firefox", () => {
  it("exports a schema-valid document from Firefox", () => {
    expect(schemaErrors(exported)).toEqual([]);
    expect(exported.browser.name).toBe("firefox");
    expect(exported.page?.origin).toBe(lab.pageOrigin);
    expect(JSON.stringify(exported)).not.toContain(LAB_SECRET_COOKIE);
  });

  for (const s of ALL) {
    const v = FIREFOX_VERDICTS[s.id];
    it(`${s.id}: ${v ? v.reason : "allowed"}, as Firefox says`, () => {
      const message = firefoxVerdictFor(s.id);
      const calls = exportedCall(s);
      expect(calls).toHaveLength(s.request.times ?? 1);
      if (!v) {
        // Firefox allowed it, and so does CORS Lens.
        expect(message).toBeUndefined();
        for (const c of calls) expect(c.outcome).toBe("allowed");
        if (s.warning) expect(calls[0]!.diagnosis.warnings.map((w) => w.kind)).toContain(s.warning);
        return;
      }
      // Firefox's own verdict is still the one recorded for this scenario.
      const firefox = reasonOf(message ?? "");
      expect(firefox?.reason).toBe(v.reason);
      const d = calls[0]!.diagnosis;
      expect(calls[0]!.outcome).toBe("blocked");
      expect(d.code).toBe(v.code ?? s.expect.code);
      if (v.seenAs) {
        // Firefox's webRequest hid what decided Firefox's verdict: CORS Lens says which reason it could not rule out.
        expect(d.firefoxReason).toBe(v.seenAs);
        expect(d.assumptions.join(" ")).toContain(v.reason);
      } else {
        expect(d.firefoxReason).toBe(firefox?.reason);
      }
      if (firefox?.reason === "CORSAllowOriginNotMatchingOrigin") expect(d.received).toBe(firefox.parameter);
      if (s.cause) expect(d.cause?.kind).toBe(s.cause);
      // The page hook works in Firefox too: the credentials mode and the calling line of each blocked call.
      expect(d.credentials).toBe(s.request.credentials ?? "same-origin");
      expect(d.callSite?.url).toBe(`${lab.pageOrigin}/lab.js`);
    });
  }

  it("tells a refused connection from CORS, although Firefox's console calls it a CORS failure", () => {
    expect(firefoxSays.some((m) => m.includes(refusedUrl) && m.includes("CORS request did not succeed"))).toBe(true);
    const call = exported.requests.find((r) => r.url === refusedUrl);
    expect(call?.outcome).toBe("network-error");
    expect(call?.diagnosis.cause?.kind).toBe("not-cors");
    expect(call?.diagnosis.summary).toContain("refused the connection");
  });

  it("shows what Firefox's webRequest showed of a refused preflight and its request", () => {
    const [call] = exportedCall(ALL.find((s) => s.id === "preflight-401-no-cors")!);
    expect(call!.preflight?.statusCode).toBe(401);
    expect(call!.preflight?.requestHeaders?.find((h) => h.name === "Origin")?.value).toBe(lab.pageOrigin);
    expect(call!.actual?.sent).toBe(false);
  });
});
