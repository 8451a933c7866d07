// Import of a HAR file: streamed through the same reader and engine as `cors-lens har` into records the panel shows.

import { diagnoseHar, producerOf } from "../src/store/har-records";
import type { Imported } from "./import-export";

/** A Blob's bytes as an async iterable (ReadableStream's own iterator is not in every supported browser). */
async function* chunksOf(file: Blob): AsyncIterable<Uint8Array> {
  const reader = file.stream().getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** Whether a file is a HAR rather than an export: its name, or a top-level `log` at the start of its text. */
export async function looksLikeHar(file: Blob & { name?: string }): Promise<boolean> {
  if (file.name && /\.har$/i.test(file.name)) return true;
  const head = await file.slice(0, 256).text();
  return /^\uFEFF?\s*\{\s*"log"\s*:/.test(head);
}

/** Diagnoses every cross-origin call of a HAR; a file that is not one throws HarFileError (src/capture/har-file.ts) with the place. */
export async function importHar(file: Blob & { name?: string; lastModified?: number }): Promise<Imported> {
  const result = await diagnoseHar(chunksOf(file));
  return {
    records: result.records,
    pageUrl: result.pageUrl,
    exportedAt: new Date(file.lastModified ?? Date.now()).toISOString(),
    browser: producerOf(result.facts),
    kind: "har",
    notes: [
      ...(result.pageOrigin
        ? [`Calls without an Origin header are taken as made by ${result.pageOrigin.origin} (the file's page).`]
        : []),
      ...result.notes,
    ],
  };
}
