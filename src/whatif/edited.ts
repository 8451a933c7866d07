// Builds the edited copy of a captured exchange (the capture is never touched) and runs the engine's own check on it.

import { lastHop, type Exchange, type Hop, type Step } from "../capture/exchange";
import type { CredentialsMode } from "../cors/check";
import { headerValue, type Header } from "../cors/headers";
import { isForbiddenRequestHeader, needsPreflight, normalizeMethod, unsafeRequestHeaderNames } from "../cors/safelist";
import type { Diagnosis } from "../diagnose/diagnosis";
import { evaluate, redirectTarget } from "../diagnose/verdict";
import { toRecord, type CallRecord } from "../store/call-record";
import { isBlankRow } from "./problems";
import { methodOf, type EditedResponse, type WhatIfState } from "./state";

/** The status a response the capture never saw is assumed to have, with no headers at all. */
export const ASSUMED_STATUS = 200;

export interface EditedCall {
  exchange: Exchange;
  diagnosis: Diagnosis;
  /** Sentences on what the engine had to assume about the edited call (appended to the verdict's summary). */
  assumptions: string[];
}

const clone = <T>(value: T): T => structuredClone(value);

const headerSet = (headers: readonly Header[]): string => unsafeRequestHeaderNames(headers).join(",");

/** Response header rows as sent: blank rows dropped, copied. */
const rows = (headers: readonly Header[]): Header[] =>
  headers.filter((h) => !isBlankRow(h)).map((h) => ({ name: h.name, value: h.value }));

interface HopEdit {
  method: string;
  author: Header[];
  credentials: CredentialsMode;
  /** The last hop's edited responses; null for an earlier hop, which keeps what was captured. */
  responses: { preflight: EditedResponse | null; actual: EditedResponse | null } | null;
}

function respond(step: Step, response: EditedResponse): Step {
  return { ...step, sent: true, statusCode: response.status, responseHeaders: rows(response.headers), error: null };
}

/** The request's headers as the browser would send them: its own (Origin, Cookie when credentialed) plus the author's. */
function requestHeaders(hop: Hop, edit: HopEdit): Header[] {
  const seen = hop.request.requestHeaders ?? [];
  const origin = headerValue(seen, "origin") ?? headerValue(hop.preflight?.requestHeaders, "origin") ?? null;
  const own = seen.filter(
    (h) =>
      isForbiddenRequestHeader(h.name) &&
      !/^origin$/i.test(h.name) &&
      (edit.credentials === "include" || !/^cookie2?$/i.test(h.name)),
  );
  const author = edit.author.filter((h) => !isForbiddenRequestHeader(h.name));
  return [...author, ...(origin === null ? [] : [{ name: "Origin", value: origin }]), ...own];
}

/** The preflight the edited request needs on this hop: the captured one re-announced, a synthesized one, or none. */
function preflightFor(hop: Hop, edit: HopEdit, notes: Set<string>): Step | null {
  const method = normalizeMethod(edit.method);
  if (!needsPreflight(method, edit.author)) {
    if (hop.preflight && edit.responses?.preflight) notes.add(NO_PREFLIGHT_NEEDED);
    return null;
  }
  const unsafe = unsafeRequestHeaderNames(edit.author);
  const announce = (base: Step): Step => {
    const others = (base.requestHeaders ?? []).filter(
      (h) => !/^access-control-request-(method|headers)$/i.test(h.name),
    );
    return {
      ...base,
      requestHeaders: [
        ...others,
        { name: "Access-Control-Request-Method", value: method },
        ...(unsafe.length ? [{ name: "Access-Control-Request-Headers", value: unsafe.join(",") }] : []),
      ],
    };
  };
  const given = edit.responses?.preflight ?? null;
  if (hop.preflight) {
    const pre = announce(clone(hop.preflight));
    return given ? respond(pre, given) : pre;
  }
  // No preflight was captured though the request needed one: Chrome used its preflight cache, which still holds
  // for the same method and headers.
  const captured = hop.request.requestHeaders;
  const cached =
    hop.request.sent &&
    captured !== null &&
    normalizeMethod(methodOf(hop)) === method &&
    headerSet(captured) === unsafe.join(",");
  if (cached && !given) return null;
  if (!given) notes.add(SYNTHESIZED_PREFLIGHT);
  const origin = headerValue(hop.request.requestHeaders, "origin");
  const base: Step = {
    ...clone(hop.request),
    method: "OPTIONS",
    sent: true,
    requestHeaders: origin === null ? [] : [{ name: "Origin", value: origin }],
    matchedBy: "only-candidate",
  };
  return respond(announce(base), given ?? { status: ASSUMED_STATUS, headers: [] });
}

function editHop(hop: Hop, edit: HopEdit, notes: Set<string>): Hop {
  const preflight = preflightFor(hop, edit, notes);
  const request: Step = { ...clone(hop.request), method: normalizeMethod(edit.method) };
  request.requestHeaders = requestHeaders(hop, edit);
  // A preflight that got no response (a network failure) never let the request go: that failure stands.
  if (preflight && preflight.responseHeaders === null) return { preflight, request: unsent(request) };
  const given = edit.responses?.actual ?? null;
  if (given) return { preflight, request: respond(request, given) };
  if (edit.responses && !hop.request.sent) {
    // Never sent (its preflight failed): what the server answers is unknown.
    notes.add(ASSUMED_RESPONSE);
    return { preflight, request: respond(request, { status: ASSUMED_STATUS, headers: [] }) };
  }
  return { preflight, request };
}

const NO_PREFLIGHT_NEEDED = "The edited request needs no preflight, so the preflight response is not used.";
const SYNTHESIZED_PREFLIGHT = `The captured call sent no preflight but the edited request needs one: the engine assumes the server answers OPTIONS with ${ASSUMED_STATUS} and no headers.`;
const ASSUMED_RESPONSE = `The captured request was never sent (its preflight failed), so its response is unknown: the engine assumes ${ASSUMED_STATUS} with no headers until you give it some.`;

/** A failed step as Chrome shows it: no response, and for a request stopped by its preflight, never sent. */
function unsent(step: Step): Step {
  return { ...step, sent: false, statusCode: null, responseHeaders: null, error: "net::ERR_FAILED" };
}

/**
 * The edited call and the engine's diagnosis of it. Request edits (method, author headers, credentials mode)
 * apply to every hop, as the browser repeats the request through redirects; response edits apply to the last hop.
 * The edited exchange's outcome comes from the engine's own check in the edited credentials mode (the capture's
 * outcome was Chrome's answer to other headers); a network failure without any response stays as captured.
 */
export function editedCall(record: CallRecord, state: WhatIfState): EditedCall {
  const original = record.exchange;
  const credentials = state.request.credentials;
  const notes = new Set<string>();
  const last = original.hops.length - 1;
  const author = rows(state.request.headers);
  const hops = original.hops.map((hop, i) =>
    editHop(
      hop,
      {
        method: state.request.method,
        author,
        credentials,
        responses: i === last ? { preflight: state.preflight, actual: state.actual } : null,
      },
      notes,
    ),
  );
  const exchange: Exchange = {
    ...clone(original),
    method: normalizeMethod(state.request.method),
    hops,
    hints: { ...clone(original.hints ?? {}), credentials },
  };
  const verdict = evaluate(exchange, credentials);
  if (verdict.failure) {
    // Chrome stops at the failing check: no later hop, and a request whose preflight failed is never sent.
    exchange.hops = hops.slice(0, verdict.hopIndex + 1);
    const hop = exchange.hops[verdict.hopIndex]!;
    if (verdict.stage === "preflight") hop.request = unsent(hop.request);
    if (verdict.stage === "preflight" || verdict.hopIndex < last) notes.delete(ASSUMED_RESPONSE);
    exchange.outcome = "failed";
    exchange.error = "net::ERR_FAILED";
  } else if (lastHop(exchange).request.responseHeaders === null && original.outcome === "failed") {
    // No response to check (a network failure, or headers webRequest never showed): the capture's failure stands.
    exchange.outcome = "failed";
    exchange.error = original.error;
  } else {
    exchange.outcome = "completed";
    exchange.error = null;
    const end = lastHop(exchange).request;
    const target = redirectTarget(end);
    if (target) notes.add(`The redirect to ${target} now passes; what that URL answers was never captured.`);
  }
  const assumptions = [...notes];
  return { ...toRecord(exchange), assumptions };
}
