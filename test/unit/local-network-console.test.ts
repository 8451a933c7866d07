// Chrome's console texts for Local Network Access codes, filled from the diagnosis's address spaces.

import { describe, expect, it } from "vitest";
import { chromeConsoleText } from "../../src/cors/codes";
import { chromeSays, consoleParams, type LocalNetworkFacts } from "../../src/diagnose/local-network";

const facts = (over: Partial<LocalNetworkFacts>): LocalNetworkFacts => ({
  initiatorSpace: "public",
  targetSpace: "loopback",
  permission: "loopback-network",
  permissionState: "prompt",
  initiatorSpaceFrom: "",
  targetSpaceFrom: "",
  secureContext: true,
  targetAddressSpace: null,
  policyAllows: null,
  evidence: "",
  corsHeaders: "not-reached",
  privateNetworkAccess: null,
  ...over,
});

describe("Chrome's console text", () => {
  it("fills its slots in order, and repeats the last value for any left over", () => {
    expect(chromeConsoleText("InvalidLocalNetworkAccess", "local", "loopback")).toBe(
      "Request had a target IP address space of `local` yet the resource is in address space `loopback`.",
    );
    expect(chromeConsoleText("InvalidLocalNetworkAccess", "x")).toContain(
      "`x` yet the resource is in address space `x`",
    );
  });

  it("names the address spaces for LNA codes, whose failedParameter Chrome leaves empty", () => {
    expect(consoleParams("InvalidLocalNetworkAccess", facts({ targetAddressSpace: "public" }))).toEqual([
      "public",
      "loopback",
    ]);
    expect(
      chromeSays({
        code: "LocalNetworkAccessPermissionDenied",
        failedParameter: "",
        localNetwork: facts({ targetSpace: "local" }),
      }),
    ).toBe("Permission was denied for this request to access the `local` address space.");
    // Other codes keep their failedParameter.
    expect(chromeSays({ code: "HeaderDisallowedByPreflightResponse", failedParameter: "x-a" })).toContain("x-a");
  });
});
