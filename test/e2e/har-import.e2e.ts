// The panel opened as a page imports recorded HAR files (Import button and drag and drop) into the same table and
// details, with Chrome's codes from the recording run; an export made from it names the browser's full version.

import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { schemaErrors } from "../schema";
import { exportFromPanel, launch, READ_ALL_ROWS, rowCount, type PanelRow, type Session } from "./harness";

const DIR = resolve(import.meta.dirname, "../fixtures/har");
interface Recorded {
  pageOrigin: string;
  scenarios: { id: string; url: string; chrome: { corsError: string | null }[] }[];
}
let recorded: Recorded;
let blocked: string[];
let session: Session;
let viewer: Page;

beforeAll(async () => {
  recorded = JSON.parse(await readFile(resolve(DIR, "cdp-verdicts.json"), "utf8")) as Recorded;
  blocked = recorded.scenarios.flatMap((s) =>
    s.chrome.filter((c) => c.corsError).map((c) => `${s.url} ${c.corsError}`),
  );
  session = await launch();
  viewer = await session.context.newPage();
  await viewer.goto(`chrome-extension://${session.extensionId}/panel/index.html`);
});

afterAll(async () => {
  await session?.close();
});

async function rows(): Promise<string[]> {
  const all = (await viewer.evaluate(READ_ALL_ROWS)) as PanelRow[];
  return all.map((r) => `${r.url} ${r.code}`).sort();
}

describe("HAR import in the panel page", () => {
  it("Open an export… takes Chromium's DevTools HAR: Chrome's blocked calls, with their details", async () => {
    await viewer.locator("input[type=file]").setInputFiles(resolve(DIR, "chromium-devtools.har"));
    await expect.poll(() => rowCount(viewer)).toBe(blocked.length);
    expect(await rows()).toEqual([...blocked].sort());
    const banner = await viewer.locator(".banner").textContent();
    expect(banner).toContain(`Viewing a HAR of ${recorded.pageOrigin}/ from WebInspector 537.36`);
    expect(banner).toContain(`Calls without an Origin header are taken as made by ${recorded.pageOrigin}`);
    await viewer.locator('.grid-row[data-code="PreflightInvalidStatus"]').first().click();
    expect(await viewer.locator(".details").textContent()).toContain("PreflightInvalidStatus");
  });

  it("an export of the imported HAR is schema-valid and names Chromium's full version", async () => {
    const doc = await exportFromPanel(viewer);
    expect(schemaErrors(doc)).toEqual([]);
    expect(doc.requests.filter((r) => r.outcome === "blocked")).toHaveLength(blocked.length);
    expect(doc.browser.version).toMatch(/^\d+\.0\.0\.0$/);
    expect(doc.browser.fullVersion).toMatch(/^\d+\.0\.\d+\.\d+$/);
    expect(doc.browser.fullVersion!.split(".")[0]).toBe(doc.browser.version.split(".")[0]);
  });

  it("the toolbar's Import button takes the file without sensitive data, and says what it cannot tell", async () => {
    await viewer.locator("label.tool input[type=file]").setInputFiles(resolve(DIR, "chromium-devtools-sanitized.har"));
    await expect
      .poll(() => viewer.locator(".banner").textContent())
      .toContain("No request in this file carries a Cookie or Authorization header");
    expect(await rows()).toEqual([...blocked].sort());
  });

  it("a HAR dropped on the page is imported the same way (Playwright's, whose blocked calls it cannot judge)", async () => {
    const text = await readFile(resolve(DIR, "playwright.har"), "utf8");
    await viewer.evaluate((content) => {
      const data = new DataTransfer();
      data.items.add(new File([content], "ticket.har", { type: "application/json" }));
      const over = new DragEvent("dragover", { dataTransfer: data, bubbles: true, cancelable: true });
      document.body.dispatchEvent(over);
      if (!over.defaultPrevented) throw new Error("the page did not accept the dragged file");
      document.body.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
    }, text);
    await expect.poll(() => viewer.locator(".banner").textContent()).toContain("from Playwright 1.65.1");
    // Nothing was blocked by a verdict it could read: the 51 calls are failures whose response the file lacks.
    expect(await rowCount(viewer)).toBe(0);
    await viewer.getByRole("radio", { name: "All cross-origin" }).click();
    await viewer
      .locator('.grid-row[data-url*="/s/missing-acao"]')
      .or(viewer.locator(".grid-row", { hasText: "/s/missing-acao" }))
      .first()
      .click();
    expect(await viewer.locator(".details").textContent()).toContain("The file keeps no response for this call");
  });

  it("a file that is not a HAR says what is wrong and where", async () => {
    const bad = JSON.stringify({
      log: {
        entries: [
          {
            startedDateTime: "2026-12-07T10:00:00Z",
            request: { url: "x", method: "GET", headers: [] },
            response: { status: 200, headers: "none" },
          },
        ],
      },
    });
    await viewer.evaluate((content) => {
      const data = new DataTransfer();
      data.items.add(new File([content], "broken.har"));
      document.body.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
    }, bad);
    await expect
      .poll(() => viewer.getByRole("alert").textContent())
      .toContain("broken.har is not a HAR file that can be read: entry 1: response.headers is not an array (a string)");
  });
});
