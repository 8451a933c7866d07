// Import: turns a saved cors-lens/export@1 document back into records the panel shows (the ticket's own diagnosis).

import type { Exchange, Hop, Step } from "../src/capture/exchange";
import { isCorsErrorName } from "../src/cors/codes";
import type { Diagnosis } from "../src/diagnose/diagnosis";
import type { ExportDocument, ExportRequest, ExportStep } from "../src/report/export-format";
import type { CallRecord } from "../src/store/call-record";

export class ImportError extends Error {}

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

function toRecord(r: ExportRequest, index: number): CallRecord {
  // Hops in order: every redirect, then the final request; the first hop's preflight, then later hops' ones.
  const hops: Hop[] = [...r.redirects, ...(r.actual ? [r.actual] : [])].map((step) => ({
    preflight: null,
    request: toStep(step),
  }));
  if (hops[0] && r.preflight) hops[0].preflight = toStep(r.preflight);
  (r.redirectPreflights ?? []).forEach((pre, i) => {
    if (hops[i + 1]) hops[i + 1]!.preflight = toStep(pre);
  });
  if (hops.length === 0) throw new ImportError(`request ${index + 1} has no steps`);
  const d = r.diagnosis;
  const exchange: Exchange = {
    id: `import-${index}-${r.id}`,
    tabId: -1,
    frameId: 0,
    type: r.type,
    initiator: r.initiator,
    url: r.url,
    method: r.method,
    startedAt: Date.parse(r.startedAt),
    hops,
    outcome: r.outcome === "allowed" ? "completed" : "failed",
    error: null,
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
    credentials: (d.credentials as Diagnosis["credentials"]) ?? "unknown",
    hopIndex: d.stage === "redirect" ? Math.max(0, r.redirects.length - 1) : hops.length - 1,
    statusCode: r.statusCode,
  };
  return { exchange, diagnosis };
}

export interface Imported {
  records: CallRecord[];
  pageUrl: string | null;
  exportedAt: string;
  browser: string;
}

/** Parses and checks a file's text; throws ImportError with a message a user understands. */
export function importExport(text: string): Imported {
  let doc: ExportDocument;
  try {
    doc = JSON.parse(text) as ExportDocument;
  } catch {
    throw new ImportError("This file is not JSON. Choose a file saved with Export JSON.");
  }
  if (!doc || doc.schema !== "cors-lens/export@1" || !Array.isArray(doc.requests)) {
    throw new ImportError("This JSON is not a CORS Lens export (cors-lens/export@1).");
  }
  return {
    records: doc.requests.map(toRecord),
    pageUrl: doc.page?.url ?? null,
    exportedAt: doc.exportedAt,
    browser: `${doc.browser?.name ?? "?"} ${doc.browser?.version ?? ""}`.trim(),
  };
}
