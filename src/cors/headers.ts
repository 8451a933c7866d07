// Ordered HTTP header lists as webRequest and the export show them: lookups that keep duplicates visible.

export interface Header {
  name: string;
  value: string;
}

const lower = (s: string): string => s.toLowerCase();

/** Every value of a header, in order, one per header line. */
export function headerValues(headers: readonly Header[] | null | undefined, name: string): string[] {
  if (!headers) return [];
  const wanted = lower(name);
  const out: string[] = [];
  // Lengths first: most header names differ in length, and lower-casing each one allocates.
  for (const h of headers) if (h.name.length === wanted.length && lower(h.name) === wanted) out.push(h.value);
  return out;
}

/** The header's lines combined as Fetch combines them (", "), or null when absent. */
export function headerValue(headers: readonly Header[] | null | undefined, name: string): string | null {
  const values = headerValues(headers, name);
  return values.length === 0 ? null : values.join(", ");
}

export function hasHeader(headers: readonly Header[] | null | undefined, name: string): boolean {
  return headerValues(headers, name).length > 0;
}

/** webRequest gives header values as `value` or, for non-UTF-8 bytes, `binaryValue`. */
export function fromWebRequestHeaders(
  headers: readonly { name: string; value?: string; binaryValue?: ArrayLike<number> }[] | undefined,
): Header[] | null {
  if (!headers) return null;
  return headers.map((h) => ({
    name: h.name,
    value: h.value ?? (h.binaryValue ? String.fromCharCode(...Array.from(h.binaryValue)) : ""),
  }));
}

/** Splits a comma list into trimmed items, dropping empty ones (Fetch's "extract header list values"). */
export function splitList(value: string): string[] {
  return value
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

// RFC 9110 token characters.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
export function isToken(s: string): boolean {
  return TOKEN.test(s);
}
