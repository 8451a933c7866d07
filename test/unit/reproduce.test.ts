// The reproduce commands: shell quoting, secrets masked, and every corpus call's `check` line re-diagnosed live.

import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main";
import { buildExport } from "../../src/report/export";
import type { ExportDocument } from "../../src/report/export-format";
import { NOT_CAPTURED, reproduce, shellQuote } from "../../src/report/reproduce";
import { toRecord, type CallRecord } from "../../src/store/call-record";
import { SCENARIOS } from "../corpus/scenarios";
import { FAKE_ORIGINS, simulate, type LabOrigins } from "../corpus/simulate";
import { startLab, type Lab } from "../lab/server";
import { replay } from "./replay";

const run = promisify(execFile);

/** The words a real POSIX shell makes of each command line (one shell for all): the proof the quoting is safe. */
async function shellWords(lines: readonly string[]): Promise<string[][]> {
  const END = "--end-of-line--";
  const script = lines.map((line) => `printf '%s\\0' ${line} ${END}`).join("\n");
  const { stdout } = await run("sh", ["-c", script]);
  const out: string[][] = [[]];
  for (const word of stdout.split("\0").slice(0, -1)) {
    if (word === END) out.push([]);
    else out.at(-1)!.push(word);
  }
  return out.slice(0, -1);
}

function recordsOf(id: string, origins: LabOrigins = FAKE_ORIGINS): CallRecord[] {
  const scenario = SCENARIOS.find((s) => s.id === id)!;
  return replay(simulate(scenario, origins)).exchanges.map(toRecord);
}
const recordOf = (id: string): CallRecord => recordsOf(id)[0]!;

describe("shellQuote", () => {
  it("leaves harmless words bare and single-quotes the rest", async () => {
    expect(shellQuote("http://127.0.0.1:5174/s/x")).toBe("http://127.0.0.1:5174/s/x");
    expect(shellQuote("")).toBe("''");
    const nasty = ["it's", "a b", "$(rm -rf /)", "`x`", 'say "hi"', "back\\slash", "semi;colon", "*", "~", "'", "a\tb"];
    expect(await shellWords([nasty.map(shellQuote).join(" ")])).toEqual([nasty]);
  });
});

describe("reproduce", () => {
  it("names origin, method and every author header, but no browser-added ones", () => {
    const { check, curl } = reproduce(recordOf("preflight-put-ok"));
    expect(check).toBe(
      `cors-lens check http://127.0.0.1:5174/s/preflight-put-ok --origin http://127.0.0.1:5173 --method PUT -H 'Content-Type: application/json'`,
    );
    expect(curl).toEqual([
      `curl -i -X OPTIONS http://127.0.0.1:5174/s/preflight-put-ok -H 'Origin: http://127.0.0.1:5173' -H 'Access-Control-Request-Method: PUT' -H 'Access-Control-Request-Headers: content-type'`,
      `curl -i -X PUT http://127.0.0.1:5174/s/preflight-put-ok -H 'Origin: http://127.0.0.1:5173' -H 'Content-Type: application/json'`,
    ]);
  });

  it("masks secret header values unless asked, and turns a Cookie into --credentials", () => {
    const auth = recordOf("authorization-under-wildcard");
    expect(reproduce(auth).check).toContain("-H 'Authorization: [redacted]'");
    expect(JSON.stringify(reproduce(auth))).not.toContain("lab-token-123");
    expect(reproduce(auth, { includeSecrets: true }).check).toContain("-H 'Authorization: Bearer lab-token-123'");

    const cookie = reproduce(recordOf("credentialed-ok"));
    expect(cookie.check).toMatch(/ --credentials$/);
    expect(cookie.check).not.toContain("Cookie");
    // curl has no cookie jar either, so its line carries the header (masked).
    expect(cookie.curl.at(-1)).toContain("-H 'Cookie: [redacted]'");
    expect(JSON.stringify(cookie)).not.toContain("SECRET-lab-session");
  });

  it("rebuilds the headers of a request never shown from its preflight's Access-Control-Request-Headers", () => {
    const { check, curl } = reproduce(recordOf("two-headers-not-allowed"));
    expect(check).toContain(`-H 'X-Alpha: ${NOT_CAPTURED}' -H 'X-Zeta: ${NOT_CAPTURED}'`);
    expect(curl).toHaveLength(2);
    expect(curl[0]).toContain("-H 'Access-Control-Request-Headers: x-alpha,x-zeta'");
  });

  it("gives each redirect hop its own curl, with the Origin that hop carried", () => {
    const { curl } = reproduce(recordOf("redirect-cross-origin-wildcard-ok"));
    expect(curl).toHaveLength(2);
    expect(curl[0]).toContain("-H 'Origin: http://127.0.0.1:5173'");
    expect(curl[1]).toContain("http://localhost:5174/s/redirect-cross-origin-wildcard-ok/2 -H 'Origin: null'");
  });

  it("keeps the preflight's normalised method and uses curl -I for HEAD", () => {
    expect(reproduce(recordOf("method-case-mismatch")).check).toContain("--method patch");
    expect(reproduce(recordOf("delete-lowercase-normalised")).check).toContain("--method DELETE");
    expect(reproduce(recordOf("head-ok")).curl).toEqual([
      "curl -I http://127.0.0.1:5174/s/head-ok -H 'Origin: http://127.0.0.1:5173'",
    ]);
  });

  it("is in every exported request", () => {
    const records = SCENARIOS.map((s) => recordOf(s.id));
    const doc = buildExport(records, {
      extensionVersion: "0.1.0",
      browser: { name: "chrome", version: "156" },
      pageUrl: FAKE_ORIGINS.page,
    });
    for (const r of doc.requests) {
      expect(r).toHaveProperty("reproduce.check", expect.stringMatching(/^cors-lens check /));
      expect(r).toHaveProperty("reproduce.curl", expect.arrayContaining([expect.stringMatching(/^curl /)]));
    }
  });
});

/**
 * Scenarios whose captured `check` line cannot give Chrome's verdict from a terminal, with the reason. None in the
 * corpus: the lab answers the same with or without the cookie (a Cookie header only implies --credentials), a
 * request hidden behind a failed preflight is rebuilt from the names its preflight announced, and a cached preflight
 * is simply sent again. What would belong here: a lower-case method such as 'patch' whose preflight passes (Node's
 * HTTP client upper-cases the method on the wire), or a server whose answer depends on the cookie's value.
 */
const NOT_REPRODUCIBLE: Record<string, string> = {};

describe("the check line of every captured corpus call reproduces Chrome's verdict (live lab)", () => {
  let lab: Lab;
  /** Per scenario: each captured call's record and its check line as the shell splits it. */
  const calls = new Map<string, { record: CallRecord; words: string[] }[]>();
  beforeAll(async () => {
    lab = await startLab();
    const origins = { page: lab.pageOrigin, api: lab.apiOrigin, alt: lab.altOrigin };
    // Every call of a scenario: a repeated one (cached preflight) is captured without its preflight.
    const records = SCENARIOS.flatMap((s) => recordsOf(s.id, origins).map((record) => ({ id: s.id, record })));
    const words = await shellWords(records.map(({ record }) => reproduce(record).check));
    records.forEach(({ id, record }, i) => calls.set(id, [...(calls.get(id) ?? []), { record, words: words[i]! }]));
  });
  afterAll(async () => {
    await lab.close();
  });

  for (const s of SCENARIOS.filter((x) => !(x.id in NOT_REPRODUCIBLE))) {
    it(`${s.id}: ${s.expect.code ?? "allowed"}`, async () => {
      for (const { record, words } of calls.get(s.id)!) {
        expect(record.diagnosis.code).toBe(s.expect.code);
        const [program, ...args] = words;
        expect(program).toBe("cors-lens");
        let stdout = "";
        const code = await main([...args, "--json"], { out: (t) => (stdout += t), err: () => {}, color: false });
        const doc = JSON.parse(stdout) as ExportDocument;
        expect(doc.requests[0]!.diagnosis.code).toBe(s.expect.code);
        expect(code).toBe(s.expect.code === null ? 0 : 1);
      }
    });
  }
});
