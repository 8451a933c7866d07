// What the panel asks of the browser: open a script line in Sources, check and request site access.

import { browser, devtools } from "../extension/platform";

/** Opens url:line:column in DevTools' Sources panel (DevTools counts lines from 0). */
export function openSource(url: string, line: number, column: number): void {
  const panels = devtools()?.panels as unknown as
    { openResource(url: string, line: number, column: number, cb?: () => void): void } | undefined;
  panels?.openResource(url, Math.max(0, line - 1), Math.max(0, column - 1), () => {});
}

/** The page's origin when CORS Lens lacks host access to it (the user restricted site access), else null. */
export async function siteAccess(pageUrl: string | null): Promise<string | null> {
  if (!pageUrl) return null;
  let origin: string;
  try {
    const u = new URL(pageUrl);
    if (u.protocol !== "http:" && u.protocol !== "https:") return null;
    origin = u.origin;
  } catch {
    return null;
  }
  const granted = await browser.permissions.contains({ origins: [`${origin}/*`] }).catch(() => true);
  return granted ? null : origin;
}

export async function requestSiteAccess(origin: string): Promise<boolean> {
  return browser.permissions.request({ origins: [`${origin}/*`] }).catch(() => false);
}
