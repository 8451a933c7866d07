// Checks an edited what-if state for what no server or page could send, as messages for the editor (never throws).

import { isToken, type Header } from "../cors/headers";
import { isForbiddenRequestHeader } from "../cors/safelist";
import type { EditedResponse, WhatIfState } from "./state";

export interface EditProblem {
  where: "preflight" | "actual" | "request";
  index: number | null;
  field: "name" | "value" | "status" | "method";
  message: string;
  /** "error": the edit cannot be checked (the verdict is "invalid"); "warning": checked, as the browser would treat it. */
  severity: "error" | "warning";
}

/** Fetch's forbidden response-header names: a script never sees them, and CORS never reads them. */
const FORBIDDEN_RESPONSE = new Set(["set-cookie", "set-cookie2"]);
/** Methods fetch() refuses with a TypeError. */
const FORBIDDEN_METHODS = new Set(["CONNECT", "TRACE", "TRACK"]);
const BAD_VALUE_BYTES = /[\r\n\0]/;

/** An added row nobody typed into yet is no header. */
export function isBlankRow(h: Header): boolean {
  return h.name.trim() === "" && h.value.trim() === "";
}

function headerProblems(
  where: EditProblem["where"],
  headers: readonly Header[],
  forbidden: (name: string) => string | null,
): EditProblem[] {
  const out: EditProblem[] = [];
  headers.forEach((h, index) => {
    if (isBlankRow(h)) return;
    const at = { where, index };
    if (h.name === "") out.push({ ...at, field: "name", severity: "error", message: "Give the header a name." });
    else if (!isToken(h.name)) {
      out.push({
        ...at,
        field: "name",
        severity: "error",
        message: `"${h.name}" is not a header name: names are one token (letters, digits and !#$%&'*+-.^_\`|~), with no spaces, colons or other separators.`,
      });
    } else {
      const why = forbidden(h.name);
      if (why) out.push({ ...at, field: "name", severity: "warning", message: why });
    }
    if (BAD_VALUE_BYTES.test(h.value)) {
      out.push({
        ...at,
        field: "value",
        severity: "error",
        message: `The value of ${h.name || "this header"} contains a line break or NUL, which no header value can hold.`,
      });
    }
  });
  return out;
}

function statusProblems(where: "preflight" | "actual", response: EditedResponse): EditProblem[] {
  const s = response.status;
  if (s !== null && Number.isInteger(s) && s >= 100 && s <= 599) return [];
  const message =
    s === null
      ? "Give a status from 100 to 599."
      : `${Number.isNaN(s) ? "That" : s} is not an HTTP status: a status is a whole number from 100 to 599.`;
  return [{ where, index: null, field: "status", severity: "error", message }];
}

const forbiddenResponse = (name: string): string | null =>
  FORBIDDEN_RESPONSE.has(name.toLowerCase())
    ? `${name} is a forbidden response header name (Fetch): the page never sees it and CORS never reads it, so it changes nothing here.`
    : null;

const forbiddenRequest = (name: string): string | null =>
  isForbiddenRequestHeader(name)
    ? `A page cannot set ${name}: the browser drops it (cookies follow the credentials mode), so the check ignores it.`
    : null;

function methodProblems(method: string): EditProblem[] {
  const at = { where: "request" as const, index: null, field: "method" as const, severity: "error" as const };
  if (method.trim() === "") return [{ ...at, message: "Give a method (GET, POST, PUT…)." }];
  if (!isToken(method)) return [{ ...at, message: `"${method}" is not a method: a method is one token, no spaces.` }];
  if (FORBIDDEN_METHODS.has(method.toUpperCase())) {
    return [
      { ...at, message: `fetch() refuses the method ${method} (a forbidden method): the call would never start.` },
    ];
  }
  return [];
}

/** Every problem of an edited state, in editor order: request, preflight, response. */
export function problemsOf(state: WhatIfState): EditProblem[] {
  const out: EditProblem[] = [
    ...methodProblems(state.request.method),
    ...headerProblems("request", state.request.headers, forbiddenRequest),
  ];
  for (const where of ["preflight", "actual"] as const) {
    const response = state[where];
    if (!response) continue;
    out.push(...statusProblems(where, response), ...headerProblems(where, response.headers, forbiddenResponse));
  }
  return out;
}

/** The problems that stop the engine: a verdict on them would mean nothing. */
export function blockingProblems(problems: readonly EditProblem[]): EditProblem[] {
  return problems.filter((p) => p.severity === "error");
}
