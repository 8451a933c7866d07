// Calls that fail the same way (same code, header, received value, cause and fix; only URL and time differ), grouped for the ticket.

import { fixFor, type StackId } from "../fixes";
import type { Exchange } from "../capture/exchange";
import type { CallRecord } from "../store/call-record";

/** What a group's calls table shows of each call. */
export type GroupedCall = Pick<Exchange, "method" | "url" | "startedAt">;

export interface FailureGroup {
  /** The first call of the group, whose details stand for all: the only one kept whole. */
  first: CallRecord;
  /** Every call of the group in the order given, the first included. */
  calls: GroupedCall[];
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

/** Groups calls failing the same way as they are added, in the order each group's first call came. */
export class FailureGroups {
  private readonly byKey = new Map<string, FailureGroup>();

  constructor(private readonly stack: StackId) {}

  add(record: CallRecord): void {
    const key = failureKey(record, this.stack);
    const { method, url, startedAt } = record.exchange;
    const call = { method, url, startedAt };
    const group = this.byKey.get(key);
    if (group) group.calls.push(call);
    else this.byKey.set(key, { first: record, calls: [call] });
  }

  get groups(): FailureGroup[] {
    return [...this.byKey.values()];
  }
}
