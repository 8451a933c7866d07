// Call records for the what-if tests: every corpus scenario, and hand-made calls the corpus does not have.

import type { Exchange } from "../../src/capture/exchange";
import { toRecord, type CallRecord } from "../../src/store/call-record";
import { SCENARIOS } from "../corpus/scenarios";
import { recordOf } from "./fixes-records";

export const CORPUS: { id: string; record: CallRecord }[] = SCENARIOS.map((s) => ({
  id: s.id,
  record: recordOf(s.id),
}));

/** A scenario's exchange, changed by hand and diagnosed afresh. */
export function variantOf(id: string, change: (exchange: Exchange) => void): CallRecord {
  const exchange = structuredClone(recordOf(id).exchange);
  change(exchange);
  return toRecord(exchange);
}

/** A simple GET the server never answered (connection refused): not a CORS failure. */
export const refusedConnection = (): CallRecord =>
  variantOf("simple-get-ok", (x) => {
    const req = x.hops[0]!.request;
    req.statusCode = null;
    req.responseHeaders = null;
    req.error = "net::ERR_CONNECTION_REFUSED";
    x.outcome = "failed";
    x.error = "net::ERR_CONNECTION_REFUSED";
  });

/** redirect-tainted-origin with credentials: 'include' from the page hook, its redirect allowing credentials. */
export const taintedWithCredentials = (): CallRecord =>
  variantOf("redirect-tainted-origin", (x) => {
    x.hints = { ...x.hints, credentials: "include" };
    x.hops[0]!.request.responseHeaders!.push({ name: "Access-Control-Allow-Credentials", value: "true" });
  });

/** The same with a redirect that lacks Allow-Credentials: the first hop decides, which what-if does not edit. */
export const redirectRefusesCredentials = (): CallRecord =>
  variantOf("redirect-tainted-origin", (x) => {
    x.hints = { ...x.hints, credentials: "include" };
  });
