// Why a call was preflighted: each trigger named as the safelist decides it, and the preflight's own list wins.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Header } from "../../src/cors/headers";
import { isSafelistedMethod, normalizeMethod, unsafeRequestHeaderNames } from "../../src/cors/safelist";
import { needsPageHint } from "../../src/diagnose/diagnose";
import {
  describeReason,
  preflightTriggers,
  preflightUnexplained,
  reasonsOf,
} from "../../src/diagnose/preflight-reasons";
import { preflighted } from "./preflight-exchanges";

const API = "http://api.example.test:5174/things";

describe("preflight reasons", () => {
  it("names the method, each custom header and a safelisted header's unsafe value", () => {
    const reasons = preflightTriggers({
      method: "put",
      headers: [
        { name: "Content-Type", value: "application/json" },
        { name: "Authorization", value: "Bearer secret" },
        { name: "X-Api-Key", value: "k" },
        { name: "Accept", value: "*/*" },
      ],
    });
    expect(reasons).toEqual([
      { kind: "method", name: "PUT" },
      { kind: "header", name: "authorization" },
      { kind: "header-value", name: "content-type", value: "application/json" },
      { kind: "header", name: "x-api-key" },
    ]);
    expect(JSON.stringify(reasons)).not.toContain("secret");
  });

  it("keeps a lower-case patch as Fetch does (not normalised, so not safelisted)", () => {
    expect(preflightTriggers({ method: "patch", headers: [] })).toEqual([{ kind: "method", name: "patch" }]);
  });

  it("says a value over 128 bytes or with a forbidden byte is what failed", () => {
    const long = "a".repeat(129);
    const reasons = preflightTriggers({
      method: "GET",
      headers: [
        { name: "Accept", value: "text/html(" },
        { name: "Accept-Language", value: long },
      ],
    });
    expect(reasons.map((r) => [r.kind, r.name])).toEqual([
      ["header-value", "accept"],
      ["header-value", "accept-language"],
    ]);
    expect(describeReason(reasons[0]!)).toContain("holds a byte Fetch forbids");
    expect(describeReason(reasons[1]!)).toContain("129 bytes, over the 128");
    expect(describeReason(reasons[1]!)).toContain("…");
  });

  it("names every safelisted header past the 1024-byte total, with the total", () => {
    const reasons = preflightTriggers({
      method: "POST",
      headers: [
        { name: "Accept", value: "a".repeat(100) },
        { name: "Content-Language", value: "b".repeat(100) },
        ...Array.from({ length: 9 }, (_, i) => ({ name: `Accept-Language`, value: `${i}`.repeat(100) })),
      ],
    });
    expect(reasons.map((r) => r.kind)).toEqual(["headers-size", "headers-size", "headers-size"]);
    expect(reasons[0]!.value).toBe("1100");
  });

  it("adds the page hook's upload listener and stream body", () => {
    expect(
      preflightTriggers({ method: "POST", headers: [], hints: { uploadListener: true, streamBody: true } }),
    ).toEqual([{ kind: "upload-listener" }, { kind: "stream-body" }]);
  });

  it("follows the preflight's announced list over the captured request's headers", () => {
    const reasons = preflightTriggers({
      method: "POST",
      headers: [
        { name: "X-Seen", value: "1" },
        { name: "Content-Type", value: "application/json" },
      ],
      announced: { method: "POST", headers: ["content-type", "x-extension-added"] },
    });
    expect(reasons).toEqual([
      { kind: "header-value", name: "content-type", value: "application/json" },
      { kind: "header", name: "x-extension-added" },
    ]);
  });

  it("reads a captured call, and asks the page hook when nothing shown explains the preflight", () => {
    const x = preflighted({ url: API, method: "PUT", headers: [{ name: "X-Trace", value: "1" }], at: 0 });
    expect(reasonsOf(x)).toEqual([
      { kind: "method", name: "PUT" },
      { kind: "header", name: "x-trace" },
    ]);
    expect(needsPageHint(x)).toBe(false);
    const upload = preflighted({ url: API, method: "POST", at: 0 });
    expect(reasonsOf(upload)).toEqual([]);
    expect(needsPageHint(upload)).toBe(true);
    expect(reasonsOf({ ...upload, hints: { uploadListener: true } })).toEqual([{ kind: "upload-listener" }]);
    expect(reasonsOf({ ...x, hops: [{ preflight: null, request: x.hops[0]!.request }] })).toBeNull();
  });

  const name = fc.oneof(
    fc.constantFrom("Accept", "Accept-Language", "Content-Language", "Content-Type", "Range", "DPR", "X-Custom"),
    fc.constantFrom("Authorization", "Cookie", "User-Agent", "Sec-Fetch-Mode", "Origin"),
    fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,12}$/),
  );
  const value = fc.oneof(
    fc.constantFrom("application/json", "text/plain", "bytes=0-10", "en-US", "*/*", '"q"'),
    fc.string({ maxLength: 200 }),
  );
  const headers = fc.array(fc.record({ name, value }), { maxLength: 14 });
  const method = fc.constantFrom("GET", "HEAD", "POST", "PUT", "DELETE", "patch", "get", "PROPFIND");

  it("property: preflightUnexplained answers as reasonsOf would, announced or not, with or without hints", () => {
    const hint = fc.constantFrom(undefined, { uploadListener: true }, { streamBody: true });
    fc.assert(
      fc.property(method, headers, hint, fc.boolean(), (m, hs, hints, unannounced) => {
        const x = preflighted({ url: API, method: m, headers: hs, at: 0 });
        const pre = x.hops[0]!.preflight!;
        const call = {
          ...x,
          ...(hints ? { hints } : {}),
          hops: [{ ...x.hops[0]!, preflight: { ...pre, requestHeaders: unannounced ? null : pre.requestHeaders } }],
        };
        expect(preflightUnexplained(call)).toBe(reasonsOf(call)!.length === 0);
      }),
      { numRuns: 500 },
    );
  });

  it("property: the reasons name exactly the safelist's unsafe headers, and the method iff it is not safelisted", () => {
    fc.assert(
      fc.property(method, headers, (m: string, hs: Header[]) => {
        const reasons = preflightTriggers({ method: m, headers: hs });
        const headerNames = reasons.filter((r) => r.kind !== "method").map((r) => r.name);
        expect(headerNames).toEqual(unsafeRequestHeaderNames(hs));
        expect(reasons.some((r) => r.kind === "method")).toBe(!isSafelistedMethod(normalizeMethod(m)));
        for (const r of reasons) {
          expect(describeReason(r).length).toBeGreaterThan(0);
          // Written out here, not read from the engine: the names whose values decide (Fetch's list, Chrome's hints).
          const valueDecides = [
            "accept",
            "accept-language",
            "content-language",
            "content-type",
            "range",
            "device-memory",
            "dpr",
            "width",
            "viewport-width",
            "rtt",
            "downlink",
            "ect",
            "save-data",
            "intervention",
          ].includes(r.name ?? "");
          if (r.kind === "header") expect(valueDecides).toBe(false);
          if (r.kind === "header-value") expect(valueDecides).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
