// The CORS check on one response: Allow-Origin parsing and Allow-Credentials, as Chrome 156 decides them.

import { describe, expect, it } from "vitest";
import { corsCheck } from "../../src/cors/check";
import type { Header } from "../../src/cors/headers";

const O = "http://127.0.0.1:5173";
const h = (...pairs: [string, string][]): Header[] => pairs.map(([name, value]) => ({ name, value }));
const code = (headers: Header[], credentials: "omit" | "include" = "omit") =>
  corsCheck(headers, O, credentials)?.code ?? null;

describe("Access-Control-Allow-Origin", () => {
  it.each([
    ["exact origin", O, null],
    ["surrounding whitespace is trimmed", `  ${O} `, null],
    ["wildcard", "*", null],
    ["trailing slash", `${O}/`, "AllowOriginMismatch"],
    ["letter case", O.toUpperCase(), "AllowOriginMismatch"],
    ["null", "null", "AllowOriginMismatch"],
    ["explicit default port on another scheme", "http://127.0.0.1:5173:80", "InvalidAllowOriginValue"],
    ["empty", "", "InvalidAllowOriginValue"],
    ["a dash", "-", "InvalidAllowOriginValue"],
    ["a list", `${O}, http://other.test`, "MultipleAllowOriginValues"],
    ["space separated", `${O} http://other.test`, "MultipleAllowOriginValues"],
    ["another origin", "http://localhost:5173", "AllowOriginMismatch"],
  ])("%s → %s", (_name, value, expected) => {
    expect(code(h(["Access-Control-Allow-Origin", value]))).toBe(expected);
  });

  it("is missing → MissingAllowOriginHeader with an empty failedParameter", () => {
    const f = corsCheck(h(["Content-Type", "text/plain"]), O, "omit");
    expect(f).toMatchObject({ code: "MissingAllowOriginHeader", failedParameter: "", received: null });
  });

  it("two header lines are joined with ', ' and refused as multiple values", () => {
    const f = corsCheck(h(["Access-Control-Allow-Origin", O], ["access-control-allow-origin", O]), O, "omit");
    expect(f).toMatchObject({ code: "MultipleAllowOriginValues", failedParameter: `${O}, ${O}` });
  });

  it("names the refused value as failedParameter", () => {
    expect(corsCheck(h(["Access-Control-Allow-Origin", "https://a.test"]), O, "omit")?.failedParameter).toBe(
      "https://a.test",
    );
  });

  it("an explicit default port is a different string, so a mismatch (Chrome compares bytes)", () => {
    const f = corsCheck(h(["Access-Control-Allow-Origin", "http://app.test:80"]), "http://app.test", "omit");
    expect(f).toMatchObject({ code: "AllowOriginMismatch", failedParameter: "http://app.test:80" });
  });

  it("null matches a tainted (null) origin", () => {
    expect(corsCheck(h(["Access-Control-Allow-Origin", "null"]), "null", "omit")).toBeNull();
  });
});

describe("credentials", () => {
  it("* with credentials is WildcardOriginNotAllowed", () => {
    expect(code(h(["Access-Control-Allow-Origin", "*"]), "include")).toBe("WildcardOriginNotAllowed");
  });

  it("ignores Allow-Credentials without credentials", () => {
    expect(code(h(["Access-Control-Allow-Origin", O], ["Access-Control-Allow-Credentials", "nope"]))).toBeNull();
  });

  it.each([
    ["true", null],
    ["TRUE", "InvalidAllowCredentials"],
    ['"true"', "InvalidAllowCredentials"],
  ])("Allow-Credentials %s → %s", (value, expected) => {
    expect(code(h(["Access-Control-Allow-Origin", O], ["Access-Control-Allow-Credentials", value]), "include")).toBe(
      expected,
    );
  });

  it("absent Allow-Credentials fails with an empty failedParameter", () => {
    expect(corsCheck(h(["Access-Control-Allow-Origin", O]), O, "include")).toMatchObject({
      code: "InvalidAllowCredentials",
      failedParameter: "",
    });
  });

  it("two 'true' lines are 'true, true' and fail", () => {
    const headers = h(
      ["Access-Control-Allow-Origin", O],
      ["Access-Control-Allow-Credentials", "true"],
      ["Access-Control-Allow-Credentials", "true"],
    );
    expect(corsCheck(headers, O, "include")).toMatchObject({
      code: "InvalidAllowCredentials",
      failedParameter: "true, true",
    });
  });
});
