// Which tab the panel shows: the inspected tab inside DevTools, or ?tabId=N when opened as a page.

import { devtools } from "../extension/platform";

export type PanelTarget = { kind: "tab"; tabId: number; inDevtools: boolean } | { kind: "none"; reason: string };

export function panelTarget(search: string = location.search): PanelTarget {
  const dt = devtools();
  if (dt?.inspectedWindow) return { kind: "tab", tabId: dt.inspectedWindow.tabId, inDevtools: true };
  const raw = new URLSearchParams(search).get("tabId");
  if (raw === null)
    return { kind: "none", reason: "Open this page from DevTools' CORS tab, or add ?tabId=N to its address." };
  const tabId = Number(raw);
  if (!Number.isInteger(tabId) || tabId < 0)
    return { kind: "none", reason: `“${raw}” is not a tab id: use ?tabId=N with a number.` };
  return { kind: "tab", tabId, inDevtools: false };
}

export function themeName(): "light" | "dark" {
  const dt = devtools();
  const name = (dt?.panels as { themeName?: string } | undefined)?.themeName;
  if (name === "dark") return "dark";
  if (name === "default" || name === "light") return "light";
  return matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}
