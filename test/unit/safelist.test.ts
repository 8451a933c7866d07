// Safelisted methods and request headers, their value rules and byte limits, and when a preflight is needed.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { needsPreflight, normalizeMethod, unsafeRequestHeaderNames, utf8Length } from "../../src/cors/safelist";

const one = (name: string, value: string) => unsafeRequestHeaderNames([{ name, value }]);

describe("methods", () => {
  it("normalises only the six Fetch names", () => {
    expect(normalizeMethod("get")).toBe("GET");
    expect(normalizeMethod("delete")).toBe("DELETE");
    expect(normalizeMethod("patch")).toBe("patch");
  });
  it("GET, HEAD and POST need no preflight; PUT and patch do", () => {
    expect(needsPreflight("POST", [])).toBe(false);
    expect(needsPreflight("PUT", [])).toBe(true);
    expect(needsPreflight("patch", [])).toBe(true);
  });
});

describe("request headers", () => {
  it.each([
    ["Content-Type", "text/plain", []],
    ["Content-Type", "text/plain; charset=utf-8", []],
    ["Content-Type", "Multipart/Form-Data; boundary=x", []],
    ["Content-Type", "application/json", ["content-type"]],
    ["Content-Type", "text/plain,x/x", ["content-type"]],
    ["Content-Type", "text/plain(", ["content-type"]],
    ["Accept", "application/json", []],
    ["Accept", 'a"b', ["accept"]],
    ["Accept-Language", "en-US,en;q=0.9", []],
    ["Content-Language", "en_US", ["content-language"]],
    ["Range", "bytes=0-", []],
    ["Range", "bytes=0-99", []],
    ["Range", "bytes=-5", ["range"]],
    ["Range", "bytes=0-1,3-4", ["range"]],
    ["X-Custom", "1", ["x-custom"]],
    ["Authorization", "Bearer x", ["authorization"]],
  ])("%s: %s → %j", (name, value, expected) => {
    expect(one(name, value)).toEqual(expected);
  });

  it("ignores forbidden and browser-added headers", () => {
    expect(
      unsafeRequestHeaderNames([
        { name: "Cookie", value: "a=b" },
        { name: "Origin", value: "http://x" },
        { name: "Sec-Fetch-Mode", value: "cors" },
        { name: "User-Agent", value: "UA" },
      ]),
    ).toEqual([]);
  });

  it("a value over 128 bytes is unsafe", () => {
    expect(one("Accept", "a".repeat(129))).toEqual(["accept"]);
    expect(one("Accept", "a".repeat(128))).toEqual([]);
  });

  it("over 1024 bytes of safelisted values makes them all unsafe", () => {
    const big = [
      ...Array.from({ length: 9 }, () => ({ name: "Accept", value: "a".repeat(120) })),
      { name: "Content-Language", value: "en" },
    ];
    expect(unsafeRequestHeaderNames(big)).toEqual(["accept", "content-language"]);
  });

  it("lists names lower-cased, de-duplicated and sorted, as Access-Control-Request-Headers does", () => {
    expect(
      unsafeRequestHeaderNames([
        { name: "X-Zeta", value: "1" },
        { name: "X-Alpha", value: "1" },
        { name: "x-zeta", value: "2" },
      ]),
    ).toEqual(["x-alpha", "x-zeta"]);
  });
});

describe("byte lengths", () => {
  it("counts UTF-8 bytes exactly as TextEncoder does, lone surrogates included", () => {
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => utf8Length(s) === encoder.encode(s).length),
      { numRuns: 2000 },
    );
    for (const s of ["", "a", "é", "€", "😀", "\ud800", "\udc00x", "a\ud83d"])
      expect(utf8Length(s)).toBe(encoder.encode(s).length);
  });
});
