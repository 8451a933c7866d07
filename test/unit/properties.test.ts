// Property-based tests: for any headers, methods, URLs and redirect chains the engine never throws and always decides.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CaptureEvent } from "../../src/capture/events";
import { corsCheck } from "../../src/cors/check";
import { CORS_ERRORS } from "../../src/cors/codes";
import type { Header } from "../../src/cors/headers";
import { unsafeRequestHeaderNames } from "../../src/cors/safelist";
import { diagnose } from "../../src/diagnose/diagnose";
import { replay } from "./replay";

const corsNames = [
  "Access-Control-Allow-Origin",
  "access-control-allow-origin",
  "Access-Control-Allow-Credentials",
  "Access-Control-Allow-Methods",
  "Access-Control-Allow-Headers",
  "Access-Control-Max-Age",
  "Location",
  "Access-Control-Request-Method",
  "Access-Control-Request-Headers",
  "Origin",
  "Cookie",
];
const headerName = fc.oneof(fc.constantFrom(...corsNames), fc.string({ maxLength: 20 }));
const headerValue = fc.oneof(
  fc.constantFrom("*", "null", "true", "http://127.0.0.1:5173", "PUT, DELETE", "x-a,x-b", "", " ", "http://a:1:2"),
  fc.string({ maxLength: 60 }),
  fc.string({ unit: "binary", maxLength: 40 }),
);
const headers = fc.array(fc.record({ name: headerName, value: headerValue }), { maxLength: 12 });
const url = fc.oneof(
  fc.constantFrom(
    "http://127.0.0.1:5174/a",
    "http://localhost:5174/b",
    "http://[::1]:8080/c",
    "http://xn--bcher-kva.example/d",
    "http://user:pw@127.0.0.1:5174/e",
    "data:text/plain,hi",
    "blob:http://127.0.0.1:5173/uuid",
    "not a url",
  ),
  fc.webUrl(),
);
const method = fc.oneof(
  fc.constantFrom("GET", "POST", "PUT", "patch", "OPTIONS", "DELETE", "get"),
  fc.string({ maxLength: 8 }),
);
const status = fc.oneof(fc.constantFrom(200, 204, 301, 302, 307, 401, 404, 500), fc.integer({ min: 0, max: 999 }));

/** One webRequest-shaped event with random content for a small pool of request ids. */
const event: fc.Arbitrary<CaptureEvent> = fc
  .record({
    kind: fc.constantFrom("send", "headers", "completed", "error"),
    requestId: fc.constantFrom("1", "2", "3", "4"),
    url,
    method,
    statusCode: status,
    headers,
    initiator: fc.option(fc.constantFrom("http://127.0.0.1:5173", "null", "http://localhost:5174"), { nil: undefined }),
    type: fc.constantFrom("xmlhttprequest", "font", "image", "script"),
    timeStamp: fc.integer({ min: 0, max: 1e6 }),
  })
  .map((r): CaptureEvent => {
    const base = {
      requestId: r.requestId,
      url: r.url,
      method: r.method,
      tabId: 1,
      frameId: 0,
      type: r.type,
      initiator: r.initiator,
      timeStamp: r.timeStamp,
    };
    if (r.kind === "send") return { kind: "send", event: { ...base, requestHeaders: r.headers } };
    if (r.kind === "headers")
      return { kind: "headers", event: { ...base, statusCode: r.statusCode, responseHeaders: r.headers } };
    if (r.kind === "completed") return { kind: "completed", event: { ...base, statusCode: r.statusCode } };
    return { kind: "error", event: { ...base, error: "net::ERR_FAILED" } };
  });

describe("engine properties", () => {
  it("any event sequence: capture never throws, and every finished call gets a verdict", () => {
    let diagnosed = 0;
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), (events) => {
        const { exchanges } = replay(events);
        diagnosed += exchanges.length;
        for (const x of exchanges) {
          const d = diagnose(x);
          expect(["blocked", "allowed", "network-error"]).toContain(d.outcome);
          if (d.outcome === "blocked") expect(CORS_ERRORS).toContain(d.code);
          else expect(d.code).toBeNull();
          expect(typeof d.summary).toBe("string");
          expect(d.summary.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 400 },
    );
    // The generator must reach the engine, not only the early exits.
    expect(diagnosed).toBeGreaterThan(100);
  });

  it("the CORS check decides for any response headers and credentials mode", () => {
    fc.assert(
      fc.property(
        headers,
        fc.constantFrom("omit", "same-origin", "include") as fc.Arbitrary<"omit" | "include">,
        (h, c) => {
          const f = corsCheck(h as Header[], "http://127.0.0.1:5173", c);
          if (f) expect(CORS_ERRORS).toContain(f.code);
        },
      ),
    );
  });

  it("echoing the exact origin always passes without credentials", () => {
    fc.assert(
      fc.property(fc.webUrl(), headers, (u, extra) => {
        const origin = new URL(u).origin;
        const h = [
          ...extra.filter((x) => x.name.toLowerCase() !== "access-control-allow-origin"),
          { name: "Access-Control-Allow-Origin", value: origin },
        ];
        expect(corsCheck(h, origin, "omit")).toBeNull();
      }),
    );
  });

  it("unsafe request-header names are always lower-case, sorted and unique", () => {
    fc.assert(
      fc.property(headers, (h) => {
        const names = unsafeRequestHeaderNames(h);
        expect(names).toEqual([...new Set(names.map((n) => n.toLowerCase()))].sort());
      }),
    );
  });
});
