// The panel's state reducer: snapshots, batches, clears and restarts never duplicate or lose a row.

import { describe, expect, it } from "vitest";
import { reduce } from "../../panel/tab-log-state";
import type { TabStatus } from "../../src/protocol/messages";
import { DEFAULT_SETTINGS } from "../../src/protocol/settings";
import { toRecord } from "../../src/store/call-record";
import { SCENARIOS } from "../corpus/scenarios";
import { simulate } from "../corpus/simulate";
import { replay } from "./replay";

const records = SCENARIOS.slice(0, 6).map((s, i) =>
  toRecord(replay(simulate(s, undefined, 100 * (i + 1))).exchanges[0]!),
);
const status: TabStatus = {
  tabId: 7,
  pageUrl: "http://127.0.0.1:5173/",
  dropped: 0,
  preserveLog: false,
  settings: DEFAULT_SETTINGS,
  unattributed: 0,
};
const empty = { records: [], status: null };
const ids = (s: { records: { exchange: { id: string } }[] }) => s.records.map((r) => r.exchange.id);

describe("panel state", () => {
  it("replaces a shown record when the worker completes it (the page hook's hint came in), in place", () => {
    let s = reduce(empty, { type: "snapshot", records: records.slice(0, 3), status }, 7);
    const completed = {
      ...records[1]!,
      exchange: { ...records[1]!.exchange, hints: { credentials: "include" as const } },
    };
    s = reduce(s, { type: "added", tabId: 7, records: [completed, records[3]!], dropped: 0 }, 7);
    expect(ids(s)).toEqual(ids({ records: records.slice(0, 4) }));
    expect(s.records[1]).toBe(completed);
    // The first version and the completed one in the same batch: the later one wins.
    s = reduce(s, { type: "added", tabId: 7, records: [records[4]!, { ...records[4]! }], dropped: 0 }, 7);
    expect(ids(s)).toHaveLength(5);
  });

  it("adds batches once, even when a batch is delivered twice", () => {
    let s = reduce(empty, { type: "snapshot", records: records.slice(0, 2), status }, 7);
    s = reduce(s, { type: "added", tabId: 7, records: records.slice(2, 4), dropped: 0 }, 7);
    s = reduce(s, { type: "added", tabId: 7, records: records.slice(2, 4), dropped: 0 }, 7);
    expect(ids(s)).toEqual(records.slice(0, 4).map((r) => r.exchange.id));
  });

  it("keeps rows a restarted worker's snapshot lacks", () => {
    let s = reduce(empty, { type: "snapshot", records: records.slice(0, 3), status }, 7);
    s = reduce(s, { type: "snapshot", records: records.slice(0, 2), status }, 7);
    expect(ids(s)).toEqual(records.slice(0, 3).map((r) => r.exchange.id));
  });

  it("empties on clear and ignores other tabs", () => {
    let s = reduce(empty, { type: "snapshot", records, status }, 7);
    s = reduce(s, { type: "added", tabId: 8, records: records.slice(0, 1), dropped: 0 }, 7);
    expect(s.records).toHaveLength(records.length);
    s = reduce(s, { type: "cleared", tabId: 7, pageUrl: "http://127.0.0.1:5173/next" }, 7);
    expect(s.records).toEqual([]);
    expect(s.status?.pageUrl).toBe("http://127.0.0.1:5173/next");
  });

  it("trims to the log size, oldest first", () => {
    let s = reduce(
      empty,
      { type: "snapshot", records: [], status: { ...status, settings: { ...DEFAULT_SETTINGS, limit: 2 } } },
      7,
    );
    s = reduce(s, { type: "added", tabId: 7, records, dropped: 4 }, 7);
    expect(ids(s)).toEqual(records.slice(-2).map((r) => r.exchange.id));
    expect(s.status?.dropped).toBe(4);
  });
});
