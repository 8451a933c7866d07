// Short display forms for the table: a URL's name, an origin's host, a duration, a step's status.

import type { Exchange, Step } from "../src/capture/exchange";
import type { CallRecord } from "../src/store/call-record";

export function shortName(url: string): string {
  try {
    const u = new URL(url);
    const last = u.pathname.split("/").filter(Boolean).pop();
    return (last ?? u.host) + u.search;
  } catch {
    return url;
  }
}

export function hostOf(urlOrOrigin: string | null): string {
  if (!urlOrOrigin) return "(none)";
  try {
    return new URL(urlOrOrigin).host || urlOrOrigin;
  } catch {
    return urlOrOrigin;
  }
}

export function ms(n: number | null): string {
  if (n === null) return "—";
  return n < 1000 ? `${Math.round(n)} ms` : `${(n / 1000).toFixed(2)} s`;
}

export function stepDuration(step: Step): number | null {
  return step.endedAt === null ? null : Math.max(0, step.endedAt - step.startedAt);
}

/** From the first step's start to the last step's end. */
export function exchangeDuration(x: Exchange): number | null {
  const last = x.hops[x.hops.length - 1]!.request;
  return last.endedAt === null ? null : Math.max(0, last.endedAt - x.startedAt);
}

export function statusText(step: Step): string {
  if (!step.sent) return "not sent";
  if (step.statusCode === null) return step.error ?? "no response";
  return String(step.statusCode);
}

export function verdictText(r: CallRecord): string {
  if (r.diagnosis.code) return r.diagnosis.code;
  if (r.diagnosis.outcome === "allowed") return "allowed";
  return r.diagnosis.cause?.kind === "headers-not-seen" ? "failed (headers not seen)" : "failed (not CORS)";
}
