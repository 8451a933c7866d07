// "What if…": edits a captured call's responses (and what the page sends) and shows Chrome's verdict on the edit.

import { useMemo, useState } from "preact/hooks";
import type { Header } from "../src/cors/headers";
import type { StackId } from "../src/fixes";
import type { CallRecord } from "../src/store/call-record";
import {
  applySuggested,
  captured,
  fixFromEdits,
  smallestChange,
  testCommands,
  whatIf,
  type EditedResponse,
  type EditProblem,
  type SuggestedEdit,
  type WhatIfState,
} from "../src/whatif";
import { CopyButton } from "./CopyButton";

type Where = "preflight" | "actual";

const TITLES: Record<Where, string> = { preflight: "Preflight response", actual: "Response" };

function problemFor(problems: EditProblem[], where: EditProblem["where"], index: number | null, field: string) {
  return problems.find((p) => p.where === where && p.index === index && p.field === field)?.message ?? null;
}

function Problem({ message, id }: { message: string | null; id: string }) {
  return message ? (
    <span class="whatif-problem" id={id}>
      {message}
    </span>
  ) : null;
}

function ResponseEditor({
  where,
  response,
  problems,
  onChange,
}: {
  where: Where;
  response: EditedResponse;
  problems: EditProblem[];
  onChange: (r: EditedResponse) => void;
}) {
  const [added, setAdded] = useState(0);
  const set = (headers: Header[]) => onChange({ ...response, headers });
  const statusProblem = problemFor(problems, where, null, "status");
  const statusId = `whatif-${where}-status`;
  return (
    <fieldset class="whatif-group">
      <legend>{TITLES[where]}</legend>
      <label class="whatif-row">
        <span class="whatif-name">Status</span>
        <input
          type="text"
          inputMode="numeric"
          value={response.status === null ? "" : String(response.status)}
          aria-invalid={statusProblem ? "true" : undefined}
          aria-describedby={statusProblem ? statusId : undefined}
          onInput={(e) => {
            const text = e.currentTarget.value.trim();
            onChange({ ...response, status: text === "" ? null : Number(text) });
          }}
        />
        <Problem message={statusProblem} id={statusId} />
      </label>
      {response.headers.map((h, i) => {
        // Rows added in this editor name themselves; captured ones are labelled with their header's name.
        const fresh = i >= response.headers.length - added;
        const nameProblem = problemFor(problems, where, i, "name");
        const valueProblem = problemFor(problems, where, i, "value");
        const problemId = `whatif-${where}-${i}`;
        const update = (next: Partial<Header>) =>
          set(response.headers.map((x, j) => (j === i ? { ...x, ...next } : x)));
        return (
          <div class="whatif-row" key={`${where}-${i}`}>
            {fresh ? (
              <input
                type="text"
                aria-label="Header name"
                class="whatif-name"
                value={h.name}
                aria-invalid={nameProblem ? "true" : undefined}
                aria-describedby={nameProblem ? problemId : undefined}
                onInput={(e) => update({ name: e.currentTarget.value })}
              />
            ) : (
              <span class="whatif-name">{h.name}</span>
            )}
            <input
              type="text"
              aria-label={fresh ? "Header value" : h.name}
              value={h.value}
              aria-invalid={valueProblem ? "true" : undefined}
              aria-describedby={valueProblem || nameProblem ? problemId : undefined}
              onInput={(e) => update({ value: e.currentTarget.value })}
            />
            <button
              type="button"
              class="tool"
              aria-label={`Remove ${h.name || "header"}`}
              title="Remove"
              onClick={() => {
                if (fresh) setAdded((n) => n - 1);
                set(response.headers.filter((_, j) => j !== i));
              }}
            >
              ×
            </button>
            <Problem message={nameProblem ?? valueProblem} id={problemId} />
          </div>
        );
      })}
      <button
        type="button"
        class="tool text"
        onClick={() => {
          setAdded((n) => n + 1);
          set([...response.headers, { name: "", value: "" }]);
        }}
      >
        Add header
      </button>
    </fieldset>
  );
}

function RequestEditor({ state, onChange }: { state: WhatIfState; onChange: (s: WhatIfState) => void }) {
  const request = state.request;
  return (
    <fieldset class="whatif-group">
      <legend>Request (what the page sends)</legend>
      <label class="whatif-row">
        <span class="whatif-name">Method</span>
        <input
          type="text"
          value={request.method}
          onInput={(e) => onChange({ ...state, request: { ...request, method: e.currentTarget.value } })}
        />
      </label>
      <label class="whatif-row">
        <span class="whatif-name">Credentials mode</span>
        <select
          value={request.credentials}
          onChange={(e) =>
            onChange({
              ...state,
              request: { ...request, credentials: e.currentTarget.value as WhatIfState["request"]["credentials"] },
            })
          }
        >
          <option value="omit">omit</option>
          <option value="same-origin">same-origin</option>
          <option value="include">include</option>
        </select>
      </label>
      {request.headers.map((h, i) => (
        <div class="whatif-row" key={`request-${i}`}>
          <span class="whatif-name">{h.name}</span>
          <input
            type="text"
            aria-label={`Request ${h.name}`}
            value={h.value}
            onInput={(e) =>
              onChange({
                ...state,
                request: {
                  ...request,
                  headers: request.headers.map((x, j) => (j === i ? { ...x, value: e.currentTarget.value } : x)),
                },
              })
            }
          />
          <button
            type="button"
            class="tool"
            aria-label={`Remove request header ${h.name}`}
            title="Remove"
            onClick={() =>
              onChange({ ...state, request: { ...request, headers: request.headers.filter((_, j) => j !== i) } })
            }
          >
            ×
          </button>
        </div>
      ))}
    </fieldset>
  );
}

export function WhatIfEditor({ record, stack, onClose }: { record: CallRecord; stack: StackId; onClose: () => void }) {
  const [state, setState] = useState<WhatIfState>(() => captured(record));
  const [suggested, setSuggested] = useState<SuggestedEdit[] | null>(null);
  // Reset and the suggestion replace every row: a new generation starts the editors afresh.
  const [generation, setGeneration] = useState(0);
  const verdict = useMemo(() => whatIf(record, state), [record, state]);
  const suggestion = useMemo(() => (record.diagnosis.outcome === "blocked" ? smallestChange(record) : null), [record]);
  const edit = (next: WhatIfState) => {
    setState(next);
    setSuggested(null);
  };
  return (
    <section class="whatif" aria-label="What if">
      <div class="whatif-head">
        <h3>What if the server sent…</h3>
        <button type="button" class="tool close" aria-label="Close What if" title="Close" onClick={onClose}>
          ×
        </button>
      </div>
      <p class="muted">Nothing is sent and nothing captured changes: the engine re-runs Chrome's checks on the edit.</p>
      <div role="status" aria-label="What-if verdict" class={`whatif-verdict ${verdict.outcome}`}>
        {verdict.outcome === "allowed" ? (
          <b>allowed</b>
        ) : verdict.code ? (
          <code class="code">{verdict.code}</code>
        ) : null}{" "}
        {verdict.summary} <span class="muted">({verdict.changed})</span>
      </div>
      <div class="whatif-actions">
        {suggestion && (
          <button
            type="button"
            class="tool text"
            onClick={() => {
              setState(applySuggested(captured(record), suggestion.edits));
              setSuggested(suggestion.edits);
              setGeneration((g) => g + 1);
            }}
          >
            Smallest change that passes
          </button>
        )}
        <button
          type="button"
          class="tool text"
          onClick={() => {
            setState(captured(record));
            setSuggested(null);
            setGeneration((g) => g + 1);
          }}
        >
          Reset
        </button>
        <CopyButton
          label="Copy as fix"
          text={() => {
            const f = fixFromEdits(record, state, stack);
            return `${f.title}\n\n${f.snippet}`;
          }}
        />
        <CopyButton
          label="Copy as test"
          text={() => {
            const t = testCommands(record, state);
            return [t.check, ...t.curl].join("\n");
          }}
        />
      </div>
      {suggested && suggested.length > 0 && (
        <ul class="whatif-why" aria-label="What each edit is for">
          {suggested.map((s) => (
            <li key={`${s.where} ${s.name}`}>
              <code>{s.value === null ? `remove ${s.name}` : `${s.name}: ${s.value}`}</code> (
              {TITLES[s.where].toLowerCase()}): {s.why}
            </li>
          ))}
        </ul>
      )}
      <RequestEditor key={`request-${generation}`} state={state} onChange={edit} />
      {(["preflight", "actual"] as const).map((where) => {
        const response = state[where];
        return (
          response && (
            <ResponseEditor
              key={`${where}-${generation}`}
              where={where}
              response={response}
              problems={verdict.problems}
              onChange={(next) => edit({ ...state, [where]: next })}
            />
          )
        );
      })}
    </section>
  );
}
