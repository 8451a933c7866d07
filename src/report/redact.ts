// Masks secrets before anything leaves the panel: cookies, authorization, API keys and token-like query parameters.

import type { Header } from "../cors/headers";

export const MASK = "[redacted]";

const SECRET_HEADERS = new Set(["cookie", "set-cookie", "authorization", "proxy-authorization"]);
const SECRET_NAME =
  /(^|[-_])(api[-_]?key|apikey|token|secret|session|auth|password|passwd|signature|sig|credential)s?($|[-_])/i;

export function isSecretHeader(name: string): boolean {
  const n = name.toLowerCase();
  return SECRET_HEADERS.has(n) || SECRET_NAME.test(n);
}

/** Query parameters that commonly carry secrets. */
function isSecretParam(name: string): boolean {
  return SECRET_NAME.test(name) || /^(key|code|access_token|id_token|refresh_token|jwt|sid)$/i.test(name);
}

export function redactHeaders(headers: Header[] | null): Header[] | null {
  if (!headers) return headers;
  return headers.map((h) => (isSecretHeader(h.name) ? { name: h.name, value: MASK } : h));
}

export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  let changed = false;
  if (parsed.password) {
    parsed.password = "redacted";
    changed = true;
  }
  for (const key of [...parsed.searchParams.keys()]) {
    if (isSecretParam(key)) {
      parsed.searchParams.set(key, MASK);
      changed = true;
    }
  }
  return changed ? parsed.href : url;
}

/** Redacts every occurrence of the given secret values inside free text (summaries, commands). */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join(MASK);
  return out;
}
