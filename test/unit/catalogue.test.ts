// The CorsError catalogue: an entry per Chrome code, with the header, explanation, both browsers' wording and MDN.

import { describe, expect, it } from "vitest";
import { CATALOGUE, CORS_ERRORS, chromeConsoleText } from "../../src/cors/codes";

describe("catalogue", () => {
  it.each(CORS_ERRORS.map((c) => [c]))("%s has a complete entry", (code) => {
    const info = CATALOGUE[code];
    expect(info.explanation.length).toBeGreaterThan(30);
    expect(info.chromeText.length).toBeGreaterThan(20);
    expect(info.mdn).toMatch(/^https:\/\/developer\.mozilla\.org\//);
    expect(info.firefoxText === null).toBe(info.firefoxReason === null);
  });

  it("preflight variants carry Chrome's preflight prefix", () => {
    expect(chromeConsoleText("PreflightAllowOriginMismatch", "http://x.test")).toBe(
      "Response to preflight request doesn't pass access control check: The 'Access-Control-Allow-Origin' header has a value 'http://x.test' that is not equal to the supplied origin.",
    );
  });

  it("names the header at fault for every header-driven code", () => {
    expect(CATALOGUE.MissingAllowOriginHeader.header).toBe("Access-Control-Allow-Origin");
    expect(CATALOGUE.InvalidAllowCredentials.header).toBe("Access-Control-Allow-Credentials");
    expect(CATALOGUE.HeaderDisallowedByPreflightResponse.header).toBe("Access-Control-Allow-Headers");
    expect(CATALOGUE.MethodDisallowedByPreflightResponse.header).toBe("Access-Control-Allow-Methods");
  });
});
