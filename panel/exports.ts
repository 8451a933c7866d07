// What the panel's Export JSON, Export Markdown and Copy for ticket produce, from the tab's records and settings.

import { extensionVersion } from "../extension/platform";
import type { Settings } from "../src/protocol/messages";
import { buildExport } from "../src/report/export";
import { markdownReport, ticketSection, type TicketContext } from "../src/report/markdown";
import type { CallRecord } from "../src/store/call-record";
import { browserInfo } from "./browser-info";
import { download, fileStamp } from "./download";

/** Where the records come from and how the user wants them written. */
export interface ExportSource {
  pageUrl: string | null;
  settings: Settings;
}

function ticketContext(source: ExportSource): TicketContext {
  return {
    browser: browserInfo(),
    pageUrl: source.pageUrl,
    stack: source.settings.stack,
    includeSecrets: source.settings.includeSecrets,
  };
}

export function exportJson(records: readonly CallRecord[], source: ExportSource): void {
  const doc = buildExport(records, {
    extensionVersion: extensionVersion(),
    browser: browserInfo(),
    pageUrl: source.pageUrl,
    includeSecrets: source.settings.includeSecrets,
    stack: source.settings.stack,
  });
  download(`cors-lens-${fileStamp()}.json`, JSON.stringify(doc, null, 2) + "\n", "application/json");
}

export function exportMarkdown(records: readonly CallRecord[], source: ExportSource): void {
  download(`cors-lens-${fileStamp()}.md`, markdownReport(records, ticketContext(source)), "text/markdown");
}

export function ticketFor(record: CallRecord, source: ExportSource): string {
  return ticketSection(record, ticketContext(source));
}
