// The Markdown report groups calls that fail the same way into one section (URLs and count); distinct failures keep
// theirs; the JSON keeps every call; the ticket names the browser's full version.

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { buildExport } from "../../src/report/export";
import { markdownReport, ticketSection } from "../../src/report/markdown";
import { diagnoseHar } from "../../src/store/har-records";
import type { CallRecord } from "../../src/store/call-record";

const DIR = resolve(import.meta.dirname, "../fixtures/har");
const verdicts = JSON.parse(readFileSync(resolve(DIR, "cdp-verdicts.json"), "utf8")) as {
  scenarios: { id: string; url: string }[];
};
const urlOf = (id: string) => verdicts.scenarios.find((s) => s.id === id)!.url;

interface Entry {
  request: { url: string };
  startedDateTime: string;
}
const recorded = (
  JSON.parse(readFileSync(resolve(DIR, "chromium-devtools.har"), "utf8")) as { log: { entries: Entry[] } }
).log;

/** The recorded page, with the entries of the scenario `id` repeated `times` (each its own URL and time). */
async function pageWith(repeat: Record<string, number>): Promise<CallRecord[]> {
  const entries: Entry[] = recorded.entries.filter((e) => !e.request.url.includes("/s/"));
  let clock = Date.parse(entries.at(-1)!.startedDateTime);
  for (const [id, times] of Object.entries(repeat)) {
    const mine = recorded.entries.filter((e) => e.request.url === urlOf(id));
    const start = Date.parse(mine[0]!.startedDateTime);
    for (let i = 0; i < times; i++) {
      // Each repetition keeps the recorded times between its entries (a preflight overlaps its call).
      clock += 1000;
      for (const e of mine) {
        entries.push({
          ...e,
          startedDateTime: new Date(clock + Date.parse(e.startedDateTime) - start).toISOString(),
          request: { ...e.request, url: `${e.request.url}/item/${i}` },
        });
      }
    }
  }
  const text = JSON.stringify({ log: { ...recorded, entries } });
  return (await diagnoseHar([text])).records;
}

const ctx = {
  browser: { name: "chrome" as const, version: "156.0.0.0", fullVersion: "156.0.8078.129" },
  pageUrl: "http://127.0.0.1:5173/",
  stack: "express" as const,
  now: new Date("2026-12-07T12:00:00Z"),
};
const sectionsOf = (md: string) => md.match(/^## CORS: .*$/gm) ?? [];

// Each test diagnoses a recorded page of 100+ entries: slow on a loaded 2-core machine, hence the timeout.
describe("grouped ticket", { timeout: 30_000 }, () => {
  it("40 calls all lacking one header make one section listing their 40 URLs", async () => {
    const records = await pageWith({ "missing-acao": 40 });
    const blocked = records.filter((r) => r.diagnosis.outcome === "blocked");
    expect(blocked).toHaveLength(40);
    const md = markdownReport(records, ctx);
    expect(md).toMatch(/^# CORS Lens report: 40 blocked calls$/m);
    expect(sectionsOf(md)).toEqual(["## CORS: 40 calls failing the same way — MissingAllowOriginHeader"]);
    for (const r of blocked) expect(md).toContain(`\`${r.exchange.url}\``);
    expect(md.match(/^\| \d+ \| `GET` \|/gm)).toHaveLength(40);
    expect(md).toContain("### Evidence (call 1 of 40)");
    // The fix and the commands once, not forty times.
    expect(md.match(/^### Fix \(/gm)).toHaveLength(1);
    expect(md.match(/^### Reproduce from a terminal$/gm)).toHaveLength(1);
    // One screen: the group's listing plus one call's details, a fraction of forty sections.
    const ungrouped = blocked.map((r) => ticketSection(r, ctx, 2)).join("\n\n");
    expect(md.length).toBeLessThan(ungrouped.length / 10);
  });

  it("keeps distinct failures in their own sections, and a failure seen once as before", async () => {
    const records = await pageWith({ "missing-acao": 3, "acao-other-origin": 2, "header-not-allowed": 1 });
    const md = markdownReport(records, ctx);
    expect(sectionsOf(md)).toEqual([
      "## CORS: 3 calls failing the same way — MissingAllowOriginHeader",
      "## CORS: 2 calls failing the same way — AllowOriginMismatch",
      expect.stringMatching(
        /^## CORS: GET http:\/\/\S+\/s\/header-not-allowed\/item\/0 — HeaderDisallowedByPreflightResponse$/,
      ),
    ]);
    expect(new MarkdownIt().render(md)).toContain("<table>");
  });

  it("does not group calls whose received value differs", async () => {
    const records = await pageWith({ "acao-other-origin": 2, "acao-trailing-slash": 2 });
    const sections = sectionsOf(markdownReport(records, ctx));
    expect(sections).toEqual([
      "## CORS: 2 calls failing the same way — AllowOriginMismatch",
      "## CORS: 2 calls failing the same way — AllowOriginMismatch",
    ]);
  });

  it("the JSON keeps every call", async () => {
    const records = await pageWith({ "missing-acao": 40 });
    const doc = buildExport(records, { extensionVersion: "0", browser: ctx.browser, pageUrl: ctx.pageUrl });
    expect(doc.requests.filter((r) => r.outcome === "blocked")).toHaveLength(40);
  });
});

describe("browser version", () => {
  it("the ticket names the full version when the export has it, the user agent's otherwise", async () => {
    const records = await pageWith({ "missing-acao": 1 });
    const md = markdownReport(records, ctx);
    expect(md).toContain("in chrome 156.0.8078.129, exported");
    expect(md).toContain("| Browser | `chrome 156.0.8078.129` |");
    const reduced = markdownReport(records, { ...ctx, browser: { name: "chrome", version: "156.0.0.0" } });
    expect(reduced).toContain("| Browser | `chrome 156.0.0.0` |");
  });
});
