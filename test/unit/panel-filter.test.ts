// The panel's filter: views, terms, exclusions, and refining a narrowing query gives what a full search gives.

import { describe, expect, it } from "vitest";
import { countsOf, refine, visibleRows } from "../../panel/filter";
import { toRecord } from "../../src/store/call-record";
import { SCENARIOS } from "../corpus/scenarios";
import { simulate } from "../corpus/simulate";
import { replay } from "./replay";

const records = SCENARIOS.map((s, i) => toRecord(replay(simulate(s, undefined, 1000 + i * 10)).exchanges[0]!));
const ids = (rows: { exchange: { url: string } }[]) => rows.map((r) => r.exchange.url.split("/s/")[1]);

describe("panel filter", () => {
  it("views split blocked, preflighted and warned calls", () => {
    const c = countsOf(records);
    expect(visibleRows(records, "blocked", "")).toHaveLength(c.blocked);
    expect(visibleRows(records, "all", "")).toHaveLength(records.length);
    expect(visibleRows(records, "preflighted", "").every((r) => r.exchange.hops.some((h) => h.preflight))).toBe(true);
    expect(c.blocked + c.allowed + c.failed).toBe(records.length);
  });

  it("matches URL, code and header terms, all of them, case-insensitively; -term excludes", () => {
    const wildcard = ids(visibleRows(records, "all", "wildcard"));
    expect(wildcard).toContain("wildcard-with-credentials");
    expect(ids(visibleRows(records, "all", "WILDCARD"))).toEqual(wildcard);
    expect(ids(visibleRows(records, "all", "www-authenticate"))).toEqual(["preflight-401-no-cors"]);
    expect(ids(visibleRows(records, "blocked", "acao- -null -list"))).not.toContain("acao-null");
    // The browser's own request headers are not searched (every call has a User-Agent), the page's are.
    const withUa = records.map((r) => ({
      ...r,
      exchange: {
        ...r.exchange,
        hops: r.exchange.hops.map((h) => ({
          ...h,
          request: {
            ...h.request,
            requestHeaders: [...(h.request.requestHeaders ?? []), { name: "User-Agent", value: "Chrome/156" }],
          },
        })),
      },
    }));
    expect(visibleRows(withUa, "all", "user-agent")).toHaveLength(0);
    expect(ids(visibleRows(withUa, "all", "x-zeta"))).toEqual(["two-headers-not-allowed"]);
  });

  it("refining a narrowing query equals searching from scratch", () => {
    let state = null;
    for (const q of ["p", "pr", "pre", "preflight", "preflight 401", "preflight 40", "x", "x-"]) {
      state = refine(state, records, "all", q);
      expect(ids(state.rows)).toEqual(ids(visibleRows(records, "all", q)));
    }
  });
});
