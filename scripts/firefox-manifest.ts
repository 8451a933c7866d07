// Derives the Firefox build from the Chrome one: the same files, with a manifest made from the one manifest.json.

import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The add-on id Firefox needs for storage, the tab store and a signed upload (web-ext lint: ADDON_ID_REQUIRED). */
export const GECKO_ID = "cors-lens@example.org";

/**
 * 128 is the first Firefox whose scripting API runs code in the page's MAIN world (the page hook and the console
 * explanations need it); 140 is the first that reads `data_collection_permissions`, which new add-ons must declare.
 */
export const FIREFOX_MIN_VERSION = "140.0";

/** The manifest keys this derivation reads or rewrites; the rest passes through unchanged. */
export interface ChromeManifest {
  manifest_version: number;
  version: string;
  background?: { service_worker?: string; type?: string };
  minimum_chrome_version?: string;
  [key: string]: unknown;
}

export function firefoxManifest(chrome: ChromeManifest): Record<string, unknown> {
  const worker = chrome.background?.service_worker;
  if (!worker) throw new Error("the Chrome manifest has no background.service_worker to derive Firefox's from");
  const shared: Record<string, unknown> = { ...chrome };
  delete shared.minimum_chrome_version;
  return {
    ...shared,
    // Firefox runs MV3 backgrounds as event pages, not service workers; crxjs's loader is an ES module.
    background: { scripts: [worker], type: chrome.background?.type ?? "module" },
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        strict_min_version: FIREFOX_MIN_VERSION,
        // CORS Lens sends nothing anywhere (README, Privacy).
        data_collection_permissions: { required: ["none"] },
      },
    },
  };
}

/** Replaces `firefoxDir` with a copy of the built Chrome extension carrying Firefox's manifest. */
export function writeFirefoxBuild(chromeDir: string, firefoxDir: string): void {
  const chrome = JSON.parse(readFileSync(join(chromeDir, "manifest.json"), "utf8")) as ChromeManifest;
  // The bundles are browser-neutral (webextension-polyfill behind extension/platform.ts); only the manifest differs.
  rmSync(firefoxDir, { recursive: true, force: true });
  cpSync(chromeDir, firefoxDir, { recursive: true });
  writeFileSync(join(firefoxDir, "manifest.json"), JSON.stringify(firefoxManifest(chrome), null, 2) + "\n");
}
