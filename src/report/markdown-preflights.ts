// The Markdown report's Preflights section: count, time, endpoints with their cache times, and the ranked advice.

import type { BrowserName } from "../cors/codes";
import { shortReason } from "../diagnose/preflight-reasons";
import type { StackId } from "../fixes";
import { code, fence, text } from "./markdown-text";
import type { PreflightTally } from "./preflight-advice";
import { redactUrl } from "./redact";

export interface PreflightsContext {
  browser: { name: BrowserName | "cli" };
  stack: StackId;
  includeSecrets?: boolean;
}

const endpointKey = (origin: string, url: string, method: string): string => JSON.stringify([origin, url, method]);

/** Each endpoint's triggers, as short labels, in first-seen order. */
function triggersByEndpoint(seen: PreflightTally["seen"]): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  for (const p of seen) {
    const key = endpointKey(p.origin, p.step.url, p.method);
    const set = out.get(key) ?? new Set<string>();
    for (const r of p.reasons) set.add(shortReason(r));
    out.set(key, set);
  }
  return new Map([...out].map(([k, v]) => [k, [...v]]));
}

/** The section's Markdown blocks for the calls the tally was given (none when they sent no preflight). */
export function preflightsSection(tally: PreflightTally, ctx: PreflightsContext): string[] {
  const summary = tally.summary(ctx.browser.name);
  if (summary.preflights === 0) return [];
  const url = (u: string): string => (ctx.includeSecrets ? u : redactUrl(u));
  const triggers = triggersByEndpoint(tally.seen);
  const s = summary.savable;
  const out = [
    "## Preflights",
    `${summary.preflights} preflight${summary.preflights === 1 ? "" : "s"} took ${summary.totalMs} ms in all.` +
      (s.preflights > 0
        ? ` Access-Control-Max-Age: 7200 would have saved ${s.preflights} of them (${s.ms} ms).`
        : " Access-Control-Max-Age: 7200 would not have saved any of them."),
    [
      "| Method | URL | Preflights | Max-Age | Cached here | Savable | Triggers |",
      "| --- | --- | --- | --- | --- | --- | --- |",
      ...summary.endpoints.map(
        (e) =>
          `| ${code(e.method)} | ${code(url(e.url))} | ${e.count} | ${e.maxAge === null ? "none" : code(e.maxAge)} | ${e.effectiveCacheSeconds} s | ${e.savable.preflights} (${e.savable.ms} ms) | ${(triggers.get(endpointKey(e.origin, e.url, e.method)) ?? []).map(code).join(", ") || "_not shown_"} |`,
      ),
    ].join("\n"),
  ];
  const advice = tally.advice({ stack: ctx.stack, summary });
  if (advice.length > 0) {
    out.push("### What would send fewer preflights");
    advice.forEach((a, i) => {
      out.push(
        `${i + 1}. **${text(a.title)}** — saves ${a.saves.preflights} preflight${a.saves.preflights === 1 ? "" : "s"} (${a.saves.ms} ms). ${text(a.detail)}`,
      );
      if (a.fix) {
        out.push(fence(a.fix.snippet, a.fix.language));
        if (a.fix.notes.length) out.push(a.fix.notes.map((n) => `- ${text(n)}`).join("\n"));
      }
    });
  }
  return out;
}
