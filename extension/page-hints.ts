// Injects the MAIN-world page hook into watched pages and reads back its hint for a blocked call.

import { matchHint, type PageHint } from "../src/capture/page-hint";
import type { Exchange } from "../src/capture/exchange";
import { browser } from "./platform";

const HOOK_FILE = "page-hook.js";
const SCRIPT_ID = "cors-lens-page-hook";

/** While capture is on, every new document gets the hook at document_start. */
export async function registerHook(): Promise<void> {
  try {
    const existing = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
    if (existing.length > 0) return;
    await browser.scripting.registerContentScripts([
      {
        id: SCRIPT_ID,
        js: [HOOK_FILE],
        matches: ["<all_urls>"],
        runAt: "document_start",
        allFrames: true,
        world: "MAIN",
        persistAcrossSessions: false,
      },
    ]);
  } catch {
    // Registration races with itself when two viewers start at once; the other call won.
  }
}

export async function unregisterHook(): Promise<void> {
  await browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] }).catch(() => {});
}

/** The document already open in a newly watched tab gets the hook now (calls it made before are not known). */
export async function injectHook(tabId: number): Promise<void> {
  await browser.scripting
    .executeScript({ target: { tabId, allFrames: true }, files: [HOOK_FILE], world: "MAIN", injectImmediately: true })
    .catch(() => {});
}

/** Reads the page's hint for this exchange; null when the page has no hook or the call was not seen. */
export async function hintFor(exchange: Exchange): Promise<PageHint | null> {
  if (exchange.tabId < 0) return null;
  try {
    const [result] = await browser.scripting.executeScript({
      target: { tabId: exchange.tabId, frameIds: [exchange.frameId] },
      world: "MAIN",
      func: (url: string) =>
        (
          (globalThis as unknown as Record<symbol, { url: string }[] | undefined>)[Symbol.for("cors-lens/hints")] ?? []
        ).filter((h) => h.url === url),
      args: [exchange.url],
    });
    return matchHint(
      (result?.result as PageHint[] | undefined) ?? [],
      exchange.url,
      exchange.method,
      exchange.startedAt,
    );
  } catch {
    return null;
  }
}
