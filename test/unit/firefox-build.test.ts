// The Firefox manifest derived from the built Chrome one: what Firefox needs, nothing Chrome-only, the rest as is.

import { describe, expect, it } from "vitest";
import { FIREFOX_MIN_VERSION, GECKO_ID, firefoxManifest } from "../../scripts/firefox-manifest";
import source from "../../manifest.json" with { type: "json" };

/** manifest.json as crxjs writes it to dist/chrome: the worker is its loader script. */
const built = { ...source, background: { service_worker: "service-worker-loader.js", type: "module" } };

describe("Firefox manifest", () => {
  const firefox = firefoxManifest(built);

  it("runs the same background module as an event page", () => {
    expect(firefox.background).toEqual({ scripts: ["service-worker-loader.js"], type: "module" });
  });

  it("has a gecko id, a minimum version, and declares that it collects no data", () => {
    expect(firefox.browser_specific_settings).toEqual({
      gecko: {
        id: GECKO_ID,
        strict_min_version: FIREFOX_MIN_VERSION,
        data_collection_permissions: { required: ["none"] },
      },
    });
  });

  it("drops Chrome-only keys and keeps everything else", () => {
    expect(firefox).not.toHaveProperty("minimum_chrome_version");
    const shared = Object.entries(built).filter(([key]) => key !== "minimum_chrome_version" && key !== "background");
    expect(firefox).toMatchObject(Object.fromEntries(shared));
  });

  it("refuses a manifest without a service worker to derive from", () => {
    expect(() => firefoxManifest({ ...built, background: {} })).toThrow(/service_worker/);
  });
});
