// A step's request and response headers, in the order seen (duplicates kept), the header at fault highlighted.

import type { Header } from "../src/cors/headers";
import type { Step } from "../src/capture/exchange";
import { statusText } from "./format";

function HeaderList({ title, headers, fault }: { title: string; headers: Header[] | null; fault: string | null }) {
  const hasFault = fault !== null && (headers ?? []).some((h) => h.name.toLowerCase() === fault.toLowerCase());
  return (
    <div class="header-list">
      <h4>{title}</h4>
      {headers === null ? (
        <p class="muted">Not observed.</p>
      ) : (
        <dl>
          {headers.map((h, i) => {
            const hit = fault !== null && h.name.toLowerCase() === fault.toLowerCase();
            return (
              <div key={i} class={hit ? "fault" : ""}>
                <dt>{h.name}</dt>
                <dd>{h.value}</dd>
              </div>
            );
          })}
          {fault !== null && !hasFault && (
            <div class="fault missing">
              <dt>{fault}</dt>
              <dd>(absent — this is the header at fault)</dd>
            </div>
          )}
        </dl>
      )}
    </div>
  );
}

export function StepHeaders({
  label,
  step,
  fault,
  open,
  notSent,
}: {
  label: string;
  step: Step;
  fault: string | null;
  open: boolean;
  /** Why the step never went out, when it did not. */
  notSent: string;
}) {
  return (
    <details class="step" open={open}>
      <summary>
        {label}: {step.method} {step.url} — {statusText(step)}
      </summary>
      {step.sent ? (
        <>
          <HeaderList title="Request headers" headers={step.requestHeaders} fault={null} />
          <HeaderList title="Response headers" headers={step.responseHeaders} fault={fault} />
        </>
      ) : (
        <p class="muted">{notSent}</p>
      )}
    </details>
  );
}
