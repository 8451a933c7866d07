// `npm run package`: zips dist/chrome and dist/firefox into the store uploads dist/cors-lens-<browser>-<version>.zip.

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { zipDir } from "./reproducible-zip";

const DIST = resolve(import.meta.dirname, "../dist");
export const BROWSERS = ["chrome", "firefox"] as const;

/** Where the upload for `browser` at `version` is written. */
export function zipPath(browser: string, version: string): string {
  return join(DIST, `cors-lens-${browser}-${version}.zip`);
}

async function main(): Promise<number> {
  for (const browser of BROWSERS) {
    const dir = join(DIST, browser);
    if (!existsSync(join(dir, "manifest.json"))) {
      console.error(`dist/${browser}/manifest.json is missing: run \`npm run build\` first.`);
      return 1;
    }
    const { version } = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as { version: string };
    const out = zipPath(browser, version);
    const zip = await zipDir(dir);
    writeFileSync(out, zip);
    console.log(`${relative(process.cwd(), out)} (${zip.length} bytes)`);
  }
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) process.exit(await main());
