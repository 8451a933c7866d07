// Fetch's safelists as Chrome applies them: methods, request headers and their value rules, preflight need.

import { MIMEType } from "whatwg-mimetype";
import type { Header } from "./headers";

const NORMALISED_METHODS = ["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"];

/** Fetch's method normalisation: only these six are upper-cased; `patch` stays `patch`. */
export function normalizeMethod(method: string): string {
  const upper = method.toUpperCase();
  return NORMALISED_METHODS.includes(upper) ? upper : method;
}

export function isSafelistedMethod(method: string): boolean {
  return method === "GET" || method === "HEAD" || method === "POST";
}

const FORBIDDEN_NAMES = new Set([
  "accept-charset",
  "accept-encoding",
  "access-control-request-headers",
  "access-control-request-method",
  "connection",
  "content-length",
  "cookie",
  "cookie2",
  "date",
  "dnt",
  "expect",
  "host",
  "keep-alive",
  "origin",
  "referer",
  "set-cookie",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "via",
]);

/** Headers a script cannot set; the browser adds them and never counts them against CORS. */
export function isForbiddenRequestHeader(name: string): boolean {
  const n = name.toLowerCase();
  return FORBIDDEN_NAMES.has(n) || n.startsWith("proxy-") || n.startsWith("sec-");
}

/** Headers the network stack adds on its own (not author headers), beyond the forbidden ones. */
const UA_ADDED = new Set(["user-agent", "priority"]);

/** Whether a header a request carried can have come from the page's script (neither forbidden nor UA-added). */
export function isAuthorRequestHeader(name: string): boolean {
  const n = name.toLowerCase();
  return !isForbiddenRequestHeader(n) && !UA_ADDED.has(n);
}

/** A CORS-unsafe request-header byte: control characters but tab, and `"():<>?@[\]{}` and DEL. */
function hasUnsafeByte(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f || '"():<>?@[\\]{}'.includes(value[i]!)) return true;
  }
  return false;
}

const LANGUAGE_VALUE = /^[0-9A-Za-z *,\-.;=]*$/;
const RANGE_VALUE = /^bytes=(\d+)-(\d*)$/;
const SAFE_CONTENT_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"];

/** Chrome safelists these client hints too when their values parse. */
const CHROME_CLIENT_HINTS = new Set([
  "device-memory",
  "dpr",
  "width",
  "viewport-width",
  "rtt",
  "downlink",
  "ect",
  "save-data",
  "intervention",
]);

function isSafelistedValue(name: string, value: string): boolean {
  if (utf8Length(value) > 128) return false;
  switch (name) {
    case "accept":
      return !hasUnsafeByte(value);
    case "accept-language":
    case "content-language":
      return LANGUAGE_VALUE.test(value);
    case "content-type": {
      if (hasUnsafeByte(value)) return false;
      const mime = MIMEType.parse(value);
      return mime !== null && SAFE_CONTENT_TYPES.includes(mime.essence);
    }
    case "range": {
      const m = RANGE_VALUE.exec(value);
      if (!m) return false;
      return m[2] === "" || Number(m[1]) <= Number(m[2]);
    }
    default:
      return CHROME_CLIENT_HINTS.has(name) && !hasUnsafeByte(value);
  }
}

/** The UTF-8 byte length, as TextEncoder would make it (a lone surrogate is U+FFFD, 3 bytes), without allocating. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Why a safelisted name's value is not safelisted, in words; null when it is. */
export function valueProblem(name: string, value: string): string | null {
  const n = name.toLowerCase();
  if (isSafelistedValue(n, value)) return null;
  if (utf8Length(value) > 128) return `is ${utf8Length(value)} bytes, over the 128 a safelisted value may have`;
  if ((n === "accept" || n === "content-type" || CHROME_CLIENT_HINTS.has(n)) && hasUnsafeByte(value))
    return 'holds a byte Fetch forbids in a safelisted value (a control character or one of "():<>?@[\\]{})';
  if (n === "content-type") return "is not text/plain, multipart/form-data or application/x-www-form-urlencoded";
  if (n === "range") return "is not a single bytes=N- or bytes=N-M range";
  return "holds characters its safelist does not allow";
}

/** Names Fetch (and Chrome) safelist when their values pass: only the value can make them CORS-unsafe. */
const SAFELISTED_NAMES = new Set(["accept", "accept-language", "content-language", "content-type", "range"]);

export function isSafelistedHeaderName(name: string): boolean {
  const n = name.toLowerCase();
  return SAFELISTED_NAMES.has(n) || CHROME_CLIENT_HINTS.has(n);
}

/** The total of safelisted header values (in UTF-8 bytes) past which all of them become CORS-unsafe. */
export const SAFELISTED_TOTAL_LIMIT = 1024;

/**
 * Why one author header is CORS-unsafe: its name is not safelisted ("header"), its value fails the name's rule
 * ("header-value"), or it passed but the safelisted values together exceed 1024 bytes ("headers-size", with the total).
 */
export interface UnsafeHeader {
  name: string;
  value: string;
  kind: "header" | "header-value" | "headers-size";
  /** headers-size only: the safelisted values' total in bytes. */
  total?: number;
}

/** Each CORS-unsafe author header once (lower-case name, its first unsafe value), sorted by name. */
export function unsafeRequestHeaders(headers: readonly Header[]): UnsafeHeader[] {
  const unsafe = new Map<string, UnsafeHeader>();
  const safe: { name: string; value: string; length: number }[] = [];
  for (const h of headers) {
    const name = h.name.toLowerCase();
    if (!isAuthorRequestHeader(name)) continue;
    if (isSafelistedValue(name, h.value)) safe.push({ name, value: h.value, length: utf8Length(h.value) });
    else if (!unsafe.has(name))
      unsafe.set(name, { name, value: h.value, kind: isSafelistedHeaderName(name) ? "header-value" : "header" });
  }
  // Past 1024 bytes in total, every otherwise-safelisted header becomes unsafe.
  const total = safe.reduce((sum, h) => sum + h.length, 0);
  if (total > SAFELISTED_TOTAL_LIMIT)
    for (const h of safe) if (!unsafe.has(h.name)) unsafe.set(h.name, { ...h, kind: "headers-size", total });
  return [...unsafe.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * The CORS-unsafe request-header names of an author header list: lower-cased, de-duplicated and sorted,
 * exactly what Access-Control-Request-Headers carries. Forbidden and browser-added headers are ignored.
 */
export function unsafeRequestHeaderNames(headers: readonly Header[]): string[] {
  return unsafeRequestHeaders(headers).map((h) => h.name);
}

/** Whether a CORS request with this method and these author headers needs a preflight. */
export function needsPreflight(method: string, headers: readonly Header[]): boolean {
  return !isSafelistedMethod(normalizeMethod(method)) || unsafeRequestHeaderNames(headers).length > 0;
}
