// `npm run package`: zips dist/chrome and dist/firefox into the store uploads dist/cors-lens-<browser>-<version>.zip.

import { createWriteStream, existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { finished } from "node:stream/promises";
import yazl from "yazl";

const DIST = resolve(import.meta.dirname, "../dist");

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** Both stores want manifest.json at the zip's root, with forward slashes in every path. */
async function zipDir(dir: string, out: string): Promise<void> {
  const zip = new yazl.ZipFile();
  // A fixed date keeps the zip the same from one build to the next.
  const mtime = new Date("2000-01-01T00:00:00Z");
  for (const file of filesUnder(dir)) zip.addFile(file, relative(dir, file).split("\\").join("/"), { mtime });
  zip.end();
  await finished(zip.outputStream.pipe(createWriteStream(out)));
}

for (const browser of ["chrome", "firefox"]) {
  const dir = join(DIST, browser);
  if (!existsSync(join(dir, "manifest.json"))) {
    console.error(`dist/${browser}/manifest.json is missing: run \`npm run build\` first.`);
    process.exit(1);
  }
  const { version } = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as { version: string };
  const out = join(DIST, `cors-lens-${browser}-${version}.zip`);
  await zipDir(dir, out);
  console.log(relative(process.cwd(), out));
}
