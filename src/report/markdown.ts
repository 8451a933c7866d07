// Export Markdown and Copy for ticket: a GitHub/GitLab-flavoured ticket a backend developer can act on.

import type { Exchange, Step } from "../capture/exchange";
import type { Header } from "../cors/headers";
import { notSentReason, responseName } from "../diagnose/summary";
import { localNetworkRows } from "./local-network-rows";
import { code, fence, text } from "./markdown-text";
import { preflightsSection } from "./markdown-preflights";
import { FailureGroups, type GroupedCall } from "./failure-groups";
import { clientAlternatives, fixFor, STACKS, type StackId } from "../fixes";
import type { CallRecord } from "../store/call-record";
import type { ExportDocument } from "./export-format";
import { PreflightTally } from "./preflight-advice";
import { redactHeaders, redactUrl } from "./redact";
import { reproduce } from "./reproduce";

export interface TicketContext {
  browser: ExportDocument["browser"];
  pageUrl: string | null;
  stack: StackId;
  includeSecrets?: boolean;
  now?: Date;
}

function headerTable(title: string, headers: Header[] | null, highlight: string | null): string {
  if (!headers) return `_${title}: not observed._`;
  if (headers.length === 0) return `_${title}: none._`;
  const rows = headers.map((h) => {
    const hit = highlight !== null && h.name.toLowerCase() === highlight.toLowerCase();
    return `| ${hit ? `**${code(h.name)}** ⟵ at fault` : code(h.name)} | ${code(h.value)} |`;
  });
  return [`| ${title} | Value |`, "| --- | --- |", ...rows].join("\n");
}

function stepSection(
  exchange: Exchange,
  name: string,
  step: Step,
  highlight: string | null,
  redact: boolean,
  level: string,
): string {
  const status = !step.sent ? "never sent" : step.statusCode === null ? "no response" : `HTTP ${step.statusCode}`;
  const url = redact ? redactUrl(step.url) : step.url;
  const req = redact ? redactHeaders(step.requestHeaders) : step.requestHeaders;
  const res = redact ? redactHeaders(step.responseHeaders) : step.responseHeaders;
  const parts = [`${level} ${name}: ${code(`${step.method} ${url}`)} → ${status}`];
  if (step.sent) parts.push(headerTable("Request header", req, null), headerTable("Response header", res, highlight));
  else parts.push(`_${notSentReason(exchange, step)}_`);
  return parts.join("\n\n");
}

/** The browser as the ticket names it: its full version when the export knows it (156.0.8078.…, not 156.0.0.0). */
function browserName(b: ExportDocument["browser"]): string {
  return `${b.name} ${b.fullVersion ?? b.version}`;
}

/** The calls of a group, as a table (the first is the one whose details follow). */
function callsTable(calls: readonly GroupedCall[], redact: boolean): string {
  return [
    "| # | Method | URL | Time |",
    "| --- | --- | --- | --- |",
    ...calls.map(
      (x, i) =>
        `| ${i + 1} | ${code(x.method)} | ${code(redact ? redactUrl(x.url) : x.url)} | ${code(new Date(x.startedAt).toISOString())} |`,
    ),
  ].join("\n");
}

/**
 * One call as a ticket section; `depth` 1 makes it a whole ticket (# title), 2 a section of a report. With `group`
 * (calls failing the same way, this one first), the section lists them all and its details stand for each.
 */
export function ticketSection(
  record: CallRecord,
  ctx: TicketContext,
  depth = 1,
  group: readonly GroupedCall[] = [record.exchange],
): string {
  const { exchange, diagnosis: d } = record;
  const redact = !ctx.includeSecrets;
  const h = (n: number) => "#".repeat(depth + n - 1);
  const url = redact ? redactUrl(exchange.url) : exchange.url;
  const verdict = d.code ?? (d.outcome === "allowed" ? "allowed" : "failed (not CORS)");
  const many = group.length > 1;
  const out: string[] = [
    many
      ? `${h(1)} CORS: ${group.length} calls failing the same way — ${text(verdict)}`
      : `${h(1)} CORS: ${text(`${exchange.method} ${url}`)} — ${text(verdict)}`,
    `**${text(d.summary)}**`,
  ];
  if (many) {
    out.push(
      `These ${group.length} calls differ only in URL and time; the details below are those of the first and hold for each.`,
      callsTable(group, redact),
    );
  }

  const env = [
    ["Browser", browserName(ctx.browser)],
    ["Page", ctx.pageUrl ? (redact ? redactUrl(ctx.pageUrl) : ctx.pageUrl) : "(none)"],
    ["Origin sent", d.origin],
    ["Request", `${exchange.method} ${url}`],
    ["Time", new Date(exchange.startedAt).toISOString()],
    ["Chrome's error", d.code ? `${d.code}${d.failedParameter ? ` (${d.failedParameter})` : ""}` : "none"],
    ["Credentials mode", d.credentials],
  ];
  const site = exchange.hints?.callSite;
  if (site) env.push(["Called from", `${site.url}:${site.line}:${site.column}`]);
  out.push(["| | |", "| --- | --- |", ...env.map(([k, v]) => `| ${k} | ${code(v!)} |`)].join("\n"));

  out.push(`${h(2)} What failed`);
  if (d.header) {
    const where = responseName(d.stage);
    out.push(
      [
        "| Check | Value |",
        "| --- | --- |",
        `| Header at fault | ${code(d.header)} in the ${where} |`,
        `| Received | ${d.received === null ? "_absent_" : code(d.received)} |`,
        `| Needed | ${code(d.expected ?? "")} |`,
        ...(d.disallowed.length > 1 ? [`| Refused | ${d.disallowed.map(code).join(", ")} |`] : []),
      ].join("\n"),
    );
  }
  if (d.localNetwork) {
    out.push(
      [
        "| Local Network Access | |",
        "| --- | --- |",
        ...localNetworkRows(d.localNetwork).map((r) => `| ${r.label} | ${text(r.text)} |`),
      ].join("\n"),
    );
  }
  if (d.cause) out.push(`> **Deeper cause:** ${text(d.cause.summary)}`);
  for (const w of d.warnings) out.push(`> **Warning:** ${text(w.summary)}`);
  for (const a of d.assumptions) out.push(`> **Assumed:** ${text(a)}`);

  out.push(many ? `${h(2)} Evidence (call 1 of ${group.length})` : `${h(2)} Evidence`);
  const hops = exchange.hops;
  hops.forEach((hop, i) => {
    const suffix = hops.length > 1 ? ` (hop ${i + 1} of ${hops.length})` : "";
    const faultHere = i === d.hopIndex;
    if (hop.preflight) {
      out.push(
        stepSection(
          exchange,
          `Preflight${suffix}`,
          hop.preflight,
          faultHere && d.stage === "preflight" ? d.header : null,
          redact,
          h(3),
        ),
      );
    }
    const name = i < hops.length - 1 ? `Redirect${suffix}` : `Request${suffix}`;
    out.push(
      stepSection(exchange, name, hop.request, faultHere && d.stage !== "preflight" ? d.header : null, redact, h(3)),
    );
  });

  if (d.outcome === "blocked") {
    const fix = fixFor(record, ctx.stack);
    const label = STACKS.find((s) => s.id === ctx.stack)?.label ?? ctx.stack;
    out.push(`${h(2)} Fix (${text(label)})`, text(fix.title), fence(fix.snippet, fix.language));
    if (fix.notes.length) out.push(fix.notes.map((n) => `- ${text(n)}`).join("\n"));
    const alternatives = clientAlternatives(record);
    if (alternatives.length) {
      out.push(`${h(3)} Alternatives`);
      for (const a of alternatives) out.push(`**${text(a.title)}**`, fence(a.snippet, a.language));
    }
  }

  const { curl, check } = reproduce(record, { includeSecrets: ctx.includeSecrets === true });
  out.push(`${h(2)} Reproduce from a terminal`, fence([...curl, "", check].join("\n"), "sh"));
  return out.join("\n\n") + "\n";
}

/**
 * Export Markdown built call by call, for a file too big to hold: of each call it keeps its group's entry (the first
 * call of a group whole, the others' method, URL and time), its row in the other calls' table, and what the
 * Preflights section reads (PreflightTally). `render` (whole) and `renderTo` (piece by piece) give the same text.
 */
export class MarkdownReportBuilder {
  private blocked = 0;
  private readonly groups: FailureGroups;
  private readonly others: string[] = [];
  private readonly preflights = new PreflightTally();

  constructor(private readonly ctx: TicketContext) {
    this.groups = new FailureGroups(ctx.stack);
  }

  add(record: CallRecord): void {
    const { exchange: x, diagnosis: d } = record;
    if (d.outcome === "blocked") {
      this.blocked++;
      this.groups.add(record);
    } else {
      this.others.push(
        `| ${code(x.method)} | ${code(this.ctx.includeSecrets ? x.url : redactUrl(x.url))} | ${text(d.outcome === "allowed" ? "allowed" : d.summary)} |`,
      );
    }
    this.preflights.add(record);
  }

  /**
   * The ticket piece by piece, each with the separator before it and rendered only when asked for: a section, a row
   * of the other calls' table, a block of the Preflights section.
   */
  private *pieces(): Generator<string> {
    const { ctx, blocked, others } = this;
    const page = ctx.pageUrl ? (ctx.includeSecrets ? ctx.pageUrl : redactUrl(ctx.pageUrl)) : "the command line";
    yield `# CORS Lens report: ${blocked} blocked call${blocked === 1 ? "" : "s"}`;
    yield (
      `\n\nFrom ${code(page)} in ${text(browserName(ctx.browser))}, exported ${(ctx.now ?? new Date()).toISOString()}.` +
      (others.length
        ? ` ${others.length} other cross-origin call${others.length === 1 ? "" : "s"} (allowed, or failed for other reasons) are listed at the end.`
        : "")
    );
    // Calls failing the same way share one section, so a page whose 40 calls lack one header is one screen.
    for (const g of this.groups.groups) yield `\n\n${ticketSection(g.first, ctx, 2, g.calls)}`;
    if (others.length) {
      yield "\n\n## Other cross-origin calls\n\n| Method | URL | Outcome |\n| --- | --- | --- |";
      for (const row of others) yield `\n${row}`;
    }
    for (const block of preflightsSection(this.preflights, ctx)) yield `\n\n${block}`;
  }

  /** Writes the ticket in pieces (a huge one need not be held as one string); the text is render()'s. */
  renderTo(out: (text: string) => void): void {
    let held: string | null = null;
    for (const piece of this.pieces()) {
      if (held !== null) out(held);
      held = piece;
    }
    // Every piece has text after its separator, so trimming the last trims the ticket's end.
    out(`${(held ?? "").trimEnd()}\n`);
  }

  render(): string {
    const parts: string[] = [];
    this.renderTo((piece) => parts.push(piece));
    return parts.join("");
  }
}

/** Export Markdown: every given call, blocked ones first, under one report heading. */
export function markdownReport(records: readonly CallRecord[], ctx: TicketContext): string {
  const report = new MarkdownReportBuilder(ctx);
  for (const record of records) report.add(record);
  return report.render();
}
