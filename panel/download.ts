// Saves text as a file from the panel page (works in DevTools and as a tab, with no downloads permission).

export function download(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file-name-safe timestamp, e.g. 2026-11-23T19-05-30. */
export function fileStamp(date = new Date()): string {
  return date.toISOString().slice(0, 19).replaceAll(":", "-");
}
