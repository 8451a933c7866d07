// Passive security warnings: each kind on hand-built calls, none on the corpus's sound calls, per-tab history notes.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, auditWarnings, BUSY_CALLS, type PassiveKind } from "../../src/audit/passive";
import type { Exchange, Hop, Step } from "../../src/capture/exchange";
import type { CredentialsMode } from "../../src/cors/check";
import { main } from "../../src/cli/main";
import { toRecord, type CallRecord } from "../../src/store/call-record";
import type { Scenario } from "../corpus/scenario";
import { SCENARIOS } from "../corpus/scenarios";
import { simulate } from "../corpus/simulate";
import { startLab, type Lab } from "../lab/server";
import { replay } from "./replay";

const PAGE = "https://app.example.com";
const API = "https://api.example.com/data";

type H = [string, string][];

function step(method: string, request: H, status: number, response: H, url = API): Step {
  return {
    url,
    method,
    sent: true,
    statusCode: status,
    requestHeaders: request.map(([name, value]) => ({ name, value })),
    responseHeaders: response.map(([name, value]) => ({ name, value })),
    startedAt: 1_700_000_000_000,
    endedAt: 1_700_000_000_010,
    error: null,
  };
}

let nextId = 1;
function call(hops: Hop[], method = "GET"): Exchange {
  return {
    id: `x${nextId++}`,
    tabId: 1,
    frameId: 0,
    type: "xmlhttprequest",
    initiator: PAGE,
    url: hops[0]!.request.url,
    method,
    startedAt: 1_700_000_000_000,
    hops,
    outcome: "completed",
    error: null,
  };
}

/** A GET from PAGE answered with these headers. */
const get = (response: H, request: H = [], url = API): Exchange =>
  call([{ preflight: null, request: step("GET", [["Origin", PAGE], ...request], 200, response, url) }]);

/** A PUT whose preflight got `preflight` and whose request got `response`. */
const put = (preflight: H, response: H = [["Access-Control-Allow-Origin", PAGE]], request: H = []): Exchange =>
  call(
    [
      {
        preflight: step(
          "OPTIONS",
          [["Origin", PAGE], ["Access-Control-Request-Method", "PUT"], ...request],
          204,
          preflight,
        ),
        request: step("PUT", [["Origin", PAGE]], 200, response),
      },
    ],
    "PUT",
  );

const kinds = (e: Exchange, credentials: CredentialsMode | "unknown" = "unknown"): Record<string, string> =>
  Object.fromEntries(auditWarnings(e, credentials).map((n) => [n.kind, n.severity]));

const ACAO = "Access-Control-Allow-Origin";
const ACAC: [string, string] = ["Access-Control-Allow-Credentials", "true"];

describe("passive warnings, one kind at a time", () => {
  it("null-origin-allowed: low, high with credentials", () => {
    expect(kinds(get([[ACAO, "null"]]))).toEqual({ "null-origin-allowed": "low" });
    expect(kinds(get([[ACAO, "null"], ACAC]))).toEqual({ "null-origin-allowed": "high" });
    expect(kinds(get([[ACAO, PAGE]]))).toEqual({});
  });

  it("credentials-with-wildcard: * with Allow-Credentials: true", () => {
    expect(kinds(get([[ACAO, "*"], ACAC]))).toEqual({ "credentials-with-wildcard": "low" });
    expect(kinds(get([[ACAO, "*"]]))).toEqual({});
    expect(
      kinds(
        get([
          [ACAO, "*"],
          ["Access-Control-Allow-Credentials", "TRUE"],
        ]),
      ),
    ).toEqual({});
  });

  it("wildcard-with-session-data: * on a call with a cookie, credentials or a Set-Cookie", () => {
    expect(kinds(get([[ACAO, "*"]], [["Cookie", "sid=1"]]))).toEqual({ "wildcard-with-session-data": "medium" });
    expect(kinds(get([[ACAO, "*"]]), "include")).toEqual({ "wildcard-with-session-data": "medium" });
    expect(
      kinds(
        get([
          [ACAO, "*"],
          ["Set-Cookie", "sid=2; Secure"],
        ]),
      ),
    ).toEqual({
      "wildcard-with-session-data": "medium",
    });
    expect(kinds(get([[ACAO, "*"]]), "same-origin")).toEqual({});
    expect(kinds(get([[ACAO, PAGE], ACAC], [["Cookie", "sid=1"]]))).toEqual({});
  });

  it("insecure-origin-trusted: an https API naming an http origin (loopback excepted)", () => {
    expect(kinds(get([[ACAO, "http://app.example.com"]]))).toEqual({ "insecure-origin-trusted": "medium" });
    expect(kinds(get([[ACAO, "http://app.example.com"], ACAC]))).toEqual({ "insecure-origin-trusted": "high" });
    expect(kinds(get([[ACAO, "http://localhost:3000"], ACAC]))).toEqual({});
    expect(kinds(get([[ACAO, "http://127.0.0.1:5173"]]))).toEqual({});
    expect(kinds(get([[ACAO, "http://app.example.com"]], [], "http://api.example.com/data"))).toEqual({});
  });

  it("allow-origin-without-vary: an echoed origin on a cacheable response without Vary: Origin", () => {
    const echo = (extra: H): Record<string, string> => kinds(get([[ACAO, PAGE], ...extra]));
    expect(echo([["Cache-Control", "public, max-age=600"]])).toEqual({ "allow-origin-without-vary": "medium" });
    expect(echo([["Cache-Control", "s-maxage=60"]])).toEqual({ "allow-origin-without-vary": "medium" });
    expect(echo([["Last-Modified", "Tue, 01 Jul 2025 10:00:00 GMT"]])).toEqual({
      "allow-origin-without-vary": "medium",
    });
    expect(echo([["Expires", "Tue, 01 Jul 2099 10:00:00 GMT"]])).toEqual({ "allow-origin-without-vary": "medium" });
    // Vary names Origin (in any case, among others, or *): fine.
    expect(
      echo([
        ["Cache-Control", "max-age=600"],
        ["Vary", "Accept-Encoding, origin"],
      ]),
    ).toEqual({});
    expect(
      echo([
        ["Cache-Control", "max-age=600"],
        ["Vary", "*"],
      ]),
    ).toEqual({});
    // The browser's cache keeps private responses too.
    expect(echo([["Cache-Control", "max-age=600, private"]])).toEqual({ "allow-origin-without-vary": "medium" });
    // No cache may keep it: nothing to poison.
    expect(
      echo([
        ["Cache-Control", "no-store"],
        ["Last-Modified", "Tue, 01 Jul 2025 10:00:00 GMT"],
      ]),
    ).toEqual({});
    expect(echo([["Cache-Control", "max-age=0"]])).toEqual({});
    // One response cannot tell an echo from a server that trusts one fixed origin: no freshness, no warning.
    expect(echo([])).toEqual({});
    expect(
      kinds(
        get([
          [ACAO, "*"],
          ["Cache-Control", "max-age=600"],
        ]),
      ),
    ).toEqual({});
  });

  it("max-age-above-browser-cap: above Chrome's 2 h (info), above Firefox's 24 h too (low), preflights only", () => {
    const ok: H = [
      [ACAO, PAGE],
      ["Access-Control-Allow-Methods", "PUT"],
    ];
    expect(kinds(put([...ok, ["Access-Control-Max-Age", "7200"]]))).toEqual({});
    expect(kinds(put([...ok, ["Access-Control-Max-Age", "7201"]]))).toEqual({ "max-age-above-browser-cap": "info" });
    expect(kinds(put([...ok, ["Access-Control-Max-Age", "31536000"]]))).toEqual({
      "max-age-above-browser-cap": "low",
    });
    expect(
      kinds(
        get([
          [ACAO, PAGE],
          ["Access-Control-Max-Age", "31536000"],
        ]),
      ),
    ).toEqual({});
  });

  it("wildcard-ignored-with-credentials: * in Allow-Methods/Headers when credentials are in play", () => {
    const wild: H = [
      [ACAO, PAGE],
      ["Access-Control-Allow-Methods", "*"],
      ["Access-Control-Allow-Headers", "*"],
    ];
    expect(kinds(put([...wild, ACAC]))).toEqual({ "wildcard-ignored-with-credentials": "low" });
    expect(auditWarnings(put([...wild, ACAC]), "unknown")[0]!.summary).toContain("Allow-Methods and -Headers");
    expect(
      kinds(
        put([
          [ACAO, PAGE],
          ["Access-Control-Allow-Headers", "*"],
        ]),
        "include",
      ),
    ).toEqual({
      "wildcard-ignored-with-credentials": "low",
    });
    expect(kinds(put(wild))).toEqual({});
  });

  it("private-network-broad: granted with * or null (high), or to a preflight that did not ask (medium)", () => {
    const pna: [string, string] = ["Access-Control-Allow-Private-Network", "true"];
    const asked: H = [["Access-Control-Request-Private-Network", "true"]];
    expect(kinds(put([[ACAO, "*"], pna], [[ACAO, "*"]], asked))).toMatchObject({ "private-network-broad": "high" });
    expect(kinds(put([[ACAO, PAGE], pna]))).toEqual({ "private-network-broad": "medium" });
    expect(kinds(put([[ACAO, PAGE], pna], undefined, asked))).not.toHaveProperty("private-network-broad");
  });

  it("private-network-access-deprecated: a preflight that asked for Private Network Access got it (info)", () => {
    const pna: [string, string] = ["Access-Control-Allow-Private-Network", "true"];
    const asked: H = [["Access-Control-Request-Private-Network", "true"]];
    const notes = auditWarnings(put([[ACAO, PAGE], pna], undefined, asked), "unknown");
    expect(notes.map((n) => [n.kind, n.severity])).toEqual([["private-network-access-deprecated", "info"]]);
    expect(notes[0]!.summary).toContain("Chrome 142+ replaced with the user's Local Network Access permission");
    expect(notes[0]!.summary).toContain("neither needed nor sufficient");
    expect(notes[0]!.summary).toContain("Keep the CORS headers");
    // Also beside a broad grant; not when the server sends nothing or the preflight did not ask.
    expect(kinds(put([[ACAO, "*"], pna], [[ACAO, "*"]], asked))).toEqual({
      "private-network-broad": "high",
      "private-network-access-deprecated": "info",
    });
    expect(kinds(put([[ACAO, PAGE]], undefined, asked))).toEqual({});
    expect(kinds(put([[ACAO, PAGE], pna]))).not.toHaveProperty("private-network-access-deprecated");
  });

  it("one note per kind per call, the most severe of its responses", () => {
    const hops: Hop[] = [
      {
        preflight: null,
        request: step("GET", [["Origin", PAGE]], 302, [
          [ACAO, "null"],
          ["Location", "/next"],
        ]),
      },
      { preflight: null, request: step("GET", [["Origin", "null"]], 200, [[ACAO, "null"], ACAC]) },
    ];
    const notes = auditWarnings(call(hops), "unknown");
    expect(notes.map((n) => [n.kind, n.severity])).toEqual([["null-origin-allowed", "high"]]);
  });

  it("every summary says the risk and the fix in one or two sentences", () => {
    const samples = [
      get([[ACAO, "null"], ACAC]),
      get([[ACAO, "*"], ACAC, ["Set-Cookie", "a=b"]]),
      get([
        [ACAO, "http://app.example.com"],
        ["Cache-Control", "max-age=60"],
      ]),
      get([
        [ACAO, PAGE],
        ["Cache-Control", "max-age=60"],
      ]),
      put([
        [ACAO, "*"],
        ["Access-Control-Max-Age", "86401"],
        ["Access-Control-Allow-Headers", "*"],
        ["Access-Control-Allow-Private-Network", "true"],
        ACAC,
      ]),
      put(
        [
          [ACAO, PAGE],
          ["Access-Control-Allow-Private-Network", "true"],
        ],
        undefined,
        [["Access-Control-Request-Private-Network", "true"]],
      ),
    ];
    const notes = samples.flatMap((e) => auditWarnings(e, "unknown"));
    expect(new Set(notes.map((n) => n.kind)).size).toBe(9);
    for (const n of notes) {
      const sentences = n.summary.split(/(?<=[.!?])\s+(?=[A-Z])/);
      expect(sentences.length, n.summary).toBeLessThanOrEqual(2);
      expect(n.summary, n.kind).toMatch(/\b(Send|Drop|Keep|Remove|Allow only|List|Grant)\b/);
    }
  });

  it("costs little per call: 10,000 three-step calls in well under a second", () => {
    const e = put(
      [
        [ACAO, PAGE],
        ["Access-Control-Allow-Methods", "PUT"],
        ["Access-Control-Max-Age", "600"],
        ["Content-Type", "text/plain"],
      ],
      [
        [ACAO, PAGE],
        ["Vary", "Origin"],
        ["Cache-Control", "max-age=60"],
        ["Content-Type", "application/json"],
      ],
    );
    const started = performance.now();
    for (let i = 0; i < 10_000; i++) auditWarnings(e, "same-origin");
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe("on the corpus, through the engine", () => {
  const SECURITY = new Set<string>([
    "null-origin-allowed",
    "credentials-with-wildcard",
    "wildcard-with-session-data",
    "insecure-origin-trusted",
    "allow-origin-without-vary",
    "max-age-above-browser-cap",
    "wildcard-ignored-with-credentials",
    "private-network-broad",
    "private-network-access-deprecated",
    "preflight-every-call",
  ] satisfies PassiveKind[]);
  /** Calls Chrome allows that are still risky, and why. */
  const RISKY: Record<string, string[]> = {
    // * with Allow-Credentials: true.
    "wildcard-ignores-credentials-header": ["credentials-with-wildcard"],
    // Allow-Origin: null after a tainting redirect.
    "redirect-cross-origin-null-ok": ["null-origin-allowed"],
  };
  const recordsOf = (s: Scenario, firstId = 1000): CallRecord[] =>
    replay(simulate(s, undefined, firstId)).exchanges.map(toRecord);

  for (const s of SCENARIOS.filter((x) => x.expect.code === null)) {
    it(`${s.id}: ${RISKY[s.id]?.join(", ") ?? "no security warning"}`, () => {
      for (const r of recordsOf(s)) {
        expect(r.diagnosis.outcome).toBe("allowed");
        const security = r.diagnosis.warnings.map((w) => w.kind).filter((k) => SECURITY.has(k));
        expect(security).toEqual(RISKY[s.id] ?? []);
      }
    });
  }

  it("blocked calls are linted too, and keep Chrome's verdict", () => {
    const [acaoNull] = recordsOf(SCENARIOS.find((s) => s.id === "acao-null")!);
    expect(acaoNull!.diagnosis.code).toBe("AllowOriginMismatch");
    expect(acaoNull!.diagnosis.warnings.map((w) => w.kind)).toContain("null-origin-allowed");
  });

  it("keeps the existing authorization-covered-by-wildcard warning", () => {
    const [r] = recordsOf(SCENARIOS.find((s) => s.id === "authorization-under-wildcard")!);
    expect(r!.diagnosis.warnings.map((w) => w.kind)).toEqual(["authorization-covered-by-wildcard"]);
  });

  it("auditLog finds nothing across the whole corpus", () => {
    const all = SCENARIOS.flatMap((s, i) => recordsOf(s, 1000 + i * 100));
    expect(auditLog(all)).toEqual([]);
  });
});

describe("auditLog: what only a tab's history shows", () => {
  const busy = (times: number, preflight: [string, string][]): Scenario => ({
    id: "busy-put",
    title: "A PUT made again and again",
    routes: [
      {
        path: "",
        options: { status: 204, headers: [[ACAO, "{origin}"], ["Access-Control-Allow-Methods", "PUT"], ...preflight] },
        response: { status: 200, headers: [[ACAO, "{origin}"]] },
      },
    ],
    request: { method: "PUT", headers: [["Content-Type", "application/json"]], times },
    expect: { code: null },
  });
  const records = (s: Scenario): CallRecord[] => replay(simulate(s)).exchanges.map(toRecord);

  it(`preflight-every-call: ${BUSY_CALLS} calls to one endpoint, each with its own preflight`, () => {
    const rs = records(busy(BUSY_CALLS + 1, [["Access-Control-Allow-Headers", "Content-Type"]]));
    const notes = auditLog(rs);
    expect(notes.map((n) => [n.kind, n.severity, n.endpoint])).toEqual([
      ["preflight-every-call", "low", "PUT http://127.0.0.1:5174/s/busy-put"],
    ]);
    expect(notes[0]!.callIds).toEqual(rs.map((r) => r.exchange.id));
    expect(notes[0]!.summary).toContain("no Access-Control-Max-Age");
    expect(notes[0]!.summary).toContain("Send Access-Control-Max-Age: 7200");
  });

  it("says what else defeats the cache when Max-Age is already long", () => {
    const rs = Array.from({ length: BUSY_CALLS }, () =>
      toRecord(
        put([
          [ACAO, PAGE],
          ["Access-Control-Allow-Methods", "PUT"],
          ["Access-Control-Max-Age", "600"],
        ]),
      ),
    );
    const [note] = auditLog(rs);
    expect(note?.kind).toBe("preflight-every-call");
    expect(note?.summary).toContain("although its preflight says Access-Control-Max-Age: 600");
    expect(note?.summary).toContain("credentials mode");
  });

  it("not for a quiet endpoint, nor one whose preflight the browser caches", () => {
    expect(auditLog(records(busy(BUSY_CALLS - 1, [["Access-Control-Allow-Headers", "Content-Type"]])))).toEqual([]);
    const cached = busy(BUSY_CALLS + 3, [
      ["Access-Control-Allow-Headers", "Content-Type"],
      ["Access-Control-Max-Age", "600"],
    ]);
    expect(auditLog(records(cached))).toEqual([]);
  });

  it("allow-origin-without-vary: one URL answering different origins without Vary: Origin", () => {
    const other = "https://admin.example.com";
    const twoOrigins = (extra: H): CallRecord[] => [
      toRecord(get([[ACAO, PAGE], ...extra])),
      toRecord(call([{ preflight: null, request: step("GET", [["Origin", other]], 200, [[ACAO, other], ...extra]) }])),
    ];
    const notes = auditLog(twoOrigins([]));
    expect(notes.map((n) => [n.kind, n.endpoint])).toEqual([["allow-origin-without-vary", API]]);
    expect(notes[0]!.summary).toContain(`'${PAGE}', '${other}'`);
    expect(auditLog(twoOrigins([["Vary", "Origin"]]))).toEqual([]);
    expect(auditLog(twoOrigins([["Cache-Control", "no-store"]]))).toEqual([]);
    expect(auditLog([toRecord(get([[ACAO, PAGE]])), toRecord(get([[ACAO, PAGE]]))])).toEqual([]);
  });

  it("is one pass: 20,000 records (four full tab logs) in well under a second", () => {
    const base = toRecord(
      put([
        [ACAO, PAGE],
        ["Access-Control-Allow-Methods", "PUT"],
      ]),
    );
    const many: CallRecord[] = Array.from({ length: 20_000 }, (_, i) => ({
      ...base,
      exchange: { ...base.exchange, id: `n${i}`, url: `${API}?page=${i % 200}` },
    }));
    const started = performance.now();
    const notes = auditLog(many);
    expect(performance.now() - started).toBeLessThan(1000);
    // Each URL was called 100 times, each with a preflight.
    expect(notes).toHaveLength(200);
  });
});

describe("the check command shows them", () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab();
  });
  afterAll(async () => {
    await lab.close();
  });

  it("an allowed call from a null origin still warns that null is trusted, and exits 0", async () => {
    let stdout = "";
    const code = await main(["check", `${lab.apiOrigin}/audit/null`, "--origin", "null"], {
      out: (t) => (stdout += t),
      err: () => {},
      color: false,
    });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^✔ allowed\n/);
    expect(stdout).toContain("Warning: Access-Control-Allow-Origin: null trusts every page with an opaque origin");
  });
});
