// originOf caches by scheme and authority: for any URL, cached or not, it must answer what the URL parser answers.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { originOf } from "../../src/cors/origin";

/** The definition, straight from the URL parser. */
function parsed(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u.origin : "null";
  } catch {
    return null;
  }
}

const piece = fc.constantFrom(
  "http://",
  "https://",
  "HTTP://",
  "http:",
  "/",
  "\\",
  "//",
  "?",
  "#",
  "@",
  ":",
  ":80",
  ":443",
  ":99999",
  "user:pw@",
  "a.example",
  "A.Example",
  "b.example",
  "[::1]",
  "[::1",
  "127.0.0.1",
  "0x7f.1",
  "bücher.example",
  "xn--bcher-kva.example",
  "%41",
  "\t",
  " ",
  "x",
  "data:text/plain,hi",
  "blob:http://a.example/1",
);
const urlish = fc.array(piece, { minLength: 1, maxLength: 8 }).map((p) => p.join(""));

describe("originOf", () => {
  it("answers what the URL parser answers, whether or not the authority was seen before", () => {
    fc.assert(
      fc.property(urlish, urlish, (a, b) => {
        // a then a+b: the second shares a's prefix, so it may come from the cache.
        expect(originOf(a)).toBe(parsed(a));
        expect(originOf(a + b)).toBe(parsed(a + b));
        expect(originOf(b)).toBe(parsed(b));
      }),
      { numRuns: 3000 },
    );
  });

  it("gives the origin of ordinary URLs, default ports dropped and hosts lower-cased", () => {
    expect(originOf("https://API.example:443/v1?x=1")).toBe("https://api.example");
    expect(originOf("https://api.example:8443/v1")).toBe("https://api.example:8443");
    expect(originOf("http://user:pw@[::1]:80/")).toBe("http://[::1]");
    expect(originOf("http:///a.example/x")).toBe("http://a.example");
    expect(originOf("data:text/plain,hi")).toBe("null");
    expect(originOf("http://[::1/")).toBeNull();
  });
});
