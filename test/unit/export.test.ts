// The JSON export: schema-valid for every corpus scenario, secrets masked unless asked, steps mapped truthfully.

import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildExport } from "../../src/report/export";
import { toRecord } from "../../src/store/call-record";
import { SCENARIOS } from "../corpus/scenarios";
import { FAKE_ORIGINS, simulate } from "../corpus/simulate";
import { DOCS_SCHEMA, SHARED_SCHEMA, schemaErrors } from "../schema";
import { replay } from "./replay";

const records = SCENARIOS.map((s, i) => toRecord(replay(simulate(s, FAKE_ORIGINS, 1000 + i * 10)).exchanges[0]!));
const ctx = {
  extensionVersion: "0.1.0",
  browser: { name: "chrome" as const, version: "156" },
  pageUrl: FAKE_ORIGINS.page + "/?token=abc123secret",
};

describe("export", () => {
  it("validates against cors-lens/export@1", () => {
    expect(schemaErrors(buildExport(records, ctx))).toEqual([]);
  });

  it("masks cookies and token query parameters by default", () => {
    const text = JSON.stringify(buildExport(records, ctx));
    expect(text).not.toContain("SECRET-lab-session");
    expect(text).not.toContain("abc123secret");
    expect(text).toContain("[redacted]");
  });

  it("keeps them when the user asks", () => {
    const doc = buildExport(records, { ...ctx, includeSecrets: true });
    expect(doc.redacted).toBe(false);
    expect(JSON.stringify(doc)).toContain("SECRET-lab-session");
  });

  it("marks the actual request of a failed preflight as never sent", () => {
    const doc = buildExport(records, ctx);
    const r = doc.requests.find((x) => x.url.endsWith("/s/preflight-401-no-cors"))!;
    expect(r.preflight?.statusCode).toBe(401);
    expect(r.actual?.sent).toBe(false);
    expect(r.actual?.requestHeaders).toBeNull();
    expect(r.diagnosis.stage).toBe("preflight");
  });

  it("ships (in docs/) a schema that keeps every requirement of the shared contract", () => {
    const docs = JSON.parse(readFileSync(DOCS_SCHEMA, "utf8"));
    expect(docs.$id).toBe("cors-lens/export@1");
    // Outside this workspace only the docs/ copy exists.
    if (!existsSync(SHARED_SCHEMA)) return;
    const shared = JSON.parse(readFileSync(SHARED_SCHEMA, "utf8"));
    expect(docs.required).toEqual(expect.arrayContaining(shared.required));
    expect(docs.properties).toMatchObject(shared.properties);
    for (const [name, def] of Object.entries(
      shared.$defs as Record<string, { required?: string[]; properties?: object }>,
    )) {
      const mine = docs.$defs[name];
      expect(mine?.required ?? []).toEqual(expect.arrayContaining(def.required ?? []));
      // Every property the contract defines is defined the same way; the project only adds new ones.
      expect(mine?.properties ?? {}).toMatchObject(def.properties ?? {});
    }
  });
});
