// The call's steps in order — preflight, request, each redirect hop — with status, timing and relative bars.

import type { Exchange, Step } from "../src/capture/exchange";
import { ms, statusText, stepDuration } from "./format";

interface Row {
  label: string;
  step: Step;
}

export function stepsOf(x: Exchange): Row[] {
  const rows: Row[] = [];
  x.hops.forEach((hop, i) => {
    const n = x.hops.length > 1 ? ` ${i + 1}` : "";
    if (hop.preflight) rows.push({ label: `Preflight${n}`, step: hop.preflight });
    rows.push({
      label: i < x.hops.length - 1 ? `Redirect${n}` : x.hops.length > 1 ? `Request${n}` : "Request",
      step: hop.request,
    });
  });
  return rows;
}

export function Timeline({ exchange, faultStep }: { exchange: Exchange; faultStep: Step | null }) {
  const rows = stepsOf(exchange);
  const start = exchange.startedAt;
  const end = Math.max(start + 1, ...rows.map((r) => r.step.endedAt ?? r.step.startedAt));
  const span = end - start;
  return (
    <ol class="timeline" aria-label="Timeline">
      {rows.map(({ label, step }) => {
        const left = ((step.startedAt - start) / span) * 100;
        const width = Math.max(1, ((stepDuration(step) ?? 0) / span) * 100);
        const failed = step === faultStep;
        return (
          <li key={label} class={`${failed ? "failed" : ""}${step.sent ? "" : " unsent"}`}>
            <span class="t-label">{label}</span>
            <span class="t-method">
              {step.method} {statusText(step)}
            </span>
            <span class="t-bar" aria-hidden="true">
              {step.sent && <span style={{ left: `${left}%`, width: `${width}%` }} />}
            </span>
            <span class="t-time">{step.sent ? ms(stepDuration(step)) : ""}</span>
          </li>
        );
      })}
    </ol>
  );
}
