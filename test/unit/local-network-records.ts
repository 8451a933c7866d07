// Calls Local Network Access stopped, built as Chrome 156 shows them to the extension (docs/local-network-access.md).

import type { Exchange, PageHints, Step } from "../../src/capture/exchange";
import { LNA_ERROR } from "../../src/diagnose/local-network";
import { toRecord, type CallRecord } from "../../src/store/call-record";

export const LNA_PAGE = "https://app.example.com";
export const LNA_DEVICE = "http://127.0.0.1:8080/api/status";

export interface LnaCall {
  /** Default: a simple GET, which Chrome ends with LNA_ERROR; a PUT is preflighted and its preflight fails. */
  method?: "GET" | "PUT";
  url?: string;
  initiator?: string;
  hints?: PageHints;
  /** Extra preflight request headers (e.g. the Private Network Access one). */
  preflightHeaders?: [string, string][];
  /** net::ERR_FAILED with nothing received, as for a targetAddressSpace that does not match. */
  plainFailure?: boolean;
}

const AT = 1_700_000_000_000;

function step(url: string, method: string, headers: [string, string][], error: string | null, sent = true): Step {
  return {
    url,
    method,
    sent,
    statusCode: null,
    requestHeaders: sent ? headers.map(([name, value]) => ({ name, value })) : null,
    responseHeaders: null,
    startedAt: AT,
    endedAt: AT + 3,
    error,
  };
}

export function lnaExchange(call: LnaCall = {}): Exchange {
  const url = call.url ?? LNA_DEVICE;
  const initiator = call.initiator ?? LNA_PAGE;
  const method = call.method ?? "GET";
  const origin: [string, string] = ["Origin", initiator];
  const preflighted = method === "PUT";
  const error = call.plainFailure || preflighted ? "net::ERR_FAILED" : LNA_ERROR;
  const hop = preflighted
    ? {
        preflight: step(
          url,
          "OPTIONS",
          [
            origin,
            ["Access-Control-Request-Method", "PUT"],
            ["Access-Control-Request-Headers", "content-type"],
            ...(call.preflightHeaders ?? []),
          ],
          "net::ERR_FAILED",
        ),
        request: step(url, "PUT", [], "net::ERR_FAILED", false),
      }
    : { preflight: null, request: step(url, method, [origin], error) };
  return {
    id: "lna-1",
    tabId: 1,
    frameId: 0,
    type: "xmlhttprequest",
    initiator,
    url,
    method,
    startedAt: AT,
    hops: [hop],
    outcome: "failed",
    error,
    hints: { credentials: "same-origin", ...call.hints },
  };
}

export const lnaRecord = (call: LnaCall = {}): CallRecord => toRecord(lnaExchange(call));
