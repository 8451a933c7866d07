// Calls that fail the same way (same code, header, received value, cause and fix; only URL and time differ), grouped for the ticket.

import { fixFor, type StackId } from "../fixes";
import type { CallRecord } from "../store/call-record";

export interface FailureGroup {
  /** The first call of the group, whose details stand for all. */
  first: CallRecord;
  /** Every call of the group in the order given, the first included. */
  calls: CallRecord[];
}

/** What must be equal for two calls to share a section: all but the URL and the times. */
function failureKey(record: CallRecord, stack: StackId): string {
  const { exchange: x, diagnosis: d } = record;
  const fix = d.outcome === "blocked" ? fixFor(record, stack) : null;
  return JSON.stringify([
    x.method,
    x.hops.length,
    d.outcome,
    d.code,
    d.failedParameter,
    d.disallowed,
    d.stage,
    d.header,
    d.received,
    d.expected,
    d.statusCode,
    d.origin,
    d.credentials,
    d.summary,
    d.cause,
    d.warnings,
    d.assumptions,
    d.localNetwork ?? null,
    fix && [fix.title, fix.snippet, fix.notes],
  ]);
}

/** Groups calls failing the same way, in the order each group's first call came. */
export function groupFailures(records: readonly CallRecord[], stack: StackId): FailureGroup[] {
  const groups = new Map<string, FailureGroup>();
  for (const r of records) {
    const key = failureKey(r, stack);
    const group = groups.get(key);
    if (group) group.calls.push(r);
    else groups.set(key, { first: r, calls: [r] });
  }
  return [...groups.values()];
}
