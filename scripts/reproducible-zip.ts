// Zips a folder so the bytes depend only on its files: sorted entries, one fixed date and mode, no Unix time field.

import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import yazl from "yazl";

/** Built from local components, so the DOS date and time fields (local by definition) are the same in every zone. */
export const ZIP_DATE = new Date(2000, 0, 1, 0, 0, 0);
/** A regular file, rw-r--r--, whatever the umask of the machine that built it. */
export const ZIP_MODE = 0o100644;

/** Every file under `dir`, as forward-slash paths relative to it, in code-unit order. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split("\\").join("/"))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The zip of `dir` with its files at the root (both stores want manifest.json there). */
export async function zipDir(dir: string): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const path of filesUnder(dir)) {
    // addBuffer, not addFile: addFile takes the mode and size from the file system.
    zip.addBuffer(readFileSync(join(dir, path)), path, { mtime: ZIP_DATE, mode: ZIP_MODE, forceDosTimestamp: true });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
