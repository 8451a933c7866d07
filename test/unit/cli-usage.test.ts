// `cors-lens` arguments: help, every usage error (exit 2) with a message that says what to do, colours, --stack.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDuration } from "../../src/cli/args";
import { STACKS } from "../../src/fixes/index";
import { main } from "../../src/cli/main";
import { startLab, type Lab } from "../lab/server";
import { schemaErrors } from "../schema";

async function cli(args: string[], color = false): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, { out: (t) => (stdout += t), err: (t) => (stderr += t), color });
  return { code, stdout, stderr };
}

const O = "http://app.test";

describe("help", () => {
  it.each([[["--help"]], [["-h"]], [[]], [["check", "--help"]]])("%j prints the usage and exits 0", async (args) => {
    const { code, stdout } = await cli(args);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: cors-lens check URL --origin ORIGIN/);
    expect(stdout).toContain("3 unreachable");
  });
});

describe("bad usage exits 2 and says why", () => {
  it.each([
    [["check", "not a url", "--origin", O], "'not a url' is not a URL"],
    [["check", "api.example.com/things", "--origin", O], "is not a URL"],
    [["check", "ftp://api.test/x", "--origin", O], "ftp: URLs cannot be checked"],
    [["check", "ws://api.test/x", "--origin", O], "http: and https: only"],
    [["check", "file:///etc/passwd", "--origin", O], "file: URLs cannot be checked"],
    [["check", "http://user:pw@api.test/", "--origin", O], "username or password"],
    [["check", "http://api.test/"], "--origin is required"],
    [["check", "http://api.test/", "--origin", "app.test"], "is not an origin"],
    [["check", "http://api.test/", "--origin", "http://app.test/"], "did you mean http://app.test?"],
    [["check", "http://api.test/", "--origin", "https://app.test:443"], "did you mean https://app.test?"],
    [["check", "http://app.test/x", "--origin", O], "only to cross-origin calls"],
    [["check", "http://api.test/", "--origin", O, "--method", "GET POST"], "is not an HTTP method"],
    [["check", "http://api.test/", "--origin", O, "-X", "TRACE"], "fetch() refuses the method TRACE"],
    [["check", "http://api.test/", "--origin", O, "-H", "X-Custom"], "is not 'Name: value'"],
    [["check", "http://api.test/", "--origin", O, "-H", "Bad Name: 1"], "is not a valid header name"],
    [["check", "http://api.test/", "--origin", O, "-H", "Origin: http://x.test"], "use --origin"],
    [["check", "http://api.test/", "--origin", O, "-H", "Access-Control-Request-Method: PUT"], "--method"],
    [["check", "http://api.test/", "--origin", O, "--timeout", "soon"], "is not a duration"],
    [["check", "http://api.test/", "--origin", O, "--stack", "cobol"], "unknown stack 'cobol'"],
    [["check", "http://api.test/", "--origin", O, "--stack", "go"], "did you mean go-nethttp or go-rscors?"],
    [["check", "http://api.test/", "--origin", O, "--stack", "golang"], "did you mean go-nethttp or go-rscors?"],
    [["check", "http://api.test/", "--origin", O, "--stack", "djnago"], "unknown stack 'djnago': did you mean django?"],
    [["check", "http://api.test/", "--origin", O, "--verbose"], "Unknown option '--verbose'"],
    [["check", "http://api.test/", "--origin", O, "Content-Type: text/plain"], "unexpected argument"],
    [["scan", "http://api.test/"], "unknown command 'scan'"],
  ])("%j", async (args, message) => {
    const { code, stdout, stderr } = await cli(args);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain(message);
    expect(stderr).toContain("cors-lens --help");
  });

  it("reads durations", () => {
    expect(parseDuration("500ms")).toBe(500);
    expect(parseDuration("10s")).toBe(10_000);
    expect(parseDuration("2m")).toBe(120_000);
    expect(parseDuration("1.5")).toBe(1500);
    expect(() => parseDuration("0s")).toThrow(/not a duration/);
  });
});

describe("the report on the live lab", () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab();
  });
  afterAll(async () => {
    await lab.close();
  });
  const url = (id: string): string => `${lab.apiOrigin}/s/${id}`;

  it("shows the verdict, the header at fault with received and needed, the cause and the evidence", async () => {
    const put = ["--method", "PUT", "-H", "Content-Type: application/json"];
    const { code, stdout } = await cli(["check", url("preflight-401-no-cors"), "--origin", lab.pageOrigin, ...put]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^✖ blocked: PreflightMissingAllowOriginHeader\n/);
    expect(stdout).toContain("The preflight (OPTIONS) response has no Access-Control-Allow-Origin header");
    expect(stdout).toMatch(/header +Access-Control-Allow-Origin\n +received +\(absent\)\n +needed +http:\/\/127/);
    expect(stdout).toContain("Cause: The preflight (OPTIONS) was answered 401 Unauthorized");
    expect(stdout).toMatch(/preflight +OPTIONS .* → 401\n/);
    expect(stdout).toContain("> Access-Control-Request-Headers: content-type");
    expect(stdout).toContain('< WWW-Authenticate: Bearer realm="api"');
    expect(stdout).toMatch(/request +PUT .* → not sent/);
  });

  it("prints warnings, and ✔ with exit 0 for an allowed call", async () => {
    const args = ["check", url("authorization-under-wildcard"), "--origin", lab.pageOrigin, "-H", "Authorization: x"];
    const { code, stdout } = await cli(args);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^✔ allowed\n/);
    expect(stdout).toContain("Warning: The Authorization header is allowed only by Access-Control-Allow-Headers: *");
  });

  it("uses ANSI colours only when asked (a TTY without NO_COLOR)", async () => {
    const args = ["check", url("missing-acao"), "--origin", lab.pageOrigin];
    expect((await cli(args, false)).stdout).not.toContain("\x1b[");
    expect((await cli(args, true)).stdout).toContain("\x1b[31m");
  });

  it("--stack prints the fix for that stack and puts it in the export's fix", async () => {
    const args = ["check", url("missing-acao"), "--origin", lab.pageOrigin, "--stack", "express"];
    const text = await cli(args);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/\nFix: Express .*\n\n {4}import cors from "cors";\n/);
    expect(text.stdout).toContain(`origin: "${lab.pageOrigin}"`);
    const json = await cli([...args, "--json"]);
    const doc = JSON.parse(json.stdout);
    expect(schemaErrors(doc)).toEqual([]);
    expect(doc.requests[0].fix).toMatchObject({ stack: "express", snippet: expect.stringContaining("cors(") });
    expect(doc.requests[0].fix.notes.length).toBeGreaterThan(0);
  });

  it.each([
    ["django-cors-headers", "Django"],
    ["next", "Next.js"],
    ["asp.net", "ASP.NET Core"],
    ["@fastify/cors", "Fastify"],
    ["Spring Boot", "Spring Boot"],
    ["gorilla", "Go net/http"],
  ])("--stack %j prints the fix for that stack", async (typed, label) => {
    const args = ["check", url("missing-acao"), "--origin", lab.pageOrigin, "--stack", typed, "--json"];
    const json = await cli(args);
    expect(json.code).toBe(1);
    const doc = JSON.parse(json.stdout);
    const text = await cli(args.slice(0, -1));
    expect(text.stdout).toContain(`Fix: `);
    expect(STACKS.find((s) => s.id === doc.requests[0].fix.stack)?.label).toContain(label);
  });

  it("accepts every stack the fix catalogue has", async () => {
    const base = ["check", url("header-not-allowed"), "--origin", lab.pageOrigin, "-H", "X-Custom: 1", "--stack"];
    for (const { id } of STACKS) {
      const { code, stdout } = await cli([...base, id]);
      expect(code, id).toBe(1);
      expect(stdout, id).toMatch(/\nFix: .+\n/);
    }
  });
});
