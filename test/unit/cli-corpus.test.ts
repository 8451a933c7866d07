// Every corpus scenario through `cors-lens check` against the real lab server: Chrome's verdict, exit code, schema.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main";
import type { ExportDocument } from "../../src/report/export-format";
import type { Scenario } from "../corpus/scenario";
import { SCENARIOS } from "../corpus/scenarios";
import { scenarioUrl } from "../corpus/simulate";
import { startLab, type Lab } from "../lab/server";
import { schemaErrors } from "../schema";

let lab: Lab;
beforeAll(async () => {
  lab = await startLab();
});
afterAll(async () => {
  await lab.close();
});

/** What a developer would type to ask about the scenario's call (a cookie stands in for the browser's jar). */
function argsFor(s: Scenario): string[] {
  const url = scenarioUrl(s, { page: lab.pageOrigin, api: lab.apiOrigin, alt: lab.altOrigin });
  const args = ["check", url, "--origin", lab.pageOrigin, "--method", s.request.method, "--json"];
  for (const [name, value] of s.request.headers ?? []) args.push("-H", `${name}: ${value}`);
  if (s.request.withCookie) args.push("-H", "Cookie: lab_session=x");
  if (s.request.credentials === "include") args.push("--credentials");
  return args;
}

async function check(args: string[]): Promise<{ code: number; doc: ExportDocument; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, { out: (t) => (stdout += t), err: (t) => (stderr += t), color: false });
  return { code, doc: JSON.parse(stdout) as ExportDocument, stderr };
}

describe("cors-lens check on the corpus (live lab)", () => {
  // Every scenario: the terminal has what the browser had (method, headers, origin, credentials mode), and the
  // lab's answers do not depend on the cookie's value; repeated calls (cached-preflight) each get a preflight here,
  // which changes nothing in the verdict.
  for (const s of SCENARIOS) {
    it(`${s.id}: ${s.expect.code ?? "allowed"}`, async () => {
      const { code, doc, stderr } = await check(argsFor(s));
      expect(stderr).toBe("");
      expect(schemaErrors(doc)).toEqual([]);
      expect(doc.browser.name).toBe("cli");
      expect(doc.page).toBeNull();
      expect(doc.requests).toHaveLength(1);
      const d = doc.requests[0]!.diagnosis;
      expect(d.code).toBe(s.expect.code);
      expect(code).toBe(s.expect.code === null ? 0 : 1);
      if (s.expect.disallowed) expect([...d.disallowed].sort()).toEqual([...s.expect.disallowed].sort());
      if (s.cause) expect(d.cause?.kind).toBe(s.cause);
      if (s.warning) expect(d.warnings.map((w) => w.kind)).toContain(s.warning);
    });
  }
});
