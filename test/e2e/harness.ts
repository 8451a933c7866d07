// Launches Debian's Chromium with the built extension through playwright-core, and reaches its parts.

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type BrowserContext, type Page, type Worker } from "playwright-core";
import { BASE_ARGS, findChromium, sandboxArgs } from "../../scripts/chromium";
import type { ExportDocument } from "../../src/report/export-format";

export const EXTENSION_DIR = resolve(import.meta.dirname, "../../dist/chrome");

export interface Session {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Open DevTools for every tab (--auto-open-devtools-for-tabs). */
  devtools?: boolean;
  headless?: boolean;
  executablePath?: string;
  /** Other unpacked extensions to load next to CORS Lens (test fixtures). */
  extraExtensions?: string[];
  /** More Chromium flags (e.g. the lab's localNetworkArgs). */
  extraArgs?: string[];
}

export async function launch(options: LaunchOptions = {}): Promise<Session> {
  const executablePath = options.executablePath ?? findChromium();
  if (!executablePath) throw new Error("No Chromium: install Debian's chromium or set CHROME_PATH");
  const profile = mkdtempSync(join(tmpdir(), "cors-lens-e2e-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: options.headless ?? true,
    viewport: options.headless === false ? null : undefined,
    acceptDownloads: true,
    args: [
      ...sandboxArgs(),
      ...BASE_ARGS,
      `--disable-extensions-except=${[EXTENSION_DIR, ...(options.extraExtensions ?? [])].join(",")}`,
      `--load-extension=${[EXTENSION_DIR, ...(options.extraExtensions ?? [])].join(",")}`,
      ...(options.devtools ? ["--auto-open-devtools-for-tabs"] : []),
      ...(options.extraArgs ?? []),
    ],
  });
  const isOurs = (w: Worker) => w.url().endsWith("/service-worker-loader.js");
  const worker =
    context.serviceWorkers().find(isOurs) ?? (await context.waitForEvent("serviceworker", { predicate: isOurs }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The extension's tab id for a page (Playwright does not expose it). */
export async function tabIdOf(session: Session, page: Page): Promise<number> {
  const url = page.url();
  const id = await session.worker.evaluate(async (u) => {
    const tabs = await chrome.tabs.query({});
    return tabs.find((t) => t.url === u)?.id ?? null;
  }, url);
  if (id === null) throw new Error(`no tab for ${url}`);
  return id;
}

/** Opens the panel page as an ordinary tab watching `tabId` (contract 2) and waits for its first snapshot. */
export async function openStandalonePanel(session: Session, tabId: number): Promise<Page> {
  const panel = await session.context.newPage();
  await panel.goto(`chrome-extension://${session.extensionId}/panel/index.html?tabId=${tabId}`);
  await panel.locator(".toolbar").waitFor();
  await panel.locator(".empty:not(:has-text('Connecting'))").or(panel.locator(".grid")).first().waitFor();
  return panel;
}

/** Polls until `check` returns true (hooks cannot use expect.poll). */
export async function waitUntil(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Exports the calls a view shows (the buttons export what is shown): by default every cross-origin call, then
 * returns the panel to its Blocked view.
 */
export async function exportFromPanel(panel: Page, view = "All cross-origin"): Promise<ExportDocument> {
  await panel.getByRole("radio", { name: view }).click();
  const [download] = await Promise.all([
    panel.waitForEvent("download"),
    panel.getByRole("button", { name: "Export JSON" }).click(),
  ]);
  await panel.getByRole("radio", { name: "Blocked" }).click();
  return JSON.parse(await readFile((await download.path())!, "utf8")) as ExportDocument;
}

/** The extension's service worker as it is now (a stopped worker comes back as a new one). */
export async function currentWorker(session: Session): Promise<Worker> {
  const isOurs = (w: Worker) => w.url().startsWith(`chrome-extension://${session.extensionId}/`);
  return (
    session.context.serviceWorkers().find(isOurs) ??
    session.context.waitForEvent("serviceworker", { predicate: isOurs })
  );
}

export interface PanelRow {
  id: string;
  code: string;
  url: string;
  why: string;
}

/**
 * Reads every row of the panel's virtualized table by scrolling through it, as a user would.
 * An expression (not a function) so it runs in a Playwright page and in a DevTools panel target alike.
 */
export const READ_ALL_ROWS = `(async () => {
  const body = document.querySelector(".grid");
  if (!body) return [];
  const rows = new Map();
  const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  body.scrollTop = 0;
  await frame();
  for (;;) {
    for (const el of document.querySelectorAll(".grid-row")) {
      rows.set(el.dataset.id, { id: el.dataset.id, code: el.dataset.code, url: el.querySelector(".url").textContent,
        why: el.querySelector(".c-why").textContent });
    }
    if (body.scrollTop + body.clientHeight >= body.scrollHeight - 1) break;
    body.scrollTop += body.clientHeight;
    await frame();
  }
  body.scrollTop = 0;
  return [...rows.values()];
})()`;

/** The number of rows the panel's table lists (the virtualized grid's row count). */
export async function rowCount(panel: Page): Promise<number> {
  const grid = panel.locator(".grid");
  if ((await grid.count()) === 0) return 0;
  return Number(await grid.getAttribute("aria-rowcount")) - 1;
}

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** axe-core's serious and critical violations on a page, one line each. */
export async function axeViolations(p: Page): Promise<string[]> {
  // Extension pages forbid injected <script> tags (CSP); evaluating the source over CDP is not subject to it.
  await p.evaluate(readFileSync(AXE, "utf8"));
  const results = await p.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(ctx: Document): Promise<{ violations: { id: string; impact: string; help: string; nodes: unknown[] }[] }>;
        };
      }
    ).axe;
    return (await axe.run(document)).violations;
  });
  return results
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
}
