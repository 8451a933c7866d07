// The captured shape of one cross-origin call: its preflights, its hops through redirects, and how it ended.

import type { Header } from "../cors/headers";

/** One HTTP request/response as the extension saw it. */
export interface Step {
  url: string;
  method: string;
  /** false when the browser never sent it (the actual request after a failed preflight). */
  sent: boolean;
  statusCode: number | null;
  requestHeaders: Header[] | null;
  responseHeaders: Header[] | null;
  /** Epoch milliseconds. */
  startedAt: number;
  endedAt: number | null;
  /** The net error that ended this step, e.g. net::ERR_FAILED. */
  error: string | null;
  /** A preflight's only: what paired it with its request (docs/pairing.md). */
  matchedBy?: PreflightMatch;
}

/**
 * How a preflight was paired with its request: it was the only candidate; it announced exactly the request's method
 * and unsafe header names, and no other did; by creation order (Chrome creates a URL's preflights in the order of
 * their requests), for a request never sent or one of several announcing the same headers; or, with no evidence
 * left (Firefox, DevTools' record), the first that came: a guess the export admits.
 */
export type PreflightMatch = "only-candidate" | "announced-headers" | "creation-order" | "first-come";

/** One URL of the call: its preflight (if one was sent) and the request itself. */
export interface Hop {
  preflight: Step | null;
  request: Step;
}

export type CaptureOutcome = "pending" | "completed" | "failed";

/** Local Network Access's two permissions, by name. */
export type LocalNetworkFeature = "local-network" | "loopback-network";

/** What a page hook can add that webRequest never says. */
export interface PageHints {
  credentials?: "omit" | "same-origin" | "include";
  callSite?: { url: string; line: number; column: number };
  /** fetch()'s targetAddressSpace option, when the page passed one (Local Network Access). */
  targetAddressSpace?: string;
  /** The calling document's isSecureContext. */
  secureContext?: boolean;
  /** navigator.permissions' states of the Local Network Access permissions, read when the call was asked about. */
  localNetworkPermissions?: Partial<Record<LocalNetworkFeature, "granted" | "denied" | "prompt">>;
  /** Whether the calling frame's Permissions-Policy allows each Local Network Access feature. */
  localNetworkPolicy?: Partial<Record<LocalNetworkFeature, boolean>>;
  /** An XHR whose upload had a listener when it was sent (Fetch then forces a preflight). */
  uploadListener?: boolean;
  /** A fetch() whose body was a ReadableStream (Chrome forces a preflight for streaming uploads). */
  streamBody?: boolean;
}

export interface Exchange {
  id: string;
  tabId: number;
  frameId: number;
  /** webRequest's resource type (xmlhttprequest, font, script…). */
  type: string;
  /** The origin that made the call, as webRequest reports it. */
  initiator: string | null;
  /** The URL the page asked for (the first hop's). */
  url: string;
  method: string;
  startedAt: number;
  hops: Hop[];
  outcome: CaptureOutcome;
  /** The net error that ended the call, when it failed. */
  error: string | null;
  hints?: PageHints;
}

export function lastHop(exchange: Exchange): Hop {
  return exchange.hops[exchange.hops.length - 1]!;
}
