// The browser name and version recorded in exports, read from the user agent.

import type { ExportDocument } from "../src/report/export-format";

export function browserInfo(userAgent: string = navigator.userAgent): ExportDocument["browser"] {
  const firefox = /Firefox\/([\d.]+)/.exec(userAgent);
  if (firefox) return { name: "firefox", version: firefox[1]!, userAgent };
  const chrome = /Chrom(?:e|ium)\/([\d.]+)/.exec(userAgent);
  return { name: "chrome", version: chrome?.[1] ?? "unknown", userAgent };
}
