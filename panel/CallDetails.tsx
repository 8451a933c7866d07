// The selected call: verdict, why (received vs needed, or Local Network Access), what-if editor, cause and warnings, why a preflight, timeline, headers, fix and copy actions.

import { useState } from "preact/hooks";
import type { Step } from "../src/capture/exchange";
import type { LogNote } from "../src/audit/passive";
import { CATALOGUE } from "../src/cors/codes";
import { notSentReason, responseName } from "../src/diagnose/summary";
import type { StackId } from "../src/fixes";
import type { Settings } from "../src/protocol/messages";
import { reproduce } from "../src/report/reproduce";
import type { CallRecord } from "../src/store/call-record";
import { CopyButton } from "./CopyButton";
import { FixView } from "./FixView";
import { LocalNetworkView } from "./LocalNetworkView";
import { PreflightReasons } from "./PreflightReasons";
import { browserInfo } from "./browser-info";
import { WhatIfEditor } from "./WhatIfEditor";
import { StepHeaders } from "./StepHeaders";
import { stepsOf, Timeline } from "./Timeline";

interface Props {
  record: CallRecord;
  settings: Settings;
  ticket: () => string;
  onStack: (stack: StackId) => void;
  onClose: () => void;
  /** Opens a script location in DevTools' Sources panel; absent outside DevTools. */
  openSource?: (url: string, line: number, column: number) => void;
  /** Warnings found across several calls to this endpoint. */
  logNotes?: LogNote[];
}

function decidingStep(r: CallRecord): Step | null {
  const hop = r.exchange.hops[r.diagnosis.hopIndex];
  if (!hop || r.diagnosis.outcome !== "blocked") return null;
  return r.diagnosis.stage === "preflight" ? hop.preflight : hop.request;
}

export function CallDetails({ record, settings, ticket, onStack, onClose, openSource, logNotes = [] }: Props) {
  const { exchange, diagnosis: d } = record;
  // The editor belongs to the call it was opened on: selecting another call closes it.
  const [whatIfFor, setWhatIfFor] = useState<string | null>(null);
  const info = d.code ? CATALOGUE[d.code] : null;
  const fault = decidingStep(record);
  const faultHeader = d.header && d.header !== "Status" ? d.header : null;
  const site = exchange.hints?.callSite;
  const commands = reproduce(record, { includeSecrets: settings.includeSecrets });
  const preflightCurl = exchange.hops[0]?.preflight ? commands.curl[0] : undefined;
  const requestCurl = commands.curl[preflightCurl ? 1 : 0];
  return (
    <section class="details" aria-label="Call details">
      <div class="details-head">
        <span class="method">{exchange.method}</span>
        <span class="url">{exchange.url}</span>
        <button
          type="button"
          class="tool close"
          aria-label="Close details (Escape)"
          title="Close (Escape)"
          onClick={onClose}
        >
          ×
        </button>
      </div>
      <div class="actions">
        <CopyButton label="Copy for ticket" text={ticket} />
        {preflightCurl && <CopyButton label="Copy preflight as curl" text={() => preflightCurl} />}
        {requestCurl && <CopyButton label="Copy request as curl" text={() => requestCurl} />}
        <CopyButton label="Copy cors-lens check" text={() => commands.check} />
        <button
          type="button"
          class="tool text"
          aria-expanded={whatIfFor === exchange.id}
          onClick={() => setWhatIfFor(whatIfFor === exchange.id ? null : exchange.id)}
        >
          What if…
        </button>
      </div>
      {whatIfFor === exchange.id && (
        <WhatIfEditor record={record} stack={settings.stack} onClose={() => setWhatIfFor(null)} />
      )}
      <p class={`verdict ${d.outcome}`}>
        {d.code && <code class="code">{d.code}</code>} {d.summary}
      </p>
      {d.header && (
        <section aria-label="Why">
          <h3>Why</h3>
          <table class="why">
            <tbody>
              <tr>
                <th scope="row">Check</th>
                <td>
                  {d.header === "Status" ? "The HTTP status" : <code>{d.header}</code>} of the {responseName(d.stage)}
                </td>
              </tr>
              <tr>
                <th scope="row">Received</th>
                <td>
                  <code class="received">{d.received ?? "(absent)"}</code>
                </td>
              </tr>
              <tr>
                <th scope="row">Needed</th>
                <td>
                  <code class="needed">{d.expected}</code>
                </td>
              </tr>
              {d.disallowed.length > 1 && (
                <tr>
                  <th scope="row">Refused</th>
                  <td>{d.disallowed.join(", ")}</td>
                </tr>
              )}
            </tbody>
          </table>
        </section>
      )}
      {d.localNetwork && <LocalNetworkView facts={d.localNetwork} />}
      {d.cause && <p class={`cause ${d.cause.kind === "not-cors" ? "info" : ""}`}>{d.cause.summary}</p>}
      {d.warnings.map((w) => (
        <p class="warning" key={w.kind}>
          <b>Warning:</b> <span class={`sev sev-${w.severity}`}>{w.severity}</span> {w.summary}
        </p>
      ))}
      {logNotes.map((n) => (
        <p class="warning" key={`log-${n.kind}`}>
          <b>Across calls to {n.endpoint}:</b> <span class={`sev sev-${n.severity}`}>{n.severity}</span> {n.summary}
        </p>
      ))}
      {d.assumptions.map((a) => (
        <p class="assumption" key={a}>
          <b>Assumed:</b> {a}
        </p>
      ))}
      {site && (
        <p class="site">
          Called from{" "}
          {openSource ? (
            <a
              href={site.url}
              onClick={(e) => {
                e.preventDefault();
                openSource(site.url, site.line, site.column);
              }}
            >
              {`${site.url}:${site.line}:${site.column}`}
            </a>
          ) : (
            <code>{`${site.url}:${site.line}:${site.column}`}</code>
          )}
        </p>
      )}
      <PreflightReasons record={record} browser={browserInfo().name === "firefox" ? "firefox" : "chrome"} />
      <h3>Timeline</h3>
      <Timeline exchange={exchange} faultStep={fault} />
      <h3>Headers</h3>
      {stepsOf(exchange).map(({ label, step }) => (
        <StepHeaders
          key={label}
          label={label}
          step={step}
          fault={step === fault ? faultHeader : null}
          open={step === fault}
          notSent={notSentReason(exchange, step)}
        />
      ))}
      {d.outcome === "blocked" && <FixView record={record} stack={settings.stack} onStack={onStack} />}
      {info && (
        <p class="explain">
          {info.explanation}{" "}
          <a href={info.mdn} target="_blank" rel="noreferrer">
            Learn more on MDN
          </a>
        </p>
      )}
    </section>
  );
}
