// DevTools' HAR entries as capture events: blocked calls, failed preflights, redirects and what is never CORS.

import { describe, expect, it } from "vitest";
import {
  harCallOf,
  HarEvents,
  isHarCall,
  isUnsentFailure,
  startsWorker,
  type HarEntryLike,
} from "../../src/capture/har";
import { diagnose } from "../../src/diagnose/diagnose";
import { notSentReason } from "../../src/diagnose/summary";
import { replay } from "./replay";

const PAGE = "http://127.0.0.1:5173";
const API = "http://localhost:5174";
let clock = Date.parse("2026-11-30T10:00:00Z");

/** A HAR entry as chrome.devtools.network gives it (the fields CORS Lens reads). */
function entry(
  method: string,
  url: string,
  status: number,
  response: [string, string][],
  request: [string, string][] = status > 0 ? [["Origin", PAGE]] : [],
  extra: { type?: string; error?: string | null } = {},
): HarEntryLike {
  clock += 10;
  return {
    startedDateTime: new Date(clock).toISOString(),
    time: 4,
    request: { url, method, headers: request.map(([name, value]) => ({ name, value })) },
    response: { status, headers: response.map(([name, value]) => ({ name, value })), _error: extra.error ?? null },
    _resourceType: extra.type ?? "fetch",
  };
}

function exchangesOf(...entries: HarEntryLike[]) {
  const har = new HarEvents(7, () => PAGE);
  const calls = entries.map(harCallOf).filter((c) => c !== null);
  return replay(calls.flatMap((c) => har.eventsOf(c))).exchanges;
}

describe("HAR entries as capture events", () => {
  it("a blocked simple GET: the response headers DevTools kept, and Chrome's verdict", () => {
    const [x, ...rest] = exchangesOf(
      entry("GET", `${API}/a`, 200, [["Access-Control-Allow-Origin", "https://app.example.com"]], undefined, {
        error: "net::ERR_FAILED",
      }),
    );
    expect(rest).toHaveLength(0);
    expect(x!.tabId).toBe(7);
    expect(x!.outcome).toBe("failed");
    expect(x!.initiator).toBe(PAGE);
    const d = diagnose(x!);
    expect(d.code).toBe("AllowOriginMismatch");
    expect(d.received).toBe("https://app.example.com");
  });

  it("a preflight that failed, paired with the call that was never sent", () => {
    const [x, ...rest] = exchangesOf(
      entry(
        "OPTIONS",
        `${API}/p`,
        401,
        [["WWW-Authenticate", "Bearer"]],
        [
          ["Origin", PAGE],
          ["Access-Control-Request-Method", "PUT"],
          ["Access-Control-Request-Headers", "content-type"],
        ],
        { type: "preflight" },
      ),
      entry("PUT", `${API}/p`, 0, [], [["Content-Type", "application/json"]], { error: "net::ERR_FAILED" }),
    );
    expect(rest).toHaveLength(0);
    expect(x!.method).toBe("PUT");
    expect(x!.hops[0]!.preflight?.statusCode).toBe(401);
    expect(x!.hops[0]!.request.sent).toBe(false);
    expect(diagnose(x!).code).toBe("PreflightMissingAllowOriginHeader");
  });

  it("a preflight Local Network Access stopped before any response is still the call's preflight, not a call", () => {
    const [x, ...rest] = exchangesOf(
      entry(
        "OPTIONS",
        `${API}/lna`,
        0,
        [],
        [
          ["Origin", PAGE],
          ["Access-Control-Request-Method", "PUT"],
        ],
        { type: "preflight", error: "net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS" },
      ),
      entry("PUT", `${API}/lna`, 0, [], [["Content-Type", "application/json"]], { error: "net::ERR_FAILED" }),
    );
    expect(rest).toHaveLength(0);
    expect(x!.method).toBe("PUT");
    expect(x!.hops[0]!.preflight?.error).toBe("net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS");
    expect(x!.hops[0]!.preflight?.responseHeaders).toBeNull();
    expect(diagnose(x!).code).toBe("LocalNetworkAccessPermissionDenied");
    expect(notSentReason(x!, x!.hops[0]!.request)).toContain("its preflight failed");
    // A simple call Local Network Access stopped had no step before it to blame.
    const [get] = exchangesOf(entry("GET", `${API}/lna-get`, 0, [], [], { error: "net::ERR_FAILED" }));
    expect(get!.hops[0]!.request.sent).toBe(false);
    expect(notSentReason(get!, get!.hops[0]!.request)).toBe(
      "The browser stopped this request before it went out (net::ERR_FAILED): no request headers left the page.",
    );
  });

  it("a redirected preflight: Chrome's verdict needs the preflight first, so a call never sent is held for it", () => {
    const preflight = () =>
      entry(
        "OPTIONS",
        `${API}/r`,
        302,
        [["Location", `${API}/elsewhere`]],
        [
          ["Origin", PAGE],
          ["Access-Control-Request-Method", "PUT"],
        ],
        { type: "preflight", error: "net::ERR_FAILED" },
      );
    const put = () => entry("PUT", `${API}/r`, 0, [], [], { error: "net::ERR_FAILED" });
    expect(diagnose(exchangesOf(preflight(), put())[0]!).code).toBe("PreflightDisallowedRedirect");
    // DevTools may list the call first (seen in about one run in three); taken in that order it reads as a network error.
    expect(diagnose(exchangesOf(put(), preflight())[0]!).outcome).not.toBe("blocked");
    // So the capture controller holds exactly such calls for a moment: never sent, failed, not a preflight.
    expect(isUnsentFailure(harCallOf(put())!)).toBe(true);
    expect(isUnsentFailure(harCallOf(preflight())!)).toBe(false);
    const answered = entry("GET", `${API}/a`, 200, [], undefined, { error: "net::ERR_FAILED" });
    expect(isUnsentFailure(harCallOf(answered)!)).toBe(false);
  });

  it("a call that passed: completed, nothing to explain", () => {
    const [x] = exchangesOf(entry("GET", `${API}/ok`, 200, [["Access-Control-Allow-Origin", PAGE]]));
    expect(x!.outcome).toBe("completed");
    expect(diagnose(x!).outcome).toBe("allowed");
  });

  it("a call DevTools marks aborted after its response arrived (a HEAD) passed CORS, as webRequest says", () => {
    const [x] = exchangesOf(
      entry("HEAD", `${API}/h`, 200, [["Access-Control-Allow-Origin", PAGE]], undefined, { error: "net::ERR_ABORTED" }),
    );
    expect(x!.outcome).toBe("completed");
    expect(diagnose(x!).outcome).toBe("allowed");
    // Aborted before any response: still a failure, and not a CORS one.
    const [y] = exchangesOf(entry("GET", `${API}/gone`, 0, [], [], { error: "net::ERR_ABORTED" }));
    expect(diagnose(y!).cause?.kind).toBe("not-cors");
  });

  it("a redirect's hops, listed apart by DevTools, are one call", () => {
    const exchanges = exchangesOf(
      entry("GET", `${API}/r`, 302, [
        ["Location", "/r2"],
        ["Access-Control-Allow-Origin", PAGE],
      ]),
      entry("GET", `${API}/r2`, 200, [["Access-Control-Allow-Origin", "*"]], [["Origin", "null"]], {
        error: "net::ERR_FAILED",
      }),
    );
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]!.hops.map((h) => h.request.url)).toEqual([`${API}/r`, `${API}/r2`]);
    expect(exchanges[0]!.outcome).toBe("failed");
  });

  it("a redirect whose next hop's preflight fails: the preflight is that hop's, not the hop", () => {
    const next = "http://127.0.0.1:5175/r2";
    const announce: [string, string][] = [
      ["Access-Control-Request-Method", "PUT"],
      ["Access-Control-Request-Headers", "content-type"],
    ];
    const exchanges = exchangesOf(
      entry("PUT", `${API}/r`, 307, [
        ["Location", next],
        ["Access-Control-Allow-Origin", PAGE],
      ]),
      // The Origin of a preflight after a cross-origin redirect is "null"; the caller is still the page.
      entry("OPTIONS", next, 204, [["Access-Control-Allow-Methods", "PUT"]], [["Origin", "null"], ...announce], {
        type: "preflight",
      }),
      entry("PUT", next, 0, [], [], { error: "net::ERR_FAILED" }),
    );
    expect(exchanges).toHaveLength(1);
    const [first, second] = exchanges[0]!.hops;
    expect(second!.request.url).toBe(next);
    expect(second!.preflight?.statusCode).toBe(204);
    expect(first!.request.statusCode).toBe(307);
    expect(diagnose(exchanges[0]!).code).toBe("PreflightMissingAllowOriginHeader");
  });

  it("leaves out what is never a CORS request, and same-origin calls", () => {
    expect(harCallOf(entry("GET", `${PAGE}/`, 200, [], [], { type: "document" }))).toBeNull();
    expect(harCallOf(entry("GET", "data:text/plain,hi", 200, []))).toBeNull();
    expect(harCallOf({ ...entry("GET", `${API}/x`, 200, []), startedDateTime: "not a date" })).toBeNull();
    expect(exchangesOf(entry("GET", `${PAGE}/same`, 200, [], []))).toHaveLength(0);
    // What the browser marks as same-origin never reaches the worker.
    expect(harCallOf(entry("GET", `${PAGE}/app.js`, 200, [], [["Sec-Fetch-Site", "same-origin"]]))).toBeNull();
    expect(harCallOf(entry("GET", `${API}/x`, 200, [], [["Sec-Fetch-Site", "same-site"]]))).not.toBeNull();
  });

  it("tells a worker's script from other requests", () => {
    expect(startsWorker(entry("GET", `${PAGE}/w.js`, 200, [], [["Sec-Fetch-Dest", "worker"]]))).toBe(true);
    expect(startsWorker(entry("GET", `${PAGE}/s.js`, 200, [], [["sec-fetch-dest", "sharedworker"]]))).toBe(true);
    expect(startsWorker(entry("GET", `${PAGE}/a.js`, 200, [], [["Sec-Fetch-Dest", "script"]]))).toBe(false);
    expect(startsWorker(entry("GET", `${API}/x`, 200, []))).toBe(false);
  });

  it("accepts only well-formed calls from a message", () => {
    const good = harCallOf(entry("GET", `${API}/a`, 200, []))!;
    expect(isHarCall(good)).toBe(true);
    for (const bad of [null, 1, {}, { ...good, status: "200" }, { ...good, requestHeaders: [{ value: "x" }] }])
      expect(isHarCall(bad)).toBe(false);
  });
});
