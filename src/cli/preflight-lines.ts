// check's text report on the preflight: what triggered it and how long Chrome and Firefox would cache its answer.

import { effectiveCacheSeconds, maxAgeOf } from "../cors/preflight-cache";
import { describeReason, reasonsOf } from "../diagnose/preflight-reasons";
import type { CallRecord } from "../store/call-record";
import type { Repeated } from "./repeat";

/** The two styles these lines use (render.ts's Style has them; imported structurally, render.ts imports this). */
interface Style {
  bold(s: string): string;
  dim(s: string): string;
}

/** The Preflight block: nothing when the call needed none. */
export function preflightLines({ exchange }: CallRecord, s: Style): string[] {
  const hop = exchange.hops.find((h) => h.preflight);
  const preflight = hop?.preflight;
  if (!preflight) return [];
  const out = ["", s.bold("Preflight")];
  const reasons = reasonsOf(exchange, exchange.hops.indexOf(hop)) ?? [];
  reasons.forEach((r, i) => out.push(`  ${s.dim(i === 0 ? "why     " : "        ")} ${describeReason(r)}`));
  const passed = preflight.statusCode !== null && preflight.statusCode >= 200 && preflight.statusCode < 300;
  if (!passed || !hop.request.sent) {
    out.push(`  ${s.dim("cached  ")} not at all: browsers keep only a preflight that passed`);
    return out;
  }
  const maxAge = maxAgeOf(preflight.responseHeaders);
  const chrome = effectiveCacheSeconds(maxAge, "chrome");
  const firefox = effectiveCacheSeconds(maxAge, "firefox");
  const said = maxAge === null ? "no Access-Control-Max-Age" : `Access-Control-Max-Age: ${maxAge}`;
  out.push(`  ${s.dim("cached  ")} ${said} → Chrome keeps it ${chrome} s, Firefox ${firefox} s`);
  if (chrome < 7200)
    out.push(`  ${s.dim("         send Access-Control-Max-Age: 7200 to have Chrome reuse it for 2 h")}`);
  return out;
}

/** The --repeat line: how many of the N calls sent a preflight. */
export function repeatLines(r: Repeated, times: number, s: Style): string[] {
  const sent = r.results.length;
  const which =
    r.preflightedCalls.length > 0
      ? ` (call${r.preflightedCalls.length === 1 ? "" : "s"} ${r.preflightedCalls.join(", ")})`
      : "";
  return [
    "",
    s.bold("Repeated"),
    `  ${sent} call${sent === 1 ? "" : "s"}${sent < times ? ` of ${times} (stopped: unreachable)` : ""} one after another, Chrome's preflight cache honoured: ${r.preflights} preflight${r.preflights === 1 ? "" : "s"} went out${which}.`,
  ];
}
