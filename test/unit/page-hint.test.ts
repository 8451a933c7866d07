// Page hints: reading every frame of a tab (calls from DevTools' record have no frame) and matching one to a call.

import { describe, expect, it } from "vitest";
import { hintsFromFrames, matchHint, type PageHint } from "../../src/capture/page-hint";

const hint = (url: string, at: number, credentials: PageHint["credentials"] = "same-origin"): PageHint => ({
  url,
  method: "GET",
  credentials,
  api: "fetch",
  callSite: null,
  at,
});

describe("hints read from every frame", () => {
  const a = "http://api.test/a";
  const b = "http://api.test/b";

  it("merges each URL's hints across frames, each naming the frame whose hook saw the call", () => {
    const merged = hintsFromFrames(2, [
      { frameId: 0, result: [[hint(a, 10)], []] },
      { frameId: 7, result: [[], [hint(b, 20, "include")]] },
    ]);
    expect(merged[0]!.map((h) => h.frameId)).toEqual([0]);
    expect(merged[1]).toEqual([{ ...hint(b, 20, "include"), frameId: 7 }]);
    expect(matchHint(merged[1]!, b, "get", 25)?.frameId).toBe(7);
  });

  it("takes a frame that answered nothing (no hook, or gone) as having no hints", () => {
    const merged = hintsFromFrames(1, [
      { frameId: 0 },
      { frameId: 3, result: null },
      { frameId: 4, result: [[hint(a, 5)]] },
    ]);
    expect(merged).toEqual([[{ ...hint(a, 5), frameId: 4 }]]);
  });

  it("matches the latest call made before the exchange began, whichever frame made it", () => {
    const merged = hintsFromFrames(1, [
      { frameId: 0, result: [[hint(a, 10)]] },
      { frameId: 2, result: [[hint(a, 30, "include")]] },
      { frameId: 5, result: [[hint(a, 500)]] },
    ]);
    expect(matchHint(merged[0]!, a, "GET", 40)).toMatchObject({ frameId: 2, credentials: "include" });
  });
});
