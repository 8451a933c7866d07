// The checks release:check runs on a store zip, as pure functions of what it read (manifest, entries, lint output).

import type { ZipEntry } from "./zip-entries";
import { ZIP_DATE, ZIP_MODE } from "./reproducible-zip";

export type Browser = "chrome" | "firefox";

export interface CheckResult {
  name: string;
  ok: boolean;
  /** Why it failed, or a figure worth showing when it passed. */
  detail?: string;
}

export interface Justified {
  name: string;
  feature: string;
  code: string[];
  justification: string;
}

/** docs/store/permissions.json */
export interface PermissionsDoc {
  permissions: Justified[];
  host_permissions: Justified[];
  chromeInstallWarnings: string[];
  firefoxDataCollection: { required: string[] };
  webExtLintWarnings: { code: string; file: string; reason: string }[];
}

export type Manifest = Record<string, unknown>;

function check(name: string, problems: string[], passedDetail?: string): CheckResult {
  return problems.length === 0
    ? { name, ok: true, ...(passedDetail ? { detail: passedDetail } : {}) }
    : { name, ok: false, detail: problems.join("; ") };
}

function sameSet(asked: unknown, justified: string[], what: string): string[] {
  const list = Array.isArray(asked) ? asked.map(String) : [];
  const extra = list.filter((p) => !justified.includes(p));
  const missing = justified.filter((p) => !list.includes(p));
  return [
    ...extra.map((p) => `${what} ${p} is asked for but not justified in docs/store/permissions.json`),
    ...missing.map((p) => `${what} ${p} is justified but the manifest does not ask for it`),
    ...(list.length !== new Set(list).size ? [`${what}s list a name twice`] : []),
  ];
}

/** Top-level keys a store build may carry; any other key is new and must be looked at (and added here) first. */
const ALLOWED_KEYS: Record<Browser, string[]> = {
  chrome: [
    "manifest_version",
    "name",
    "version",
    "description",
    "minimum_chrome_version",
    "icons",
    "action",
    "devtools_page",
    "background",
    "permissions",
    "host_permissions",
  ],
  firefox: [
    "manifest_version",
    "name",
    "version",
    "description",
    "icons",
    "action",
    "devtools_page",
    "background",
    "permissions",
    "host_permissions",
    "browser_specific_settings",
  ],
};

/** Hosts only a development build names (vite's dev server, crxjs's HMR client). */
const DEV_HOST = /\b(localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])\b/i;

export function manifestChecks(
  browser: Browser,
  manifest: Manifest,
  packageVersion: string,
  justified: PermissionsDoc,
): CheckResult[] {
  const dev: string[] = [];
  for (const key of ["key", "update_url", "oauth2", "externally_connectable", "web_accessible_resources"]) {
    if (key in manifest) dev.push(`"${key}" is set`);
  }
  if (DEV_HOST.test(JSON.stringify(manifest))) dev.push("it names a loopback host (a development server?)");
  const unknown = Object.keys(manifest).filter((k) => !ALLOWED_KEYS[browser].includes(k));
  const description = typeof manifest.description === "string" ? manifest.description : "";
  const results = [
    check(`${browser}: manifest version equals package.json's`, [
      ...(manifest.version === packageVersion
        ? []
        : [`manifest ${String(manifest.version)}, package.json ${packageVersion}`]),
    ]),
    check(`${browser}: no key or development-only manifest entries`, dev),
    check(
      `${browser}: manifest has only the reviewed top-level keys`,
      unknown.map((k) => `"${k}" is new: review it, then add it to ALLOWED_KEYS in scripts/release-checks.ts`),
    ),
    check(
      `${browser}: permissions equal the justified list`,
      sameSet(
        manifest.permissions,
        justified.permissions.map((p) => p.name),
        "permission",
      ),
    ),
    check(
      `${browser}: host permissions equal the justified list`,
      sameSet(
        manifest.host_permissions,
        justified.host_permissions.map((p) => p.name),
        "host permission",
      ),
    ),
    check(
      `${browser}: manifest description fits the store's 132 characters`,
      description.length > 0 && description.length <= 132 ? [] : [`${description.length} characters`],
    ),
  ];
  if (browser === "firefox") {
    const gecko = (manifest.browser_specific_settings as { gecko?: Record<string, unknown> } | undefined)?.gecko;
    const declared = JSON.stringify(gecko?.data_collection_permissions ?? null);
    const expected = JSON.stringify(justified.firefoxDataCollection);
    results.push(
      check(`firefox: data collection declared as in docs/store/permissions.json`, [
        ...(declared === expected ? [] : [`manifest declares ${declared}, permissions.json ${expected}`]),
        ...(typeof gecko?.id === "string" ? [] : ["no browser_specific_settings.gecko.id"]),
      ]),
    );
  }
  return results;
}

/** Files a store zip must never carry: sources, maps, tooling, dotfiles and dot-folders (vite's .vite/). */
export function isSourceOrTooling(path: string): boolean {
  const parts = path.split("/");
  const base = parts.at(-1) ?? "";
  return (
    parts.some((p) => p.startsWith(".") || p === "node_modules") ||
    /\.(ts|tsx|mts|cts|map|md)$/.test(base) ||
    /^(package(-lock)?|tsconfig)\.json$/.test(base)
  );
}
/** What a development build's code refers to: vite's client and crxjs's HMR loader. */
const DEV_CODE = /@vite\/client|\/@crx\/|localhost:\d+/;
/** Only the page hook ships a source map (inline), so DevTools can ignore-list it (vite.config.ts). */
const INLINE_MAP_ALLOWED = new Set(["page-hook.js"]);

/** Every path the manifest names, which must be in the zip. */
export function manifestFiles(manifest: Manifest): string[] {
  const files = new Set<string>();
  const add = (v: unknown) => {
    if (typeof v === "string") files.add(v);
    else if (v && typeof v === "object") for (const x of Object.values(v)) add(x);
  };
  add(manifest.icons);
  add((manifest.action as Record<string, unknown> | undefined)?.default_icon);
  add(manifest.devtools_page);
  const background = manifest.background as { service_worker?: unknown; scripts?: unknown } | undefined;
  add(background?.service_worker);
  add(background?.scripts);
  return [...files].sort();
}

/** Width and height from a PNG's IHDR chunk, or null when the bytes are not a PNG. */
export function pngSize(data: Buffer): { width: number; height: number } | null {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (data.length < 24 || !data.subarray(0, 8).equals(signature) || data.toString("latin1", 12, 16) !== "IHDR") {
    return null;
  }
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

export function entryChecks(
  browser: Browser,
  entries: ZipEntry[],
  build: Map<string, Buffer>,
  manifest: Manifest,
): CheckResult[] {
  const byPath = new Map(entries.map((e) => [e.path, e]));
  const sources = entries.filter((e) => isSourceOrTooling(e.path)).map((e) => e.path);
  const devCode = entries
    .filter((e) => /\.(js|html)$/.test(e.path) && DEV_CODE.test(e.data.toString("utf8")))
    .map((e) => e.path);
  const maps = entries
    .filter((e) => e.path.endsWith(".js") && !INLINE_MAP_ALLOWED.has(e.path))
    .filter((e) => e.data.toString("utf8").includes("sourceMappingURL="))
    .map((e) => e.path);
  const outside = entries.filter((e) => e.path.startsWith("/") || e.path.split("/").includes("..")).map((e) => e.path);
  const notBuilt = entries.filter((e) => !build.has(e.path)).map((e) => `${e.path} is not in dist/${browser}`);
  const differs = entries
    .filter((e) => build.has(e.path) && !build.get(e.path)!.equals(e.data))
    .map((e) => `${e.path} differs from dist/${browser}`);
  const left = [...build.keys()].filter((p) => !byPath.has(p)).map((p) => `dist/${browser}/${p} is not zipped`);
  const missing = manifestFiles(manifest)
    .filter((p) => !byPath.has(p))
    .map((p) => `${p} (named by the manifest)`);
  const icons = Object.entries((manifest.icons as Record<string, string> | undefined) ?? {}).flatMap(([size, path]) => {
    const entry = byPath.get(path);
    if (!entry) return [];
    const got = pngSize(entry.data);
    return got && got.width === Number(size) && got.height === Number(size)
      ? []
      : [`${path} is ${got ? `${got.width}x${got.height}` : "not a PNG"}, the manifest says ${size}`];
  });
  const paths = entries.map((e) => e.path);
  const sorted = [...paths].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const fixed = entries
    .filter((e) => e.mode !== ZIP_MODE || e.date.getTime() !== ZIP_DATE.getTime())
    .map((e) => `${e.path} has mode ${e.mode.toString(8)} and date ${e.date.toISOString()}`);
  return [
    check(`${browser}: manifest.json at the zip's root`, byPath.has("manifest.json") ? [] : ["missing"]),
    check(`${browser}: no source, map or tooling file in the zip`, [...sources, ...outside]),
    check(`${browser}: no development-build code (vite client, crxjs loader, dev server)`, devCode),
    check(`${browser}: only the page hook carries a source map (inline)`, maps),
    check(`${browser}: the zip holds exactly dist/${browser}`, [...notBuilt, ...differs, ...left]),
    check(`${browser}: every file the manifest names is in the zip`, missing),
    check(`${browser}: icons are PNGs of the sizes the manifest gives`, icons),
    check(`${browser}: entries sorted, one fixed date and mode (reproducible)`, [
      ...(paths.join("\n") === sorted.join("\n") ? [] : ["entries are not in code-unit order"]),
      ...fixed,
    ]),
  ];
}

/** The parts of `web-ext lint --output json` read here. */
export interface LintReport {
  errors: { code: string; file?: string; message: string }[];
  warnings: { code: string; file?: string; message: string }[];
  notices: { code: string; file?: string; message: string }[];
}

export function lintChecks(report: LintReport, documented: PermissionsDoc["webExtLintWarnings"]): CheckResult[] {
  const isDocumented = (w: { code: string; file?: string }) =>
    documented.some((d) => d.code === w.code && (w.file ?? "").startsWith(d.file));
  const undocumented = report.warnings.filter((w) => !isDocumented(w));
  return [
    check(
      "firefox: web-ext lint reports no error",
      report.errors.map((e) => `${e.code} ${e.file ?? ""}: ${e.message}`),
    ),
    check(
      "firefox: web-ext lint warns of nothing but the documented warnings",
      undocumented.map(
        (w) => `${w.code} ${w.file ?? ""}: ${w.message} (fix it, or document it in docs/store/permissions.json)`,
      ),
      `${report.warnings.length} documented warning(s), ${report.notices.length} notice(s)`,
    ),
  ];
}

/** Store listings quote every justification word for word, so they cannot drift from the JSON. */
export function listingChecks(
  name: string,
  markdown: string,
  justified: PermissionsDoc,
  manifestDescription: string,
): CheckResult[] {
  const all = [...justified.permissions, ...justified.host_permissions];
  const missing = all.filter((p) => !markdown.includes(p.justification)).map((p) => p.name);
  const results = [
    check(
      `${name}: justifies every permission as docs/store/permissions.json does`,
      missing.map((p) => `the justification of ${p} is not quoted word for word`),
    ),
  ];
  const summary = sectionText(markdown, "Summary");
  if (summary !== null) {
    results.push(
      check(
        `${name}: summary fits 132 characters`,
        summary.length > 0 && summary.length <= 132 ? [] : [`${summary.length} characters`],
        `${summary.length} characters`,
      ),
      check(
        `${name}: summary is the manifest's description (the store shows that)`,
        summary === manifestDescription ? [] : [`"${summary}" is not "${manifestDescription}"`],
      ),
    );
  }
  return results;
}

/** A `## heading` section's text up to the next heading (lines trimmed and joined, comments left out), or null. */
export function sectionText(markdown: string, heading: string): string | null {
  const lines = markdown.split("\n");
  const start = lines.findIndex((l) => l.trim() === `## ${heading}`);
  if (start < 0) return null;
  const body: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^#{1,6} /.test(line)) break;
    body.push(line.trim());
  }
  return body.filter((l) => l && !/^<!--.*-->$/.test(l)).join(" ");
}

/** What the vitest JSON reporter writes, as far as .ci/run's tally reads it. */
export function vitestStyleReport(results: CheckResult[]): Record<string, unknown> {
  const failed = results.filter((r) => !r.ok).length;
  return {
    numTotalTests: results.length,
    numPassedTests: results.length - failed,
    numFailedTests: failed,
    numPendingTests: 0,
    numTodoTests: 0,
    success: failed === 0,
    testResults: [
      {
        name: "release:check",
        status: failed === 0 ? "passed" : "failed",
        assertionResults: results.map((r) => ({
          title: r.name,
          fullName: r.name,
          status: r.ok ? "passed" : "failed",
          failureMessages: r.ok ? [] : [r.detail ?? ""],
        })),
      },
    ],
  };
}
