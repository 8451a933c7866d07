// Hand-built captured calls with preflights (times, Max-Age, headers chosen per test), for the preflight tests.

import type { Exchange, Step } from "../../src/capture/exchange";
import type { Header } from "../../src/cors/headers";
import { unsafeRequestHeaderNames } from "../../src/cors/safelist";
import { toRecord, type CallRecord } from "../../src/store/call-record";

export const PAGE = "http://app.example.test:5173";

export interface CallSpec {
  url: string;
  method?: string;
  headers?: Header[];
  /** When the preflight started and how long it took, ms. */
  at: number;
  took?: number;
  maxAge?: string | null;
  preflightStatus?: number;
  origin?: string;
  id?: string;
}

let serial = 0;

/** A preflighted call the server allows (unless preflightStatus says otherwise), as the recorder would pair it. */
export function preflighted(spec: CallSpec): Exchange {
  const method = spec.method ?? "PUT";
  const headers = spec.headers ?? [];
  const origin = spec.origin ?? PAGE;
  const took = spec.took ?? 20;
  const unsafe = unsafeRequestHeaderNames(headers);
  const status = spec.preflightStatus ?? 204;
  const passed = status >= 200 && status < 300;
  const preflight: Step = {
    url: spec.url,
    method: "OPTIONS",
    sent: true,
    statusCode: status,
    requestHeaders: [
      { name: "Origin", value: origin },
      { name: "Access-Control-Request-Method", value: method },
      ...(unsafe.length ? [{ name: "Access-Control-Request-Headers", value: unsafe.join(",") }] : []),
    ],
    responseHeaders: [
      { name: "Access-Control-Allow-Origin", value: origin },
      { name: "Access-Control-Allow-Methods", value: method },
      ...(unsafe.length ? [{ name: "Access-Control-Allow-Headers", value: unsafe.join(", ") }] : []),
      ...(spec.maxAge != null ? [{ name: "Access-Control-Max-Age", value: spec.maxAge }] : []),
    ],
    startedAt: spec.at,
    endedAt: spec.at + took,
    error: null,
  };
  const request: Step = {
    url: spec.url,
    method,
    sent: passed,
    statusCode: passed ? 200 : null,
    requestHeaders: passed ? [{ name: "Origin", value: origin }, ...headers] : null,
    responseHeaders: passed ? [{ name: "Access-Control-Allow-Origin", value: origin }] : null,
    startedAt: spec.at + took,
    endedAt: passed ? spec.at + took + 10 : null,
    error: passed ? null : "net::ERR_FAILED",
  };
  return {
    id: spec.id ?? `x${++serial}`,
    tabId: 1,
    frameId: 0,
    type: "xmlhttprequest",
    initiator: origin,
    url: spec.url,
    method,
    startedAt: spec.at,
    hops: [{ preflight, request }],
    outcome: passed ? "completed" : "failed",
    error: passed ? null : "net::ERR_FAILED",
  };
}

export function records(specs: readonly CallSpec[]): CallRecord[] {
  return specs.map((s) => toRecord(preflighted(s)));
}

/** `n` calls `gap` ms apart from `start`. */
export function series(n: number, gap: number, spec: Omit<CallSpec, "at">, start = 0): CallSpec[] {
  return Array.from({ length: n }, (_, i) => ({ ...spec, at: start + i * gap }));
}
