// `npm run lint:firefox`: web-ext lint on a fresh Firefox build, made in a temporary folder so dist/ is never touched.
// (Browser tests may be reading dist/chrome meanwhile; the linter needs no network.)

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "vite";
import { writeFirefoxBuild } from "./firefox-manifest";

const ROOT = resolve(import.meta.dirname, "..");
const work = mkdtempSync(join(tmpdir(), "cors-lens-lint-firefox-"));
let status = 1;
try {
  const chromeDir = join(work, "chrome");
  const firefoxDir = join(work, "firefox");
  await build({ root: ROOT, logLevel: "warn", build: { outDir: chromeDir, emptyOutDir: true } });
  writeFirefoxBuild(chromeDir, firefoxDir);
  // web-ext exits non-zero on errors only; warnings are printed and allowed.
  const lint = spawnSync(join(ROOT, "node_modules/.bin/web-ext"), ["lint", "--source-dir", firefoxDir], {
    stdio: "inherit",
  });
  status = lint.status ?? 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(status);
