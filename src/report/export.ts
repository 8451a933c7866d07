// Builds the JSON export (contract 3) from call records, redacting secrets unless asked not to.

import type { Step } from "../capture/exchange";
import { originOf } from "../cors/origin";
import type { CallRecord } from "../store/call-record";
import { redirectTarget } from "../diagnose/verdict";
import { EXPORT_SCHEMA_ID, type ExportDocument, type ExportRequest, type ExportStep } from "./export-format";
import { redactHeaders, redactUrl } from "./redact";
import { reproduce } from "./reproduce";
import { fixFor, type StackId } from "../fixes";
import { reasonsOf, type PreflightReason } from "../diagnose/preflight-reasons";
import { preflightSummary, type PreflightSummary } from "./preflight-summary";

export interface ExportContext {
  extensionVersion: string;
  browser: ExportDocument["browser"];
  pageUrl: string | null;
  /** Keep cookies, authorization and tokens (off by default). */
  includeSecrets?: boolean;
  /** The server stack to write each blocked call's `fix` for; no fix when absent. */
  stack?: StackId;
  now?: Date;
}

const iso = (ms: number): string => new Date(ms).toISOString();

function toStep(step: Step, redact: boolean, reasons?: PreflightReason[] | null): ExportStep {
  return {
    url: redact ? redactUrl(step.url) : step.url,
    method: step.method,
    sent: step.sent,
    statusCode: step.statusCode,
    requestHeaders: redact ? redactHeaders(step.requestHeaders) : step.requestHeaders,
    responseHeaders: redact ? redactHeaders(step.responseHeaders) : step.responseHeaders,
    startedAt: iso(step.startedAt),
    durationMs: step.endedAt === null ? null : Math.max(0, step.endedAt - step.startedAt),
    ...(step.matchedBy ? { matchedBy: step.matchedBy } : {}),
    ...(reasons ? { reasons } : {}),
  };
}

/** Kept to the contract's fields: stack, snippet and notes (the title leads the notes). */
function exportFix(record: CallRecord, stack: StackId): ExportRequest["fix"] {
  const fix = fixFor(record, stack);
  return { stack: fix.stack, snippet: fix.snippet, notes: [fix.title, ...fix.notes] };
}

export function exportRequest(record: CallRecord, redact: boolean, stack?: StackId): ExportRequest {
  const { exchange, diagnosis } = record;
  const hops = exchange.hops;
  // Hops that answered with a redirect are `redirects`; the hop after the last one is `actual`.
  const redirectHops = hops.filter((h) => redirectTarget(h.request) !== null);
  const last = hops[hops.length - 1]!;
  const lastIsRedirect = redirectTarget(last.request) !== null;
  const actual: Step | null = lastIsRedirect ? null : last.request;
  const firstPreflight = hops[0]?.preflight ?? null;
  const laterPreflights = hops.flatMap((h, i) => (i > 0 && h.preflight ? [{ step: h.preflight, hop: i }] : []));
  const request: ExportRequest = {
    id: exchange.id,
    url: redact ? redactUrl(exchange.url) : exchange.url,
    method: exchange.method,
    type: exchange.type,
    initiator: exchange.initiator,
    startedAt: iso(exchange.startedAt),
    outcome: diagnosis.outcome,
    statusCode: diagnosis.statusCode,
    diagnosis: {
      code: diagnosis.code,
      failedParameter: diagnosis.failedParameter,
      disallowed: diagnosis.disallowed,
      stage: diagnosis.stage,
      header: diagnosis.header,
      summary: diagnosis.summary,
      cause: diagnosis.cause,
      warnings: diagnosis.warnings,
      assumptions: diagnosis.assumptions,
      callSite: exchange.hints?.callSite ?? null,
      firefoxReason: diagnosis.firefox?.reason ?? null,
      received: diagnosis.received,
      expected: diagnosis.expected,
      credentials: diagnosis.credentials,
      origin: diagnosis.origin,
      ...(diagnosis.localNetwork ? { localNetwork: diagnosis.localNetwork } : {}),
    },
    preflight: firstPreflight ? toStep(firstPreflight, redact, reasonsOf(exchange, 0)) : null,
    actual: actual ? toStep(actual, redact) : null,
    redirects: redirectHops.map((h) => toStep(h.request, redact)),
    reproduce: reproduce(record, { includeSecrets: !redact }),
    fix: stack && diagnosis.outcome === "blocked" ? exportFix(record, stack) : null,
  };
  if (laterPreflights.length > 0)
    request.redirectPreflights = laterPreflights.map((p) => toStep(p.step, redact, reasonsOf(exchange, p.hop)));
  return request;
}

/** The exported calls' preflight summary, its URLs redacted like the requests'. */
export function exportSummary(
  records: readonly CallRecord[],
  browser: ExportDocument["browser"]["name"],
  redact: boolean,
): PreflightSummary {
  const summary = preflightSummary(
    records.map((r) => r.exchange),
    browser,
  );
  if (!redact) return summary;
  return { ...summary, endpoints: summary.endpoints.map((e) => ({ ...e, url: redactUrl(e.url) })) };
}

export function buildExport(records: readonly CallRecord[], ctx: ExportContext): ExportDocument {
  const redact = !ctx.includeSecrets;
  const pageUrl = ctx.pageUrl;
  return {
    schema: EXPORT_SCHEMA_ID,
    exportedAt: (ctx.now ?? new Date()).toISOString(),
    extensionVersion: ctx.extensionVersion,
    browser: ctx.browser,
    page: pageUrl ? { url: redact ? redactUrl(pageUrl) : pageUrl, origin: originOf(pageUrl) ?? "null" } : null,
    redacted: redact,
    requests: records.map((r) => exportRequest(r, redact, ctx.stack)),
    preflightSummary: exportSummary(records, ctx.browser.name, redact),
  };
}
