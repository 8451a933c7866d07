// One HTTP request over node:http(s), keeping every response header line; failures become Chrome's net errors.

import { request as httpRequest, type OutgoingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";
import type { Header } from "../cors/headers";

export interface HttpRequest {
  url: string;
  method: string;
  /** Sent in this order, one line each (names are unique: the caller merged duplicates). */
  headers: readonly Header[];
  signal: AbortSignal;
}

export interface HttpResponse {
  statusCode: number;
  /** Every header line as received, duplicates kept (two Allow-Origin lines decide MultipleAllowOriginValues). */
  headers: Header[];
}

/** The server gave no HTTP answer: `netError` is what Chrome would report, `message` says it to a person. */
export class NetFailure extends Error {
  constructor(
    readonly netError: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * node:http rather than fetch(): fetch() refuses to set Origin, hides duplicate header lines and follows
 * redirects on its own terms, and the point here is to do exactly what the browser does instead.
 */
export function sendHttp(req: HttpRequest): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const url = new URL(req.url);
    const headers: OutgoingHttpHeaders = {};
    for (const h of req.headers) headers[h.name] = h.value;
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const where = url.host;
    // No connection pool: no idle socket outlives the check and keeps the process (or a test) waiting.
    const outgoing = send(url, { method: req.method, headers, agent: false, signal: req.signal }, (res) => {
      const lines: Header[] = [];
      for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
        lines.push({ name: res.rawHeaders[i]!, value: res.rawHeaders[i + 1]! });
      }
      // The CORS verdict depends on the status and headers only; the body may be large or never end.
      res.destroy();
      resolve({ statusCode: res.statusCode ?? 0, headers: lines });
    });
    outgoing.on("error", (err: NodeJS.ErrnoException) => {
      reject(
        req.signal.aborted
          ? new NetFailure("net::ERR_TIMED_OUT", `no answer from ${where} in time`)
          : failure(err, where),
      );
    });
    outgoing.end();
  });
}

const CERT_ERRORS: Record<string, string> = {
  CERT_HAS_EXPIRED: "net::ERR_CERT_DATE_INVALID",
  CERT_NOT_YET_VALID: "net::ERR_CERT_DATE_INVALID",
  ERR_TLS_CERT_ALTNAME_INVALID: "net::ERR_CERT_COMMON_NAME_INVALID",
};

function failure(err: NodeJS.ErrnoException, where: string): NetFailure {
  const code = err.code ?? "";
  switch (code) {
    case "ECONNREFUSED":
      return new NetFailure("net::ERR_CONNECTION_REFUSED", `connection to ${where} refused: nothing listens there`);
    case "ENOTFOUND":
    case "EAI_AGAIN":
    case "EAI_FAIL":
    case "EAI_NODATA":
      return new NetFailure("net::ERR_NAME_NOT_RESOLVED", `the host name in ${where} did not resolve (DNS: ${code})`);
    case "ECONNRESET":
    case "EPIPE":
      return new NetFailure("net::ERR_CONNECTION_RESET", `${where} closed the connection without an answer`);
    case "ETIMEDOUT":
      return new NetFailure("net::ERR_CONNECTION_TIMED_OUT", `connecting to ${where} timed out`);
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return new NetFailure("net::ERR_ADDRESS_UNREACHABLE", `${where} is unreachable (${code})`);
  }
  if (code === "EPROTO" || code.startsWith("ERR_SSL_") || code.startsWith("ERR_TLS_") || /CERT|SSL|TLS/.test(code)) {
    const plainHttp = /wrong version number|packet length too long|http request/i.test(err.message);
    const hint = plainHttp ? ": the port answers plain HTTP, not TLS (use an http:// URL?)" : `: ${err.message}`;
    const netError =
      CERT_ERRORS[code] ??
      (/CERT|SIGNATURE|ISSUER/.test(code) ? "net::ERR_CERT_AUTHORITY_INVALID" : "net::ERR_SSL_PROTOCOL_ERROR");
    return new NetFailure(netError, `TLS with ${where} failed${hint}`);
  }
  if (code.startsWith("HPE_")) {
    return new NetFailure("net::ERR_INVALID_HTTP_RESPONSE", `${where} did not answer with valid HTTP (${code})`);
  }
  return new NetFailure("net::ERR_FAILED", `request to ${where} failed: ${err.message}`);
}
