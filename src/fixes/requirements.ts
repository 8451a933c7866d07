// What the server must send for one call, derived once from its record so every stack's fix says the same thing.

import { headerValue, splitList } from "../cors/headers";
import { originOf } from "../cors/origin";
import { isSafelistedMethod, normalizeMethod, unsafeRequestHeaderNames } from "../cors/safelist";
import type { Hop } from "../capture/exchange";
import type { CallRecord } from "../store/call-record";

export interface Requirements {
  /** The exact Origin the call sent: the value Access-Control-Allow-Origin must hold ("null" after a tainting redirect). */
  origin: string;
  /** True when the origin is "null" because a redirect to another origin tainted the request. */
  tainted: boolean;
  /** The page's own origin (before any taint), for explanations and client alternatives. */
  pageOrigin: string | null;
  /** The URL whose response decided the verdict, and its origin and path. */
  url: string;
  serverOrigin: string;
  path: string;
  /** A path pattern covering the API the call belongs to: "/api/" for /api/things/1, "/" for /file.json. */
  pathPrefix: string;
  /** The method as the browser sent it (after Fetch's normalisation; "patch" stays lower-case). */
  method: string;
  /** Methods Access-Control-Allow-Methods must list: the call's own method unless it is GET, HEAD or POST. */
  methods: string[];
  /** Request headers (lower-case) Access-Control-Allow-Headers must list. */
  headers: string[];
  /** Access-Control-Allow-Credentials: true is needed (the call sends cookies or HTTP auth). */
  credentials: boolean;
  /** The credentials mode was not known; the fix assumes none and says what changes with them. */
  credentialsUnknown: boolean;
  /** A preflight is part of the call: OPTIONS must be answered with a 2xx and the headers above. */
  preflight: boolean;
  /** Authentication answered the preflight: OPTIONS must pass before authentication runs. */
  optionsBeforeAuth: boolean;
  /** Nothing routed OPTIONS: the CORS layer must answer it before routing. */
  optionsNotRouted: boolean;
  /** The failing response was an error status: error responses must carry the headers too. */
  errorResponses: boolean;
  /** Status of the response that decided the verdict, when one was received. */
  status: number | null;
  /** Chrome's CorsError name, or null when the call was not blocked by CORS. */
  code: string | null;
  /** The diagnosis's deeper cause kind, when it has one. */
  causeKind: string | null;
  /** The call was not blocked by CORS (allowed, or a network error): there is nothing to change on the server. */
  nothingToFix: boolean;
  /** Stack-independent explanations every fix carries (taint, duplicated headers, near-miss origins…). */
  notes: string[];
}

/** Methods that never need Access-Control-Allow-Methods, though a stack's own preflight check may still want them listed. */
const SIMPLE_METHODS = ["GET", "HEAD", "POST"];

function deciderHop(record: CallRecord): Hop {
  const hops = record.exchange.hops;
  return hops[Math.min(record.diagnosis.hopIndex, hops.length - 1)] ?? hops[hops.length - 1]!;
}

function requestedHeaders(record: CallRecord, hop: Hop): string[] {
  const fromPreflight = (h: Hop): string[] =>
    splitList(headerValue(h.preflight?.requestHeaders, "access-control-request-headers") ?? "").map((n) =>
      n.toLowerCase(),
    );
  let names = fromPreflight(hop);
  if (names.length === 0 && !hop.preflight) {
    // No preflight seen (a cached one, or none needed): the request's own unsafe headers are what a preflight lists.
    names = hop.request.requestHeaders ? unsafeRequestHeaderNames(hop.request.requestHeaders) : [];
  }
  const d = record.diagnosis;
  const refusedHeaders = d.code === "HeaderDisallowedByPreflightResponse" ? d.disallowed : [];
  return [...new Set([...names, ...refusedHeaders.map((n) => n.toLowerCase())])].sort();
}

function requestedMethod(record: CallRecord, hop: Hop): string {
  const asked = headerValue(hop.preflight?.requestHeaders, "access-control-request-method");
  return normalizeMethod(asked ?? hop.request.method ?? record.exchange.method);
}

/** The first path segment as a directory ("/api/"), or "/" when the resource sits at the root. */
function prefixOf(path: string): string {
  const segments = path.split("/").filter((s) => s.length > 0);
  return segments.length > 1 ? `/${segments[0]}/` : "/";
}

export function requirementsOf(record: CallRecord): Requirements {
  const { exchange, diagnosis: d } = record;
  const hop = deciderHop(record);
  const url = new URL(hop.request.url);
  const method = requestedMethod(record, hop);
  const headers = requestedHeaders(record, hop);
  const methods = isSafelistedMethod(method) ? [] : [method];
  const firstOrigin =
    headerValue(exchange.hops[0]?.preflight?.requestHeaders, "origin") ??
    headerValue(exchange.hops[0]?.request.requestHeaders, "origin") ??
    exchange.initiator;
  const tainted = d.origin === "null" && firstOrigin !== null && firstOrigin !== "null";
  const causeKind = d.cause?.kind ?? null;
  const status = d.statusCode;
  const nothingToFix = d.outcome !== "blocked";
  const notes: string[] = [];

  if (tainted) {
    notes.push(
      `The call started at ${exchange.url} from ${firstOrigin}, but a redirect to another origin made the browser send Origin: null. ` +
        `Allowing "null" works, but any sandboxed iframe or file:// page also sends "null", so never allow it with credentials; ` +
        `the better fix is to call ${hop.request.url} directly (or redirect within one origin).`,
    );
  }
  if (d.code?.endsWith("MultipleAllowOriginValues")) {
    notes.push(
      `The response carried Access-Control-Allow-Origin "${d.received ?? ""}": more than one value. Usually two layers (the app and a proxy, or two middlewares) both add it; let exactly one layer send it.`,
    );
  }
  if (causeKind === "origin-near-miss" && d.cause) notes.push(d.cause.summary);
  if (d.code?.endsWith("InvalidAllowOriginValue")) {
    notes.push(
      `Access-Control-Allow-Origin must be exactly one serialised origin (scheme://host[:port], no path, no trailing slash) or *; "${d.received ?? ""}" is neither.`,
    );
  }
  if (d.code === "InvalidAllowMethodsPreflightResponse" || d.code === "InvalidAllowHeadersPreflightResponse") {
    notes.push(
      "Access-Control-Allow-Methods and -Headers are comma-separated lists of tokens: separate items with commas, not spaces or semicolons.",
    );
  }
  if (d.code === "PreflightDisallowedRedirect") {
    notes.push(
      "The preflight was answered with a redirect, which browsers never follow for OPTIONS: call the final URL directly (often a missing or extra trailing slash, or http → https), or answer OPTIONS before the redirect.",
    );
  }
  if (d.code === "RedirectContainsCredentials") {
    notes.push(
      "The redirect's Location carries user:password@: browsers refuse it for cross-origin calls. Redirect to a URL without credentials in it.",
    );
  }
  if (method !== method.toUpperCase() && !isSafelistedMethod(method)) {
    notes.push(
      `fetch sends the method "${method}" exactly as written and Access-Control-Allow-Methods is compared case-sensitively: list "${method}", or better, send "${method.toUpperCase()}" from the page.`,
    );
  }
  if (d.credentials === "unknown" && !nothingToFix) {
    notes.push(
      "CORS Lens could not tell whether the call sends credentials; this fix assumes it does not. If the page uses credentials: 'include' (or withCredentials), also allow credentials, and keep the explicit origin rather than *.",
    );
  }
  if (causeKind === "error-status-without-cors-headers" && status !== null && status >= 500) {
    notes.push(
      `The server answered ${status}: once the CORS headers are on error responses the page can read that error, but the error itself still needs fixing.`,
    );
  }

  return {
    origin: d.origin,
    tainted,
    pageOrigin: firstOrigin === "null" ? null : firstOrigin,
    url: hop.request.url,
    serverOrigin: originOf(hop.request.url) ?? url.origin,
    path: url.pathname,
    pathPrefix: prefixOf(url.pathname),
    method,
    methods,
    headers,
    credentials: d.credentials === "include",
    credentialsUnknown: d.credentials === "unknown",
    preflight: hop.preflight !== null || methods.length > 0 || headers.length > 0,
    optionsBeforeAuth: causeKind === "auth-before-cors",
    optionsNotRouted: causeKind === "options-not-routed",
    errorResponses:
      causeKind === "error-status-without-cors-headers" ||
      (status !== null && status >= 400 && d.stage !== "preflight"),
    status,
    code: d.code,
    causeKind,
    nothingToFix,
    notes,
  };
}

/** A method list for a stack whose setting replaces its default list: keep the defaults, add what the call needs. */
export function withDefaults(defaults: readonly string[], needed: readonly string[]): string[] {
  return [...new Set([...defaults, ...needed])];
}

/** The methods to configure when the stack's default list does not cover the call's method; null when it does. */
export function methodsBeyond(req: Requirements, defaults: readonly string[]): string[] | null {
  return req.methods.every((m) => defaults.includes(m)) ? null : withDefaults(defaults, req.methods);
}

/** Every method the preflight must allow, for stacks whose list has no default (the call's method and the simple ones). */
export function explicitMethods(req: Requirements): string[] {
  return withDefaults(SIMPLE_METHODS, req.methods);
}

/** One line saying what the fix does, the same for every stack. */
export function titleOf(req: Requirements, label: string): string {
  if (req.nothingToFix) return `${label}: CORS did not block this call; nothing to change`;
  const parts = [`allow ${req.origin}`];
  if (req.methods.length) parts.push(`method ${req.methods.join(", ")}`);
  if (req.headers.length) parts.push(`header${req.headers.length > 1 ? "s" : ""} ${req.headers.join(", ")}`);
  const what = parts.join(", ") + (req.credentials ? " with credentials" : "");
  return `${label}: ${what} on ${req.pathPrefix === "/" ? req.path : req.pathPrefix + "*"}`;
}

/** Notes every stack needs when the cause was on OPTIONS or on error responses, worded for that stack's layer. */
export function orderingNotes(req: Requirements, layer: { cors: string; auth: string }): string[] {
  const notes: string[] = [];
  if (req.optionsBeforeAuth) {
    notes.push(
      `Authentication answered the preflight (${req.status ?? "401/403"}). Browsers never send cookies or Authorization on OPTIONS, so ${layer.cors} must run before ${layer.auth}, or ${layer.auth} must let OPTIONS through.`,
    );
  }
  if (req.optionsNotRouted) {
    notes.push(
      `Nothing answered OPTIONS ${req.path} (${req.status ?? "404/405"}). ${layer.cors} must see OPTIONS before routing does; a route that exists only for ${req.method} does not answer OPTIONS.`,
    );
  }
  return notes;
}

/** The one sentence about credentials every stack repeats in its own terms. */
export function credentialsNote(req: Requirements): string | null {
  if (!req.credentials) return null;
  return `The call sends credentials, so the origin must be named exactly (never *) and Access-Control-Allow-Credentials must be exactly "true"; * in the methods or headers lists does not count either.`;
}

/** Header lines the preflight and the actual response need, for stacks configured with raw headers. */
export interface HeaderPlan {
  preflight: [string, string][];
  actual: [string, string][];
}

export function headerPlan(req: Requirements): HeaderPlan {
  const common: [string, string][] = [["Access-Control-Allow-Origin", req.origin]];
  if (req.credentials) common.push(["Access-Control-Allow-Credentials", "true"]);
  const preflight: [string, string][] = [...common];
  if (req.methods.length) preflight.push(["Access-Control-Allow-Methods", req.methods.join(", ")]);
  if (req.headers.length) preflight.push(["Access-Control-Allow-Headers", req.headers.join(", ")]);
  preflight.push(["Vary", "Origin"]);
  return { preflight, actual: [...common, ["Vary", "Origin"]] };
}
