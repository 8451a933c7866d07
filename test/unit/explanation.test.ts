// The console explanation: headed "CORS Lens:", with the header at fault, received and needed, fix and commands.

import { describe, expect, it } from "vitest";
import { explanationOf } from "../../src/report/explanation";
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
