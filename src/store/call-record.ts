// A captured call and its diagnosis: what the tab store keeps and the panel shows.

import { withAuditWarnings } from "../audit/passive";
import type { Exchange } from "../capture/exchange";
import { diagnose, type DiagnoseOptions } from "../diagnose/diagnose";
import type { Diagnosis } from "../diagnose/diagnosis";

export interface CallRecord {
  exchange: Exchange;
  diagnosis: Diagnosis;
}

/** The browser's verdict on a call with the security lint's warnings: what every view of a captured call shows. */
export function recordFor(exchange: Exchange, options: DiagnoseOptions): CallRecord {
  return { exchange, diagnosis: withAuditWarnings(exchange, diagnose(exchange, options)) };
}

/** The record as Chrome would diagnose the call (one argument, so `exchanges.map(toRecord)` works). */
export function toRecord(exchange: Exchange): CallRecord {
  return recordFor(exchange, {});
}
