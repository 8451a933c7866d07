// The console explanation: headed "CORS Lens:", with the header at fault, received and needed, fix and commands.

import { describe, expect, it } from "vitest";
import { briefOf, causeKey, explanationOf } from "../../src/report/explanation";
import { toRecord } from "../../src/store/call-record";
import { SCENARIOS } from "../corpus/scenarios";
import { simulate } from "../corpus/simulate";
import { replay } from "./replay";

const record = (id: string) => toRecord(replay(simulate(SCENARIOS.find((s) => s.id === id)!)).exchanges[0]!);

describe("console explanation", () => {
  it("heads the group with CORS Lens:, the method, the URL and the cause", () => {
    const e = explanationOf(record("missing-acao"), "headers");
    expect(e.title).toMatch(
      /^CORS Lens: GET http:\/\/127\.0\.0\.1:5174\/s\/missing-acao — The response has no Access-Control-Allow-Origin/,
    );
  });

  it("names the header, what it held and what it needed, and how to fix and reproduce it", () => {
    const e = explanationOf(record("acao-other-origin"), "nginx");
    const by = Object.fromEntries(e.entries.map((x) => [x.label, x.text]));
    expect(by["Header at fault"]).toContain("Access-Control-Allow-Origin");
    expect(by["Received"]).toBe("https://app.example.com");
    expect(by["Needed"]).toContain("http://127.0.0.1:5173");
    expect(by["Fix (nginx)"]).toContain("add_header");
    expect(by["Reproduce"]).toContain("curl");
    expect(by["Reproduce"]).toContain("cors-lens check");
  });

  it("masks secrets in the commands it prints", () => {
    const e = explanationOf(record("wildcard-with-credentials"), "headers");
    expect(JSON.stringify(e)).not.toContain("SECRET-lab-session");
  });
});

describe("repeats", () => {
  /** The same scenario's call to another URL (a query string), as a burst of identical failures makes. */
  const elsewhere = (id: string, query: string) => {
    const r = record(id);
    const hops = r.exchange.hops.map((h) => ({ ...h, request: { ...h.request, url: `${h.request.url}?${query}` } }));
    return { ...r, exchange: { ...r.exchange, url: `${r.exchange.url}?${query}`, hops } };
  };

  it("gives calls that failed alike one cause key, and different failures different keys", () => {
    const a = explanationOf(elsewhere("missing-acao", "n=1"), "express");
    const b = explanationOf(elsewhere("missing-acao", "n=2"), "express");
    expect(a.title).not.toBe(b.title);
    expect(causeKey(a)).toBe(causeKey(b));
    expect(causeKey(a)).not.toBe(causeKey(explanationOf(record("acao-other-origin"), "express")));
    expect(causeKey(a)).not.toBe(causeKey(explanationOf(elsewhere("missing-acao", "n=1"), "nginx")));
  });

  it("tells a repeat in brief: its own heading, Chrome's error, and where the full explanation is", () => {
    const full = explanationOf(elsewhere("missing-acao", "n=2"), "express");
    const brief = briefOf(full, "http://127.0.0.1:5174/first");
    expect(brief.title).toBe(full.title);
    expect(brief.title.startsWith("CORS Lens:")).toBe(true);
    expect(brief.entries.map((e) => e.label)).toEqual(["Chrome's error", "Same as"]);
    expect(brief.entries[1]!.text).toContain("http://127.0.0.1:5174/first");
  });
});
