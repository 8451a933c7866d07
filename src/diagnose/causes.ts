// Deeper causes behind a CORS code: error statuses without CORS headers, auth or routing on OPTIONS, near-miss origins.

import type { CheckFailure } from "../cors/check";
import { headerValue } from "../cors/headers";
import type { Step } from "../capture/exchange";
import type { Note } from "./diagnosis";

const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

function statusLabel(status: number): string {
  return STATUS_TEXT[status] ? `${status} ${STATUS_TEXT[status]}` : String(status);
}

/** Why an origin that "looks right" is not equal: the near misses developers make. */
export function originNearMiss(received: string, origin: string): string | null {
  let a: URL;
  let b: URL;
  try {
    a = new URL(received);
    b = new URL(origin);
  } catch {
    return null;
  }
  if (received.replace(/\/+$/, "") === origin) return "it has a trailing slash; an origin never ends with '/'";
  if (received.toLowerCase() === origin.toLowerCase()) return "the letter case differs; the comparison is byte-exact";
  if (a.origin === origin)
    return "it is not a bare origin (path, default port or other extra parts); send exactly the origin";
  const loopback = new Set(["localhost", "127.0.0.1", "[::1]"]);
  if (a.port === b.port && a.protocol === b.protocol && loopback.has(a.hostname) && loopback.has(b.hostname)) {
    return `${a.hostname} and ${b.hostname} are different origins even though they reach the same machine`;
  }
  if (a.hostname === b.hostname && a.port === b.port && a.protocol !== b.protocol) {
    return `the scheme differs (${a.protocol.slice(0, -1)} vs ${b.protocol.slice(0, -1)})`;
  }
  if (a.hostname === b.hostname && a.protocol === b.protocol && a.port !== b.port) {
    return `the port differs (${a.port || "default"} vs ${b.port || "default"})`;
  }
  return null;
}

export function deeperCause(
  failure: CheckFailure,
  step: Step,
  stage: "preflight" | "actual" | "redirect",
  origin: string,
): Note | null {
  const status = step.statusCode;
  const code = failure.code;
  if (
    stage === "preflight" &&
    status !== null &&
    (code === "PreflightMissingAllowOriginHeader" || code === "PreflightInvalidStatus")
  ) {
    if (status === 401 || status === 403) {
      const challenged = headerValue(step.responseHeaders, "www-authenticate") !== null;
      return {
        kind: "auth-before-cors",
        severity: "high",
        summary: `The preflight (OPTIONS) was answered ${statusLabel(status)}${challenged ? " with a WWW-Authenticate challenge" : ""}: authentication runs before CORS. Browsers never send credentials on a preflight, so let OPTIONS through authentication and answer it from the CORS layer.`,
      };
    }
    if (status === 404 || status === 405 || status === 501) {
      return {
        kind: "options-not-routed",
        severity: "high",
        summary: `The preflight (OPTIONS) got ${statusLabel(status)}: nothing on the server handles OPTIONS for this URL. Route OPTIONS to the CORS handler (most CORS middlewares do it when mounted before the router).`,
      };
    }
    if (status === 400 && code === "PreflightMissingAllowOriginHeader") {
      return {
        kind: "middleware-rejected-origin",
        severity: "medium",
        summary: `The preflight got 400 without CORS headers: a CORS middleware (Starlette/FastAPI answers "Disallowed CORS origin" this way) rejected the origin ${origin}. Add it to the allowed origins.`,
      };
    }
    if (status === 400 && code === "PreflightInvalidStatus") {
      return {
        kind: "middleware-rejected-request",
        severity: "medium",
        summary: `The preflight got 400 with CORS headers: a CORS middleware (Starlette/FastAPI says "Disallowed CORS method/headers") refused the method or a header. Allow them in its configuration.`,
      };
    }
    if (status >= 500) {
      return {
        kind: "error-status-without-cors-headers",
        severity: "high",
        summary: `The preflight failed on the server with ${statusLabel(status)}; fix that error first, and make sure error responses carry the CORS headers too.`,
      };
    }
  }
  if (code === "MissingAllowOriginHeader" && status !== null && status >= 400) {
    return {
      kind: "error-status-without-cors-headers",
      severity: "high",
      summary: `The server answered ${statusLabel(status)} without CORS headers. The real problem is that error; and error responses need the CORS headers too (nginx: add_header … always; Apache: Header always set; error handlers after the CORS middleware).`,
    };
  }
  if (code.endsWith("AllowOriginMismatch") && failure.received !== null) {
    const why = originNearMiss(failure.received, origin);
    if (why) {
      return {
        kind: "origin-near-miss",
        severity: "medium",
        summary: `The server allows '${failure.received}', close to the page's origin '${origin}' but not equal: ${why}.`,
      };
    }
  }
  return null;
}

/** Failures that look like CORS in the console but are not. */
/**
 * Chrome's net::ERR_FAILED on a call whose response headers capture never saw: the call began while the extension's
 * service worker was stopped or starting (Chrome then skips header events), so the engine cannot tell why it failed.
 */
export function headersNotSeenCause(): Note {
  return {
    kind: "headers-not-seen",
    severity: "medium",
    summary:
      "CORS Lens saw the failure (net::ERR_FAILED) but not this call's response headers: it began while CORS Lens's service worker was stopped or starting. Chrome reports CORS blocks as net::ERR_FAILED, so it was probably one; repeat the call to see its diagnosis.",
  };
}

export function notCorsCause(error: string | null): Note {
  const e = error ?? "unknown error";
  const known: Record<string, string> = {
    "net::ERR_CONNECTION_REFUSED":
      "The server refused the connection (nothing listens on that port). This is not a CORS problem.",
    "net::ERR_NAME_NOT_RESOLVED": "The host name did not resolve (DNS). This is not a CORS problem.",
    "net::ERR_BLOCKED_BY_CLIENT":
      "The request was blocked by the browser or another extension (an ad blocker, say). This is not a CORS problem.",
    "net::ERR_BLOCKED_BY_ORB":
      "Chrome's Opaque Response Blocking dropped a no-cors response. This is not a CORS problem.",
    "net::ERR_UNSAFE_PORT":
      "Chrome refuses to connect to this port at all (it is on its list of unsafe ports). This is not a CORS problem.",
    "net::ERR_CONNECTION_RESET": "The connection was reset. This is not a CORS problem.",
    "net::ERR_CERT_AUTHORITY_INVALID": "The server's TLS certificate is not trusted. This is not a CORS problem.",
    "net::ERR_ABORTED": "The request was aborted (by the page or a navigation). This is not a CORS problem.",
    // Firefox's names (observed in Firefox 153), whose console calls them "CORS request did not succeed".
    NS_ERROR_CONNECTION_REFUSED:
      'The server refused the connection (nothing listens on that port). Firefox\'s console calls it "CORS request did not succeed", but this is not a CORS problem.',
    NS_ERROR_UNKNOWN_HOST:
      'The host name did not resolve (DNS). Firefox\'s console calls it "CORS request did not succeed", but this is not a CORS problem.',
  };
  return {
    kind: "not-cors",
    severity: "info",
    summary:
      known[e] ??
      `The call failed with ${e} and the headers CORS Lens saw pass the CORS checks, so the failure is not one the CORS algorithm explains (mixed content, a timeout, or a network error).`,
  };
}
