// The Markdown ticket renders as intended in a CommonMark/GFM parser, and keeps secrets out unless asked.

import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { markdownReport, ticketSection } from "../../src/report/markdown";
import { toRecord } from "../../src/store/call-record";
import { SCENARIOS } from "../corpus/scenarios";
import { FAKE_ORIGINS, simulate } from "../corpus/simulate";
import { replay } from "./replay";

const record = (id: string) => {
  const s = SCENARIOS.find((x) => x.id === id)!;
  return toRecord(replay(simulate(s)).exchanges[0]!);
};
const ctx = {
  browser: { name: "chrome" as const, version: "156.0.8078.73" },
  pageUrl: `${FAKE_ORIGINS.page}/?token=abc123secret`,
  stack: "express" as const,
};
const md = new MarkdownIt(); // CommonMark plus GFM tables and strikethrough
const html = (text: string) => md.render(text);

describe("Markdown ticket", () => {
  it("has a title, an environment table, the failing check, evidence, the fix and commands", () => {
    const out = html(ticketSection(record("preflight-401-no-cors"), ctx));
    expect(out).toMatch(
      /<h1>CORS: PUT http:\/\/127\.0\.0\.1:5174\/s\/preflight-401-no-cors — PreflightMissingAllowOriginHeader<\/h1>/,
    );
    expect(out).toContain("<h2>What failed</h2>");
    expect(out).toContain("<h2>Evidence</h2>");
    expect(out).toContain("<h2>Fix (Express");
    expect(out).toContain("<h2>Reproduce from a terminal</h2>");
    expect(out).toMatch(/<code class="language-sh">[^<]*curl /);
    expect(out).toContain("cors-lens check");
    // Tables render as tables, with the header at fault marked in the response headers.
    expect((out.match(/<table>/g) ?? []).length).toBeGreaterThanOrEqual(4);
    expect(out).toContain("Deeper cause:");
    expect(out).toContain("never sent");
  });

  it("keeps pipes, backticks and angle brackets in header values inside their cell", () => {
    const r = record("acao-list");
    r.exchange.hops[0]!.request.responseHeaders!.push({ name: "X-Odd", value: "a|b `c` <script>" });
    const out = html(ticketSection(r, ctx));
    expect(out).toContain("<code>a|b `c` &lt;script&gt;</code>");
    expect(out).not.toContain("<script>");
  });

  it("masks the session cookie, tokens in URLs and Authorization by default", () => {
    const records = ["wildcard-with-credentials", "authorization-not-allowed", "credentials-header-missing"].map(
      record,
    );
    const text = markdownReport(records, ctx);
    expect(text).not.toContain("SECRET-lab-session");
    expect(text).not.toContain("abc123secret");
    expect(text).toContain("[redacted]");
    expect(markdownReport(records, { ...ctx, includeSecrets: true })).toContain("SECRET-lab-session");
  });

  it("reports blocked calls in full and lists the others in one table", () => {
    const out = html(markdownReport([record("simple-get-ok"), record("missing-acao")], ctx));
    expect(out).toMatch(/<h1>CORS Lens report: 1 blocked call<\/h1>/);
    expect(out).toContain("<h2>CORS: GET");
    expect(out).toContain("<h2>Other cross-origin calls</h2>");
  });
});
