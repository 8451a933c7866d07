// Turns a request of a cors-lens/export@1 document back into a call record: the panel's Import and the tests use it.

import type { Exchange, Hop, Step } from "../capture/exchange";
import type { CredentialsMode } from "../cors/check";
import { isCorsErrorName } from "../cors/codes";
import type { Diagnosis } from "../diagnose/diagnosis";
import type { CallRecord } from "../store/call-record";
import type { ExportRequest, ExportStep } from "./export-format";

function toStep(s: ExportStep): Step {
  const startedAt = Date.parse(s.startedAt);
  return {
    url: s.url,
    method: s.method,
    sent: s.sent,
    statusCode: s.statusCode,
    requestHeaders: s.requestHeaders,
    responseHeaders: s.responseHeaders,
    startedAt,
    endedAt: s.durationMs === null ? null : startedAt + s.durationMs,
    error: null,
  };
}

function credentialsOf(value: string | undefined): CredentialsMode | "unknown" {
  return value === "omit" || value === "same-origin" || value === "include" ? value : "unknown";
}

/**
 * The record of one exported request, keeping the export's own diagnosis (what the ticket says). `id` overrides the
 * exchange id, e.g. to keep ids unique across imported files. Returns null when the request has no step at all.
 */
export function recordFromExport(r: ExportRequest, id: string = r.id): CallRecord | null {
  // Redirect hops first, then the final one; the export keeps the first hop's preflight apart from later ones.
  const requests = [...r.redirects.map(toStep), ...(r.actual ? [toStep(r.actual)] : [])];
  if (requests.length === 0) return null;
  const later = (r.redirectPreflights ?? []).map(toStep);
  const hops: Hop[] = requests.map((request, i) => ({
    preflight:
      i === 0 ? (r.preflight ? toStep(r.preflight) : null) : (later.find((p) => p.url === request.url) ?? null),
    request,
  }));
  const d = r.diagnosis;
  const exchange: Exchange = {
    id,
    tabId: -1,
    frameId: 0,
    type: r.type,
    initiator: r.initiator,
    url: r.url,
    method: r.method,
    startedAt: Date.parse(r.startedAt),
    hops,
    outcome: r.outcome === "allowed" ? "completed" : "failed",
    error: r.outcome === "allowed" ? null : "net::ERR_FAILED",
    ...(d.callSite ? { hints: { callSite: d.callSite } } : {}),
  };
  const diagnosis: Diagnosis = {
    outcome: r.outcome,
    code: d.code !== null && isCorsErrorName(d.code) ? d.code : null,
    failedParameter: d.failedParameter,
    disallowed: d.disallowed,
    stage: d.stage,
    header: d.header,
    received: d.received ?? null,
    expected: d.expected ?? null,
    summary: d.summary,
    cause: d.cause ? { ...d.cause, severity: d.cause.severity ?? "medium" } : null,
    warnings: d.warnings.map((w) => ({ ...w, severity: w.severity ?? "medium" })),
    assumptions: d.assumptions,
    origin: d.origin ?? r.initiator ?? "null",
    credentials: credentialsOf(d.credentials),
    // The export does not say which hop decided; the last one did unless a redirect itself failed.
    hopIndex: d.stage === "redirect" ? Math.max(0, r.redirects.length - 1) : hops.length - 1,
    statusCode: r.statusCode,
  };
  return { exchange, diagnosis };
}
