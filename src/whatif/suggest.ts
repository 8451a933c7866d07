// The smallest change that passes: the fewest CORS header edits, from the fix catalogue's header plan, that the engine allows.

import { lastHop } from "../capture/exchange";
import { hasHeader } from "../cors/headers";
import { isLocalNetworkCode } from "../diagnose/local-network";
import { headerPlan, requirementsOf, type Requirements } from "../fixes/requirements";
import type { CallRecord } from "../store/call-record";
import { ASSUMED_STATUS } from "./edited";
import { captured, copyState, type ResponseSide, type WhatIfState } from "./state";
import { whatIf } from "./verdict";

export interface SuggestedEdit {
  where: ResponseSide;
  /** The header's name, or "Status" for a status edit. */
  name: string;
  /** The one value the header gets (every line of that name is replaced); null removes the header. */
  value: string | null;
  /** Set for a status edit (a preflight refused by its status or a redirect): the status the response gets. */
  status?: number;
  why: string;
}

/** Why no header change is proposed. */
export type NoChangeReason =
  "already-passes" | "not-cors" | "local-network" | "tainted-with-credentials" | "redirect" | "no-header-fix";

export type SmallestChange =
  { edits: SuggestedEdit[]; state: WhatIfState } | { edits: null; reason: NoChangeReason; message: string };

const ACAO = "Access-Control-Allow-Origin";
const ACAC = "Access-Control-Allow-Credentials";
const ACAM = "Access-Control-Allow-Methods";
const ACAH = "Access-Control-Allow-Headers";
/** The headers the verdict reads; Vary and Max-Age never change it, so the smallest change never holds them. */
const CORS_HEADERS = [ACAO, ACAC, ACAM, ACAH];

/** Applies edits in order to a deep copy: a value replaces every line of its name (at the first one's place). */
export function applySuggested(state: WhatIfState, edits: readonly SuggestedEdit[]): WhatIfState {
  const next = copyState(state);
  for (const edit of edits) {
    const response = (next[edit.where] ??= {
      status: edit.where === "preflight" ? 204 : ASSUMED_STATUS,
      headers: [],
    });
    if (edit.status !== undefined) {
      response.status = edit.status;
      continue;
    }
    const wanted = edit.name.toLowerCase();
    const at = response.headers.findIndex((h) => h.name.toLowerCase() === wanted);
    const kept = response.headers.filter((h) => h.name.toLowerCase() !== wanted);
    if (edit.value !== null) kept.splice(at < 0 ? kept.length : at, 0, { name: edit.name, value: edit.value });
    response.headers = kept;
  }
  return next;
}

function whyOf(req: Requirements, where: ResponseSide, name: string, value: string | null): string {
  const response = where === "preflight" ? "the preflight's response" : "the response";
  if (value === null) {
    return `${name} on ${response} is not a comma-separated list of tokens, and this call needs none: Chrome refuses the preflight while it cannot parse it.`;
  }
  if (name === ACAO) {
    if (req.tainted) {
      return `A redirect to another origin made Chrome send Origin: null, and only "null" matches it on ${response} (better: call the final URL directly).`;
    }
    return `Chrome shares ${response} only if it names the page's origin ${req.origin}${req.credentials ? " exactly (not *: the call sends credentials)" : " (or *)"}.`;
  }
  if (name === ACAC) return `The call sends credentials: ${response} must say Access-Control-Allow-Credentials: true.`;
  if (name === ACAM)
    return `${req.method} is not GET, HEAD or POST: the preflight must list it${req.credentials ? " by name (* does not count with credentials)" : ""}.`;
  return `The request sends ${value}: the preflight must list ${req.headers.length > 1 ? "them" : "it"}${req.credentials ? " by name (* does not count with credentials)" : ""}.`;
}

/** Every edit the plan could need on one response: the plan's lines, and removal of a CORS list header it has no use for. */
function candidates(req: Requirements, state: WhatIfState, where: ResponseSide): SuggestedEdit[] {
  const plan = new Map(headerPlan(req)[where].filter(([name]) => CORS_HEADERS.includes(name)));
  const present = state[where]?.headers ?? [];
  return CORS_HEADERS.flatMap((name): SuggestedEdit[] => {
    const value = plan.get(name) ?? null;
    if (value === null && !((name === ACAM || name === ACAH) && hasHeader(present, name))) return [];
    return [{ where, name, value, why: whyOf(req, where, name, value) }];
  });
}

/** The preflight answered 204: the status a server gives OPTIONS once it stops refusing (auth, routing) or redirecting it. */
function statusEdit(start: WhatIfState): SuggestedEdit {
  const was = start.preflight?.status;
  return {
    where: "preflight",
    name: "Status",
    value: "204",
    status: 204,
    why: `The preflight was answered ${was ?? "without a status"}: Chrome needs a 2xx for OPTIONS (usually 204) before it sends the call, so the server must answer OPTIONS itself, before authentication, routing or a redirect.`,
  };
}

const passes = (record: CallRecord, state: WhatIfState): boolean => whatIf(record, state).outcome === "allowed";

function refused(reason: NoChangeReason, message: string): SmallestChange {
  return { edits: null, reason, message };
}

/**
 * The smallest change, or why there is none. Candidates come from requirementsOf/headerPlan (the fix catalogue's
 * own plan: the exact origin, Allow-Credentials only when credentials are sent, Allow-Methods only for a method
 * other than GET/HEAD/POST, Allow-Headers only for what the request sends); then each edit the engine can do
 * without is dropped, so removing any one that is left makes the call blocked again.
 */
export function explainSmallestChange(record: CallRecord): SmallestChange {
  const d = record.diagnosis;
  if (isLocalNetworkCode(d.code)) {
    return refused(
      "local-network",
      "Local Network Access stopped the call before any response was read: the page needs the permission (or targetAddressSpace), no header helps.",
    );
  }
  if (d.outcome === "allowed") return refused("already-passes", "CORS already allows this call.");
  if (d.outcome === "network-error") {
    return refused("not-cors", `The call failed before CORS decided (${d.summary}): no header changes that.`);
  }
  const req = requirementsOf(record);
  if (req.tainted && req.credentials) {
    return refused(
      "tainted-with-credentials",
      "A redirect to another origin made the Origin null, and allowing null with credentials would let any sandboxed page in: call the final URL directly instead.",
    );
  }
  const start = captured(record);
  const hasPreflight = lastHop(record.exchange).preflight !== null;
  let all = [...(hasPreflight ? candidates(req, start, "preflight") : []), ...candidates(req, start, "actual")];
  let left = whatIf(record, applySuggested(start, all));
  if (left.code === "PreflightInvalidStatus" || left.code === "PreflightDisallowedRedirect") {
    // A status is no header, but it is the one change the server makes here: OPTIONS answered 204, not refused.
    all = [statusEdit(start), ...all];
    left = whatIf(record, applySuggested(start, all));
  }
  if (left.outcome !== "allowed") {
    if (left.code === "RedirectContainsCredentials" || d.hopIndex < record.exchange.hops.length - 1) {
      return refused(
        "redirect",
        "A redirect before the last hop decides this call: fix the redirect (its Location), not the headers.",
      );
    }
    return refused("no-header-fix", `No CORS header edit makes this call pass: ${left.summary}`);
  }
  let edits = all;
  for (const edit of all) {
    const without = edits.filter((e) => e !== edit);
    if (passes(record, applySuggested(start, without))) edits = without;
  }
  return { edits, state: applySuggested(start, edits) };
}

/**
 * The fewest header edits that make the call pass in its credentials mode; null when it already passes, when no
 * header change can (Local Network Access, a network failure, a preflight status or redirect, a redirect's
 * Location, a tainted Origin with credentials): explainSmallestChange says which.
 */
export function smallestChange(record: CallRecord): { edits: SuggestedEdit[]; state: WhatIfState } | null {
  const change = explainSmallestChange(record);
  return change.edits ? change : null;
}
