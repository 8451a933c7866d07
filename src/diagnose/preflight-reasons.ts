// Why a call needed a preflight: each trigger (method, header, header value, 1,024-byte total, upload listener, stream).

import type { Exchange, Hop, PageHints } from "../capture/exchange";
import { headerValue, splitList, type Header } from "../cors/headers";
import {
  isSafelistedHeaderName,
  isSafelistedMethod,
  normalizeMethod,
  SAFELISTED_TOTAL_LIMIT,
  unsafeRequestHeaders,
  valueProblem,
} from "../cors/safelist";

export type PreflightReasonKind =
  "method" | "header" | "header-value" | "headers-size" | "upload-listener" | "stream-body";

/** One trigger. `name` is the method or the lower-case header name; `value` the header value or the byte total. */
export interface PreflightReason {
  kind: PreflightReasonKind;
  name?: string;
  value?: string;
}

/** What the page made the call with, as far as it is known. */
export interface CallShape {
  method: string;
  /** The author headers the call carried (the sent request's, browser-added ones are skipped); null when unknown. */
  headers: readonly Header[] | null;
  /** What the preflight announced (Access-Control-Request-Method / -Headers), when one was seen: it wins. */
  announced?: { method: string | null; headers: readonly string[] } | null;
  /** From the page hook: an XHR with an upload listener, a fetch with a ReadableStream body. */
  hints?: Pick<PageHints, "uploadListener" | "streamBody">;
}

/**
 * The triggers, method first, then headers by name, then what the page hook saw. When a preflight was seen, its
 * announced method and header names are the browser's own list: a header the captured request shows but the
 * preflight did not announce is left out, one it announced that the request does not show is a trigger by name.
 */
export function preflightTriggers(call: CallShape): PreflightReason[] {
  const out: PreflightReason[] = [];
  const method = normalizeMethod(call.announced?.method ?? call.method);
  if (!isSafelistedMethod(method)) out.push({ kind: "method", name: method });
  const found = unsafeRequestHeaders(call.headers ?? []);
  const announced = call.announced ? new Set(call.announced.headers.map((h) => h.toLowerCase())) : null;
  const byName = new Map(found.filter((h) => !announced || announced.has(h.name)).map((h) => [h.name, h]));
  for (const name of announced ?? [])
    if (!byName.has(name))
      byName.set(name, { name, value: "", kind: isSafelistedHeaderName(name) ? "header-value" : "header" });
  for (const h of [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (h.kind === "header") out.push({ kind: "header", name: h.name });
    else if (h.kind === "headers-size")
      out.push({ kind: "headers-size", name: h.name, value: String(h.total ?? SAFELISTED_TOTAL_LIMIT + 1) });
    else out.push({ kind: "header-value", name: h.name, ...(h.value ? { value: h.value } : {}) });
  }
  if (call.hints?.uploadListener) out.push({ kind: "upload-listener" });
  if (call.hints?.streamBody) out.push({ kind: "stream-body" });
  return out;
}

function announcedBy(hop: Hop): CallShape["announced"] {
  const headers = hop.preflight?.requestHeaders;
  if (!headers) return null;
  return {
    method: headerValue(headers, "access-control-request-method"),
    headers: splitList(headerValue(headers, "access-control-request-headers") ?? ""),
  };
}

/** The triggers of a hop's preflight (the first hop's by default); null when that hop had none. */
export function reasonsOf(exchange: Exchange, hopIndex = 0): PreflightReason[] | null {
  const hop = exchange.hops[hopIndex];
  if (!hop?.preflight) return null;
  return preflightTriggers({
    method: hop.request.method,
    headers: hop.request.requestHeaders,
    announced: announcedBy(hop),
    ...(exchange.hints ? { hints: exchange.hints } : {}),
  });
}

/**
 * Whether a seen preflight has no trigger the request shows: only the page hook can say why (upload, stream). Asked
 * of every finished call in the worker, so it reads the preflight's own announcement instead of listing triggers:
 * the same answer as `reasonsOf(exchange)?.length === 0` (a property test holds them together).
 */
export function preflightUnexplained(exchange: Exchange): boolean {
  const hop = exchange.hops[0];
  if (!hop?.preflight) return false;
  if (exchange.hints?.uploadListener || exchange.hints?.streamBody) return false;
  const announced = announcedBy(hop);
  if (!announced) return reasonsOf(exchange)!.length === 0;
  return isSafelistedMethod(normalizeMethod(announced.method ?? hop.request.method)) && announced.headers.length === 0;
}

/** One line per trigger, for the panel, the ticket and the terminal. */
export function describeReason(r: PreflightReason): string {
  switch (r.kind) {
    case "method":
      return `method ${r.name ?? ""} is not GET, HEAD or POST`;
    case "header":
      return `header ${r.name ?? ""} is not safelisted`;
    case "header-value":
      return r.value
        ? `${r.name ?? ""}: ${r.value.length > 60 ? `${r.value.slice(0, 60)}…` : r.value} ${valueProblem(r.name ?? "", r.value) ?? "is not a safelisted value"}`
        : `${r.name ?? ""} has a value that is not safelisted`;
    case "headers-size":
      return `${r.name ?? ""} counts toward safelisted header values of ${r.value ?? "over 1024"} bytes (over 1024)`;
    case "upload-listener":
      return "an XMLHttpRequest upload listener (upload progress needs a preflight)";
    case "stream-body":
      return "a ReadableStream request body";
  }
}

/** A few words per trigger, for table cells: `PUT`, `authorization`, `content-type: application/json`. */
export function shortReason(r: PreflightReason): string {
  switch (r.kind) {
    case "method":
      return r.name ?? "method";
    case "header":
      return r.name ?? "header";
    case "header-value":
      return r.value
        ? `${r.name ?? ""}: ${r.value.length > 40 ? `${r.value.slice(0, 40)}…` : r.value}`
        : `${r.name ?? ""} (value)`;
    case "headers-size":
      return `${r.name ?? ""} (${r.value ?? ">1024"}-byte total)`;
    case "upload-listener":
      return "upload listener";
    case "stream-body":
      return "stream body";
  }
}
