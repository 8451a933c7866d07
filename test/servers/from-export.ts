// Turns one request of the extension's Export JSON back into a CallRecord, so fixes are built from what the extension saw.

import type { Exchange, Hop, Step } from "../../src/capture/exchange";
import type { CredentialsMode } from "../../src/cors/check";
import type { CorsErrorName } from "../../src/cors/codes";
import type { ExportRequest, ExportStep } from "../../src/report/export-format";
import type { CallRecord } from "../../src/store/call-record";

function step(s: ExportStep): Step {
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

function credentialsOf(value: string): CredentialsMode | "unknown" {
  return value === "omit" || value === "same-origin" || value === "include" ? value : "unknown";
}

export function recordFromExport(r: ExportRequest): CallRecord {
  // Redirect hops first, then the final one; the export keeps the first hop's preflight apart from later ones.
  const requests = [...r.redirects.map(step), ...(r.actual ? [step(r.actual)] : [])];
  const later = (r.redirectPreflights ?? []).map(step);
  const hops: Hop[] = requests.map((request, i) => ({
    preflight: i === 0 ? (r.preflight ? step(r.preflight) : null) : (later.find((p) => p.url === request.url) ?? null),
    request,
  }));
  const exchange: Exchange = {
    id: r.id,
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
  };
  const d = r.diagnosis;
  return {
    exchange,
    diagnosis: {
      outcome: r.outcome,
      code: d.code as CorsErrorName | null,
      failedParameter: d.failedParameter,
      disallowed: d.disallowed,
      stage: d.stage,
      header: d.header,
      received: d.received,
      expected: d.expected,
      summary: d.summary,
      cause: d.cause,
      warnings: d.warnings,
      assumptions: d.assumptions,
      origin: d.origin,
      credentials: credentialsOf(d.credentials),
      // The export does not say which hop decided; the last one did unless a redirect itself failed.
      hopIndex: d.stage === "redirect" ? Math.max(0, r.redirects.length - 1) : hops.length - 1,
      statusCode: r.statusCode,
    },
  };
}
