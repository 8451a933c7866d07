// What Chrome warns at install time for a manifest, asked of Chromium itself (management.getPermissionWarningsByManifest).

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { BASE_ARGS, findChromium, INSTALL_HINT, sandboxArgs } from "./chromium";

/**
 * Loads the unpacked extension in `extensionDir` into a headless Chromium and asks, from its service worker, which
 * warnings `manifest` raises. Chrome shows none for an unpacked load, so this is the only way to see the packed
 * install dialog's list without the store.
 */
export async function installWarnings(
  extensionDir: string,
  manifest: string,
): Promise<{ browser: string; warnings: string[] }> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(INSTALL_HINT);
  const profile = mkdtempSync(join(tmpdir(), "cors-lens-warnings-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [
      ...BASE_ARGS,
      ...sandboxArgs(),
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
    ],
  });
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker", { timeout: 30_000 }));
    const warnings = await worker.evaluate((m) => chrome.management.getPermissionWarningsByManifest(m), manifest);
    return { browser: context.browser()?.version() ?? "unknown", warnings };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
