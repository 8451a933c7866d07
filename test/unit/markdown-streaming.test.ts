// `har --md` streams: the ticket built call by call equals the one rendered from every call held, on the recorded
// HARs and on generated files of many calls.

import { createReadStream, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { main, VERSION } from "../../src/cli/main";
import { MarkdownReportBuilder, markdownReport, type TicketContext } from "../../src/report/markdown";
import { PreflightTally } from "../../src/report/preflight-advice";
import { preflightSummary } from "../../src/report/preflight-summary";
import { diagnoseHar, producerOf } from "../../src/store/har-records";

const DIR = resolve(import.meta.dirname, "../fixtures/har");
const FIXTURES = ["chromium-devtools.har", "chromium-devtools-sanitized.har", "chrome-getHAR.har", "playwright.har"];
const TMP = mkdtempSync(join(tmpdir(), "cors-lens-md-stream-"));
const NOW = new Date("2026-12-07T12:00:00Z");

interface Entry {
  startedDateTime: string;
  request: { url: string };
}

/**
 * A recorded HAR repeated `rounds` times, as a long session: with `query`, each round's calls get their own URL
 * (?round=N, as bench/har.bench.ts does), else the same URLs later in time (so the preflight cache and Max-Age count).
 */
function generated(fixture: string, rounds: number, query: boolean): string {
  const har = JSON.parse(readFileSync(resolve(DIR, fixture), "utf8")) as { log: { entries: Entry[] } };
  const times = har.log.entries.map((e) => Date.parse(e.startedDateTime));
  const span = Math.max(...times) - Math.min(...times) + 1000;
  const entries = Array.from({ length: rounds }, (_, round) =>
    har.log.entries.map((e) => ({
      ...e,
      startedDateTime: new Date(Date.parse(e.startedDateTime) + (query ? 0 : round * span)).toISOString(),
      request: {
        ...e.request,
        url: query ? `${e.request.url}${e.request.url.includes("?") ? "&" : "?"}round=${round}` : e.request.url,
      },
    })),
  ).flat();
  const path = join(TMP, `${fixture}-${rounds}-${query ? "query" : "time"}.har`);
  writeFileSync(path, JSON.stringify({ log: { ...har.log, entries } }));
  return path;
}

const contexts: [string, Omit<TicketContext, "browser" | "pageUrl">][] = [
  ["headers, redacted", { stack: "headers", now: NOW }],
  ["express, with secrets", { stack: "express", includeSecrets: true, now: NOW }],
];

/** Every call of the file held, then rendered at once (what `har --md` did before it streamed). */
async function inMemory(path: string, ctx: Omit<TicketContext, "browser" | "pageUrl">, origin?: string) {
  const all = await diagnoseHar(createReadStream(path), origin ? { origin } : {});
  const full: TicketContext = {
    ...ctx,
    browser: { name: "cli", version: `${VERSION}, reading ${producerOf(all.facts)}` },
    pageUrl: all.pageUrl,
  };
  return { all, md: markdownReport(all.records, full), ctx: full };
}

/** The file read twice, each call handed to the builder as it is diagnosed and kept by nobody else. */
async function streamed(path: string, ctx: TicketContext, origin?: string): Promise<string> {
  const o = origin ? { origin } : {};
  const first = await diagnoseHar(createReadStream(path), { ...o, onRecord: () => {} });
  const report = new MarkdownReportBuilder(ctx);
  const second = await diagnoseHar(createReadStream(path), {
    ...o,
    stripped: first.stripped,
    onRecord: (r) => report.add(r),
  });
  expect(second.records).toEqual([]);
  return report.render();
}

// Each case diagnoses hundreds to thousands of calls: slow on a loaded 2-core machine, hence the timeout.
describe("the ticket built call by call", { timeout: 120_000 }, () => {
  for (const fixture of FIXTURES)
    for (const [name, ctx] of contexts)
      it(`equals the one from every call held: ${fixture}, ${name}`, async () => {
        const path = resolve(DIR, fixture);
        const { md, ctx: full } = await inMemory(path, ctx);
        expect(await streamed(path, full)).toBe(md);
      });

  it("equals it with --origin deciding for calls without an Origin header", async () => {
    const path = resolve(DIR, "chromium-devtools.har");
    const { md, ctx: full } = await inMemory(path, contexts[0]![1], "http://localhost:5173");
    expect(md).toMatch(/# CORS Lens report: [1-9]\d* blocked calls?/);
    expect(await streamed(path, full, "http://localhost:5173")).toBe(md);
  });

  it("equals it on a generated file of many calls, each its own URL (groups of 20, stable-URL advice)", async () => {
    const path = generated("chromium-devtools.har", 20, true);
    const { all, md, ctx: full } = await inMemory(path, contexts[1]![1]);
    expect(all.records.length).toBeGreaterThan(1000);
    expect(md).toMatch(/^## CORS: 20 calls failing the same way — /m);
    expect(md).toMatch(/^## Preflights$/m);
    expect(await streamed(path, full)).toBe(md);
  });

  it("equals it on a generated file of the same calls repeated in time (Max-Age and drop-header advice)", async () => {
    const path = generated("chromium-devtools.har", 8, false);
    const { md, ctx: full } = await inMemory(path, contexts[0]![1]);
    expect(md).toMatch(/^### What would send fewer preflights$/m);
    expect(md).toMatch(/— saves \d+ preflights? /);
    expect(await streamed(path, full)).toBe(md);
  });
});

describe("cors-lens har --md", { timeout: 120_000 }, () => {
  for (const [file, rounds] of [
    [resolve(DIR, "chromium-devtools-sanitized.har"), 0],
    [generated("chrome-getHAR.har", 10, true), 10],
  ] as const)
    it(`prints the ticket rendered from every call held, and the file's notes (${rounds || "recorded"})`, async () => {
      let stdout = "";
      const code = await main(["har", file, "--md"], { out: (t) => (stdout += t), err: () => {}, color: false });
      const { all, ctx } = await inMemory(file, { stack: "headers" });
      const at = /exported (\S+)\./.exec(stdout)?.[1];
      expect(at).toBeDefined();
      const notes = all.notes.map((n) => `> **About this file:** ${n}`).join("\n\n");
      const md = markdownReport(all.records, { ...ctx, now: new Date(at!) });
      expect(stdout).toBe(md + (notes ? `\n${notes}\n` : ""));
      expect(code).toBe(all.records.some((r) => r.diagnosis.outcome !== "allowed") ? 1 : 0);
    });
});

describe("PreflightTally", { timeout: 60_000 }, () => {
  it("summarises from its slim preflights exactly what the summary of the whole calls says", async () => {
    const { records } = await diagnoseHar(createReadStream(generated("chromium-devtools.har", 6, false)));
    const tally = new PreflightTally();
    for (const r of records) tally.add(r);
    const whole = preflightSummary(records.map((r) => r.exchange));
    expect(whole.preflights).toBeGreaterThan(0);
    expect(tally.summary()).toEqual(whole);
    // It keeps only the headers the summary reads, none of the calls' own.
    const names = new Set(
      tally.seen
        .flatMap((p) => [...(p.step.requestHeaders ?? []), ...(p.step.responseHeaders ?? [])])
        .map((h) => h.name.toLowerCase()),
    );
    expect([...names].every((n) => /^(origin|access-control-request-method|access-control-max-age)$/.test(n))).toBe(
      true,
    );
  });
});
