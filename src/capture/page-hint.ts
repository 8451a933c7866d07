// What the MAIN-world page hook records per cross-origin call, and how a hint is matched to a captured exchange.

import type { PageHints } from "./exchange";

export interface PageHint {
  url: string;
  /** Upper-cased as the hook saw it (fetch normalises only some methods; matching is case-insensitive). */
  method: string;
  credentials: "omit" | "same-origin" | "include";
  api: "fetch" | "xhr";
  callSite: { url: string; line: number; column: number } | null;
  /** Epoch milliseconds when the page made the call. */
  at: number;
  /** fetch()'s targetAddressSpace option, when the page passed one. */
  targetAddressSpace?: string;
  /** Read when the call is asked about: the document's isSecureContext, LNA permission states and policy. */
  secureContext?: boolean;
  localNetworkPermissions?: PageHints["localNetworkPermissions"];
  localNetworkPolicy?: PageHints["localNetworkPolicy"];
  /** Preflight triggers only the call itself shows (see PageHints). */
  uploadListener?: boolean;
  streamBody?: boolean;
  /** The frame whose hook saw the call (what calls from DevTools' record, which names no frame, go by). */
  frameId?: number;
}

/** What the hook leaves on the page (under `Symbol.for("cors-lens/hints")`) for the extension to ask. */
export interface PageHintReader {
  /** For each URL, every call to it the hook still remembers. */
  read(urls: string[]): PageHint[][];
}

/**
 * Hints read from every frame of a tab (one read's result per frame, `urls.length` lists each), merged per URL; each
 * hint says which frame's hook saw the call.
 */
export function hintsFromFrames(
  urlCount: number,
  frames: readonly { frameId: number; result?: unknown }[],
): PageHint[][] {
  return Array.from({ length: urlCount }, (_, i) =>
    frames.flatMap((f) =>
      ((f.result as PageHint[][] | undefined)?.[i] ?? []).map((h) => ({ ...h, frameId: f.frameId })),
    ),
  );
}

/** The hint for a call to `url` with `method` started at `startedAt`: the latest one made before it began. */
export function matchHint(hints: readonly PageHint[], url: string, method: string, startedAt: number): PageHint | null {
  const m = method.toUpperCase();
  let best: PageHint | null = null;
  for (const h of hints) {
    if (h.url !== url || h.method !== m || h.at > startedAt + 50) continue;
    if (!best || h.at > best.at) best = h;
  }
  return best;
}
