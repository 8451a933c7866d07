// release:check's checks catch what they claim to: dev-only entries, unjustified permissions, sources, drift, lint.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import source from "../../manifest.json" with { type: "json" };
import { firefoxManifest } from "../../scripts/firefox-manifest";
import { renderIcon } from "../../scripts/icons";
import {
  entryChecks,
  isSourceOrTooling,
  lintChecks,
  listingChecks,
  manifestChecks,
  pngSize,
  sectionText,
  vitestStyleReport,
  type CheckResult,
  type Manifest,
  type PermissionsDoc,
} from "../../scripts/release-checks";
import { filesUnder, ZIP_DATE, ZIP_MODE, zipDir } from "../../scripts/reproducible-zip";
import { readZip } from "../../scripts/zip-entries";

const justified = JSON.parse(
  readFileSync(new URL("../../docs/store/permissions.json", import.meta.url), "utf8"),
) as PermissionsDoc;
const VERSION = "0.1.0";
/** manifest.json as crxjs writes it to dist/chrome: the worker is its loader script. */
const built: Manifest = { ...source, background: { service_worker: "service-worker-loader.js", type: "module" } };

function failed(results: CheckResult[]): string[] {
  return results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.detail ?? ""}`);
}

function only(results: CheckResult[], name: string): CheckResult {
  const found = results.filter((r) => r.name.includes(name));
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe("manifest checks", () => {
  it("pass the shipped manifest and the Firefox one derived from it", () => {
    expect(failed(manifestChecks("chrome", built, VERSION, justified))).toEqual([]);
    expect(failed(manifestChecks("firefox", firefoxManifest(built as never), VERSION, justified))).toEqual([]);
  });

  it("refuse a version that is not package.json's", () => {
    const r = only(manifestChecks("chrome", { ...built, version: "0.2.0" }, VERSION, justified), "version");
    expect(r.ok).toBe(false);
    expect(r.detail).toContain("0.2.0");
  });

  it("refuse a key, an update_url and a loopback host", () => {
    for (const extra of [{ key: "MIIB..." }, { update_url: "https://example.org/u.xml" }]) {
      expect(only(manifestChecks("chrome", { ...built, ...extra }, VERSION, justified), "development-only").ok).toBe(
        false,
      );
    }
    const dev = { ...built, host_permissions: ["<all_urls>", "http://localhost:5173/*"] };
    const results = manifestChecks("chrome", dev, VERSION, justified);
    expect(only(results, "development-only").detail).toContain("loopback");
    expect(only(results, "host permissions").detail).toContain(
      "http://localhost:5173/* is asked for but not justified",
    );
  });

  it("refuse a permission nobody justified, and a justified one the manifest lost", () => {
    const more = manifestChecks(
      "chrome",
      { ...built, permissions: [...source.permissions, "tabs"] },
      VERSION,
      justified,
    );
    expect(only(more, "chrome: permissions equal").detail).toBe(
      "permission tabs is asked for but not justified in docs/store/permissions.json",
    );
    const fewer = manifestChecks("chrome", { ...built, permissions: ["webRequest"] }, VERSION, justified);
    expect(only(fewer, "chrome: permissions equal").detail).toContain(
      "permission storage is justified but the manifest",
    );
  });

  it("refuse a top-level key nobody reviewed, and a Chrome-only key in Firefox", () => {
    const withScripts = { ...built, content_scripts: [{ matches: ["<all_urls>"], js: ["a.js"] }] };
    expect(only(manifestChecks("chrome", withScripts, VERSION, justified), "top-level keys").ok).toBe(false);
    const firefox = { ...firefoxManifest(built as never), minimum_chrome_version: "120" };
    expect(only(manifestChecks("firefox", firefox, VERSION, justified), "top-level keys").detail).toContain(
      "minimum_chrome_version",
    );
  });

  it("refuse a Firefox manifest whose data collection differs from the documented one", () => {
    const firefox = firefoxManifest(built as never) as {
      browser_specific_settings: { gecko: Record<string, unknown> };
    };
    firefox.browser_specific_settings.gecko.data_collection_permissions = { required: ["browsingActivity"] };
    expect(only(manifestChecks("firefox", firefox, VERSION, justified), "data collection").ok).toBe(false);
  });

  it("refuse a description longer than the store's 132 characters", () => {
    const long = { ...built, description: "x".repeat(133) };
    expect(only(manifestChecks("chrome", long, VERSION, justified), "132").detail).toBe("133 characters");
  });
});

describe("zip entry checks", () => {
  let dir: string;
  const write = (path: string, data: string | Buffer) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), data);
  };
  const buildOf = () => new Map(filesUnder(dir).map((p) => [p, readFileSync(join(dir, p))]));
  const svg = readFileSync(new URL("../../extension/icons/icon.svg", import.meta.url), "utf8");

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "release-checks-"));
    write("manifest.json", JSON.stringify(built));
    write("service-worker-loader.js", "import './assets/sw.js';");
    write("assets/sw.js", "console.log('worker');");
    write("extension/devtools.html", "<script src='../assets/sw.js'></script>");
    for (const size of [16, 32, 48, 128]) write(`extension/icons/icon-${size}.png`, renderIcon(svg, size));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("pass a clean build, zipped with fixed dates and modes, twice to the same bytes", async () => {
    const zip = await zipDir(dir);
    expect((await zipDir(dir)).equals(zip)).toBe(true);
    const entries = await readZip(zip);
    expect(entries.map((e) => e.path)).toEqual(filesUnder(dir));
    expect(new Set(entries.map((e) => e.mode))).toEqual(new Set([ZIP_MODE]));
    expect(new Set(entries.map((e) => e.date.getTime()))).toEqual(new Set([ZIP_DATE.getTime()]));
    expect(failed(entryChecks("chrome", entries, buildOf(), built))).toEqual([]);
  });

  it("refuse sources, maps, dot-folders and development code", async () => {
    write("extension/service-worker.ts", "export {};");
    write("assets/sw.js.map", "{}");
    write(".vite/manifest.json", "{}");
    write("assets/hmr.js", "import '/@vite/client';");
    write("assets/mapped.js", "x();\n//# sourceMappingURL=mapped.js.map");
    const results = entryChecks("chrome", await readZip(await zipDir(dir)), buildOf(), built);
    expect(only(results, "no source").detail).toBe(
      ".vite/manifest.json; assets/sw.js.map; extension/service-worker.ts",
    );
    expect(only(results, "development-build code").detail).toBe("assets/hmr.js");
    expect(only(results, "carries a source map").detail).toBe("assets/mapped.js");
  });

  it("refuse a zip that is not the build: a changed file, a file left out, a file the manifest names but lacks", async () => {
    const entries = await readZip(await zipDir(dir));
    write("assets/sw.js", "console.log('rebuilt');");
    write("assets/late.js", "1");
    rmSync(join(dir, "extension/devtools.html"));
    const results = entryChecks(
      "chrome",
      entries.filter((e) => e.path !== "extension/devtools.html"),
      buildOf(),
      built,
    );
    expect(only(results, "holds exactly").detail).toBe(
      "assets/sw.js differs from dist/chrome; dist/chrome/assets/late.js is not zipped",
    );
    expect(only(results, "manifest names").detail).toBe("extension/devtools.html (named by the manifest)");
  });

  it("refuse an icon whose pixels are not the size the manifest gives", async () => {
    write("extension/icons/icon-48.png", renderIcon(svg, 32));
    const results = entryChecks("chrome", await readZip(await zipDir(dir)), buildOf(), built);
    expect(only(results, "icons").detail).toBe("extension/icons/icon-48.png is 32x32, the manifest says 48");
  });

  it("refuse entries out of order or with their own dates", async () => {
    const entries = await readZip(await zipDir(dir));
    const shuffled = [entries[1]!, entries[0]!, ...entries.slice(2)];
    expect(only(entryChecks("chrome", shuffled, buildOf(), built), "reproducible").detail).toBe(
      "entries are not in code-unit order",
    );
    const dated = entries.map((e, i) => (i === 0 ? { ...e, date: new Date() } : e));
    expect(only(entryChecks("chrome", dated, buildOf(), built), "reproducible").ok).toBe(false);
  });
});

describe("helpers", () => {
  it("tell source and tooling paths from built ones", () => {
    expect(
      ["a.ts", "x/b.tsx", "c.js.map", "README.md", "node_modules/p/i.js", ".env", "package.json"].map(
        isSourceOrTooling,
      ),
    ).toEqual([true, true, true, true, true, true, true]);
    expect(
      ["assets/service-worker.ts-bs1sI6DM.js", "manifest.json", "panel/index.html"].map(isSourceOrTooling),
    ).toEqual([false, false, false]);
  });

  it("read a PNG's size and refuse what is not a PNG", () => {
    const svg = readFileSync(new URL("../../extension/icons/icon.svg", import.meta.url), "utf8");
    expect(pngSize(renderIcon(svg, 48))).toEqual({ width: 48, height: 48 });
    expect(pngSize(Buffer.from("GIF89a............................"))).toBeNull();
  });
});

describe("lint checks", () => {
  const documented = justified.webExtLintWarnings;

  it("pass the documented warnings and refuse any other, and any error", () => {
    const known = {
      errors: [],
      notices: [],
      warnings: [
        { code: "UNSAFE_VAR_ASSIGNMENT", file: "assets/panel-DCTrm6xe.js", message: "Unsafe assignment to innerHTML" },
        { code: "KEY_FIREFOX_ANDROID_UNSUPPORTED_BY_MIN_VERSION", file: "manifest.json", message: "..." },
      ],
    };
    expect(failed(lintChecks(known, documented))).toEqual([]);
    const elsewhere = {
      ...known,
      warnings: [{ code: "UNSAFE_VAR_ASSIGNMENT", file: "assets/service-worker.ts-x.js", message: "innerHTML" }],
    };
    expect(only(lintChecks(elsewhere, documented), "documented warnings").ok).toBe(false);
    const broken = { ...known, errors: [{ code: "MANIFEST_FIELD_INVALID", file: "manifest.json", message: "bad" }] };
    expect(only(lintChecks(broken, documented), "no error").detail).toBe("MANIFEST_FIELD_INVALID manifest.json: bad");
  });
});

describe("listing checks", () => {
  const quoted = [...justified.permissions, ...justified.host_permissions].map((p) => `- ${p.justification}`);

  it("pass a listing that quotes every justification and has a short summary", () => {
    const md = ["# Listing", "## Summary", "Says why the browser blocked a call.", "## Permissions", ...quoted].join(
      "\n",
    );
    expect(failed(listingChecks("x.md", md, justified, "Says why the browser blocked a call."))).toEqual([]);
    expect(sectionText(md, "Summary")).toBe("Says why the browser blocked a call.");
  });

  it("refuse a listing that reworded one justification, or whose summary is too long", () => {
    const md = ["## Summary", "y".repeat(133), "## Permissions", ...quoted.slice(1), "- reworded"].join("\n");
    const results = listingChecks("x.md", md, justified, "Says why the browser blocked a call.");
    expect(only(results, "justifies").detail).toBe(
      `the justification of ${justified.permissions[0]!.name} is not quoted word for word`,
    );
    expect(only(results, "summary fits").detail).toBe("133 characters");
    expect(only(results, "summary is the manifest's").ok).toBe(false);
  });
});

describe("report", () => {
  it("counts passed and failed checks as the vitest JSON reporter does", () => {
    const report = vitestStyleReport([
      { name: "a", ok: true },
      { name: "b", ok: false, detail: "why" },
    ]);
    expect(report).toMatchObject({ numPassedTests: 1, numFailedTests: 1, numPendingTests: 0, success: false });
  });
});
