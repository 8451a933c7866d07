// Small text helpers the stack modules share, so quoting and layout rules live in one place.

/** A double-quoted string literal; valid in JS, TS, Python, Go, Java, C#, Ruby, JSON and nginx/Apache/Caddy configs for origins, methods and header names. */
export function q(s: string): string {
  return JSON.stringify(s);
}

/** `["a", "b"]` (or with other brackets), on one line. */
export function list(items: readonly string[], open = "[", close = "]"): string {
  return `${open}${items.map(q).join(", ")}${close}`;
}

/** Lines of `key: value` / `key=value` entries, each indented and followed by `sep` (a trailing comma keeps diffs small). */
export function entries(
  pairs: readonly (readonly [string, string] | null)[],
  indent: string,
  assign: string,
  sep = ",",
): string {
  return pairs
    .filter((p): p is readonly [string, string] => p !== null)
    .map(([k, v]) => `${indent}${k}${assign}${v}${sep}`)
    .join("\n");
}

/** Wraps prose into comment lines of at most `width` characters, each starting with `prefix`. */
export function comment(prefix: string, text: string, width = 100): string {
  const out: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && prefix.length + line.length + 1 + word.length > width) {
      out.push(prefix + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(prefix + line);
  return out.join("\n");
}

/** Joins snippet parts, dropping empty ones, with a blank line between them. */
export function paragraphs(...parts: (string | null | false | undefined)[]): string {
  return parts.filter((p): p is string => typeof p === "string" && p.length > 0).join("\n\n") + "\n";
}

/** Joins lines, dropping null ones. */
export function lines(...parts: (string | null | false | undefined)[]): string {
  return parts.filter((p): p is string => typeof p === "string").join("\n");
}
