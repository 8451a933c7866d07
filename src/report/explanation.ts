// The console explanation of one blocked call: a collapsed group headed "CORS Lens:", built once, printed in the page.

import { CATALOGUE } from "../cors/codes";
import { isLocalNetworkCode } from "../diagnose/local-network";
import { responseName } from "../diagnose/summary";
import { fixFor, STACKS, type StackId } from "../fixes";
import type { CallRecord } from "../store/call-record";
import { localNetworkRows } from "./local-network-rows";
import { redactUrl } from "./redact";
import { reproduce } from "./reproduce";

/** Every console explanation begins with this (contract 6). */
export const CONSOLE_PREFIX = "CORS Lens:";

export interface ConsoleExplanation {
  /** The group's heading: method, URL and the cause in one sentence. */
  title: string;
  /** Labelled lines inside the group, in order. */
  entries: { label: string; text: string }[];
}

export function explanationOf(record: CallRecord, stack: StackId): ConsoleExplanation {
  const { exchange, diagnosis: d } = record;
  const url = redactUrl(exchange.url);
  const entries: ConsoleExplanation["entries"] = [];
  const add = (label: string, text: string | null | undefined): void => {
    if (text) entries.push({ label, text });
  };
  add("Chrome's error", d.code && `${d.code}${d.failedParameter ? ` (${d.failedParameter})` : ""}`);
  if (d.header) {
    add("Header at fault", `${d.header}, in the ${responseName(d.stage)}`);
    add("Received", d.received ?? "(absent)");
    add("Needed", d.expected);
  }
  if (d.disallowed.length > 1) add("Refused", d.disallowed.join(", "));
  if (d.localNetwork)
    add(
      "Local Network Access",
      localNetworkRows(d.localNetwork)
        .map((r) => `${r.label}: ${r.text}`)
        .join("\n"),
    );
  add("Deeper cause", d.cause?.summary);
  for (const w of d.warnings) add("Warning", w.summary);
  for (const a of d.assumptions) add("Assumed", a);
  const site = exchange.hints?.callSite;
  add("Called from", site && `${site.url}:${site.line}:${site.column}`);
  const fix = fixFor(record, stack);
  const label = STACKS.find((s) => s.id === stack)?.label ?? stack;
  add(
    isLocalNetworkCode(d.code) ? "Fix (on the page)" : `Fix (${label})`,
    `${fix.title}\n${fix.snippet.trimEnd()}${fix.notes.length ? "\n\n" + fix.notes.map((n) => `• ${n}`).join("\n") : ""}`,
  );
  const { curl, check } = reproduce(record);
  add("Reproduce", [...curl, check].join("\n"));
  add("Learn more", d.code && CATALOGUE[d.code].mdn);
  return { title: `${CONSOLE_PREFIX} ${exchange.method} ${url} — ${d.summary}`, entries };
}

/** Entries that belong to the one call (its calling line, the commands that repeat it); the rest is its cause. */
const PER_CALL = new Set(["Called from", "Reproduce"]);

/** Equal for two calls that failed for the same reason with the same fix (the URL and calling line aside). */
export function causeKey(e: ConsoleExplanation): string {
  const summary = e.title.slice(e.title.lastIndexOf(" — "));
  return JSON.stringify([summary, e.entries.filter((x) => !PER_CALL.has(x.label))]);
}

/**
 * The explanation of a call that failed exactly like one explained moments ago: the same heading, Chrome's error
 * and its calling line, and where the full explanation is — a burst of identical failures stays readable.
 */
export function briefOf(e: ConsoleExplanation, sameAsUrl: string): ConsoleExplanation {
  return {
    title: e.title,
    entries: [
      ...e.entries.filter((x) => x.label === "Chrome's error" || x.label === "Called from"),
      { label: "Same as", text: `the explanation above for ${sameAsUrl}: the same header, values and fix` },
    ],
  };
}
