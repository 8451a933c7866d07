// Origins: serialising a URL's origin and comparing origins the way Fetch does.

/** The serialised origin of a URL ("null" for opaque origins), or null when the URL does not parse. */
export function originOf(url: string): string | null {
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
