// Unreachable servers exit 3 with a clear message: refused, timeout, TLS to a plain-HTTP port; --json still valid.

import { createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main";
import type { ExportDocument } from "../../src/report/export-format";
import { startLab, type Lab } from "../lab/server";
import { schemaErrors } from "../schema";

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, { out: (t) => (stdout += t), err: (t) => (stderr += t), color: false });
  return { code, stdout, stderr };
}

const ORIGIN = "http://app.test";
let lab: Lab;
/** Accepts connections and never answers. */
let silent: Server;
const held: Socket[] = [];
let silentPort = 0;
/** A loopback port nothing listens on: bound once, then released. */
let closedPort = 0;

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port)),
  );
}

beforeAll(async () => {
  lab = await startLab();
  silent = createServer((socket) => void held.push(socket));
  silentPort = await listen(silent);
  const probe = createServer();
  closedPort = await listen(probe);
  await new Promise((resolve) => probe.close(resolve));
});
afterAll(async () => {
  for (const socket of held) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
  await lab.close();
});

describe("unreachable servers exit 3", () => {
  it("connection refused", async () => {
    const { code, stdout } = await cli(["check", `http://127.0.0.1:${closedPort}/x`, "--origin", ORIGIN]);
    expect(code).toBe(3);
    expect(stdout).toMatch(/^✖ unreachable: connection to 127\.0\.0\.1:\d+ refused: nothing listens there\n/);
    expect(stdout).toContain("This is not a CORS problem.");
  });

  it("a server that never answers, within --timeout", async () => {
    const started = Date.now();
    const args = ["check", `http://127.0.0.1:${silentPort}/x`, "--origin", ORIGIN, "--timeout", "300ms"];
    const { code, stdout } = await cli(args);
    expect(code).toBe(3);
    expect(stdout).toMatch(/^✖ unreachable: no answer from 127\.0\.0\.1:\d+ in time\n/);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("the timeout covers the preflight too", async () => {
    const args = ["check", `http://127.0.0.1:${silentPort}/x`, "--origin", ORIGIN, "-X", "PUT", "--timeout", "200ms"];
    const { code, stdout } = await cli(args);
    expect(code).toBe(3);
    expect(stdout).toMatch(/preflight +OPTIONS .* → net::ERR_TIMED_OUT/);
  });

  it("https:// to a plain-HTTP port is a TLS error", async () => {
    const url = `${lab.apiOrigin.replace("http:", "https:")}/s/simple-get-ok`;
    const { code, stdout } = await cli(["check", url, "--origin", ORIGIN]);
    expect(code).toBe(3);
    expect(stdout).toMatch(/^✖ unreachable: TLS with 127\.0\.0\.1:\d+ failed: the port answers plain HTTP, not TLS/);
  });

  it("--json still prints a valid export (outcome network-error) and the message goes to stderr", async () => {
    const { code, stdout, stderr } = await cli([
      "check",
      `http://127.0.0.1:${closedPort}/x`,
      "--origin",
      ORIGIN,
      "--json",
    ]);
    expect(code).toBe(3);
    const doc = JSON.parse(stdout) as ExportDocument;
    expect(schemaErrors(doc)).toEqual([]);
    expect(doc.requests[0]!.outcome).toBe("network-error");
    expect(doc.requests[0]!.actual?.statusCode).toBeNull();
    expect(stderr).toContain("refused");
  });
});
