// Call records of corpus scenarios, as the engine diagnoses them in Node, for the fix tests.

import { toRecord, type CallRecord } from "../../src/store/call-record";
import { SCENARIOS } from "../corpus/scenarios";
import { FAKE_ORIGINS, simulate } from "../corpus/simulate";
import { replay } from "./replay";

export function recordOf(id: string): CallRecord {
  const scenario = SCENARIOS.find((s) => s.id === id);
  if (!scenario) throw new Error(`no scenario ${id}`);
  return toRecord(replay(simulate(scenario, FAKE_ORIGINS)).exchanges[0]!);
}
