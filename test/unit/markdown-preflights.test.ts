// The Markdown report's Preflights section: figures from the summary, endpoints with triggers, advice with the fix.

import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { markdownReport } from "../../src/report/markdown";
import { preflightSummary } from "../../src/report/preflight-summary";
import { records, series } from "./preflight-exchanges";

const API = "http://api.example.test:5174";
const ctx = { browser: { name: "chrome" as const, version: "156" }, pageUrl: null, stack: "nginx" as const };

describe("Markdown Preflights section", () => {
  const tab = records([
    ...series(5, 1000, {
      url: `${API}/items?token=s3cret`,
      headers: [{ name: "Content-Type", value: "application/json" }],
      took: 12,
    }),
    ...series(2, 1000, { url: `${API}/day`, maxAge: "86400", took: 8 }),
  ]);

  it("states the count, the time and what Max-Age 7200 saves, as the summary computes them", () => {
    const md = markdownReport(tab, ctx);
    const s = preflightSummary(tab.map((r) => r.exchange));
    expect(md).toContain("## Preflights");
    expect(md).toContain(`${s.preflights} preflights took ${s.totalMs} ms in all.`);
    expect(md).toContain(`would have saved ${s.savable.preflights} of them (${s.savable.ms} ms)`);
  });

  it("lists each endpoint with its Max-Age, the cache Chrome grants and its triggers, URLs redacted", () => {
    const html = new MarkdownIt().render(markdownReport(tab, ctx));
    expect(html).toMatch(
      /<td><code>PUT<\/code><\/td>\s*<td><code>http:\/\/api\.example\.test:5174\/day<\/code><\/td>\s*<td>2<\/td>\s*<td><code>86400<\/code><\/td>\s*<td>7200 s<\/td>/,
    );
    expect(html).toContain("<code>content-type: application/json</code>");
    expect(html).not.toContain("s3cret");
  });

  it("ranks the advice and gives the stack's Max-Age change", () => {
    const md = markdownReport(tab, ctx);
    expect(md).toContain("### What would send fewer preflights");
    expect(md).toMatch(
      /1\. \*\*Send Access-Control-Max-Age: 7200 from http:\/\/api\.example\.test:5174\*\* — saves 4 preflights/,
    );
    expect(md).toContain("add_header Access-Control-Max-Age 7200 always;");
  });

  it("has no section when no call was preflighted", () => {
    expect(markdownReport([], ctx)).not.toContain("Preflights");
  });
});
