// The what-if editor's state: one captured call's last-hop responses and page-side request, as plain editable data.

import { lastHop, type Hop } from "../capture/exchange";
import type { CredentialsMode } from "../cors/check";
import { headerValue, type Header } from "../cors/headers";
import { authorHeaders } from "../report/reproduce";
import type { CallRecord } from "../store/call-record";

/** One response as the editor holds it. */
export interface EditedResponse {
  status: number | null;
  headers: Header[];
}

export interface WhatIfState {
  /**
   * The last hop's preflight response; null when the captured call had no preflight (or its preflight got no
   * response). When the edited request needs a preflight and none was captured, the engine assumes the server
   * answers OPTIONS with 200 and no headers (docs/what-if.md); a cached preflight stays cached while the request
   * keeps its method and headers.
   */
  preflight: EditedResponse | null;
  /** The response of the last hop's request; null when none was received (never sent, or a network failure). */
  actual: EditedResponse | null;
  /** What the page controls: the method, the headers its script sets (author headers), the credentials mode. */
  request: { method: string; headers: Header[]; credentials: CredentialsMode };
}

export type ResponseSide = "preflight" | "actual";

const copyHeaders = (headers: readonly Header[]): Header[] => headers.map((h) => ({ name: h.name, value: h.value }));

const copyResponse = (r: EditedResponse | null): EditedResponse | null =>
  r && { status: r.status, headers: copyHeaders(r.headers) };

/** A deep copy, so an edit never reaches the caller's (or the capture's) objects. */
export function copyState(state: WhatIfState): WhatIfState {
  return {
    preflight: copyResponse(state.preflight),
    actual: copyResponse(state.actual),
    request: {
      method: state.request.method,
      headers: copyHeaders(state.request.headers),
      credentials: state.request.credentials,
    },
  };
}

/** The method the browser sent: the preflight's Access-Control-Request-Method when there was one (normalised). */
export function methodOf(hop: Hop): string {
  return headerValue(hop.preflight?.requestHeaders, "access-control-request-method") ?? hop.request.method;
}

/** The credentials mode the diagnosis worked with; "unknown" is the engine's same-origin assumption. */
export function capturedCredentials(record: CallRecord): CredentialsMode {
  const c = record.diagnosis.credentials;
  return c === "unknown" ? "same-origin" : c;
}

/** What was captured (the editor's Reset), for the last hop: redirects before it stay as captured. */
export function captured(record: CallRecord): WhatIfState {
  const hop = lastHop(record.exchange);
  const pre = hop.preflight;
  const req = hop.request;
  return {
    preflight:
      pre && pre.responseHeaders !== null
        ? { status: pre.statusCode, headers: copyHeaders(pre.responseHeaders) }
        : null,
    actual: req.responseHeaders !== null ? { status: req.statusCode, headers: copyHeaders(req.responseHeaders) } : null,
    request: { method: methodOf(hop), headers: authorHeaders(hop), credentials: capturedCredentials(record) },
  };
}
