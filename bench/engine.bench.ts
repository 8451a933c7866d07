// The engine alone: diagnoses per second in Node over the corpus (capture from events, then diagnosis).

import { writeFileSync, mkdirSync } from "node:fs";
import { toRecord } from "../src/store/call-record";
import { SCENARIOS } from "../test/corpus/scenarios";
import { simulate } from "../test/corpus/simulate";
import { replay } from "../test/unit/replay";
import { median, table } from "./stats";

const exchanges = SCENARIOS.flatMap((s, i) => replay(simulate(s, undefined, 1000 + i * 10)).exchanges);
const events = SCENARIOS.map((s, i) => simulate(s, undefined, 1000 + i * 10));

function rate(fn: () => number, ms = 1500): number {
  const end = performance.now() + ms;
  let n = 0;
  const start = performance.now();
  while (performance.now() < end) n += fn();
  return n / ((performance.now() - start) / 1000);
}

const diagnoseRates: number[] = [];
const captureRates: number[] = [];
for (let round = 0; round < 5; round++) {
  diagnoseRates.push(
    rate(() => {
      for (const x of exchanges) toRecord(x);
      return exchanges.length;
    }),
  );
  captureRates.push(
    rate(() => {
      let n = 0;
      for (const e of events) n += replay(e).exchanges.map(toRecord).length;
      return n;
    }),
  );
}

const report = `# Engine throughput

Node ${process.version}, ${exchanges.length} corpus exchanges (${SCENARIOS.length} scenarios), 5 rounds of 1.5 s each.

${table(
  ["work", "median per second", "min–max per second"],
  [
    [
      "diagnose (Exchange → Diagnosis)",
      Math.round(median(diagnoseRates)).toLocaleString("en"),
      `${Math.round(Math.min(...diagnoseRates)).toLocaleString("en")}–${Math.round(Math.max(...diagnoseRates)).toLocaleString("en")}`,
    ],
    [
      "capture + diagnose (webRequest events → Diagnosis)",
      Math.round(median(captureRates)).toLocaleString("en"),
      `${Math.round(Math.min(...captureRates)).toLocaleString("en")}–${Math.round(Math.max(...captureRates)).toLocaleString("en")}`,
    ],
  ],
)}
`;
mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
writeFileSync(new URL("./results/engine.md", import.meta.url), report);
console.log(report);
