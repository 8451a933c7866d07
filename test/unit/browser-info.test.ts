// The browser recorded in exports: the user agent's name and version, and the full version from the client hints.

import { describe, expect, it } from "vitest";
import { browserInfo, fullVersionOf } from "../../panel/browser-info";

describe("browser info", () => {
  it("takes the browser's own brand from fullVersionList, never the GREASE one", () => {
    const chromium = [
      { brand: "Not:A-Brand", version: "99.0.0.0" },
      { brand: "Chromium", version: "156.0.8078.129" },
    ];
    expect(fullVersionOf(chromium)).toBe("156.0.8078.129");
    expect(fullVersionOf([...chromium, { brand: "Google Chrome", version: "156.0.8078.130" }])).toBe("156.0.8078.130");
    expect(fullVersionOf([{ brand: "Not)A;Brand", version: "8.0.0.0" }])).toBeUndefined();
    expect(fullVersionOf(undefined)).toBeUndefined();
    expect(fullVersionOf([{ brand: "Chromium", version: "<b>" }])).toBeUndefined();
  });

  it("reads name and reduced version from the user agent", () => {
    const ua =
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36";
    expect(browserInfo(ua)).toMatchObject({ name: "chrome", version: "156.0.0.0" });
    expect(browserInfo("Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0")).toMatchObject({
      name: "firefox",
      version: "153.0",
    });
  });
});
