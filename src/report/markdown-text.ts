// Markdown escaping the ticket writers share: code spans, fences and plain text that survive any content.

/** A code span that survives any backticks and pipes inside (GFM lets `\|` stand in a table cell's code span). */
export function code(text: string): string {
  const flat = text.replace(/[\r\n]+/g, " ");
  const ticks = "`".repeat(Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length)) + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") || flat === "" ? " " : "";
  return `${ticks}${pad}${flat.replace(/\|/g, "\\|")}${pad}${ticks}`;
}

export function fence(text: string, language: string): string {
  const ticks = "`".repeat(Math.max(3, ...[...text.matchAll(/`{3,}/g)].map((m) => m[0].length + 1)));
  return `${ticks}${language}\n${text.trimEnd()}\n${ticks}`;
}

/** Plain text in a table cell or heading: escape what Markdown would read as syntax. */
export function text(s: string): string {
  return s.replace(/[\r\n]+/g, " ").replace(/([\\`*_[\]<>|#])/g, "\\$1");
}
