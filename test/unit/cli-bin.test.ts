// The built command, dist/cli/cors-lens.mjs: built here first, then run with node against the lab.

import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLab, type Lab } from "../lab/server";
import { schemaErrors } from "../schema";

const ROOT = resolve(import.meta.dirname, "../..");
const BIN = resolve(ROOT, "dist/cli/cors-lens.mjs");

/** Runs a file with node; resolves with the exit code and output, whatever the code (the lab needs this loop free). */
function node(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env } }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === "number" ? err.code : -1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

let lab: Lab;
beforeAll(async () => {
  const build = await node([resolve(ROOT, "node_modules/vite/bin/vite.js"), "build", "-c", "vite.cli.config.ts"]);
  expect(build.code, build.stderr).toBe(0);
  lab = await startLab();
}, 60_000);
afterAll(async () => {
  await lab?.close();
});

describe("dist/cli/cors-lens.mjs", () => {
  it("is one ESM file with a shebang that imports only Node built-ins", () => {
    const text = readFileSync(BIN, "utf8");
    expect(text.startsWith("#!/usr/bin/env node\n")).toBe(true);
    const imports = [...text.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]);
    expect(imports.length).toBeGreaterThan(0);
    for (const specifier of imports) expect(specifier).toMatch(/^node:/);
  });

  it("exits 0 for an allowed call, 1 for a blocked one, 2 for bad usage, with plain text in a pipe", async () => {
    const url = (id: string): string => `${lab.apiOrigin}/s/${id}`;
    const allowed = await node([BIN, "check", url("simple-get-ok"), "--origin", lab.pageOrigin]);
    expect(allowed).toMatchObject({ code: 0, stderr: "" });
    expect(allowed.stdout).toMatch(/^✔ allowed\n/);
    const blocked = await node([BIN, "check", url("acao-other-origin"), "--origin", lab.pageOrigin], { NO_COLOR: "1" });
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toMatch(/^✖ blocked: AllowOriginMismatch\n/);
    expect(blocked.stdout).not.toContain("\x1b[");
    const usage = await node([BIN, "check", "gopher://x", "--origin", lab.pageOrigin]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("gopher: URLs cannot be checked");
  });

  it("--json prints one valid export document (browser cli, page null) holding the request", async () => {
    const args = ["check", `${lab.apiOrigin}/s/preflight-put-ok`, "--origin", lab.pageOrigin, "-X", "PUT"];
    const { code, stdout } = await node([BIN, ...args, "-H", "Content-Type: application/json", "--json"]);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(schemaErrors(doc)).toEqual([]);
    expect(doc.browser).toEqual({
      name: "cli",
      version: JSON.parse(readFileSync(resolve(ROOT, "package.json"), "utf8")).version,
    });
    expect(doc.page).toBeNull();
    expect(doc.requests).toHaveLength(1);
    expect(doc.requests[0].preflight.statusCode).toBe(204);
    expect(doc.requests[0].reproduce.check).toBe(
      `cors-lens check ${lab.apiOrigin}/s/preflight-put-ok --origin ${lab.pageOrigin} --method PUT -H 'Content-Type: application/json'`,
    );
  });
});
