// `npm run release:check`: verifies the zips `npm run package` wrote, and writes test-results/release-check.json.

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { ICON_SIZES, iconPath, renderIcon } from "./icons";
import { zipPath, BROWSERS } from "./package";
import { installWarnings } from "./permission-warnings";
import {
  entryChecks,
  lintChecks,
  listingChecks,
  manifestChecks,
  vitestStyleReport,
  type Browser,
  type CheckResult,
  type LintReport,
  type Manifest,
  type PermissionsDoc,
} from "./release-checks";
import { filesUnder, zipDir } from "./reproducible-zip";
import { readZip, type ZipEntry } from "./zip-entries";

const ROOT = resolve(import.meta.dirname, "..");
const read = (path: string) => readFileSync(join(ROOT, path), "utf8");

function extract(entries: ZipEntry[], dir: string): void {
  for (const e of entries) {
    const out = join(dir, e.path);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, e.data);
  }
}

function webExtLint(dir: string): LintReport | string {
  const run = spawnSync(
    join(ROOT, "node_modules/.bin/web-ext"),
    ["lint", "--source-dir", dir, "--output", "json", "--no-config-discovery"],
    { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  try {
    return JSON.parse(run.stdout) as LintReport;
  } catch {
    return `web-ext lint printed no JSON (exit ${run.status}): ${(run.stderr || run.stdout).slice(0, 500)}`;
  }
}

async function zipChecks(browser: Browser, version: string, justified: PermissionsDoc, work: string) {
  const path = zipPath(browser, version);
  const results: CheckResult[] = [];
  if (!existsSync(path)) {
    return [{ name: `${browser}: the zip exists`, ok: false, detail: `${path} is missing: run \`npm run package\`` }];
  }
  const zip = readFileSync(path);
  const entries = await readZip(zip);
  const manifestEntry = entries.find((e) => e.path === "manifest.json");
  const manifest = manifestEntry ? (JSON.parse(manifestEntry.data.toString("utf8")) as Manifest) : {};
  const distDir = join(ROOT, "dist", browser);
  const build = new Map(filesUnder(distDir).map((p) => [p, readFileSync(join(distDir, p))]));
  const unpacked = entries.reduce((n, e) => n + e.data.length, 0);
  results.push({
    name: `${browser}: size`,
    ok: true,
    detail: `${zip.length.toLocaleString("en")} bytes zipped, ${unpacked.toLocaleString("en")} unpacked, ${entries.length} files`,
  });
  results.push(...manifestChecks(browser, manifest, version, justified));
  results.push(...entryChecks(browser, entries, build, manifest));
  const again = await zipDir(distDir);
  results.push({
    name: `${browser}: zipping dist/${browser} again gives the same bytes`,
    ok: again.equals(zip),
    ...(again.equals(zip) ? {} : { detail: "the zip is older than the build, or zipping is not reproducible" }),
  });

  const dir = join(work, browser);
  extract(entries, dir);
  if (browser === "firefox") {
    const report = webExtLint(dir);
    if (typeof report === "string") results.push({ name: "firefox: web-ext lint ran", ok: false, detail: report });
    else results.push(...lintChecks(report, justified.webExtLintWarnings));
  } else {
    try {
      const { browser: version, warnings } = await installWarnings(dir, JSON.stringify(manifest));
      const expected = justified.chromeInstallWarnings;
      const same = JSON.stringify(warnings) === JSON.stringify(expected);
      results.push({
        name: "chrome: install warnings are the documented ones",
        ok: same,
        detail: same
          ? `Chromium ${version}: ${warnings.map((w) => `"${w}"`).join(", ")}`
          : `Chromium ${version} warns ${JSON.stringify(warnings)}, docs/store/permissions.json says ${JSON.stringify(expected)}`,
      });
    } catch (e) {
      results.push({ name: "chrome: install warnings are the documented ones", ok: false, detail: String(e) });
    }
  }
  return results;
}

function iconChecks(): CheckResult[] {
  const svg = read("extension/icons/icon.svg");
  const stale = ICON_SIZES.filter(
    (s) => !existsSync(iconPath(s)) || !readFileSync(iconPath(s)).equals(renderIcon(svg, s)),
  );
  return [
    {
      name: "icons: the PNGs are rendered from extension/icons/icon.svg",
      ok: stale.length === 0,
      ...(stale.length ? { detail: `stale: ${stale.join(", ")} px; run \`npm run icons\`` } : {}),
    },
  ];
}

async function main(): Promise<number> {
  const { version } = JSON.parse(read("package.json")) as { version: string };
  const justified = JSON.parse(read("docs/store/permissions.json")) as PermissionsDoc;
  const work = mkdtempSync(join(tmpdir(), "cors-lens-release-"));
  const results: CheckResult[] = [];
  try {
    for (const browser of BROWSERS) {
      try {
        results.push(...(await zipChecks(browser, version, justified, work)));
      } catch (e) {
        // A truncated zip or a manifest that is not JSON: say which, and go on with the other browser.
        results.push({ name: `${browser}: the zip can be read`, ok: false, detail: String(e) });
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  results.push(...iconChecks());
  const { description } = JSON.parse(read("manifest.json")) as { description: string };
  for (const listing of ["docs/store/chrome.md", "docs/store/firefox.md"]) {
    const text = existsSync(join(ROOT, listing)) ? read(listing) : "";
    results.push(...listingChecks(listing, text, justified, description));
  }

  for (const r of results)
    console.log(`${r.ok ? "✓" : "✗"} ${r.name}${r.detail ? (r.ok ? ` (${r.detail})` : `: ${r.detail}`) : ""}`);
  const failed = results.filter((r) => !r.ok).length;
  console.log(`release:check: ${results.length - failed} of ${results.length} checks passed`);
  mkdirSync(join(ROOT, "test-results"), { recursive: true });
  writeFileSync(join(ROOT, "test-results/release-check.json"), JSON.stringify(vitestStyleReport(results), null, 2));
  return failed === 0 ? 0 : 1;
}

process.exit(await main());
