// Which rows the panel shows: a view (blocked, all, preflighted, warnings) and a text filter, as DevTools filters.

import { isAuthorRequestHeader } from "../src/cors/safelist";
import type { CallRecord } from "../src/store/call-record";

export type View = "blocked" | "all" | "preflighted" | "warnings" | "preflights";

export const VIEWS: { id: View; label: string }[] = [
  { id: "blocked", label: "Blocked" },
  { id: "all", label: "All cross-origin" },
  { id: "preflighted", label: "Preflighted" },
  { id: "warnings", label: "Warnings" },
  // Not a row filter: the tab's preflight summary (panel/PreflightsView.tsx); its rows, for export, are the preflighted.
  { id: "preflights", label: "Preflights" },
];

/** Ids of calls that carry a warning found across calls (the log audit), for the Warnings view. */
export type Warned = ReadonlySet<string>;
const NONE: Warned = new Set();

export function inView(r: CallRecord, view: View, warned: Warned = NONE): boolean {
  switch (view) {
    case "blocked":
      return r.diagnosis.outcome === "blocked";
    case "all":
      return true;
    case "preflighted":
    case "preflights":
      return r.exchange.hops.some((h) => h.preflight !== null);
    case "warnings":
      return r.diagnosis.warnings.length > 0 || r.diagnosis.cause !== null || warned.has(r.exchange.id);
  }
}

/** Response headers whose values are worth searching: the CORS ones and what explains a redirect or a refusal. */
const SEARCHED_VALUES = /^(access-control-|vary$|location$|www-authenticate$|content-type$)/i;

/**
 * The text a row matches against: URL, method, Chrome's code, failing parameter and refused names, every header
 * name, the values of the CORS-relevant response headers and of the request headers the page set (the browser's
 * own, like User-Agent, would make every row match). Kept small on purpose: a keystroke scans it for every row.
 */
function haystack(r: CallRecord): string {
  const d = r.diagnosis;
  const parts = [
    r.exchange.url,
    r.exchange.method,
    d.code ?? d.outcome,
    d.failedParameter,
    d.header ?? "",
    ...d.disallowed,
  ];
  for (const hop of r.exchange.hops) {
    for (const step of [hop.preflight, hop.request]) {
      if (!step) continue;
      if (step.statusCode !== null) parts.push(String(step.statusCode));
      for (const h of step.requestHeaders ?? []) if (isAuthorRequestHeader(h.name)) parts.push(`${h.name}: ${h.value}`);
      for (const h of step.responseHeaders ?? [])
        parts.push(SEARCHED_VALUES.test(h.name) ? `${h.name}: ${h.value}` : h.name);
    }
  }
  return parts.join("\n").toLowerCase();
}

const cache = new WeakMap<CallRecord, string>();

/** Whitespace-separated terms, lower-cased; a `-term` excludes, like DevTools' Network filter. */
function parseQuery(query: string): { include: string[]; exclude: string[] } {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  return {
    include: terms.filter((t) => !(t.startsWith("-") && t.length > 1)),
    exclude: terms.filter((t) => t.startsWith("-") && t.length > 1).map((t) => t.slice(1)),
  };
}

function textOf(r: CallRecord): string {
  let text = cache.get(r);
  if (text === undefined) {
    text = haystack(r);
    cache.set(r, text);
  }
  return text;
}

function matcher(query: string): (r: CallRecord) => boolean {
  const { include, exclude } = parseQuery(query);
  if (include.length === 0 && exclude.length === 0) return () => true;
  return (r) => {
    const text = textOf(r);
    return include.every((t) => text.includes(t)) && !exclude.some((t) => text.includes(t));
  };
}

/** Every term must match (case-insensitive); `-term` excludes. */
export function matchesText(r: CallRecord, query: string): boolean {
  return matcher(query)(r);
}

/** Builds the search text of records ahead of the first keystroke (called when the browser is idle). */
export function warmSearch(records: readonly CallRecord[]): void {
  for (const r of records) textOf(r);
}

export function visibleRows(
  records: readonly CallRecord[],
  view: View,
  query: string,
  warned: Warned = NONE,
): CallRecord[] {
  const matches = matcher(query);
  return records.filter((r) => inView(r, view, warned) && matches(r));
}

export interface Filtered {
  records: readonly CallRecord[];
  warned: Warned;
  view: View;
  query: string;
  rows: CallRecord[];
}

/**
 * Like visibleRows, but when the same records and view are filtered by a query that only narrows the previous one
 * (typing more of a term, adding a term), it searches the previous result instead of every record.
 */
export function refine(
  previous: Filtered | null,
  records: readonly CallRecord[],
  view: View,
  query: string,
  warned: Warned = NONE,
): Filtered {
  const narrows =
    previous !== null &&
    previous.records === records &&
    previous.warned === warned &&
    previous.view === view &&
    !query.includes("-") &&
    !previous.query.includes("-") &&
    query.trim().startsWith(previous.query.trim());
  const rows = narrows ? previous.rows.filter(matcher(query)) : visibleRows(records, view, query, warned);
  return { records, warned, view, query, rows };
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
