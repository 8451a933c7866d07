// Origins: serialising a URL's origin and comparing origins the way Fetch does.

/** Origins of recent http(s) URLs, keyed by scheme and authority: capture asks twice per request, for few hosts. */
const recent = new Map<string, string | null>();
const RECENT_MAX = 256;

/**
 * The part of an http(s) URL that decides its origin: everything before the path, query or fragment (the URL parser
 * ends a special URL's authority at any of / \ ? #, so the prefix parses to the same origin, or fails the same way).
 * Null for other URLs, which are not cached.
 */
function authorityOf(url: string): string | null {
  const start = url.startsWith("https://") ? 8 : url.startsWith("http://") ? 7 : -1;
  // After "//" the parser also skips any further slashes: leave such odd URLs to it.
  if (start < 0 || url[start] === "/" || url[start] === "\\") return null;
  for (let i = start; i < url.length; i++) {
    const c = url.charCodeAt(i);
    // The parser trims spaces and controls at the ends and drops tabs and newlines anywhere: leave those to it too.
    if (c <= 32) return null;
    if (c === 47 || c === 92 || c === 63 || c === 35) return url.slice(0, i); // / \ ? #
  }
  return url;
}

/** The serialised origin of a URL ("null" for opaque origins), or null when the URL does not parse. */
export function originOf(url: string): string | null {
  const key = authorityOf(url);
  if (key === null) return parseOrigin(url);
  const hit = recent.get(key);
  if (hit !== undefined) return hit;
  const origin = parseOrigin(key);
  if (recent.size >= RECENT_MAX) recent.clear();
  recent.set(key, origin);
  return origin;
}

function parseOrigin(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol === "http:" || parsed.protocol === "https:") return parsed.origin;
  return "null";
}

export function isHttpUrl(url: string): boolean {
  try {
    const p = new URL(url).protocol;
    return p === "http:" || p === "https:";
  } catch {
    return false;
  }
}

export function sameOrigin(a: string, b: string): boolean {
  const oa = originOf(a);
  return oa !== null && oa !== "null" && oa === originOf(b);
}

/** True when a URL carries a username or password (`http://user:pass@host`). */
export function hasUserinfo(url: string): boolean {
  try {
    const u = new URL(url);
    return u.username !== "" || u.password !== "";
  } catch {
    return false;
  }
}

/** Second-level labels under which a country code TLD sells names (example.co.uk), for `registrableDomain`. */
const SECOND_LEVEL = new Set(["ac", "co", "com", "edu", "gov", "ne", "net", "or", "org"]);

/** An IP literal host (IPv4, or IPv6 in brackets): it has no registrable domain. */
export function isIpHost(host: string): boolean {
  return host.startsWith("[") || /^\d+\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * The part of a host name one can register (example.com for api.example.com, example.co.uk for a.example.co.uk).
 * A heuristic, not the Public Suffix List: the tricks only need a name an attacker could plausibly buy.
 */
export function registrableDomain(host: string): string {
  if (isIpHost(host) || !host.includes(".")) return host;
  const labels = host.split(".");
  const n = labels.length;
  const cc = labels[n - 1]!.length === 2 && SECOND_LEVEL.has(labels[n - 2]!);
  return labels.slice(cc && n >= 3 ? -3 : -2).join(".");
}
