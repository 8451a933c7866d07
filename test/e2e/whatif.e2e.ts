// "What if…" in Chromium: for blocked lab calls, the editor's smallest passing change, served for real by the lab,
// makes Chrome itself allow the call — the what-if verdict and Chrome's (CDP) agree. Also the editor's contract.

import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { SCENARIOS } from "../corpus/scenarios";
import { startLab, type Lab } from "../lab/server";
import { CorsOracle } from "./cdp-oracle";
import { axeViolations, exportFromPanel, launch, openStandalonePanel, tabIdOf, type Session } from "./harness";

const SCREENSHOTS = resolve(
  import.meta.dirname,
  process.env.UPDATE_SCREENSHOTS ? "../../docs/screenshots" : "../../test-results/screenshots",
);
/** Blocked calls of different kinds: a simple GET, a refused header, a credentialed call, a refused method, a preflight refused by its status. */
const IDS = [
  "missing-acao",
  "header-not-allowed",
  "credentials-header-missing",
  "method-not-allowed",
  "preflight-401-with-cors",
];

let lab: Lab;
let session: Session;
let page: Page;
let panel: Page;
let oracle: CorsOracle;

type Spec = { status: number; headers: [string, string][] };

/** What the editor holds for one response group, read from its textboxes as a user sees them. */
async function groupSpec(group: Locator): Promise<Spec | undefined> {
  if ((await group.count()) === 0) return undefined;
  const status = Number(await group.getByRole("textbox", { name: "Status" }).inputValue());
  const headers: [string, string][] = [];
  for (const row of await group.locator(".whatif-row:has(button)").all()) {
    const fresh = row.getByRole("textbox", { name: "Header name" });
    const name = (await fresh.count())
      ? await fresh.inputValue()
      : ((await row.locator(".whatif-name").textContent()) ?? "");
    const value = await row.locator("input").last().inputValue();
    headers.push([name, value]);
  }
  return { status, headers };
}

async function openWhatIf(id: string): Promise<Locator> {
  await panel.getByLabel("Filter").fill(id);
  await panel.locator(".grid-row").first().click();
  await panel.getByRole("button", { name: "What if…" }).click();
  return panel.getByRole("region", { name: "What if" });
}

beforeAll(async () => {
  lab = await startLab();
  session = await launch();
  page = await session.context.newPage();
  await page.goto(lab.pageOrigin + "/");
  await page.locator("html[data-lab-ready=true]").waitFor();
  oracle = await CorsOracle.attach(page);
  panel = await openStandalonePanel(session, await tabIdOf(session, page));
  await panel.setViewportSize({ width: 1200, height: 900 });
  for (const id of IDS)
    await page.evaluate((i) => (window as unknown as { runScenario(id: string): Promise<unknown> }).runScenario(i), id);
  await panel
    .locator(".grid-row")
    .nth(IDS.length - 1)
    .waitFor();
});

afterAll(async () => {
  await session?.close();
  await lab?.close();
});

describe("What if…", () => {
  for (const id of IDS) {
    it(`${id}: the smallest passing change, served for real, passes in Chrome too`, async () => {
      const s = SCENARIOS.find((x) => x.id === id)!;
      const editor = await openWhatIf(id);
      const verdict = editor.getByRole("status", { name: "What-if verdict" });
      // Opened on the captured exchange, it agrees with the captured verdict.
      expect(await verdict.textContent()).toContain(s.expect.code!);
      await editor.getByRole("button", { name: "Smallest change that passes" }).click();
      await expect.poll(() => verdict.textContent()).toMatch(/^allowed/);
      const spec = {
        preflight: await groupSpec(editor.getByRole("group", { name: "Preflight response", exact: true })),
        actual: await groupSpec(editor.getByRole("group", { name: "Response", exact: true })),
      };
      // The same request, to a lab URL that answers with exactly the edited headers.
      const url = `${lab.apiOrigin}/whatif?case=${id}&spec=${encodeURIComponent(JSON.stringify(spec))}`;
      await page.evaluate(
        async ({ url, r }) => {
          const init: RequestInit = { method: r.method, credentials: r.credentials ?? "same-origin" };
          if (r.headers) init.headers = r.headers;
          if (r.body !== undefined) init.body = r.body;
          if (r.withCookie) await fetch(`${new URL(url).origin}/set-cookie`, { credentials: "include" });
          await fetch(url, init).catch(() => null);
        },
        { url, r: s.request },
      );
      await expect.poll(() => oracle.outcomeFor(url)).toBeDefined();
      expect(oracle.outcomeFor(url)!.corsError).toBeNull();
      // Nothing captured changed: the row keeps the real verdict.
      expect(await panel.locator(".grid-row").first().getAttribute("data-code")).toBe(s.expect.code);
      await editor.getByRole("button", { name: "Close What if" }).click();
    });
  }

  it("edits by keyboard and by label, reports bad edits inline, resets, and passes axe in both themes", async () => {
    for (const scheme of ["light", "dark"] as const) {
      await panel.emulateMedia({ colorScheme: scheme });
      const editor = await openWhatIf("missing-acao");
      const verdict = editor.getByRole("status", { name: "What-if verdict" });
      const response = editor.getByRole("group", { name: "Response", exact: true });
      await response.getByRole("button", { name: "Add header" }).click();
      await response.getByRole("textbox", { name: "Header name" }).last().fill("Access-Control-Allow-Origin");
      await response.getByRole("textbox", { name: "Header value" }).last().fill(lab.pageOrigin);
      await expect.poll(() => verdict.textContent()).toMatch(/^allowed/);
      // A header name with a space is refused in words, not with an exception.
      await response.getByRole("textbox", { name: "Header name" }).last().fill("Bad Name");
      await expect.poll(() => editor.locator(".whatif-problem").count()).toBeGreaterThan(0);
      await response.getByRole("textbox", { name: "Status" }).fill("700");
      await expect
        .poll(() => editor.locator(".whatif-problem").allTextContents())
        .toContainEqual(expect.stringMatching(/100.*599/));
      expect(await axeViolations(panel)).toEqual([]);
      mkdirSync(SCREENSHOTS, { recursive: true });
      await panel.screenshot({ path: join(SCREENSHOTS, `panel-whatif-${scheme}.png`) });
      await editor.getByRole("button", { name: "Reset" }).click();
      await expect.poll(() => verdict.textContent()).toContain("MissingAllowOriginHeader");
      await editor.getByRole("button", { name: "Close What if" }).click();
    }
    await panel.emulateMedia({ colorScheme: "light" });
  });
  it("works on an imported export too: same captured verdict, same smallest change, nothing in the file changes", async () => {
    await panel.getByLabel("Filter").fill("");
    const doc = await exportFromPanel(panel, "Blocked");
    const file = join(tmpdir(), `cors-lens-whatif-import-${Date.now()}.json`);
    writeFileSync(file, JSON.stringify(doc));
    const viewer = await session.context.newPage();
    await viewer.setViewportSize({ width: 1200, height: 900 });
    await viewer.goto(`chrome-extension://${session.extensionId}/panel/index.html`);
    await viewer.locator("input[type=file]").setInputFiles(file);
    await viewer.getByLabel("Filter").fill("header-not-allowed");
    await viewer.locator(".grid-row").first().click();
    await viewer.getByRole("button", { name: "What if…" }).click();
    const editor = viewer.getByRole("region", { name: "What if" });
    const verdict = editor.getByRole("status", { name: "What-if verdict" });
    expect(await verdict.textContent()).toContain("HeaderDisallowedByPreflightResponse");
    await editor.getByRole("button", { name: "Smallest change that passes" }).click();
    await expect.poll(() => verdict.textContent()).toMatch(/^allowed/);
    // The live panel proposed the same edit for the same call.
    const live = await openWhatIf("header-not-allowed");
    await live.getByRole("button", { name: "Smallest change that passes" }).click();
    expect(await editor.locator(".whatif-why").textContent()).toBe(await live.locator(".whatif-why").textContent());
    await live.getByRole("button", { name: "Close What if" }).click();
    expect(await viewer.locator(".grid-row").first().getAttribute("data-code")).toBe(
      "HeaderDisallowedByPreflightResponse",
    );
    await viewer.close();
  });
});
