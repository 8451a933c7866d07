// A captured call and its diagnosis: what the tab store keeps and the panel shows.

import type { Exchange } from "../capture/exchange";
import type { Diagnosis } from "../diagnose/diagnosis";
import { diagnose } from "../diagnose/diagnose";

export interface CallRecord {
  exchange: Exchange;
  diagnosis: Diagnosis;
}

export function toRecord(exchange: Exchange): CallRecord {
  return { exchange, diagnosis: diagnose(exchange) };
}
