// Capture: preflights pair with their own actual request, redirects stay one exchange, same-origin traffic is ignored.

import { describe, expect, it } from "vitest";
import type { CaptureEvent, RawHeader } from "../../src/capture/events";
import { headerValue } from "../../src/cors/headers";
import { diagnose } from "../../src/diagnose/diagnose";
import { replay } from "./replay";

const PAGE = "http://127.0.0.1:5173";
const API = "http://127.0.0.1:5174/things";
let clock = 0;
const base = (requestId: string, method: string, url = API) => ({
  requestId,
  url,
  method,
  tabId: 3,
  frameId: 0,
  type: "xmlhttprequest",
  initiator: PAGE,
  timeStamp: ++clock,
});
const send = (id: string, method: string, requestHeaders: RawHeader[], url = API): CaptureEvent => ({
  kind: "send",
  event: { ...base(id, method, url), requestHeaders },
});
const got = (
  id: string,
  method: string,
  statusCode: number,
  responseHeaders: RawHeader[],
  url = API,
): CaptureEvent => ({
  kind: "headers",
  event: { ...base(id, method, url), statusCode, responseHeaders },
});
const done = (id: string, method: string, statusCode = 200, url = API): CaptureEvent => ({
  kind: "completed",
  event: { ...base(id, method, url), statusCode },
});
const fail = (id: string, method: string, url = API): CaptureEvent => ({
  kind: "error",
  event: { ...base(id, method, url), error: "net::ERR_FAILED" },
});
const preflightHeaders = (method: string, headers: string): RawHeader[] => [
  { name: "Access-Control-Request-Method", value: method },
  { name: "Access-Control-Request-Headers", value: headers },
  { name: "Origin", value: PAGE },
];
const allow: RawHeader[] = [
  { name: "Access-Control-Allow-Origin", value: PAGE },
  { name: "Access-Control-Allow-Methods", value: "PUT" },
  { name: "Access-Control-Allow-Headers", value: "x-a, x-b" },
];

describe("pairing", () => {
  it("pairs interleaved preflights by request id, not by arrival order", () => {
    // Two PUTs to one URL, with different headers; their preflights (ids +1) finish in the opposite order.
    const { exchanges } = replay([
      send("21", "OPTIONS", preflightHeaders("PUT", "x-b")),
      send("11", "OPTIONS", preflightHeaders("PUT", "x-a")),
      got("21", "OPTIONS", 204, allow),
      done("21", "OPTIONS", 204),
      got("11", "OPTIONS", 204, allow),
      done("11", "OPTIONS", 204),
      send("10", "PUT", [
        { name: "X-A", value: "1" },
        { name: "Origin", value: PAGE },
      ]),
      send("20", "PUT", [
        { name: "X-B", value: "1" },
        { name: "Origin", value: PAGE },
      ]),
      got("10", "PUT", 200, allow),
      got("20", "PUT", 200, allow),
      done("20", "PUT"),
      done("10", "PUT"),
    ]);
    expect(exchanges).toHaveLength(2);
    for (const x of exchanges) {
      const hop = x.hops[0]!;
      const sent = hop.request.requestHeaders!.find((h) => h.name.startsWith("X-"))!.name.toLowerCase();
      expect(headerValue(hop.preflight!.requestHeaders, "access-control-request-headers")).toBe(sent);
    }
  });

  it("pairs by the announced headers when concurrent ids interleave", () => {
    // Actual 10 (X-A) and 11 (X-B) start together; their preflights get ids 12 (x-a) and 13 (x-b), so 11 + 1 = 12
    // points at the wrong one.
    const { exchanges } = replay([
      send("12", "OPTIONS", preflightHeaders("PUT", "x-a")),
      send("13", "OPTIONS", preflightHeaders("PUT", "x-b")),
      got("12", "OPTIONS", 204, allow),
      done("12", "OPTIONS", 204),
      got("13", "OPTIONS", 204, allow),
      done("13", "OPTIONS", 204),
      send("11", "PUT", [
        { name: "X-B", value: "1" },
        { name: "Origin", value: PAGE },
      ]),
      send("10", "PUT", [
        { name: "X-A", value: "1" },
        { name: "Origin", value: PAGE },
      ]),
      done("11", "PUT"),
      done("10", "PUT"),
    ]);
    const announced = (id: string) =>
      headerValue(
        exchanges.find((x) => x.id === id)!.hops[0]!.preflight!.requestHeaders,
        "access-control-request-headers",
      );
    expect(announced("10")).toBe("x-a");
    expect(announced("11")).toBe("x-b");
  });

  it("pairs a failed preflight with the actual request that was never sent", () => {
    const { exchanges, recorder } = replay([
      send("31", "OPTIONS", preflightHeaders("PUT", "x-a")),
      got("31", "OPTIONS", 401, []),
      done("31", "OPTIONS", 401),
      fail("30", "PUT"),
    ]);
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]!.hops[0]!.preflight?.statusCode).toBe(401);
    expect(exchanges[0]!.hops[0]!.request.sent).toBe(false);
    expect(recorder.pendingCount).toBe(0);
  });

  it("never pairs a preflight sent for another method", () => {
    const { exchanges } = replay([
      send("41", "OPTIONS", preflightHeaders("DELETE", "")),
      got("41", "OPTIONS", 204, allow),
      done("41", "OPTIONS", 204),
      fail("40", "PUT"),
    ]);
    expect(exchanges[0]?.hops[0]?.preflight ?? null).toBeNull();
  });

  it("counts preflights whose request never came as orphans", () => {
    const { recorder } = replay([
      send("51", "OPTIONS", preflightHeaders("PUT", "")),
      got("51", "OPTIONS", 204, allow),
      done("51", "OPTIONS", 204),
    ]);
    recorder.sweep(clock + 120_000);
    expect(recorder.stats.orphanPreflights).toBe(1);
    expect(recorder.pendingCount).toBe(0);
  });
});

describe("scope and redirects", () => {
  it("ignores same-origin requests", () => {
    const url = `${PAGE}/local`;
    const { exchanges, recorder } = replay([
      send("60", "GET", [], url),
      got("60", "GET", 200, [], url),
      done("60", "GET", 200, url),
    ]);
    expect(exchanges).toHaveLength(0);
    expect(recorder.pendingCount).toBe(0);
  });

  it("keeps a redirected call as one exchange with a hop per URL", () => {
    const next = "http://localhost:5174/elsewhere";
    const { exchanges } = replay([
      send("70", "GET", [{ name: "Origin", value: PAGE }]),
      got("70", "GET", 302, [
        { name: "Location", value: next },
        { name: "Access-Control-Allow-Origin", value: PAGE },
      ]),
      send("70", "GET", [{ name: "Origin", value: "null" }], next),
      got("70", "GET", 200, [{ name: "Access-Control-Allow-Origin", value: "*" }], next),
      done("70", "GET", 200, next),
    ]);
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]!.hops.map((h) => h.request.url)).toEqual([API, next]);
    expect(exchanges[0]!.outcome).toBe("completed");
  });
});

describe("a call seen only as its failure", () => {
  it("says its headers were not seen (a worker restart), instead of calling it a network error", () => {
    const { exchanges } = replay([fail("90", "GET")]);
    expect(exchanges).toHaveLength(1);
    const d = diagnose(exchanges[0]!);
    expect(d.outcome).toBe("network-error");
    expect(d.cause?.kind).toBe("headers-not-seen");
    // Any other failure, or one whose headers were seen, keeps its own explanation.
    const refused = replay([{ kind: "error", event: { ...base("91", "GET"), error: "net::ERR_CONNECTION_REFUSED" } }])
      .exchanges[0]!;
    expect(diagnose(refused).cause?.kind).toBe("not-cors");
    const partly = replay([send("92", "GET", [{ name: "Origin", value: PAGE }]), fail("92", "GET")]).exchanges[0]!;
    expect(diagnose(partly).cause?.kind).toBe("headers-not-seen");
    const seen = replay([
      send("93", "GET", [{ name: "Origin", value: PAGE }]),
      got("93", "GET", 200, [{ name: "Access-Control-Allow-Origin", value: PAGE }]),
      fail("93", "GET"),
    ]).exchanges[0]!;
    expect(diagnose(seen).cause?.kind).not.toBe("headers-not-seen");
  });
});
