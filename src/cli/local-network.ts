// `cors-lens check`'s Local Network Access warning: whether a page on --origin calling the URL would cross into a more private address space.

import { lookup } from "node:dns/promises";
import {
  addressSpaceOfHost,
  addressSpaceOfIp,
  hostOf,
  isMorePrivate,
  permissionFor,
  type AddressSpace,
  type LocalNetworkPermission,
} from "../cors/address-space";

/** Resolves a host name to one IP address, or null when it does not resolve; injectable so tests need no DNS. */
export type HostLookup = (host: string) => Promise<string | null>;

/** The `localNetwork` field of `cors-lens check --json`: present only when the call may need the LNA permission. */
export interface CheckLocalNetwork {
  initiatorSpace: AddressSpace;
  targetSpace: AddressSpace;
  /** The permission the call needs; null when the target's space is not known. */
  permission: LocalNetworkPermission | null;
  initiatorSpaceFrom: string;
  targetSpaceFrom: string;
  /** Whether the crossing is certain (both spaces known) or depends on a space that could not be determined here. */
  certain: boolean;
  /** What the text report prints. */
  warning: string;
}

/** How long a name may take to resolve before its space counts as unknown (getaddrinfo cannot be aborted). */
const LOOKUP_MS = 2000;

/** Top-level names reserved so that they never resolve (RFC 2606, RFC 6761): no DNS query is made for them. */
const NEVER_RESOLVE = /\.(test|example|invalid)$/;

/** node:dns's lookup, null on any failure or after LOOKUP_MS. */
export const dnsLookup: HostLookup = async (host) => {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), LOOKUP_MS)));
  try {
    return await Promise.race([lookup(host).then((r) => r.address), late]);
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
};

interface Space {
  space: AddressSpace;
  from: string;
}

/** A host's space: from its literal form or name when they decide it, else from what it resolves to here. */
async function spaceOf(host: string, resolve: HostLookup): Promise<Space> {
  const own = addressSpaceOfHost(host);
  if (own.space !== "unknown") return own;
  const h = host.toLowerCase().replace(/\.$/, "");
  if (NEVER_RESOLVE.test(h)) return { space: "unknown", from: `${h} is a reserved name that no DNS resolves` };
  const ip = await resolve(h);
  const byIp = ip ? addressSpaceOfIp(ip) : null;
  if (ip && byIp) return { space: byIp, from: `${h} resolved to ${ip} here` };
  return {
    space: "unknown",
    from: `${h} did not resolve here (offline, or a name only the user's network knows)`,
  };
}

const TERMINAL = "which a terminal cannot hold or test: the CORS verdict shown is only the server's half";

/**
 * Whether a page on `origin` calling `url` crosses into a more private address space in Chrome 142+, so that the
 * browser also needs the user's Local Network Access permission; null when it does not (or cannot be told at all).
 * The target is resolved first: a public target never needs the permission, so the origin is then not looked up.
 */
export async function localNetworkOfCheck(
  origin: string,
  url: string,
  resolve: HostLookup,
): Promise<CheckLocalNetwork | null> {
  const targetHost = hostOf(url);
  if (!targetHost) return null;
  const target = await spaceOf(targetHost, resolve);
  if (target.space === "public") return null;
  const originHost = origin === "null" ? null : hostOf(origin);
  const initiator: Space = originHost
    ? await spaceOf(originHost, resolve)
    : { space: "unknown", from: "an opaque origin (null) is in the space of the document that made it" };
  // Chrome never checks a call made from loopback; with both spaces unknown there is nothing to say.
  if (initiator.space === "loopback" || (initiator.space === "unknown" && target.space === "unknown")) return null;
  const permission = target.space === "unknown" ? null : permissionFor(target.space);
  const base = {
    initiatorSpace: initiator.space,
    targetSpace: target.space,
    permission,
    initiatorSpaceFrom: initiator.from,
    targetSpaceFrom: target.from,
  };
  const need = `also needs the user's "${permission ?? "local-network"}" permission (Local Network Access), ${TERMINAL}`;
  if (initiator.space !== "unknown" && target.space !== "unknown") {
    if (!isMorePrivate(target.space, initiator.space)) return null;
    const notYet =
      initiator.space === "local"
        ? " (the specification covers local → loopback; Chromium 156 does not enforce it yet)"
        : "";
    return {
      ...base,
      certain: true,
      warning: `In Chrome 142+ a page on ${origin} (${initiator.space}: ${initiator.from}) calling ${url} (${target.space}: ${target.from}) ${need}${notYet}.`,
    };
  }
  const warning =
    target.space === "unknown"
      ? `The target's address space is unknown (${target.from}): if it is on a local network or this machine where the page runs, in Chrome 142+ a page on ${origin} (${initiator.space}) calling it ${need}.`
      : `The page's address space is unknown (${initiator.from}): if ${origin} is served from a public address, in Chrome 142+ its call to ${url} (${target.space}: ${target.from}) ${need}.`;
  return { ...base, certain: false, warning };
}
