// Injects the MAIN-world page hook into watched pages and reads back its hints for blocked calls, a frame's at a time.

import { hintsFromFrames, matchHint, type PageHint, type PageHintReader } from "../src/capture/page-hint";
import type { Exchange } from "../src/capture/exchange";
import { HAR_ID_PREFIX } from "../src/capture/har";
import { FrameBatcher } from "./frame-batch";
import { browser, browserName } from "./platform";

/** The hook, and in Chrome (where DevTools' record is a capture source) the relay of its "worker started" event. */
const SCRIPTS = [
  { id: "cors-lens-page-hook", file: "page-hook.js", world: "MAIN" as const },
  ...(browserName() === "chrome"
    ? [{ id: "cors-lens-worker-relay", file: "worker-relay.js", world: "ISOLATED" as const }]
    : []),
];
const IDS = SCRIPTS.map((s) => s.id);

/** While capture is on, every new document gets the hook at document_start. */
export async function registerHook(): Promise<void> {
  try {
    const existing = await browser.scripting.getRegisteredContentScripts({ ids: IDS });
    if (existing.length > 0) return;
    await browser.scripting.registerContentScripts(
      SCRIPTS.map(({ id, file, world }) => ({
        id,
        js: [file],
        matches: ["<all_urls>"],
        runAt: "document_start" as const,
        allFrames: true,
        world,
        persistAcrossSessions: false,
      })),
    );
  } catch {
    // Registration races with itself when two viewers start at once; the other call won.
  }
}

export async function unregisterHook(): Promise<void> {
  await browser.scripting.unregisterContentScripts({ ids: IDS }).catch(() => {});
}

/** The document already open in a newly watched tab gets the hook now (calls it made before are not known). */
export async function injectHook(tabId: number): Promise<void> {
  await Promise.all(
    SCRIPTS.map(({ file, world }) =>
      browser.scripting
        .executeScript({ target: { tabId, allFrames: true }, files: [file], world, injectImmediately: true })
        .catch(() => {}),
    ),
  );
}

/**
 * Runs in the page (MAIN world), so it must be self-contained: the hook's remembered calls to each URL (with the
 * permission states when each was made), and what the document says of Local Network Access (secure context,
 * policy). A call the hook saw before it knew the states gets them as they are now.
 */
async function readHints(urls: string[]): Promise<PageHint[][]> {
  const reader = (globalThis as unknown as Record<symbol, PageHintReader | undefined>)[Symbol.for("cors-lens/hints")];
  const hints = reader ? reader.read(urls) : urls.map(() => []);
  if (!hints.some((h) => h.length > 0)) return hints;
  const names = ["local-network", "loopback-network"] as const;
  const permissions: NonNullable<PageHint["localNetworkPermissions"]> = {};
  const policy: NonNullable<PageHint["localNetworkPolicy"]> = {};
  const features = (document as unknown as { featurePolicy?: { allowsFeature(f: string): boolean } }).featurePolicy;
  for (const name of names) {
    try {
      const status = await navigator.permissions.query({ name } as unknown as PermissionDescriptor);
      permissions[name] = status.state;
    } catch {
      // A browser without Local Network Access does not know the name.
    }
    try {
      if (features) policy[name] = features.allowsFeature(name);
    } catch {
      // Unknown feature.
    }
  }
  for (const list of hints)
    for (const h of list)
      Object.assign(h, {
        secureContext: isSecureContext,
        localNetworkPermissions: h.localNetworkPermissions ?? permissions,
        localNetworkPolicy: policy,
      });
  return hints;
}

/**
 * A lone blocked call is read at once; during a burst a frame is read at most every READ_GAP_MS, many calls at a
 * time (each read is a script run on the page's main thread, the page's busiest moment). With no panel showing the
 * tab (background capture), nobody waits for the row, so reads are spaced wider.
 */
const READ_GAP_MS = 40;
const UNVIEWED_READ_GAP_MS = 250;
let viewed: (tabId: number) => boolean = () => true;

/** Tells the reads which tabs a panel shows right now. */
export function setViewedTabs(isViewed: (tabId: number) => boolean): void {
  viewed = isViewed;
}

/** DevTools' record does not say which frame made a call: its hint is looked for in every frame of the tab. */
const ANY_FRAME = -1;

const reads = new FrameBatcher<string, PageHint[]>(
  async (tabId, frameId, urls) => {
    const results = await browser.scripting.executeScript({
      target: frameId === ANY_FRAME ? { tabId, allFrames: true } : { tabId, frameIds: [frameId] },
      world: "MAIN",
      func: readHints,
      args: [urls],
    });
    return hintsFromFrames(urls.length, results);
  },
  [],
  { gapMs: (tabId) => (viewed(tabId) ? READ_GAP_MS : UNVIEWED_READ_GAP_MS) },
);

/** The page's hint for this exchange; null when the page has no hook or the call was not seen. */
export async function hintFor(exchange: Exchange): Promise<PageHint | null> {
  if (exchange.tabId < 0) return null;
  const frameId = exchange.id.startsWith(HAR_ID_PREFIX) ? ANY_FRAME : exchange.frameId;
  const hints = await reads.submit(exchange.tabId, frameId, exchange.url);
  return matchHint(hints, exchange.url, exchange.method, exchange.startedAt);
}
