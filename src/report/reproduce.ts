// Commands that replay a captured call from a terminal: curl for each step, and the `cors-lens check` line.

import type { Hop } from "../capture/exchange";
import type { CredentialsMode } from "../cors/check";
import { headerValue, splitList, type Header } from "../cors/headers";
import { isAuthorRequestHeader } from "../cors/safelist";
import { evaluate, requestOrigin } from "../diagnose/verdict";
import type { CallRecord } from "../store/call-record";
import { isSecretHeader, MASK, redactUrl } from "./redact";

export interface Reproduction {
  /** The preflight (when one was sent) and the request of every hop, in order. */
  curl: string[];
  /** `cors-lens check …`: the same call through the same engine, from a terminal. */
  check: string;
}

export interface ReproduceOptions {
  /** Keep cookie, authorization and token values (masked by default). */
  includeSecrets?: boolean;
}

/**
 * Stands in for a value webRequest never showed: after a failed preflight the request's headers are invisible,
 * and only Access-Control-Request-Headers names them. Its `[` is a CORS-unsafe byte, so every header carrying it
 * stays unsafe whatever its name, exactly as the original did (it was named in that list).
 */
export const NOT_CAPTURED = "[not captured]";

/** POSIX shell quoting: bare when harmless, else single quotes (an embedded ' becomes '\''). */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Content-Type rather than content-type, for lines people read. */
function displayName(lowerName: string): string {
  return lowerName.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
}

/**
 * The headers the page's script set on this hop: what the request carried minus what the browser adds (and
 * fetch()'s default Accept), or, when the request was never shown, the names its preflight announced, valued
 * NOT_CAPTURED (which keeps each of them CORS-unsafe, as the original was). Fresh objects, safe to edit.
 */
export function authorHeaders(hop: Hop): Header[] {
  const seen = hop.request.requestHeaders;
  if (seen) {
    return seen
      .filter((h) => isAuthorRequestHeader(h.name) && !(/^accept$/i.test(h.name) && h.value === "*/*"))
      .map((h) => ({ name: h.name, value: h.value }));
  }
  const announced = splitList(headerValue(hop.preflight?.requestHeaders, "access-control-request-headers") ?? "");
  return announced.map((n) => ({ name: displayName(n.toLowerCase()), value: NOT_CAPTURED }));
}

export function reproduce({ exchange, diagnosis }: CallRecord, options: ReproduceOptions = {}): Reproduction {
  const keep = options.includeSecrets === true;
  const url = (u: string): string => shellQuote(keep ? u : redactUrl(u));
  const mask = (h: Header): Header => (keep || !isSecretHeader(h.name) ? h : { name: h.name, value: MASK });
  const dashH = (h: Header): string[] => ["-H", shellQuote(`${h.name}: ${h.value}`)];
  const include = diagnosis.credentials === "include";
  const mode: CredentialsMode = include ? "include" : "same-origin";
  // The engine's view of each hop's Origin: the one seen, or "null" after a tainting redirect.
  const origins = evaluate(exchange, mode).origins;

  const curl: string[] = [];
  for (const [i, hop] of exchange.hops.entries()) {
    const origin: Header = { name: "Origin", value: origins[i] ?? requestOrigin(exchange) };
    if (hop.preflight) {
      const announced = ["Access-Control-Request-Method", "Access-Control-Request-Headers"].flatMap((name) => {
        const v = headerValue(hop.preflight!.requestHeaders, name);
        return v === null ? [] : dashH({ name, value: v });
      });
      curl.push(["curl", "-i", "-X", "OPTIONS", url(hop.preflight.url), ...dashH(origin), ...announced].join(" "));
    }
    const m = hop.request.method;
    const methodFlags = m === "HEAD" ? ["-I"] : m === "GET" ? ["-i"] : ["-i", "-X", shellQuote(m)];
    const cookies = (hop.request.requestHeaders ?? []).filter((h) => /^cookie$/i.test(h.name)).map(mask);
    const headers = [origin, ...authorHeaders(hop).map(mask), ...cookies];
    curl.push(["curl", ...methodFlags, url(hop.request.url), ...headers.flatMap(dashH)].join(" "));
  }

  const first = exchange.hops[0];
  // The preflight says which method the browser used after normalising it; the call's own method otherwise.
  const method = headerValue(first?.preflight?.requestHeaders, "access-control-request-method") ?? exchange.method;
  const check = ["cors-lens", "check", url(exchange.url), "--origin", shellQuote(requestOrigin(exchange))];
  if (method !== "GET") check.push("--method", shellQuote(method));
  if (first) for (const h of authorHeaders(first).map(mask)) check.push(...dashH(h));
  // The CLI has no cookie jar; the credentials mode (which a Cookie header implies) is what the verdict needs.
  if (include) check.push("--credentials");
  return { curl, check: check.join(" ") };
}
