// Post-build step of `npm run build`: writes dist/firefox from dist/chrome with the derived Firefox manifest.

import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { writeFirefoxBuild } from "./firefox-manifest";

const ROOT = resolve(import.meta.dirname, "..");
const CHROME = join(ROOT, "dist/chrome");

if (!existsSync(join(CHROME, "manifest.json"))) {
  console.error("dist/chrome/manifest.json is missing: run `vite build` first.");
  process.exit(1);
}
writeFirefoxBuild(CHROME, join(ROOT, "dist/firefox"));
console.log("dist/firefox written");
