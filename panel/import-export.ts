// Import: turns a saved cors-lens/export@1 document back into records the panel shows (the ticket's own diagnosis).

import type { ExportDocument } from "../src/report/export-format";
import { recordFromExport } from "../src/report/import";
import type { CallRecord } from "../src/store/call-record";

export class ImportError extends Error {}

export interface Imported {
  records: CallRecord[];
  pageUrl: string | null;
  exportedAt: string;
  browser: string;
  /** A HAR is diagnosed here; an export keeps the diagnosis it was saved with. */
  kind?: "export" | "har";
  /** What a HAR file could not tell (shown with the banner). */
  notes?: string[];
}

/** Parses and checks a file's text; throws ImportError with a message a user understands. */
export function importExport(text: string): Imported {
  let doc: ExportDocument;
  try {
    doc = JSON.parse(text) as ExportDocument;
  } catch {
    throw new ImportError("This file is not JSON. Choose a file saved with Export JSON, or a HAR.");
  }
  if (!doc || doc.schema !== "cors-lens/export@1" || !Array.isArray(doc.requests)) {
    throw new ImportError("This JSON is not a CORS Lens export (cors-lens/export@1).");
  }
  return {
    records: doc.requests.map((r, i) => {
      const record = recordFromExport(r, `import-${i}-${r.id}`);
      if (!record) throw new ImportError(`Request ${i + 1} of this export has no steps.`);
      return record;
    }),
    pageUrl: doc.page?.url ?? null,
    exportedAt: doc.exportedAt,
    browser: `${doc.browser?.name ?? "?"} ${doc.browser?.version ?? ""}`.trim(),
  };
}
