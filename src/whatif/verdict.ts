// whatIf(): Chrome's verdict on an edited call, and how it differs from the verdict on what was captured.

import type { CorsErrorName } from "../cors/codes";
import type { Diagnosis } from "../diagnose/diagnosis";
import { isLocalNetworkCode } from "../diagnose/local-network";
import type { CallRecord } from "../store/call-record";
import { editedCall } from "./edited";
import { blockingProblems, problemsOf, type EditProblem } from "./problems";
import type { WhatIfState } from "./state";

export interface WhatIfVerdict {
  outcome: "allowed" | "blocked" | "invalid";
  /** Chrome's CorsError name; null when allowed, invalid, or the call failed before CORS decided. */
  code: CorsErrorName | null;
  /** The diagnosis's one-sentence reason, then what the engine assumed about the edited call. */
  summary: string;
  /** Against the captured verdict: "same as captured", or "was X, now Y". */
  changed: string;
  problems: EditProblem[];
}

function label(d: Pick<Diagnosis, "outcome" | "code">): string {
  if (d.code) return d.code;
  return d.outcome === "allowed" ? "allowed" : "a network error (not CORS)";
}

function changedFrom(record: CallRecord, now: Pick<Diagnosis, "outcome" | "code">): string {
  const was = label(record.diagnosis);
  const is = label(now);
  return was === is ? "same as captured" : `was ${was}, now ${is}`;
}

/**
 * Re-runs the engine on the edited call (see editedCall). Local Network Access stops a call before any response is
 * read, so for a call it blocked no edit changes the verdict: blocked, with the captured code. A state with an
 * error problem (a header name with spaces, a status outside 100–599…) is "invalid" and not checked.
 */
export function whatIf(record: CallRecord, state: WhatIfState): WhatIfVerdict {
  const problems = problemsOf(state);
  const errors = blockingProblems(problems);
  if (errors.length > 0) {
    return {
      outcome: "invalid",
      code: null,
      summary: `The edit cannot be checked: ${errors[0]!.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ""}`,
      changed: "not checked",
      problems,
    };
  }
  const captured = record.diagnosis;
  if (isLocalNetworkCode(captured.code)) {
    return {
      outcome: "blocked",
      code: captured.code,
      summary: `${captured.summary} No header edit changes this: Local Network Access stopped the call before any response was read.`,
      changed: "same as captured",
      problems,
    };
  }
  const { diagnosis: d, assumptions } = editedCall(record, state);
  return {
    outcome: d.outcome === "allowed" ? "allowed" : "blocked",
    code: d.code,
    summary: [d.summary, ...assumptions].join(" "),
    changed: changedFrom(record, d),
    problems,
  };
}
