// check --repeat N: the same call N times in a row with Chromium's preflight cache honoured, and what went out.

import { PreflightCacheModel } from "../cors/preflight-cache";
import { runCheck, type CheckRequest, type CheckResult } from "./run";

export interface Repeated {
  results: CheckResult[];
  /** Preflights sent, over all calls (every hop's). */
  preflights: number;
  /** The 1-based calls that sent one. */
  preflightedCalls: number[];
}

/** Sends the calls one after another (each once the previous has ended); stops at the first unreachable one. */
export async function runRepeated(req: CheckRequest, times: number): Promise<Repeated> {
  const preflightCache = new PreflightCacheModel("chrome");
  const results: CheckResult[] = [];
  const preflightedCalls: number[] = [];
  let preflights = 0;
  for (let i = 1; i <= times; i++) {
    const result = await runCheck({ ...req, preflightCache });
    results.push({ ...result, record: { ...result.record, exchange: { ...result.record.exchange, id: `cli-${i}` } } });
    const sent = result.record.exchange.hops.filter((h) => h.preflight?.sent).length;
    preflights += sent;
    if (sent > 0) preflightedCalls.push(i);
    if (result.unreachable) break;
  }
  return { results, preflights, preflightedCalls };
}
