// Runs every corpus scenario through capture and diagnosis in Node and compares with Chrome's recorded verdict.

import { describe, expect, it } from "vitest";
import { diagnose } from "../../src/diagnose/diagnose";
import { SCENARIOS } from "../corpus/scenarios";
import { simulate } from "../corpus/simulate";
import { replay } from "./replay";

describe("corpus through the engine", () => {
  it("has unique scenario ids", () => {
    expect(new Set(SCENARIOS.map((s) => s.id)).size).toBe(SCENARIOS.length);
  });

  for (const scenario of SCENARIOS) {
    it(`${scenario.id}: ${scenario.expect.code ?? "allowed"}`, () => {
      const { exchanges, recorder } = replay(simulate(scenario));
      expect(exchanges).toHaveLength(1);
      expect(recorder.pendingCount).toBe(0);
      const d = diagnose(exchanges[0]!);
      expect(d.code).toBe(scenario.expect.code);
      expect(d.outcome).toBe(scenario.expect.code ? "blocked" : "allowed");
      if (scenario.expect.disallowed) {
        expect([...d.disallowed].sort()).toEqual([...scenario.expect.disallowed].sort());
        expect(scenario.expect.disallowed).toContain(d.failedParameter);
      }
      if (scenario.cause) expect(d.cause?.kind).toBe(scenario.cause);
      if (d.code) expect(d.summary.length).toBeGreaterThan(20);
    });
  }
});
