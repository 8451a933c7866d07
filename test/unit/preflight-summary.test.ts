// A tab's preflights: cache lifetimes as Chromium and Firefox compute them, what Max-Age 7200 would save, the advice.

import { describe, expect, it } from "vitest";
import { effectiveCacheSeconds, preflightsNeeded } from "../../src/cors/preflight-cache";
import { buildExport } from "../../src/report/export";
import { preflightAdvice } from "../../src/report/preflight-advice";
import { preflightSummary } from "../../src/report/preflight-summary";
import { schemaErrors } from "../schema";
import { PAGE, preflighted, records, series } from "./preflight-exchanges";

const API = "http://api.example.test:5174";

describe("preflight cache lifetimes", () => {
  it("Chromium: 5 s without the header, 0 for a value that is not an unsigned integer, capped at 7200", () => {
    expect(effectiveCacheSeconds(null)).toBe(5);
    expect(effectiveCacheSeconds("600")).toBe(600);
    expect(effectiveCacheSeconds("86400")).toBe(7200);
    expect(effectiveCacheSeconds("-1")).toBe(0);
    expect(effectiveCacheSeconds("1h")).toBe(0);
    expect(effectiveCacheSeconds("0")).toBe(0);
  });

  it("Firefox: 5 s without the header, capped at 86400", () => {
    expect(effectiveCacheSeconds(null, "firefox")).toBe(5);
    expect(effectiveCacheSeconds("86400", "firefox")).toBe(86400);
    expect(effectiveCacheSeconds("999999", "firefox")).toBe(86400);
    expect(effectiveCacheSeconds("abc", "firefox")).toBe(0);
  });

  it("an entry serves calls that start after its answer arrived and before it expires", () => {
    const calls = [
      { startedAt: 0, endedAt: 50 },
      { startedAt: 10, endedAt: 60 }, // in flight: its own
      { startedAt: 100, endedAt: 150 }, // served by the first
      { startedAt: 5_060, endedAt: 5_100 }, // the second's entry (50..5060) just expired; the first's at 5050
    ];
    expect([...preflightsNeeded(calls, 5)].sort()).toEqual([0, 1, 3]);
    expect([...preflightsNeeded(calls, 7200)].sort()).toEqual([0, 1]);
  });
});

describe("preflight summary", () => {
  const tab = records([
    ...series(10, 1000, { url: `${API}/none`, took: 30 }),
    ...series(4, 1000, { url: `${API}/long`, maxAge: "7200", took: 10 }),
    ...series(3, 60_000, { url: `${API}/short`, maxAge: "30", took: 20 }),
  ]);

  it("counts the preflights and their time, per endpoint with its Max-Age and effective cache", () => {
    const s = preflightSummary(tab.map((r) => r.exchange));
    expect(s.preflights).toBe(17);
    expect(s.totalMs).toBe(10 * 30 + 4 * 10 + 3 * 20);
    const none = s.endpoints.find((e) => e.url.endsWith("/none"))!;
    expect(none).toMatchObject({ origin: PAGE, method: "PUT", count: 10, maxAge: null, effectiveCacheSeconds: 5 });
    // 1 s apart with a 5 s cache would mostly have been cached; these were sent, so 7200 spares all but the first.
    expect(none.savable).toEqual({ preflights: 9, ms: 270 });
    const long = s.endpoints.find((e) => e.url.endsWith("/long"))!;
    expect(long).toMatchObject({ maxAge: "7200", effectiveCacheSeconds: 7200, savable: { preflights: 0, ms: 0 } });
    const short = s.endpoints.find((e) => e.url.endsWith("/short"))!;
    expect(short).toMatchObject({ effectiveCacheSeconds: 30, savable: { preflights: 2, ms: 40 } });
    expect(s.savable).toEqual({ preflights: 11, ms: 310 });
    expect(s.endpoints[0]!.url).toBe(`${API}/none`);
  });

  it("gives Firefox's figure in Firefox", () => {
    const s = preflightSummary(
      records([{ url: `${API}/day`, at: 0, maxAge: "86400" }]).map((r) => r.exchange),
      "firefox",
    );
    expect(s.endpoints[0]!.effectiveCacheSeconds).toBe(86400);
  });

  it("never counts a failed preflight as savable (browsers cache only passed ones)", () => {
    const s = preflightSummary(
      records(series(3, 1000, { url: `${API}/refused`, preflightStatus: 403 })).map((r) => r.exchange),
    );
    expect(s.preflights).toBe(3);
    expect(s.savable.preflights).toBe(0);
  });

  it("is in the export, schema-valid, with each preflight's reasons", () => {
    const doc = buildExport(
      [
        ...tab,
        ...records([{ url: `${API}/h?token=abc`, at: 0, method: "POST", headers: [{ name: "X-Trace", value: "1" }] }]),
      ],
      {
        extensionVersion: "0.1.0",
        browser: { name: "chrome", version: "156" },
        pageUrl: PAGE,
      },
    );
    expect(schemaErrors(doc)).toEqual([]);
    expect(doc.preflightSummary?.preflights).toBe(18);
    expect(doc.requests[0]!.preflight?.reasons).toEqual([{ kind: "method", name: "PUT" }]);
    expect(doc.requests.at(-1)!.preflight?.reasons).toEqual([{ kind: "header", name: "x-trace" }]);
    expect(JSON.stringify(doc.preflightSummary)).not.toContain("abc");
  });
});

describe("preflight advice", () => {
  it("ranks Max-Age, dropping a header, and a stable URL by what each saves, with the stack's fix", () => {
    const tab = records([
      ...series(6, 1000, { url: `${API}/items`, maxAge: null }),
      ...series(
        3,
        1000,
        { url: `${API}/log`, method: "POST", headers: [{ name: "X-Requested-With", value: "x" }] },
        100,
      ),
      ...Array.from({ length: 4 }, (_, i) => ({ url: `${API}/feed?t=${i}`, at: 200 + i * 1000, maxAge: "600" })),
    ]);
    const advice = preflightAdvice(tab, { stack: "express" });
    expect(advice.map((a) => a.kind)).toEqual(["max-age", "drop-header", "stable-url"]);
    const maxAge = advice[0]!;
    // /items: 5 of 6; /log: 2 of 3 (the /feed URLs are one call each: nothing to cache).
    expect(maxAge.saves.preflights).toBe(7);
    expect(maxAge.fix?.snippet).toContain("maxAge: 7200");
    expect(advice[1]!.title).toContain("x-requested-with");
    expect(advice[1]!.saves.preflights).toBe(3);
    expect(advice[2]!.saves.preflights).toBe(3);
    expect(advice[2]!.detail).toContain("exact URL");
    for (const a of advice) expect(`${a.title} ${a.detail} ${a.fix?.snippet ?? ""}`).not.toMatch(/text\/plain/i);
  });

  it("suggests a cookie for Authorization only when the API is on the page's site, and says the trade-off", () => {
    const auth = [{ name: "Authorization", value: "Bearer t" }];
    const same = preflightAdvice(records(series(2, 1000, { url: `${API}/me`, method: "GET", headers: auth })));
    const cookie = same.find((a) => a.kind === "token-to-cookie")!;
    expect(cookie.detail).toMatch(/cross-site request forgery/);
    expect(cookie.detail).toMatch(/query string/);
    const cross = preflightAdvice(
      records(series(2, 1000, { url: "http://api.other.test/me", method: "GET", headers: auth })),
    );
    expect(cross.some((a) => a.kind === "token-to-cookie")).toBe(false);
    expect(cross.some((a) => a.kind === "drop-header")).toBe(false);
  });

  it("has nothing to say about a page without preflights", () => {
    const x = preflighted({ url: `${API}/a`, at: 0 });
    expect(
      preflightAdvice([
        {
          exchange: { ...x, hops: [{ preflight: null, request: x.hops[0]!.request }] },
          diagnosis: records([{ url: `${API}/a`, at: 0 }])[0]!.diagnosis,
        },
      ]),
    ).toEqual([]);
  });
});
