// Reads a zip back into its entries (name, bytes, mode, date) for release:check and its tests.

import { buffer } from "node:stream/consumers";
import yauzl from "yauzl";

export interface ZipEntry {
  path: string;
  data: Buffer;
  /** The Unix mode stored in the external attributes (0 when the zip has none). */
  mode: number;
  /** The DOS date and time as local components, as the zip stores them. */
  date: Date;
}

export async function readZip(zip: Buffer): Promise<ZipEntry[]> {
  const file = await yauzl.fromBufferPromise(zip, { lazyEntries: true, decodeStrings: true });
  const entries: ZipEntry[] = [];
  for await (const entry of file.eachEntry()) {
    const data = entry.fileName.endsWith("/") ? Buffer.alloc(0) : await buffer(await file.openReadStreamPromise(entry));
    entries.push({
      path: entry.fileName,
      data,
      mode: entry.externalFileAttributes >>> 16,
      date: entry.getLastModDate({ forceDosFormat: true }),
    });
  }
  return entries;
}
