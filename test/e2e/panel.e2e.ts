// The panel as a standalone page: filters, views, keyboard, details, copy actions, the remembered stack, Import,
// empty states, accessibility (axe-core) in light and dark, and the screenshots the README shows.

import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { SCENARIOS } from "../corpus/scenarios";
import { startLab, type Lab } from "../lab/server";
import {
  axeViolations,
  exportFromPanel,
  launch,
  openStandalonePanel,
  rowCount,
  tabIdOf,
  waitUntil,
  type Session,
} from "./harness";

const SCREENSHOTS = resolve(
  import.meta.dirname,
  process.env.UPDATE_SCREENSHOTS ? "../../docs/screenshots" : "../../test-results/screenshots",
);

let lab: Lab;
let session: Session;
let page: Page;
let panel: Page;
let tabId: number;

const blocked = SCENARIOS.filter((s) => s.expect.code !== null);
const clipboard = () => panel.evaluate(() => navigator.clipboard.readText());

beforeAll(async () => {
  lab = await startLab();
  session = await launch();
  await session.context.grantPermissions(["clipboard-read", "clipboard-write"]);
  page = await session.context.newPage();
  await page.goto(lab.pageOrigin + "/");
  await page.locator("html[data-lab-ready=true]").waitFor();
  tabId = await tabIdOf(session, page);
  panel = await openStandalonePanel(session, tabId);
  for (const s of SCENARIOS) {
    await page.evaluate(
      (id) => (window as unknown as { runScenario(id: string): Promise<unknown> }).runScenario(id),
      s.id,
    );
  }
  await waitUntil("every blocked row", async () => (await rowCount(panel)) === blocked.length);
}, 120_000);

afterAll(async () => {
  await session?.close();
  await lab?.close();
});

describe("filters and views", () => {
  it("filters by code, URL, method and header, with -term to exclude", async () => {
    const count = async (q: string) => {
      await panel.getByLabel("Filter").fill(q);
      return rowCount(panel);
    };
    expect(await count("HeaderDisallowedByPreflightResponse")).toBe(
      blocked.filter((s) => s.expect.code === "HeaderDisallowedByPreflightResponse").length,
    );
    expect(await count("/s/acao-")).toBe(blocked.filter((s) => s.id.startsWith("acao-")).length);
    expect(await count("DELETE")).toBeGreaterThanOrEqual(1);
    expect(await count("www-authenticate")).toBe(1);
    expect(await count("/s/acao- -null")).toBe(
      blocked.filter((s) => s.id.startsWith("acao-") && s.id !== "acao-null").length,
    );
    expect(await count("no-such-thing")).toBe(0);
    await expect.poll(() => panel.locator(".empty").textContent()).toContain("No calls match");
    await panel.getByLabel("Filter").fill("");
  });

  it("switches between Blocked, All cross-origin, Preflighted and Warnings", async () => {
    const view = async (name: string) => {
      await panel.getByRole("radio", { name }).click();
      return rowCount(panel);
    };
    const all = await view("All cross-origin");
    expect(all).toBeGreaterThan(blocked.length);
    expect(await view("Preflighted")).toBeGreaterThan(0);
    expect(await view("Preflighted")).toBeLessThan(all);
    expect(await view("Warnings")).toBeGreaterThan(0);
    expect(await view("Blocked")).toBe(blocked.length);
  });
});

describe("keyboard and details", () => {
  it("moves with the arrow keys, opens details, closes them with Escape, and Ctrl+F finds the filter", async () => {
    await panel.locator(".grid").focus();
    await panel.keyboard.press("ArrowDown");
    await expect.poll(() => panel.locator(".details").count()).toBe(1);
    const first = await panel.locator(".details-head .url").textContent();
    await panel.keyboard.press("ArrowDown");
    await expect.poll(() => panel.locator(".details-head .url").textContent()).not.toBe(first);
    await panel.keyboard.press("ArrowUp");
    await expect.poll(() => panel.locator(".details-head .url").textContent()).toBe(first);
    await panel.keyboard.press("End");
    await expect
      .poll(() => panel.locator(".grid-row.selected").getAttribute("aria-rowindex"))
      .toBe(String(blocked.length + 1));
    await panel.keyboard.press("Escape");
    await expect.poll(() => panel.locator(".details").count()).toBe(0);
    await panel.keyboard.press("Control+f");
    expect(await panel.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Filter");
  });

  it("shows why, the header at fault among the response headers, the timeline and the fix", async () => {
    await panel.getByLabel("Filter").fill("/s/acao-other-origin");
    await panel.locator(".grid-row").first().click();
    const details = panel.locator(".details");
    await expect.poll(() => details.locator(".received").textContent()).toBe("https://app.example.com");
    expect(await details.locator(".needed").textContent()).toContain(lab.pageOrigin);
    expect(await details.locator(".header-list .fault dt").first().textContent()).toBe("Access-Control-Allow-Origin");
    expect(await details.locator(".timeline li").count()).toBe(1);
    expect(await details.locator(".site").textContent()).toContain(`${lab.pageOrigin}/lab.js:`);
    await panel.getByLabel("Filter").fill("");
  });

  it("copies the preflight and the request as curl, and the cors-lens check line", async () => {
    await panel.getByLabel("Filter").fill("/s/preflight-401-with-cors");
    await panel.locator(".grid-row").first().click();
    await panel.getByRole("button", { name: "Copy preflight as curl" }).click();
    await expect.poll(clipboard).toMatch(/^curl -i -X OPTIONS .*Access-Control-Request-Method: PUT/);
    await panel.getByRole("button", { name: "Copy request as curl" }).click();
    await expect.poll(clipboard).toMatch(/^curl -i -X PUT /);
    await panel.getByRole("button", { name: "Copy cors-lens check" }).click();
    await expect.poll(clipboard).toMatch(/^cors-lens check .*--method PUT/);
  });

  it("remembers the chosen server stack, across a reload of the panel", async () => {
    await panel.getByLabel("Server stack").selectOption("nginx");
    await expect.poll(() => panel.locator(".fix .snippet").first().textContent()).toContain("add_header");
    await panel.getByRole("button", { name: "Copy snippet" }).click();
    await expect.poll(clipboard).toContain("add_header");
    await panel.reload();
    await panel.locator(".grid").waitFor();
    await panel.getByLabel("Filter").fill("/s/preflight-401-with-cors");
    await panel.locator(".grid-row").first().click();
    expect(await panel.getByLabel("Server stack").inputValue()).toBe("nginx");
    await panel.getByLabel("Filter").fill("");
  });
});

describe("import", () => {
  it("opens a saved export in the standalone panel, with the same rows and diagnoses", async () => {
    await panel.getByLabel("Filter").fill("");
    const doc = await exportFromPanel(panel, "Blocked");
    const file = join(tmpdir(), `cors-lens-import-${Date.now()}.json`);
    writeFileSync(file, JSON.stringify(doc));
    const viewer = await session.context.newPage();
    await viewer.goto(`chrome-extension://${session.extensionId}/panel/index.html`);
    await viewer.locator("input[type=file]").setInputFiles(file);
    await expect.poll(() => rowCount(viewer)).toBe(blocked.length);
    expect(await viewer.locator(".banner").textContent()).toContain("Viewing an export");
    await viewer.locator(".grid-row").first().click();
    expect(await viewer.locator(".details .verdict").textContent()).toContain(doc.requests[0]!.diagnosis.summary);
    // A file that is not an export says so.
    writeFileSync(file, "not json");
    await viewer.getByText("Close").click();
    await viewer.locator("input[type=file]").setInputFiles(file);
    await expect.poll(() => viewer.getByRole("alert").textContent()).toContain("not JSON");
    await viewer.close();
  });
});

describe("empty states", () => {
  it("teaches when there are no cross-origin calls, and when every call passed", async () => {
    const quiet = await session.context.newPage();
    await quiet.goto(`${lab.pageOrigin}/static/capture.html?quiet`);
    const p = await openStandalonePanel(session, await tabIdOf(session, quiet));
    expect(await p.locator(".empty").textContent()).toContain("No cross-origin calls yet");
    await quiet.evaluate((u) => fetch(u).catch(() => 0), `${lab.altOrigin}/open?fine`);
    await expect.poll(() => p.locator(".empty").textContent()).toContain("Every cross-origin call passed CORS");
    await p.getByRole("button", { name: "Show all cross-origin calls" }).click();
    expect(await rowCount(p)).toBe(1);
    await Promise.all([p.close(), quiet.close()]);
  });
});

describe("accessibility and theme", () => {
  for (const scheme of ["light", "dark"] as const) {
    it(`has no serious or critical axe violations in the ${scheme} theme, and looks like DevTools`, async () => {
      await panel.emulateMedia({ colorScheme: scheme });
      await panel.reload();
      await panel.locator(".grid").waitFor();
      await panel.setViewportSize({ width: 1200, height: 640 });
      expect(await panel.evaluate(() => document.documentElement.dataset.theme)).toBe(scheme);
      await panel.getByLabel("Filter").fill("");
      await panel.locator('.grid-row[data-code="PreflightInvalidStatus"]').first().click();
      expect(await axeViolations(panel)).toEqual([]);
      mkdirSync(SCREENSHOTS, { recursive: true });
      await panel.screenshot({ path: join(SCREENSHOTS, `panel-${scheme}.png`) });
    });
  }
});
