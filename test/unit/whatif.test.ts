// The what-if engine: edit checks, agreement with the capture, request-side edits, LNA, and the copy commands.

import { describe, expect, it } from "vitest";
import { fixFor, STACKS } from "../../src/fixes";
import { reproduce } from "../../src/report/reproduce";
import type { CallRecord } from "../../src/store/call-record";
import {
  applySuggested,
  captured,
  fixFromEdits,
  problemsOf,
  smallestChange,
  testCommands,
  whatIf,
  type WhatIfState,
} from "../../src/whatif";
import { lnaRecord } from "./local-network-records";
import { CORPUS } from "./whatif-records";

const byId = (id: string): CallRecord => CORPUS.find((c) => c.id === id)!.record;
const ACAO = "Access-Control-Allow-Origin";
const PAGE = "http://127.0.0.1:5173";

/** A captured state changed by `edit` on a copy. */
function edited(record: CallRecord, edit: (s: WhatIfState) => void): WhatIfState {
  const s = captured(record);
  edit(s);
  return s;
}

describe("problemsOf", () => {
  const base = captured(byId("simple-get-ok"));
  const withActual = (headers: [string, string][], status: number | null = 200): WhatIfState => ({
    ...base,
    actual: { status, headers: headers.map(([name, value]) => ({ name, value })) },
  });

  it("refuses a header name with spaces, and says where", () => {
    const problems = problemsOf(
      withActual([
        [ACAO, PAGE],
        ["X Request Id", "1"],
      ]),
    );
    expect(problems).toEqual([
      expect.objectContaining({ where: "actual", index: 1, field: "name", severity: "error" }),
    ]);
    expect(problems[0]!.message).toMatch(/"X Request Id" is not a header name/);
  });

  it("names Set-Cookie and Set-Cookie2 forbidden response headers, as warnings the check goes past", () => {
    for (const name of ["Set-Cookie", "set-cookie2"]) {
      const state = withActual([
        [ACAO, PAGE],
        [name, "a=1"],
      ]);
      const [problem] = problemsOf(state);
      expect(problem).toMatchObject({ where: "actual", index: 1, field: "name", severity: "warning" });
      expect(problem!.message).toMatch(/forbidden response header name/);
      expect(whatIf(byId("simple-get-ok"), state).outcome).toBe("allowed");
    }
  });

  it("refuses statuses outside 100–599, non-numbers and none", () => {
    for (const status of [99, 600, 204.5, Number.NaN, null]) {
      const problems = problemsOf(withActual([], status));
      expect(problems, String(status)).toEqual([
        expect.objectContaining({ where: "actual", index: null, field: "status", severity: "error" }),
      ]);
    }
    expect(problemsOf(withActual([], 100))).toEqual([]);
    expect(problemsOf(withActual([], 599))).toEqual([]);
  });

  it("refuses an empty, spaced or forbidden method", () => {
    for (const method of ["", "  ", "GET POST", "TRACE", "connect"]) {
      const problems = problemsOf({ ...base, request: { ...base.request, method } });
      expect(problems, method).toEqual([
        expect.objectContaining({ where: "request", index: null, field: "method", severity: "error" }),
      ]);
    }
  });

  it("refuses line breaks in values, warns on request headers the page cannot set, ignores blank rows", () => {
    const state: WhatIfState = {
      ...withActual([
        [ACAO, `${PAGE}\r\nX-Evil: 1`],
        ["", ""],
      ]),
      request: { ...base.request, headers: [{ name: "Origin", value: "https://evil.example" }] },
    };
    expect(problemsOf(state)).toEqual([
      expect.objectContaining({ where: "request", index: 0, field: "name", severity: "warning" }),
      expect.objectContaining({ where: "actual", index: 0, field: "value", severity: "error" }),
    ]);
  });

  it("makes whatIf say invalid, never throw, on any of them", () => {
    const bad = withActual([["Bad Name", "1"]], 600);
    const verdict = whatIf(byId("simple-get-ok"), bad);
    expect(verdict.outcome).toBe("invalid");
    expect(verdict.code).toBeNull();
    expect(verdict.summary).toMatch(/cannot be checked.*and 1 more/);
    expect(verdict.problems).toHaveLength(2);
  });
});

describe("captured() and whatIf() agree with the capture", () => {
  it("gives the captured verdict's code for every corpus scenario, and says nothing changed", () => {
    for (const { id, record } of CORPUS) {
      const verdict = whatIf(record, captured(record));
      expect(verdict.code, id).toBe(record.diagnosis.code);
      expect(verdict.outcome, id).toBe(record.diagnosis.outcome === "allowed" ? "allowed" : "blocked");
      expect(verdict.changed, id).toBe("same as captured");
      expect(
        verdict.problems.filter((p) => p.severity === "error"),
        id,
      ).toEqual([]);
    }
  });

  it("never modifies the record", () => {
    for (const { id, record } of CORPUS) {
      const before = JSON.stringify(record);
      const state = captured(record);
      state.actual?.headers.push({ name: ACAO, value: "*" });
      whatIf(record, state);
      const change = smallestChange(record);
      if (change) applySuggested(state, change.edits);
      fixFromEdits(record, state, "express");
      testCommands(record, state);
      expect(JSON.stringify(record), id).toBe(before);
    }
  });
});

describe("whatIf on edits", () => {
  it("says what changed against the captured verdict", () => {
    const record = byId("missing-acao");
    const verdict = whatIf(
      record,
      edited(record, (s) => s.actual!.headers.push({ name: ACAO, value: PAGE })),
    );
    expect(verdict).toMatchObject({
      outcome: "allowed",
      code: null,
      changed: "was MissingAllowOriginHeader, now allowed",
    });
  });

  it("takes the credentials mode from the edit, not from the captured Cookie", () => {
    const record = byId("wildcard-with-credentials");
    expect(record.diagnosis.credentials).toBe("include");
    const omit = whatIf(
      record,
      edited(record, (s) => (s.request.credentials = "omit")),
    );
    expect(omit).toMatchObject({ outcome: "allowed", changed: "was WildcardOriginNotAllowed, now allowed" });
    const ok = byId("simple-get-wildcard");
    const include = whatIf(
      ok,
      edited(ok, (s) => (s.request.credentials = "include")),
    );
    expect(include).toMatchObject({ outcome: "blocked", code: "WildcardOriginNotAllowed" });
  });

  it("assumes a preflight answered with no headers when the edited request needs one none was captured for", () => {
    const record = byId("simple-get-ok");
    const put = edited(record, (s) => (s.request.method = "PUT"));
    const verdict = whatIf(record, put);
    expect(verdict).toMatchObject({ outcome: "blocked", code: "PreflightMissingAllowOriginHeader" });
    expect(verdict.summary).toMatch(/sent no preflight.*assumes the server answers OPTIONS with 200 and no headers/);
    const answered = {
      ...put,
      preflight: {
        status: 204,
        headers: [
          { name: ACAO, value: PAGE },
          { name: "Access-Control-Allow-Methods", value: "PUT" },
        ],
      },
    };
    expect(whatIf(record, answered).outcome).toBe("allowed");
  });

  it("drops the preflight when the edited request no longer needs one", () => {
    const record = byId("json-content-type-not-allowed");
    const plain = edited(record, (s) => (s.request.headers = [{ name: "Content-Type", value: "text/plain" }]));
    const verdict = whatIf(record, plain);
    // Its preflight refused it, so the request was never sent: its response is the assumed empty 200.
    expect(verdict).toMatchObject({ outcome: "blocked", code: "MissingAllowOriginHeader" });
    expect(verdict.summary).toMatch(/needs no preflight, so the preflight response is not used/);
    const answered = { ...plain, actual: { status: 200, headers: [{ name: ACAO, value: PAGE }] } };
    expect(whatIf(record, answered).outcome).toBe("allowed");
  });

  it("assumes a 200 with no headers for a request its preflight stopped, until the edit gives one", () => {
    const record = byId("method-not-allowed");
    const state = captured(record);
    expect(state.actual).toBeNull();
    const preflightFixed = edited(record, (s) =>
      s.preflight!.headers.push({ name: "Access-Control-Allow-Methods", value: "DELETE" }),
    );
    const verdict = whatIf(record, preflightFixed);
    expect(verdict).toMatchObject({ outcome: "blocked", code: "MissingAllowOriginHeader" });
    expect(verdict.summary).toMatch(/never sent.*assumes 200 with no headers/);
    const both = { ...preflightFixed, actual: { status: 200, headers: [{ name: ACAO, value: PAGE }] } };
    expect(whatIf(record, both)).toMatchObject({
      outcome: "allowed",
      changed: "was MethodDisallowedByPreflightResponse, now allowed",
    });
  });

  it("edits the last hop of a redirected call, and says what comes after an edited redirect is unknown", () => {
    const tainted = byId("redirect-tainted-origin");
    const nullOrigin = edited(tainted, (s) => (s.actual!.headers = [{ name: ACAO, value: "null" }]));
    expect(whatIf(tainted, nullOrigin).outcome).toBe("allowed");
    const stopped = byId("redirect-without-cors");
    const verdict = whatIf(
      stopped,
      edited(stopped, (s) => s.actual!.headers.push({ name: ACAO, value: PAGE })),
    );
    expect(verdict.outcome).toBe("allowed");
    expect(verdict.summary).toMatch(/redirect to .* now passes; what that URL answers was never captured/);
  });
});

describe("Local Network Access", () => {
  const records = [
    lnaRecord(),
    lnaRecord({ method: "PUT" }),
    lnaRecord({ plainFailure: true, hints: { targetAddressSpace: "local" } }),
  ];

  it("stays blocked with the LNA code whatever the headers say, and smallestChange has none", () => {
    for (const record of records) {
      expect(record.diagnosis.code).toMatch(/LocalNetwork/);
      const state: WhatIfState = {
        ...captured(record),
        preflight: { status: 204, headers: [{ name: ACAO, value: "*" }] },
        actual: { status: 200, headers: [{ name: ACAO, value: "*" }] },
      };
      for (const s of [captured(record), state]) {
        const verdict = whatIf(record, s);
        expect(verdict).toMatchObject({ outcome: "blocked", code: record.diagnosis.code, changed: "same as captured" });
        expect(verdict.summary).toMatch(/No header edit changes this: Local Network Access/);
      }
      expect(smallestChange(record)).toBeNull();
      expect(fixFromEdits(record, state, "express")).toEqual(fixFor(record, "express"));
    }
  });
});

describe("Copy as fix", () => {
  it("turns the smallest change into the same fix the catalogue gives the captured call, on every stack", () => {
    for (const { id, record } of CORPUS) {
      const change = smallestChange(record);
      if (!change) continue;
      for (const { id: stack } of STACKS) {
        const fromEdits = fixFromEdits(record, change.state, stack);
        const captured = fixFor(record, stack);
        expect(fromEdits.title, `${id} ${stack}`).toBe(captured.title);
        expect(fromEdits.snippet, `${id} ${stack}`).toBe(captured.snippet);
      }
    }
  }, 30_000);

  it("follows the edited request: its headers and credentials mode", () => {
    const record = byId("header-not-allowed");
    const state = edited(record, (s) => {
      s.request.headers.push({ name: "X-Request-Id", value: "7" });
      s.request.credentials = "include";
    });
    const fix = fixFromEdits(record, state, "headers");
    expect(fix.title).toMatch(/headers x-custom, x-request-id with credentials/);
    expect(fix.snippet).toMatch(/Access-Control-Allow-Credentials: true/);
    expect(fix.notes[0]).toMatch(/^What-if still blocks the edited call \(PreflightInvalidAllowCredentials\)/);
  });

  it("says which typed list items the fix leaves out", () => {
    const record = byId("header-not-allowed");
    const state = applySuggested(captured(record), [
      { where: "preflight", name: "Access-Control-Allow-Headers", value: "x-custom, x-unused", why: "" },
    ]);
    expect(fixFromEdits(record, state, "express").notes).toContain(
      "The edit also allowed x-unused; the fix lists only what this call sends.",
    );
  });
});

describe("Copy as test", () => {
  it("replays the captured call as reproduce() does when nothing was edited", () => {
    for (const { id, record } of CORPUS) {
      if (record.exchange.hops.some((h) => !h.request.sent)) continue;
      expect(testCommands(record, captured(record)), id).toEqual(reproduce(record));
    }
  });

  it("carries the edited method, headers and credentials mode", () => {
    const record = byId("simple-get-ok");
    const state = edited(record, (s) => {
      s.request.method = "PATCH";
      s.request.headers.push({ name: "X-Trace", value: "on" });
      s.request.credentials = "include";
    });
    const { check, curl } = testCommands(record, state);
    expect(check).toMatch(/--method PATCH -H 'X-Trace: on' --credentials$/);
    expect(curl[0]).toMatch(
      /^curl -i -X OPTIONS .* -H 'Access-Control-Request-Method: PATCH' -H 'Access-Control-Request-Headers: x-trace'$/,
    );
    expect(curl[1]).toMatch(/^curl -i -X PATCH .*-H 'X-Trace: on'/);
  });
});
