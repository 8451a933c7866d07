// The settings' "Write fixes for" box: type any spelling (golang, next.js, django-cors-headers); ambiguous ones ask which.

import { useState } from "preact/hooks";
import { STACKS, type StackId } from "../src/fixes";
import { lookUpStack, stackNameProblem, type StackLookup } from "../src/fixes/stack-names";

function labelOf(id: StackId): string {
  return STACKS.find((s) => s.id === id)?.label ?? id;
}

export function StackField({ stack, onStack }: { stack: StackId; onStack: (s: StackId) => void }) {
  const [typed, setTyped] = useState("");
  const [problem, setProblem] = useState<{ name: string; lookup: StackLookup } | null>(null);
  const choose = (id: StackId) => {
    onStack(id);
    setTyped("");
    setProblem(null);
  };
  const submit = (e: Event) => {
    e.preventDefault();
    if (!typed.trim()) return;
    const lookup = lookUpStack(typed);
    if (lookup.kind === "stack") choose(lookup.id);
    else setProblem({ name: typed, lookup });
  };
  const candidates =
    problem?.lookup.kind === "ambiguous"
      ? problem.lookup.candidates
      : problem?.lookup.kind === "unknown"
        ? problem.lookup.nearest
        : [];
  return (
    <form class="stack-field" onSubmit={submit}>
      <label>
        Write fixes for{" "}
        <input
          class="filter"
          type="search"
          list="stack-names"
          placeholder={labelOf(stack)}
          value={typed}
          onInput={(e) => setTyped(e.currentTarget.value)}
        />
      </label>
      <datalist id="stack-names">
        {STACKS.map((s) => (
          <option key={s.id} value={s.id}>
            {s.label}
          </option>
        ))}
      </datalist>{" "}
      <span class="hint" role="status" aria-label="Stack name lookup">
        {problem ? (
          <>
            {stackNameProblem(problem.name, problem.lookup)}{" "}
            {candidates.map((id) => (
              <button key={id} type="button" class="tool" onClick={() => choose(id)}>
                {labelOf(id)}
              </button>
            ))}
          </>
        ) : (
          `Fixes are written for ${labelOf(stack)} (press Enter to change)`
        )}
      </span>
    </form>
  );
}
