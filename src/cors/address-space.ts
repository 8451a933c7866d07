// Local Network Access's address spaces (public, local, loopback) of hosts and origins, and secure contexts.

import ipaddr from "ipaddr.js";

export type AddressSpace = "public" | "local" | "loopback" | "unknown";

/** The permission Chrome 156 asks for a call into each more-private space (observed: granting the other one fails). */
export type LocalNetworkPermission = "local-network" | "loopback-network";

/** How private a space is: a call to a more private space than its initiator's needs the LNA permission. */
const RANK: Record<Exclude<AddressSpace, "unknown">, number> = { public: 0, local: 1, loopback: 2 };

/** ipaddr.js range names that Local Network Access counts as local (RFC 1918, link-local, ULA, CGNAT, benchmarking). */
const LOCAL_RANGES = new Set(["private", "linkLocal", "uniqueLocal", "carrierGradeNat", "benchmarking"]);
/** 0.0.0.0 and :: reach this machine in practice; Chrome treats them as loopback. */
const LOOPBACK_RANGES = new Set(["loopback", "unspecified"]);

/** The address space of an IP address; null when `address` is not one. */
export function addressSpaceOfIp(address: string): Exclude<AddressSpace, "unknown"> | null {
  const bare = address.startsWith("[") && address.endsWith("]") ? address.slice(1, -1) : address;
  if (!ipaddr.isValid(bare)) return null;
  let parsed = ipaddr.parse(bare);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  const range = parsed.range();
  if (LOOPBACK_RANGES.has(range)) return "loopback";
  if (LOCAL_RANGES.has(range)) return "local";
  return "public";
}

export interface SpaceOfHost {
  space: AddressSpace;
  /** How the space was determined, in words for the diagnosis. */
  from: string;
}

/**
 * The address space a URL's host is in, as far as the host alone tells: an IP literal decides it, `localhost` (and
 * `*.localhost`) is loopback, a `.local` name is on the local network; any other name depends on what it resolves to.
 */
export function addressSpaceOfHost(host: string, ip?: string | null): SpaceOfHost {
  if (ip) {
    const byIp = addressSpaceOfIp(ip);
    if (byIp) return { space: byIp, from: `the browser connected to ${ip}` };
  }
  const h = host.toLowerCase().replace(/\.$/, "");
  const literal = addressSpaceOfIp(h);
  if (literal) return { space: literal, from: `${h} is a ${literal} address` };
  if (h === "localhost" || h.endsWith(".localhost")) return { space: "loopback", from: `${h} is always loopback` };
  if (h.endsWith(".local")) return { space: "local", from: `${h} is a .local (mDNS) name, on the local network` };
  return { space: "unknown", from: `${h} is a name whose address was not recorded` };
}

/** The host of a URL or origin, or null when it does not parse. */
export function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}

/** True when `target` is strictly more private than `initiator` (unknown spaces never compare). */
export function isMorePrivate(target: AddressSpace, initiator: AddressSpace): boolean {
  if (target === "unknown" || initiator === "unknown") return false;
  return RANK[target] > RANK[initiator];
}

/** The permission a call into `space` needs. */
export function permissionFor(space: AddressSpace): LocalNetworkPermission {
  return space === "loopback" ? "loopback-network" : "local-network";
}

/**
 * Whether an origin is potentially trustworthy (a secure context when it is the page's): https and wss, and http on
 * a loopback host. Null when the origin does not parse (an opaque "null" origin says nothing).
 */
export function isPotentiallyTrustworthy(origin: string): boolean | null {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return null;
  }
  if (url.protocol === "https:" || url.protocol === "wss:" || url.protocol === "file:") return true;
  if (url.protocol === "chrome-extension:" || url.protocol === "moz-extension:") return true;
  if (url.protocol !== "http:" && url.protocol !== "ws:") return false;
  return addressSpaceOfHost(url.hostname).space === "loopback";
}
