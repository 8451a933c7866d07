// Which rows the panel shows: a view (blocked, all, preflighted, warnings) and a text filter, as DevTools filters.

import type { CallRecord } from "../src/store/call-record";

export type View = "blocked" | "all" | "preflighted" | "warnings";

export const VIEWS: { id: View; label: string }[] = [
  { id: "blocked", label: "Blocked" },
  { id: "all", label: "All cross-origin" },
  { id: "preflighted", label: "Preflighted" },
  { id: "warnings", label: "Warnings" },
];

export function inView(r: CallRecord, view: View): boolean {
  switch (view) {
    case "blocked":
      return r.diagnosis.outcome === "blocked";
    case "all":
      return true;
    case "preflighted":
      return r.exchange.hops.some((h) => h.preflight !== null);
    case "warnings":
      return r.diagnosis.warnings.length > 0 || r.diagnosis.cause !== null;
  }
}

/** The text a row matches against: URL, method, Chrome's code, failing parameter and every header name and value. */
function haystack(r: CallRecord): string {
  const parts = [
    r.exchange.url,
    r.exchange.method,
    r.diagnosis.code ?? "allowed",
    r.diagnosis.failedParameter,
    r.diagnosis.header ?? "",
  ];
  for (const hop of r.exchange.hops) {
    for (const step of [hop.preflight, hop.request]) {
      if (!step) continue;
      for (const h of [...(step.requestHeaders ?? []), ...(step.responseHeaders ?? [])])
        parts.push(`${h.name}: ${h.value}`);
    }
  }
  return parts.join("\n").toLowerCase();
}

const cache = new WeakMap<CallRecord, string>();

/** Whitespace-separated terms must all match (case-insensitive); `-term` excludes, like DevTools' Network filter. */
export function matchesText(r: CallRecord, query: string): boolean {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return true;
  let text = cache.get(r);
  if (text === undefined) {
    text = haystack(r);
    cache.set(r, text);
  }
  return terms.every((t) => (t.startsWith("-") && t.length > 1 ? !text!.includes(t.slice(1)) : text!.includes(t)));
}

export function visibleRows(records: readonly CallRecord[], view: View, query: string): CallRecord[] {
  return records.filter((r) => inView(r, view) && matchesText(r, query));
}

export interface Counts {
  blocked: number;
  allowed: number;
  failed: number;
  preflighted: number;
  warnings: number;
}

export function countsOf(records: readonly CallRecord[]): Counts {
  const c: Counts = { blocked: 0, allowed: 0, failed: 0, preflighted: 0, warnings: 0 };
  for (const r of records) {
    if (r.diagnosis.outcome === "blocked") c.blocked++;
    else if (r.diagnosis.outcome === "allowed") c.allowed++;
    else c.failed++;
    if (inView(r, "preflighted")) c.preflighted++;
    if (inView(r, "warnings")) c.warnings++;
  }
  return c;
}
