// Property: for every corpus call, the smallest change passes, every edit in it is needed, and it never over-allows.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { headerValue, splitList } from "../../src/cors/headers";
import { isSafelistedMethod, normalizeMethod, unsafeRequestHeaderNames } from "../../src/cors/safelist";
import type { CallRecord } from "../../src/store/call-record";
import { applySuggested, captured, explainSmallestChange, smallestChange, whatIf } from "../../src/whatif";
import { lnaRecord } from "./local-network-records";
import { CORPUS, redirectRefusesCredentials, refusedConnection, taintedWithCredentials } from "./whatif-records";

const withEdits = CORPUS.filter(({ record }) => smallestChange(record) !== null);

/** Scenarios (and hand-made calls) no edit can make pass, with the reason smallestChange must give. */
const NO_CHANGE: [string, () => CallRecord, string][] = [
  ["redirect-with-userinfo", () => byId("redirect-with-userinfo"), "redirect"],
  ["tainted redirect with credentials", taintedWithCredentials, "tainted-with-credentials"],
  ["credentialed redirect without Allow-Credentials", redirectRefusesCredentials, "redirect"],
  ["connection refused", refusedConnection, "not-cors"],
  ["LNA simple GET", () => lnaRecord(), "local-network"],
  ["LNA preflighted PUT", () => lnaRecord({ method: "PUT" }), "local-network"],
  [
    "LNA targetAddressSpace mismatch",
    () => lnaRecord({ plainFailure: true, hints: { targetAddressSpace: "local" } }),
    "local-network",
  ],
];

function byId(id: string): CallRecord {
  return CORPUS.find((c) => c.id === id)!.record;
}

describe("smallestChange (property over the corpus)", () => {
  it("passes in any order of its edits, and dropping any one edit blocks the call again", () => {
    expect(withEdits.length).toBeGreaterThanOrEqual(40);
    fc.assert(
      fc.property(fc.constantFrom(...withEdits), fc.infiniteStream(fc.nat()), fc.nat(), ({ record }, order, drop) => {
        const change = smallestChange(record)!;
        expect(change.edits.length).toBeGreaterThan(0);
        const shuffled = [...change.edits]
          .map((e) => ({ e, k: order.next().value }))
          .sort((a, b) => a.k - b.k)
          .map(({ e }) => e);
        expect(whatIf(record, applySuggested(captured(record), shuffled)).outcome).toBe("allowed");
        expect(whatIf(record, change.state).outcome).toBe("allowed");
        const i = drop % change.edits.length;
        const without = change.edits.filter((_, j) => j !== i);
        expect(whatIf(record, applySuggested(captured(record), without)).outcome).toBe("blocked");
      }),
      { numRuns: 400 },
    );
  });

  it("removing each single edit blocks the call again, for every scenario with edits", () => {
    for (const { id, record } of withEdits) {
      const { edits } = smallestChange(record)!;
      edits.forEach((_, i) => {
        const verdict = whatIf(
          record,
          applySuggested(
            captured(record),
            edits.filter((_, j) => j !== i),
          ),
        );
        expect(verdict.outcome, `${id} without edit ${i}`).toBe("blocked");
      });
    }
  });

  it("never allows *, never allows what the call does not need, and says why for each edit", () => {
    for (const { id, record } of withEdits) {
      const { edits } = smallestChange(record)!;
      const hop = record.exchange.hops.at(-1)!;
      const credentials = record.diagnosis.credentials === "include";
      const method = normalizeMethod(
        headerValue(hop.preflight?.requestHeaders, "access-control-request-method") ?? hop.request.method,
      );
      const sent = new Set(
        splitList(headerValue(hop.preflight?.requestHeaders, "access-control-request-headers") ?? "").concat(
          unsafeRequestHeaderNames(hop.request.requestHeaders ?? []),
        ),
      );
      for (const e of edits) {
        expect(e.why.length, id).toBeGreaterThan(20);
        if (credentials) expect(e.value, id).not.toBe("*");
        if (/allow-methods/i.test(e.name) && e.value !== null) {
          expect(isSafelistedMethod(method), id).toBe(false);
          expect(splitList(e.value), id).toEqual([method]);
        }
        if (/allow-headers/i.test(e.name) && e.value !== null) {
          for (const h of splitList(e.value)) expect(sent.has(h), `${id}: ${h}`).toBe(true);
        }
        if (/allow-credentials/i.test(e.name)) expect(credentials, id).toBe(true);
      }
    }
  });

  it("answers a preflight refused by its status or a redirect with a Status 204 edit, only there", () => {
    for (const { id, record } of withEdits) {
      const { edits } = smallestChange(record)!;
      const status = edits.filter((e) => e.status !== undefined);
      // Refused by its status, whatever Chrome named first (a 401 with no CORS headers is a missing Allow-Origin).
      const pre = record.exchange.hops.at(-1)!.preflight;
      const refusedByStatus = pre?.statusCode != null && (pre.statusCode < 200 || pre.statusCode > 299);
      expect(status.length, id).toBe(refusedByStatus ? 1 : 0);
      for (const e of status)
        expect([e.where, e.name, e.value, e.status], id).toEqual(["preflight", "Status", "204", 204]);
    }
    // Each preflight the corpus refuses by status or redirect (401, 404, 405, 500, 400, 302) got one.
    expect(
      withEdits.filter(({ record }) => smallestChange(record)!.edits.some((e) => e.status)).length,
    ).toBeGreaterThan(6);
  });

  it("gives edits for every blocked corpus call except those listed, and says why for those", () => {
    const listed = new Set(NO_CHANGE.map(([name]) => name));
    for (const { id, record } of CORPUS) {
      const change = explainSmallestChange(record);
      if (record.diagnosis.outcome === "allowed")
        expect(change.edits === null && change.reason, id).toBe("already-passes");
      else if (!listed.has(id)) expect(change.edits, id).not.toBeNull();
    }
    for (const [name, make, reason] of NO_CHANGE) {
      const record = make();
      const change = explainSmallestChange(record);
      expect(change.edits === null && change.reason, name).toBe(reason);
      expect(change.edits === null && change.message.length, name).toBeGreaterThan(20);
      expect(smallestChange(record), name).toBeNull();
    }
  });
});
