// `npm run icons`: renders extension/icons/icon.svg to the PNG sizes both manifests name; `--check` only compares.

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { Resvg } from "@resvg/resvg-js";

const ROOT = resolve(import.meta.dirname, "..");
const DIR = join(ROOT, "extension/icons");
/** Toolbar (16, 32 at 2x), extensions page (48) and install dialog / store (128). */
export const ICON_SIZES = [16, 32, 48, 128] as const;

export function iconPath(size: number): string {
  return join(DIR, `icon-${size}.png`);
}

/** resvg renders without system fonts or a browser, so the same SVG gives the same bytes on every machine. */
export function renderIcon(svg: string, size: number): Buffer {
  return new Resvg(svg, { fitTo: { mode: "width", value: size }, font: { loadSystemFonts: false } }).render().asPng();
}

function main(check: boolean): number {
  const svg = readFileSync(join(DIR, "icon.svg"), "utf8");
  let stale = 0;
  for (const size of ICON_SIZES) {
    const png = renderIcon(svg, size);
    const path = iconPath(size);
    const name = relative(ROOT, path);
    if (check) {
      if (!existsSync(path) || !readFileSync(path).equals(png)) {
        console.error(`${name} does not match icon.svg: run \`npm run icons\`.`);
        stale++;
      }
    } else {
      writeFileSync(path, png);
      console.log(`${name} (${png.length} bytes)`);
    }
  }
  return stale === 0 ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) {
  process.exit(main(process.argv.includes("--check")));
}
