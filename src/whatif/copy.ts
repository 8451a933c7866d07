// "Copy as fix" and "Copy as test": the edited call through the fix catalogue and the reproduction commands.

import { headerValue, splitList } from "../cors/headers";
import { lastHop } from "../capture/exchange";
import { isSafelistedMethod, unsafeRequestHeaderNames } from "../cors/safelist";
import type { Diagnosis } from "../diagnose/diagnosis";
import { isLocalNetworkCode } from "../diagnose/local-network";
import { fixFor, requirementsOf, type Fix, type StackId } from "../fixes";
import { reproduce } from "../report/reproduce";
import type { CallRecord } from "../store/call-record";
import { editedCall } from "./edited";
import { capturedCredentials, type WhatIfState } from "./state";
import { whatIf } from "./verdict";

/**
 * The record the fix catalogue reads for an edit: the edited exchange, with the captured diagnosis's failure and
 * cause (what the fix must mend: auth before CORS, error responses…) but the edited call's origin and credentials.
 * It reads as blocked, so the catalogue writes the configuration even when the edit already passes.
 */
function fixView(record: CallRecord, state: WhatIfState): CallRecord {
  const { exchange, diagnosis: edited } = editedCall(record, state);
  const d = record.diagnosis;
  const sent = new Set(unsafeRequestHeaderNames(lastHop(exchange).request.requestHeaders ?? []));
  const sameMode = state.request.credentials === capturedCredentials(record);
  const diagnosis: Diagnosis = {
    ...d,
    outcome: "blocked",
    origin: edited.origin,
    credentials: sameMode && d.credentials === "unknown" ? "unknown" : state.request.credentials,
    hopIndex: exchange.hops.length - 1,
    // Refused headers count only while the edited request still sends them.
    disallowed:
      d.code === "HeaderDisallowedByPreflightResponse"
        ? d.disallowed.filter((h) => sent.has(h.toLowerCase()))
        : d.disallowed,
    warnings: edited.warnings,
  };
  return { exchange, diagnosis };
}

/** List items typed into the edit that the fix leaves out, since the call does not need them. */
function beyondNeed(record: CallRecord, state: WhatIfState, fixRecord: CallRecord): string[] {
  const req = requirementsOf(fixRecord);
  const typed = (name: string) => splitList(headerValue(state.preflight?.headers, name) ?? "");
  const methods = typed("access-control-allow-methods").filter(
    (m) => m !== "*" && !isSafelistedMethod(m) && !req.methods.includes(m),
  );
  const headers = typed("access-control-allow-headers").filter(
    (h) => h !== "*" && !req.headers.includes(h.toLowerCase()),
  );
  const notes: string[] = [];
  if (methods.length)
    notes.push(`The edit also allowed ${methods.join(", ")}; the fix lists only what this call sends.`);
  if (headers.length)
    notes.push(`The edit also allowed ${headers.join(", ")}; the fix lists only what this call sends.`);
  const origin = headerValue(state.actual?.headers, "access-control-allow-origin");
  if (origin === "*" && req.origin !== "*") {
    notes.push(`The edit answered Allow-Origin *; the fix names ${req.origin}, which works with credentials too.`);
  }
  return notes;
}

/**
 * "Copy as fix": the fix catalogue's snippet for the edited call on one stack. Local Network Access calls get the
 * catalogue's page-side fix (no header helps), a call that failed before CORS its "nothing to change"; an edit the
 * engine still blocks gets a note saying so.
 */
export function fixFromEdits(record: CallRecord, state: WhatIfState, stack: StackId): Fix {
  if (isLocalNetworkCode(record.diagnosis.code)) return fixFor(record, stack);
  const verdict = whatIf(record, state);
  if (verdict.outcome === "invalid") return fixFor(record, stack);
  const edited = editedCall(record, state);
  if (edited.diagnosis.outcome === "network-error") return fixFor(edited, stack);
  const view = fixView(record, state);
  const fix = fixFor(view, stack);
  const still =
    verdict.outcome === "blocked"
      ? [`What-if still blocks the edited call (${verdict.code ?? "not CORS"}): ${verdict.summary}`]
      : [];
  return { ...fix, notes: [...still, ...beyondNeed(record, state, view), ...fix.notes] };
}

/** "Copy as test": the `cors-lens check` line and curl lines that replay the edited call once the change is deployed. */
export function testCommands(record: CallRecord, state: WhatIfState): { check: string; curl: string[] } {
  const { check, curl } = reproduce(editedCall(record, state));
  return { check, curl };
}
