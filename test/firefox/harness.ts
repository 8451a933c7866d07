// Launches Debian's firefox-esr through puppeteer-core over WebDriver BiDi, with dist/firefox installed temporarily.

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import type { ExportDocument } from "../../src/report/export-format";
import { FIREFOX_PATH } from "../../scripts/firefox";
import { GECKO_ID } from "../../scripts/firefox-manifest";

export const EXTENSION_DIR = resolve(import.meta.dirname, "../../dist/firefox");
/** The extension's internal UUID in the test profile, fixed so its pages have a known moz-extension:// address. */
const UUID = "7f1c2a4e-5b3d-4c6a-9e8f-c0a1e5000001";

export interface FirefoxSession {
  browser: Browser;
  /** moz-extension://UUID */
  extensionBase: string;
  /** Where Export JSON's downloads land. */
  downloads: string;
  close(): Promise<void>;
}

/** `prefs`: more Firefox preferences (e.g. Local Network Access's address-space overrides). */
export async function launchFirefox(prefs: Record<string, string | number | boolean> = {}): Promise<FirefoxSession> {
  if (!existsSync(join(EXTENSION_DIR, "manifest.json"))) throw new Error("dist/firefox is missing: npm run build");
  const downloads = mkdtempSync(join(tmpdir(), "cors-lens-firefox-downloads-"));
  const browser = await puppeteer.launch({
    browser: "firefox",
    protocol: "webDriverBiDi",
    executablePath: FIREFOX_PATH,
    headless: true,
    // CORS_LENS_DEBUG=1 prints the extension's own console (background page included) to the terminal.
    dumpio: Boolean(process.env.CORS_LENS_DEBUG),
    // BiDi refuses to navigate to moz-extension:// pages unless system access is allowed.
    args: ["--remote-allow-system-access"],
    extraPrefsFirefox: {
      "extensions.webextensions.uuids": JSON.stringify({ [GECKO_ID]: UUID }),
      "browser.download.folderList": 2,
      "browser.download.dir": downloads,
      "browser.download.useDownloadDir": true,
      "browser.download.always_ask_before_handling_new_types": false,
      "browser.download.start_downloads_in_tmp_dir": false,
      ...(process.env.CORS_LENS_DEBUG
        ? { "devtools.console.stdout.chrome": true, "devtools.console.stdout.content": true }
        : {}),
      ...prefs,
    },
  });
  try {
    const id = await browser.installExtension(EXTENSION_DIR);
    if (id !== GECKO_ID) throw new Error(`installed ${id}, expected ${GECKO_ID}`);
  } catch (err) {
    await browser.close();
    throw err;
  }
  return {
    browser,
    extensionBase: `moz-extension://${UUID}`,
    downloads,
    async close() {
      await browser.close();
      rmSync(downloads, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` returns true. */
export async function waitUntil(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Navigates to an extension page. BiDi never reports the load of a moz-extension:// document to puppeteer, so the
 * navigation is not awaited; the caller waits for the page's content instead.
 */
function visit(page: Page, url: string): void {
  page.goto(url, { timeout: 0 }).catch(() => {
    // Settles only when the browser closes.
  });
}

/** Opens the panel page as a tab watching the tab that shows `pageUrl` (contract 2), once it is connected. */
export async function openPanel(session: FirefoxSession, pageUrl: string): Promise<Page> {
  const panel = await session.browser.newPage();
  visit(panel, `${session.extensionBase}/panel/index.html`);
  // The tab id is the extension's to tell: ask from one of its pages.
  let tabId: number | null = null;
  await waitUntil("the lab page's tab id", async () => {
    tabId = await panel
      .evaluate(async (url) => {
        const api = (
          globalThis as unknown as {
            browser?: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } };
          }
        ).browser;
        const tabs = (await api?.tabs.query({})) ?? [];
        return tabs.find((t) => t.url === url)?.id ?? null;
      }, pageUrl)
      .catch(() => null);
    return tabId !== null;
  });
  visit(panel, `${session.extensionBase}/panel/index.html?tabId=${tabId}`);
  await waitUntil("the panel to connect", () =>
    panel
      .evaluate(
        (search) =>
          location.search === search &&
          document.querySelector(".toolbar") !== null &&
          !document.body.textContent?.includes("Connecting…"),
        `?tabId=${tabId}`,
      )
      .catch(() => false),
  );
  return panel;
}

/** The number in the panel's "N blocked" count. */
export async function blockedCount(panel: Page): Promise<number> {
  return panel.evaluate(() => Number(document.querySelector(".n-blocked")?.textContent ?? "0"));
}

/** Clicks Export JSON on the "All cross-origin" view and reads the file Firefox saved. */
export async function exportFromPanel(session: FirefoxSession, panel: Page): Promise<ExportDocument> {
  const before = new Set(readdirSync(session.downloads));
  await panel.locator("[role=radio]::-p-text(All cross-origin)").click();
  await panel.locator("button::-p-text(Export JSON)").click();
  let file = "";
  await waitUntil("the exported file", () => {
    file = readdirSync(session.downloads).find((f) => !before.has(f) && f.endsWith(".json")) ?? "";
    if (!file) return false;
    try {
      JSON.parse(readFileSync(join(session.downloads, file), "utf8"));
      return true;
    } catch {
      return false; // still being written
    }
  });
  return JSON.parse(readFileSync(join(session.downloads, file), "utf8")) as ExportDocument;
}
