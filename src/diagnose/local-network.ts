// Local Network Access (Chrome 142+): recognises a call Chrome stopped because it reached into a more private network.
//
// What Chrome 156 shows an extension (observed on this project's machine, docs/local-network-access.md):
// - permission denied or an insecure page: webRequest's onErrorOccurred says net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS
//   for a call with no preflight; a preflighted call fails its preflight with net::ERR_FAILED and no response, and
//   DevTools' record names that preflight's error net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS;
// - a fetch() whose targetAddressSpace does not match the target: net::ERR_FAILED, no response, no preflight;
// - no webRequest event carries the address connected to (`ip`) for such a call: the URL's host decides the space.

import {
  addressSpaceOfHost,
  hostOf,
  isMorePrivate,
  isPotentiallyTrustworthy,
  permissionFor,
  type AddressSpace,
  type LocalNetworkPermission,
} from "../cors/address-space";
import { chromeConsoleText, type CorsErrorName } from "../cors/codes";
import { headerValue } from "../cors/headers";
import { isSafelistedMethod } from "../cors/safelist";
import { lastHop, type Exchange, type PageHints, type Step } from "../capture/exchange";
import { HAR_ID_PREFIX } from "../capture/har";
import type { Stage } from "./verdict";

export const LNA_ERROR = "net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS";
/** Firefox 153's webRequest error for a call its Local Network Access stopped (observed; its console says only "CORS request did not succeed"). */
export const FIREFOX_LNA_ERROR = "NS_ERROR_LOCAL_NETWORK_ACCESS_DENIED";
/** Mozilla's page on Firefox's local network permissions. */
export const FIREFOX_LNA_HELP =
  "https://support.mozilla.org/kb/control-personal-device-local-network-permissions-firefox";

export type LocalNetworkCode = Extract<
  CorsErrorName,
  "LocalNetworkAccessPermissionDenied" | "InvalidLocalNetworkAccess" | "InsecureLocalNetwork"
>;

export type PermissionState = "granted" | "denied" | "prompt" | "unknown";

/** What the browser decided about a call into another address space, and how CORS Lens knows (export: `localNetwork`). */
export interface LocalNetworkFacts {
  initiatorSpace: AddressSpace;
  targetSpace: AddressSpace;
  /** The permission the call needs; null when the target's space is not known. */
  permission: LocalNetworkPermission | null;
  /** navigator.permissions' state of that permission in the calling page, when the page hook could read it. */
  permissionState: PermissionState;
  initiatorSpaceFrom: string;
  targetSpaceFrom: string;
  /** Whether the calling page was a secure context; null when not known. */
  secureContext: boolean | null;
  /** fetch()'s targetAddressSpace option as the page passed it; null when none was passed (or not seen). */
  targetAddressSpace: string | null;
  /** Whether the calling frame's Permissions-Policy allows the permission; null when not known. */
  policyAllows: boolean | null;
  /** What showed CORS Lens that Local Network Access decided the call. */
  evidence: string;
  /** The CORS headers never came into it: Chrome stopped the call before reading any response. */
  corsHeaders: "not-reached";
  /** The deprecated Private Network Access preflight headers, when the call carried them. */
  privateNetworkAccess: { requested: boolean; allowHeader: string | null } | null;
}

/** A diagnosis note (structurally diagnosis.ts's Note, which imports this module's facts). */
interface Note {
  kind: string;
  severity: "info" | "low" | "medium" | "high";
  summary: string;
}

export interface LocalNetworkBlock {
  code: LocalNetworkCode;
  stage: Stage;
  hopIndex: number;
  summary: string;
  cause: Note;
  facts: LocalNetworkFacts;
}

export function isLocalNetworkCode(code: string | null): code is LocalNetworkCode {
  return (
    code === "LocalNetworkAccessPermissionDenied" ||
    code === "InvalidLocalNetworkAccess" ||
    code === "InsecureLocalNetwork"
  );
}

const SPACES: readonly string[] = ["public", "local", "loopback"];

function steps(exchange: Exchange): Step[] {
  return exchange.hops.flatMap((h) => (h.preflight ? [h.preflight, h.request] : [h.request]));
}

function permissionState(hints: PageHints | undefined, permission: LocalNetworkPermission | null): PermissionState {
  if (!permission) return "unknown";
  return hints?.localNetworkPermissions?.[permission] ?? "unknown";
}

/** Private Network Access (Chrome 104–141's preflight for the same calls) headers, if the call carried any. */
function privateNetworkAccess(exchange: Exchange): LocalNetworkFacts["privateNetworkAccess"] {
  let requested = false;
  let allowHeader: string | null = null;
  for (const h of exchange.hops) {
    if (!h.preflight) continue;
    requested ||= headerValue(h.preflight.requestHeaders, "access-control-request-private-network") !== null;
    allowHeader ??= headerValue(h.preflight.responseHeaders, "access-control-allow-private-network");
  }
  return requested || allowHeader !== null ? { requested, allowHeader } : null;
}

/** The initiator's space: its host's, unless Chrome's decision shows it must have been less private than that. */
function initiatorSpaceOf(initiator: string, target: AddressSpace): { space: AddressSpace; from: string } {
  const host = hostOf(initiator);
  const own = host ? addressSpaceOfHost(host) : { space: "unknown" as const, from: "the page's origin is opaque" };
  if (target === "unknown" || isMorePrivate(target, own.space)) return own;
  // Chrome applies these checks only to a call into a more private space than its initiator's.
  const space: AddressSpace = "public";
  const why =
    own.space === "unknown"
      ? `${own.from}, but Chrome applied Local Network Access to the call, so it is less private than ${target}`
      : `Chrome applied Local Network Access to the call, so it counted the page as less private than ${target}, though ${own.from}: an --ip-address-space-overrides flag, a proxy or a tunnel does that`;
  return { space, from: target === "local" ? why : `${why}. Public is the usual case; local is also possible` };
}

/** Facts about any call, blocked or not, that reaches into another address space as far as its URLs tell. */
export function localNetworkFacts(exchange: Exchange, evidence: string): LocalNetworkFacts {
  const hop = lastHop(exchange);
  const host = hostOf(hop.request.url) ?? "";
  const target = addressSpaceOfHost(host);
  const initiator = initiatorSpaceOf(exchange.initiator ?? "null", target.space);
  const permission = target.space === "local" || target.space === "loopback" ? permissionFor(target.space) : null;
  const hints = exchange.hints;
  return {
    initiatorSpace: initiator.space,
    targetSpace: target.space,
    permission,
    permissionState: permissionState(hints, permission),
    initiatorSpaceFrom: initiator.from,
    targetSpaceFrom: target.from,
    secureContext: hints?.secureContext ?? (exchange.initiator ? isPotentiallyTrustworthy(exchange.initiator) : null),
    targetAddressSpace: hints?.targetAddressSpace ?? null,
    policyAllows: permission ? (hints?.localNetworkPolicy?.[permission] ?? null) : null,
    evidence,
    corsHeaders: "not-reached",
    privateNetworkAccess: privateNetworkAccess(exchange),
  };
}

/** Which LNA check stopped the call, from what the capture saw; null when it was not Local Network Access. */
function decide(exchange: Exchange): { code: LocalNetworkCode; evidence: string } | null {
  if (exchange.outcome !== "failed") return null;
  const all = steps(exchange);
  const hop = lastHop(exchange);
  const nothingReceived = [hop.preflight, hop.request].every((s) => !s || s.responseHeaders === null);
  const target = addressSpaceOfHost(hostOf(hop.request.url) ?? "").space;
  const hints = exchange.hints;
  const secure = hints?.secureContext ?? (exchange.initiator ? isPotentiallyTrustworthy(exchange.initiator) : null);
  const deniedOrInsecure = (evidence: string) => ({
    code: secure === false ? ("InsecureLocalNetwork" as const) : ("LocalNetworkAccessPermissionDenied" as const),
    evidence,
  });
  const tas = hints?.targetAddressSpace;
  if (tas && nothingReceived && SPACES.includes(tas) && target !== "unknown" && tas !== target) {
    return {
      code: "InvalidLocalNetworkAccess",
      evidence: `the page passed targetAddressSpace: "${tas}" for a ${target} address, and nothing was received`,
    };
  }
  if (exchange.error === LNA_ERROR || all.some((s) => s.error === LNA_ERROR)) {
    return deniedOrInsecure(`the browser ended the call with ${LNA_ERROR}`);
  }
  if (exchange.error !== "net::ERR_FAILED" || !nothingReceived) return null;
  if (target !== "local" && target !== "loopback") return null;
  if (permissionState(hints, permissionFor(target)) === "granted") return null;
  if (hop.preflight?.error === "net::ERR_FAILED") {
    // A preflight Chrome answers itself with a CORS failure has a response; one it never let out has none.
    return deniedOrInsecure(
      `its preflight to a ${target} address failed with net::ERR_FAILED before any response, as Local Network Access makes it`,
    );
  }
  // A call that needed a preflight shows Local Network Access on its preflight (the branch above); without one in
  // DevTools' record, the preflight is what is missing, not the permission.
  const preflighted = !isSafelistedMethod(hop.request.method) || hints?.uploadListener || hints?.streamBody;
  if (exchange.id.startsWith(HAR_ID_PREFIX) && !preflighted && (tas === target || (!tas && hints))) {
    // DevTools' record names only net::ERR_FAILED for the call; the page targeted that space, or its hook saw the
    // call while the permission was not granted.
    return deniedOrInsecure(
      `it failed with net::ERR_FAILED before any response to a ${target} address while the page had not been granted the "${permissionFor(target)}" permission (navigator.permissions said "${permissionState(hints, permissionFor(target))}")`,
    );
  }
  return null;
}

/**
 * What fills Chrome's console text for an LNA code (its failedParameter is always empty): the address spaces,
 * e.g. "Permission was denied for this request to access the `loopback` address space."
 */
export function consoleParams(code: LocalNetworkCode, f: LocalNetworkFacts): string[] {
  return code === "InvalidLocalNetworkAccess" ? [f.targetAddressSpace ?? "unknown", f.targetSpace] : [f.targetSpace];
}

/** Chrome's own console message for a blocked call, as the diagnosis knows it. */
export function chromeSays(d: {
  code: CorsErrorName;
  failedParameter: string;
  localNetwork?: LocalNetworkFacts;
}): string {
  return isLocalNetworkCode(d.code) && d.localNetwork
    ? chromeConsoleText(d.code, ...consoleParams(d.code, d.localNetwork))
    : chromeConsoleText(d.code, d.failedParameter);
}

function summaryOf(code: LocalNetworkCode, f: LocalNetworkFacts): string {
  const perm = f.permission ? `"${f.permission}"` : "Local Network Access";
  if (code === "InsecureLocalNetwork") {
    return `Local Network Access blocked the call: the page is not a secure context (http:) and the server is in the more private ${f.targetSpace} address space, which Chrome does not let an insecure page reach (unless an enterprise policy exempts the page). No server header can fix this.`;
  }
  if (code === "InvalidLocalNetworkAccess") {
    return `Local Network Access blocked the call: the page declared targetAddressSpace: "${f.targetAddressSpace}", but the server is in the ${f.targetSpace} address space. No server header can fix this.`;
  }
  const state =
    f.permissionState === "denied"
      ? "the user (or a policy) denied it"
      : f.permissionState === "prompt"
        ? "it has not been granted (the prompt was not answered, or never shown)"
        : "it was not granted";
  return `Local Network Access blocked the call: a ${f.initiatorSpace} page may reach the ${f.targetSpace} address space only with the ${perm} permission, and ${state}. No server header can fix this.`;
}

/** What the page's owner (not the server) changes, and what a device or companion app must still answer. */
function causeOf(code: LocalNetworkCode, f: LocalNetworkFacts): Note {
  const still =
    "Once the call is let through, the server (device, router or companion app) must still answer with Access-Control-Allow-Origin for the page's origin (and pass its preflight).";
  const pna = f.privateNetworkAccess
    ? " The call carried Private Network Access headers (Access-Control-Request-Private-Network / Access-Control-Allow-Private-Network): Chrome 142+ no longer uses them, and an Allow-Private-Network answer neither is needed nor unblocks the call."
    : "";
  const parts: Record<LocalNetworkCode, string> = {
    InsecureLocalNetwork:
      "Serve the page over HTTPS (a secure context); Chrome then asks the user for permission instead of refusing outright.",
    InvalidLocalNetworkAccess:
      f.targetSpace === "local" || f.targetSpace === "loopback"
        ? `Pass the target's real space, fetch(url, { targetAddressSpace: "${f.targetSpace}" }), or leave the option out.`
        : 'Leave the targetAddressSpace option out: it takes only "local" or "loopback", for a server in that space.',
    LocalNetworkAccessPermissionDenied: [
      `Make the first call from a user gesture, after saying why: the call itself shows Chrome's prompt (check navigator.permissions.query({ name: "${f.permission ?? "local-network"}" }) first; "denied" means only the user can undo it, in the site's settings).`,
      f.permissionState === "unknown"
        ? "A service or shared worker cannot show the prompt: the permission must first be granted to a page of the same origin."
        : "",
      f.targetAddressSpace
        ? ""
        : `Pass fetch(url, { targetAddressSpace: "${f.targetSpace === "unknown" ? "local" : f.targetSpace}" }) for a name whose address Chrome cannot know in advance.`,
      f.policyAllows === false
        ? `This frame's Permissions-Policy does not allow "${f.permission}": its parent must embed it with allow="local-network; loopback-network".`
        : 'A cross-origin iframe needs allow="local-network; loopback-network" from its parent.',
      `Managed fleets can allow origins by enterprise policy: ${f.permission === "loopback-network" ? "LoopbackNetworkAllowedForUrls" : "LocalNetworkAllowedForUrls"} (Chrome 146+), or LocalNetworkAccessAllowedForUrls before.`,
    ]
      .filter(Boolean)
      .join(" "),
  };
  return { kind: "local-network-access", severity: "high", summary: `${parts[code]} ${still}${pna}` };
}

/** Firefox's Local Network Access block (Firefox 153): the same facts, Firefox's own way of asking and its console's words. */
export function firefoxLocalNetworkBlock(exchange: Exchange): LocalNetworkBlock | null {
  if (exchange.outcome !== "failed" || exchange.error !== FIREFOX_LNA_ERROR) return null;
  const facts = localNetworkFacts(exchange, `Firefox ended the call with ${FIREFOX_LNA_ERROR}`);
  const code = facts.secureContext === false ? "InsecureLocalNetwork" : "LocalNetworkAccessPermissionDenied";
  const perm = facts.permission ? `"${facts.permission}"` : "local network";
  return {
    code,
    stage: lastHop(exchange).preflight ? "preflight" : "actual",
    hopIndex: exchange.hops.length - 1,
    summary: `Firefox's Local Network Access blocked the call (${FIREFOX_LNA_ERROR}): a ${facts.initiatorSpace} page reached into the ${facts.targetSpace} address space, and the ${perm} permission was denied, or its prompt was not answered in time. Firefox's console calls it "CORS request did not succeed". No server header can fix this.`,
    cause: {
      kind: "local-network-access",
      severity: "high",
      summary: `Firefox asks the user on the page's first such call and holds the call until they answer (network.lna.prompt.timeout, 5 minutes by default); blocking it, or letting the prompt time out, fails the call. The user can change it in the site's permissions (the padlock), see ${FIREFOX_LNA_HELP}. Firefox has no targetAddressSpace option. Once the call is let through, the server must still answer with Access-Control-Allow-Origin for the page's origin (and pass its preflight).`,
    },
    facts,
  };
}

/** The Local Network Access block that explains a failed call, or null when LNA did not decide it. */
export function localNetworkBlock(exchange: Exchange): LocalNetworkBlock | null {
  const decided = decide(exchange);
  if (!decided) return null;
  const facts = localNetworkFacts(exchange, decided.evidence);
  const hopIndex = exchange.hops.length - 1;
  return {
    code: decided.code,
    stage: lastHop(exchange).preflight ? "preflight" : "actual",
    hopIndex,
    summary: summaryOf(decided.code, facts),
    cause: causeOf(decided.code, facts),
    facts,
  };
}
