// The CORS check (Fetch 4.10 / Chrome's cors::CheckAccess) on one response: Allow-Origin, then Allow-Credentials.

import type { CorsErrorName } from "./codes";
import { headerValues, type Header } from "./headers";

export type CredentialsMode = "omit" | "same-origin" | "include";

export interface CheckFailure {
  code: CorsErrorName;
  failedParameter: string;
  /** The response header at fault. */
  header: string;
  /** What the header held ("" when absent) and what it needed to hold. */
  received: string | null;
  expected: string;
}

const ACAO = "Access-Control-Allow-Origin";
const ACAC = "Access-Control-Allow-Credentials";

/** Combines a header's lines the way Chrome's HttpResponseHeaders does: each line trimmed, joined with ", ". */
export function combinedValue(headers: readonly Header[] | null, name: string): string | null {
  const values = headerValues(headers, name).map((v) => v.trim());
  return values.length === 0 ? null : values.join(", ");
}

function parsesAsUrl(value: string): boolean {
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs the CORS check on a response for a request from `origin` (already "null" when tainted).
 * Returns null when the browser would share the response, else Chrome's verdict (without the Preflight prefix).
 */
export function corsCheck(
  responseHeaders: readonly Header[] | null,
  origin: string,
  credentials: CredentialsMode,
): CheckFailure | null {
  const include = credentials === "include";
  const allowOrigin = combinedValue(responseHeaders, ACAO);
  const needed = include ? origin : `${origin} (or *)`;
  if (allowOrigin === null) {
    return { code: "MissingAllowOriginHeader", failedParameter: "", header: ACAO, received: null, expected: needed };
  }
  if (allowOrigin === "*") {
    if (include)
      return { code: "WildcardOriginNotAllowed", failedParameter: "", header: ACAO, received: "*", expected: origin };
    return null;
  }
  if (allowOrigin !== origin) {
    const fail = (code: CorsErrorName): CheckFailure => ({
      code,
      failedParameter: allowOrigin,
      header: ACAO,
      received: allowOrigin,
      expected: needed,
    });
    if (/[ ,]/.test(allowOrigin)) return fail("MultipleAllowOriginValues");
    if (allowOrigin === "null") return fail("AllowOriginMismatch");
    if (!parsesAsUrl(allowOrigin)) return fail("InvalidAllowOriginValue");
    return fail("AllowOriginMismatch");
  }
  if (include) {
    const allowCredentials = combinedValue(responseHeaders, ACAC);
    if (allowCredentials !== "true") {
      return {
        code: "InvalidAllowCredentials",
        failedParameter: allowCredentials ?? "",
        header: ACAC,
        received: allowCredentials,
        expected: "true",
      };
    }
  }
  return null;
}
