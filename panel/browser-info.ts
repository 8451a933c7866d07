// The browser name and version recorded in exports, read from the user agent, and Chrome's full version once known.

import type { ExportDocument } from "../src/report/export-format";

/** navigator.userAgentData as Chromium has it (not in TypeScript's DOM types yet; absent in Firefox). */
interface UserAgentData {
  getHighEntropyValues(hints: string[]): Promise<{ fullVersionList?: { brand: string; version: string }[] }>;
}

let fullVersion: string | undefined;

/**
 * The full version (156.0.8078.129) of the browser's own brand from the high-entropy client hints; the user agent
 * says 156.0.0.0. Brands such as "Not:A-Brand" are GREASE, there to be ignored.
 */
export function fullVersionOf(list: readonly { brand: string; version: string }[] | undefined): string | undefined {
  const real = (list ?? []).filter((b) => !/not.?a.?brand/i.test(b.brand));
  const own = real.find((b) => b.brand !== "Chromium") ?? real.find((b) => b.brand === "Chromium");
  return own && /^\d+(\.\d+)*$/.test(own.version) ? own.version : undefined;
}

/** Asks once, when the panel loads; exports made before the answer carry the user agent's version only. */
export const fullVersionRead: Promise<void> = (
  (globalThis.navigator as (Navigator & { userAgentData?: UserAgentData }) | undefined)?.userAgentData
    ?.getHighEntropyValues(["fullVersionList"])
    .then((v) => {
      fullVersion = fullVersionOf(v.fullVersionList);
    }) ?? Promise.resolve()
).catch(() => {});

export function browserInfo(userAgent: string = navigator.userAgent): ExportDocument["browser"] {
  const firefox = /Firefox\/([\d.]+)/.exec(userAgent);
  if (firefox) return { name: "firefox", version: firefox[1]!, userAgent };
  const chrome = /Chrom(?:e|ium)\/([\d.]+)/.exec(userAgent);
  return { name: "chrome", version: chrome?.[1] ?? "unknown", userAgent, ...(fullVersion ? { fullVersion } : {}) };
}
