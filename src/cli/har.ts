// `cors-lens har FILE`: streams a saved HAR through the engine and prints the blocked calls, an export or a ticket.

import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { HarFileError } from "../capture/har-file";
import { fixFor } from "../fixes/index";
import type { Exchange } from "../capture/exchange";
import { buildExport, exportRequest, exportSummary } from "../report/export";
import { MarkdownReportBuilder } from "../report/markdown";
import { summaryStep } from "../report/preflight-summary";
import type { CallRecord } from "../store/call-record";
import { diagnoseHar, producerOf, type HarDiagnosis, type HarOptions as HarReadOptions } from "../store/har-records";
import type { HarOptions } from "./args";
import type { CliIo } from "./io";
import { renderReport, style, type Style } from "./render";

/** check's numbers (contract 5): a file that is not a HAR is bad input, as bad usage is. */
export const HAR_EXIT = { clean: 0, blocked: 1, usage: 2 } as const;

export async function harCommand(options: HarOptions, io: CliIo, version: string): Promise<number> {
  const problem = await unreadable(options.file);
  if (problem) {
    io.err(`cors-lens: ${problem}\n`);
    return HAR_EXIT.usage;
  }
  const read = (more: Partial<HarReadOptions> = {}) =>
    diagnoseHar(createReadStream(options.file), { ...(options.origin ? { origin: options.origin } : {}), ...more });
  try {
    if (options.format === "json") return await printExport(options, io, version, read);
    if (options.format === "md") return await printMarkdown(options, io, version, read);
    return await printText(options, io, read);
  } catch (err) {
    if (!(err instanceof HarFileError)) throw err;
    io.err(`cors-lens: ${options.file} is not a HAR file that can be read: ${err.message}\n`);
    return HAR_EXIT.usage;
  }
}

/** A path that cannot be read, said plainly (before the stream would fail with an error code). */
async function unreadable(file: string): Promise<string | null> {
  try {
    const s = await stat(file);
    return s.isFile() ? null : `${file} is not a file`;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === "ENOENT" ? `${file}: no such file` : `${file} cannot be read (${code ?? String(err)})`;
  }
}

/** What the export says about the file it was read from (beyond the contract; docs/export-format.md). */
export interface HarSource {
  kind: "har";
  file: string;
  /** "Playwright 1.65.1 (chromium 156.0.8078.129)", "WebInspector 537.36", …: log.creator and log.browser. */
  producer: string;
  entries: number;
  /** The origin taken for calls with no Origin header, and where it came from. */
  pageOrigin: { origin: string; from: string } | null;
  notes: string[];
}

function harSource(file: string, r: HarDiagnosis): HarSource {
  const producer = producerOf(r.facts);
  return {
    kind: "har",
    file,
    producer,
    entries: r.facts.entryCount,
    pageOrigin: r.pageOrigin ? { origin: r.pageOrigin.origin, from: r.pageOrigin.from } : null,
    notes: r.notes,
  };
}

type Read = (more?: Partial<HarReadOptions>) => Promise<HarDiagnosis>;

/**
 * The export, written call by call as the file is read a second time: the first read finds what the document's head
 * and each call's notes need (the page, a stripped file). The text is JSON.stringify(document, null, 2)'s.
 */
async function printExport(options: HarOptions, io: CliIo, version: string, read: Read): Promise<number> {
  const first = await read({ onRecord: () => {} });
  const doc = buildExport([], {
    extensionVersion: version,
    browser: { name: "cli", version },
    pageUrl: first.pageUrl,
    includeSecrets: options.includeSecrets,
  });
  const head = JSON.stringify({ ...doc, preflightSummary: null }, null, 2);
  const at = head.indexOf('"requests": []');
  io.out(head.slice(0, at) + '"requests": [');
  let count = 0;
  let failed = false;
  const preflighted: Exchange[] = [];
  await read({
    stripped: first.stripped,
    onRecord: (record) => {
      failed ||= record.diagnosis.outcome !== "allowed";
      if (record.exchange.hops.some((h) => h.preflight)) preflighted.push(forSummary(record.exchange));
      const item = JSON.stringify(exportRequest(record, !options.includeSecrets, options.stack ?? undefined), null, 2);
      io.out((count++ === 0 ? "\n" : ",\n") + item.replace(/^/gm, "    "));
    },
  });
  const tail = {
    preflightSummary: exportSummary(
      preflighted.map((exchange) => ({ exchange }) as CallRecord),
      "cli",
      !options.includeSecrets,
    ),
    source: harSource(options.file, first),
  };
  // The head's last field was requests; the summary and the source follow it, as in the whole document.
  const rest = JSON.stringify(tail, null, 2).slice(1).replace(/\n}$/, "\n}");
  io.out((count > 0 ? "\n  ]" : "]") + "," + rest + "\n");
  return failed ? HAR_EXIT.blocked : HAR_EXIT.clean;
}

/**
 * The ticket in two reads of the file, as the text report: the first finds what each call's notes need (a stripped
 * file), the second hands each call to the report, which keeps of it only what its sections show.
 */
async function printMarkdown(options: HarOptions, io: CliIo, version: string, read: Read): Promise<number> {
  const first = await read({ onRecord: () => {} });
  const source = harSource(options.file, first);
  const report = new MarkdownReportBuilder({
    browser: { name: "cli", version: `${version}, reading ${source.producer}` },
    pageUrl: first.pageUrl,
    stack: options.stack ?? "headers",
    includeSecrets: options.includeSecrets,
  });
  let failed = false;
  await read({
    stripped: first.stripped,
    onRecord: (record) => {
      failed ||= record.diagnosis.outcome !== "allowed";
      report.add(record);
    },
  });
  const notes = first.notes.map((n) => `> **About this file:** ${n}`).join("\n\n");
  report.renderTo((piece) => io.out(piece));
  if (notes) io.out(`\n${notes}\n`);
  return failed ? HAR_EXIT.blocked : HAR_EXIT.clean;
}

/** What the preflight summary reads of a call: its preflights' status, times and the three headers it looks at. */
function forSummary(x: Exchange): Exchange {
  return {
    ...x,
    hints: {},
    hops: x.hops.map((h) => ({
      request: { ...h.request, requestHeaders: null, responseHeaders: null },
      preflight: h.preflight && summaryStep(h.preflight),
    })),
  };
}

/** The text report in two reads of the file: the list of failed calls first, then each one's evidence as it comes. */
async function printText(options: HarOptions, io: CliIo, read: Read): Promise<number> {
  const s = style(io.color);
  const heads: string[] = [];
  let calls = 0;
  let blocked = 0;
  const first = await read({
    onRecord: (record) => {
      calls++;
      if (record.diagnosis.outcome === "blocked") blocked++;
      if (record.diagnosis.outcome !== "allowed") heads.push(headline(record, s));
    },
  });
  io.out(renderHarHead(options, first, harSource(options.file, first), { calls, blocked, failed: heads.length }, s));
  if (heads.length === 0) return HAR_EXIT.clean;
  io.out(["", ...heads, ""].join("\n"));
  let i = 0;
  await read({
    stripped: first.stripped,
    onRecord: (record) => {
      if (record.diagnosis.outcome === "allowed") return;
      const fix = options.stack && record.diagnosis.outcome === "blocked" ? fixFor(record, options.stack) : null;
      io.out(`\n${s.bold(`── ${++i} of ${heads.length} ──`)}\n${renderReport(record, null, fix, s)}`);
    },
  });
  return HAR_EXIT.blocked;
}

function headline(record: CallRecord, s: Style): string {
  const { exchange: x, diagnosis: d } = record;
  const url = x.url;
  const what = d.outcome === "blocked" && d.code ? s.red(d.code) : s.yellow(`failed: ${x.error ?? "network error"}`);
  return `  ✖ ${what}  ${x.method} ${url}${d.header ? s.dim(`  (${d.header})`) : ""}`;
}

/** The report's head: the file, its producer, the counts, the origin assumed and what the file cannot tell. */
export function renderHarHead(
  options: HarOptions,
  r: HarDiagnosis,
  source: HarSource,
  n: { calls: number; blocked: number; failed: number },
  s: Style,
): string {
  const out = [
    s.bold(
      `${options.file}: ${source.entries} entries from ${source.producer}, ${n.calls} cross-origin call${n.calls === 1 ? "" : "s"}, ${n.blocked} blocked by CORS` +
        (n.failed > n.blocked ? `, ${n.failed - n.blocked} failed otherwise` : ""),
    ),
  ];
  if (r.pageOrigin) {
    const from =
      r.pageOrigin.from === "--origin"
        ? "--origin"
        : `the file's page${r.pageOrigin.url ? `, ${r.pageOrigin.url}` : ""}`;
    out.push(s.dim(`  Calls without an Origin header are taken as made by ${r.pageOrigin.origin} (${from}).`));
  }
  for (const note of r.notes) out.push(`  ${s.yellow("About this file:")} ${note}`);
  if (n.failed === 0) out.push("", s.green("✔ nothing was blocked."));
  return out.join("\n") + "\n";
}
