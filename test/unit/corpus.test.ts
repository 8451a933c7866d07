// Runs every corpus scenario through capture and diagnosis in Node and compares with Chrome's recorded verdict.

import { describe, expect, it } from "vitest";
import { CORS_ERRORS } from "../../src/cors/codes";
import { diagnose } from "../../src/diagnose/diagnose";
import { SCENARIOS } from "../corpus/scenarios";
import { simulate } from "../corpus/simulate";
import { replay } from "./replay";

/** Codes a loopback page cannot produce through webRequest (local network access, or no request at all). */
const NOT_ON_LOOPBACK = new Set([
  "DisallowedByMode",
  "CorsDisabledScheme",
  "InvalidResponse",
  "InsecureLocalNetwork",
  "InvalidLocalNetworkAccess",
  "LocalNetworkAccessPermissionDenied",
]);

describe("corpus", () => {
  it("has at least 60 scenarios with unique ids", () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(60);
    expect(new Set(SCENARIOS.map((s) => s.id)).size).toBe(SCENARIOS.length);
  });

  it("covers every CorsError Chrome produces on loopback", () => {
    const covered = new Set(SCENARIOS.map((s) => s.expect.code));
    const missing = CORS_ERRORS.filter((c) => !NOT_ON_LOOPBACK.has(c) && !covered.has(c));
    expect(missing).toEqual([]);
  });
});

describe("corpus through the engine", () => {
  for (const scenario of SCENARIOS) {
    it(`${scenario.id}: ${scenario.expect.code ?? "allowed"}`, () => {
      const { exchanges, recorder } = replay(simulate(scenario));
      expect(exchanges).toHaveLength(scenario.request.times ?? 1);
      expect(recorder.pendingCount).toBe(0);
      for (const exchange of exchanges) {
        const d = diagnose(exchange);
        expect(d.code).toBe(scenario.expect.code);
        expect(d.outcome).toBe(scenario.expect.code ? "blocked" : "allowed");
        if (scenario.expect.disallowed) {
          expect([...d.disallowed].sort()).toEqual([...scenario.expect.disallowed].sort());
          expect(scenario.expect.disallowed).toContain(d.failedParameter);
        }
        if (scenario.cause) expect(d.cause?.kind).toBe(scenario.cause);
        if (scenario.warning) expect(d.warnings.map((w) => w.kind)).toContain(scenario.warning);
        if (scenario.assumes) expect(d.assumptions).not.toEqual([]);
        if (scenario.request.withCookie) expect(d.credentials).toBe("include");
        // A repeated preflighted call goes out without a preflight: the diagnosis says the cache was used.
        if (exchange !== exchanges[0]) expect(d.assumptions.join(" ")).toContain("cached preflight");
        if (d.code) expect(d.summary.length).toBeGreaterThan(20);
      }
    });
  }
});
