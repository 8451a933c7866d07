// `cors-lens har FILE`: streams a saved HAR through the engine and prints the blocked calls, an export or a ticket.

import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { HarFileError } from "../capture/har-file";
import { fixFor } from "../fixes/index";
import { buildExport } from "../report/export";
import { markdownReport } from "../report/markdown";
import type { CallRecord } from "../store/call-record";
import { diagnoseHar, type HarDiagnosis } from "../store/har-records";
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
  let result: HarDiagnosis;
  try {
    result = await diagnoseHar(createReadStream(options.file), options.origin ? { origin: options.origin } : {});
  } catch (err) {
    if (!(err instanceof HarFileError)) throw err;
    io.err(`cors-lens: ${options.file} is not a HAR file that can be read: ${err.message}\n`);
    return HAR_EXIT.usage;
  }
  const { records } = result;
  const source = harSource(options.file, result);
  if (options.format === "json") {
    const doc = buildExport(records, {
      extensionVersion: version,
      browser: { name: "cli", version },
      pageUrl: result.pageUrl,
      includeSecrets: options.includeSecrets,
      ...(options.stack ? { stack: options.stack } : {}),
    });
    io.out(JSON.stringify({ ...doc, source }, null, 2) + "\n");
  } else if (options.format === "md") {
    io.out(
      markdownReport(records, {
        browser: { name: "cli", version: `${version}, reading ${source.producer}` },
        pageUrl: result.pageUrl,
        stack: options.stack ?? "headers",
        includeSecrets: options.includeSecrets,
      }) + (result.notes.length ? `\n${result.notes.map((n) => `> **About this file:** ${n}`).join("\n\n")}\n` : ""),
    );
  } else {
    io.out(renderHar(options, result, source, style(io.color)));
  }
  return records.some((r) => r.diagnosis.outcome !== "allowed") ? HAR_EXIT.blocked : HAR_EXIT.clean;
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
  const { creator, browser } = r.facts;
  const producer =
    (creator ? `${creator.name} ${creator.version}`.trim() : "an unnamed producer") +
    (browser ? ` (${`${browser.name} ${browser.version}`.trim()})` : "");
  return {
    kind: "har",
    file,
    producer,
    entries: r.facts.entryCount,
    pageOrigin: r.pageOrigin ? { origin: r.pageOrigin.origin, from: r.pageOrigin.from } : null,
    notes: r.notes,
  };
}

function headline(record: CallRecord, s: Style): string {
  const { exchange: x, diagnosis: d } = record;
  const url = x.url;
  const what = d.outcome === "blocked" && d.code ? s.red(d.code) : s.yellow(`failed: ${x.error ?? "network error"}`);
  return `  ✖ ${what}  ${x.method} ${url}${d.header ? s.dim(`  (${d.header})`) : ""}`;
}

export function renderHar(options: HarOptions, r: HarDiagnosis, source: HarSource, s: Style): string {
  const failed = r.records.filter((x) => x.diagnosis.outcome !== "allowed");
  const blocked = failed.filter((x) => x.diagnosis.outcome === "blocked").length;
  const out = [
    s.bold(
      `${options.file}: ${source.entries} entries from ${source.producer}, ${r.records.length} cross-origin call${r.records.length === 1 ? "" : "s"}, ${blocked} blocked by CORS` +
        (failed.length > blocked ? `, ${failed.length - blocked} failed otherwise` : ""),
    ),
  ];
  if (r.pageOrigin) {
    out.push(
      s.dim(
        `  Calls without an Origin header are taken as made by ${r.pageOrigin.origin} (${r.pageOrigin.from === "--origin" ? "--origin" : `the file's page${r.pageOrigin.url ? `, ${r.pageOrigin.url}` : ""}`}).`,
      ),
    );
  }
  for (const n of r.notes) out.push(`  ${s.yellow("About this file:")} ${n}`);
  if (failed.length === 0) {
    out.push("", s.green("✔ nothing was blocked."));
    return out.join("\n") + "\n";
  }
  out.push("", ...failed.map((x) => headline(x, s)));
  for (const [i, record] of failed.entries()) {
    out.push("", s.bold(`── ${i + 1} of ${failed.length} ──`));
    const fix = options.stack && record.diagnosis.outcome === "blocked" ? fixFor(record, options.stack) : null;
    out.push(renderReport(record, null, fix, s).trimEnd());
  }
  return out.join("\n") + "\n";
}
