// The Fix view: the change for the chosen server stack (remembered), its traps, and client-side alternatives.

import { isLocalNetworkCode } from "../src/diagnose/local-network";
import { clientAlternatives, fixFor, STACKS, type StackId } from "../src/fixes";
import type { CallRecord } from "../src/store/call-record";
import { CopyButton } from "./CopyButton";

export function FixView({
  record,
  stack,
  onStack,
}: {
  record: CallRecord;
  stack: StackId;
  onStack: (s: StackId) => void;
}) {
  const fix = fixFor(record, stack);
  const alternatives = clientAlternatives(record);
  // Local Network Access is fixed on the page, the same whatever the server runs: no stack to pick.
  const onPage = isLocalNetworkCode(record.diagnosis.code);
  return (
    <section class="fix" aria-label="Fix">
      <div class="fix-head">
        <h3>{onPage ? "Fix (on the page)" : "Fix"}</h3>
        {!onPage && (
          <label>
            Server{" "}
            <select value={stack} onChange={(e) => onStack(e.currentTarget.value as StackId)} aria-label="Server stack">
              {STACKS.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))}
            </select>
          </label>
        )}
        <CopyButton label="Copy snippet" text={() => fix.snippet} />
      </div>
      <p>{fix.title}</p>
      <pre class="snippet" tabIndex={0}>
        <code>{fix.snippet}</code>
      </pre>
      {fix.notes.length > 0 && (
        <ul class="notes">
          {fix.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      {alternatives.length > 0 && (
        <details class="alternatives">
          <summary>Alternatives on the client side ({alternatives.length})</summary>
          {alternatives.map((a) => (
            <div key={a.kind + a.title}>
              <p>{a.title}</p>
              <pre class="snippet" tabIndex={0}>
                <code>{a.snippet}</code>
              </pre>
            </div>
          ))}
        </details>
      )}
    </section>
  );
}
