// Local Network Access's address spaces (public, local, loopback) of hosts and origins, and secure contexts.

import ipaddr from "ipaddr.js";

export type AddressSpace = "public" | "local" | "loopback" | "unknown";

/** The permission Chrome 156 asks for a call into each more-private space (observed: granting the other one fails). */
export type LocalNetworkPermission = "local-network" | "loopback-network";

/** How private a space is: a call to a more private space than its initiator's needs the LNA permission. */
const RANK: Record<Exclude<AddressSpace, "unknown">, number> = { public: 0, local: 1, loopback: 2 };

/** ipaddr.js range names that Local Network Access counts as local (RFC 1918, link-local, ULA, CGNAT). */
const LOCAL_RANGES = new Set(["private", "linkLocal", "uniqueLocal", "carrierGradeNat"]);
/** :: and ::1 reach this machine; Chrome treats them as loopback. */
const LOOPBACK_RANGES = new Set(["loopback", "unspecified"]);
/**
 * Blocks whose space the Local Network Access spec sets apart from ipaddr.js's range names (docs/local-network-access.md):
 * 0.0.0.0 alone is loopback, the rest of 0.0.0.0/8 local; benchmarking, IPv6 documentation and site-local are local.
 */
const SPECIAL: [ipaddr.IPv4 | ipaddr.IPv6, number, Exclude<AddressSpace, "unknown">][] = (
  [
    ["0.0.0.0/32", "loopback"],
    ["0.0.0.0/8", "local"],
    ["198.18.0.0/15", "local"],
    ["2001:db8::/32", "local"],
    ["3fff::/20", "local"],
    ["fec0::/10", "local"],
  ] as const
).map(([cidr, space]) => [...ipaddr.parseCIDR(cidr), space]);

/** The address space of an IP address; null when `address` is not one. */
export function addressSpaceOfIp(address: string): Exclude<AddressSpace, "unknown"> | null {
  const bare = address.startsWith("[") && address.endsWith("]") ? address.slice(1, -1) : address;
  if (!ipaddr.isValid(bare)) return null;
  let parsed = ipaddr.parse(bare);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  for (const [net, bits, space] of SPECIAL) {
    if (net.kind() === parsed.kind() && parsed.match(net, bits)) return space;
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
