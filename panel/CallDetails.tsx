// The selected call: the verdict, the header at fault with what it held and needed, the deeper cause and warnings.

import { CATALOGUE } from "../src/cors/codes";
import type { CallRecord } from "../src/store/call-record";

export function CallDetails({ record, onClose }: { record: CallRecord; onClose: () => void }) {
  const { exchange, diagnosis: d } = record;
  const info = d.code ? CATALOGUE[d.code] : null;
  return (
    <section class="details" aria-label="Call details">
      <div class="details-head">
        <span class="method">{exchange.method}</span> <span class="url">{exchange.url}</span>
        <button type="button" class="tool close" aria-label="Close details" onClick={onClose}>
          ×
        </button>
      </div>
      <p class="verdict">
        <code class="code">{d.code}</code> {d.summary}
      </p>
      {d.header && (
        <table class="why" aria-label="Why">
          <tbody>
            <tr>
              <th>Header</th>
              <td>
                <code>{d.header}</code> (
                {d.stage === "preflight"
                  ? "preflight response"
                  : d.stage === "redirect"
                    ? "redirect response"
                    : "response"}
                )
              </td>
            </tr>
            <tr>
              <th>Received</th>
              <td>
                <code>{d.received ?? "(absent)"}</code>
              </td>
            </tr>
            <tr>
              <th>Needed</th>
              <td>
                <code>{d.expected}</code>
              </td>
            </tr>
            {d.disallowed.length > 1 && (
              <tr>
                <th>Refused</th>
                <td>{d.disallowed.join(", ")}</td>
              </tr>
            )}
          </tbody>
        </table>
      )}
      {d.cause && <p class="cause">{d.cause.summary}</p>}
      {d.warnings.map((w) => (
        <p class="warning" key={w.kind}>
          {w.summary}
        </p>
      ))}
      {d.assumptions.map((a) => (
        <p class="assumption" key={a}>
          {a}
        </p>
      ))}
      {info && (
        <p class="explain">
          {info.explanation}{" "}
          <a href={info.mdn} target="_blank" rel="noreferrer">
            MDN
          </a>
        </p>
      )}
    </section>
  );
}
