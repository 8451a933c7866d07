// `cors-lens audit` against the lab's /audit/* policies: exactly the expected classes, severities, exit codes, --json.

import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import { createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  auditProbes,
  classify,
  privateNetworkFinding,
  THIRD_PARTY_ORIGINS,
  type AuditDocument,
  type AuditKind,
  type ProbeAnswer,
} from "../../src/audit/active";
import { registrableDomain } from "../../src/cors/origin";
import type { Severity } from "../../src/audit/advice";
import { AUDIT_USAGE } from "../../src/cli/args";
import { main } from "../../src/cli/main";
import { AUDIT_POLICIES, AUDIT_TRUSTED_ORIGIN } from "../lab/audit-routes";
import { startLab, type Lab } from "../lab/server";

const T = AUDIT_TRUSTED_ORIGIN;

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, { out: (t) => (stdout += t), err: (t) => (stderr += t), color: false });
  return { code, stdout, stderr };
}

function listen(server: Server | HttpServer): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port)),
  );
}

/** What each lab policy must report, and nothing else. */
const EXPECTED: Record<string, [AuditKind, Severity][]> = {
  correct: [],
  "reflect-any": [["any-origin-reflected", "high"]],
  "reflect-any-public": [["any-origin-reflected", "medium"]],
  "reflect-any-preflight": [["any-origin-reflected", "high"]],
  prefix: [["prefix-match", "high"]],
  suffix: [["suffix-match", "high"]],
  "unescaped-dot": [["unescaped-dot", "high"]],
  substring: [["substring-match", "high"]],
  null: [["null-origin-allowed", "high"]],
  http: [["insecure-origin-trusted", "high"]],
  subdomain: [["any-subdomain-trusted", "high"]],
  "special-chars": [["special-characters", "high"]],
  "third-party": [["third-party-origin-trusted", "high"]],
  "private-network": [["private-network-access", "info"]],
  wildcard: [["wildcard-origin", "info"]],
  "wildcard-credentials": [["wildcard-origin", "low"]],
};

let lab: Lab;
beforeAll(async () => {
  lab = await startLab();
});
afterAll(async () => {
  await lab.close();
});
const url = (name: string): string => `${lab.apiOrigin}/audit/${name}`;

describe("the probes", () => {
  it("are built around the trusted origin, one per trick, each an origin a browser could send", () => {
    const probes = auditProbes(T);
    const origins = probes.map((p) => p.origin);
    expect(new Set(origins).size).toBe(origins.length);
    expect(probes[0]).toEqual({ class: "trusted", origin: T });
    const byClass = (c: string): string[] => probes.filter((p) => p.class === c).map((p) => p.origin);
    expect(byClass("any-origin-reflected")).toEqual(["https://evil.example"]);
    expect(byClass("null-origin-allowed")).toEqual(["null"]);
    expect(byClass("prefix-match")).toEqual(["https://app.example.com.evil.example"]);
    expect(byClass("suffix-match")).toEqual(["https://evilexample.com"]);
    expect(byClass("unescaped-dot")).toEqual(["https://appxexample.com"]);
    expect(byClass("substring-match")).toEqual(["https://app.example.co"]);
    expect(byClass("insecure-origin-trusted")).toEqual(["http://app.example.com"]);
    expect(byClass("any-subdomain-trusted")).toEqual([
      "https://anything.app.example.com",
      "https://anything.example.com",
    ]);
    expect(byClass("special-characters")).toContain("https://app.example.com`.evil.example");
    expect(byClass("special-characters")).toContain("https://app.example.com_.evil.example");
    expect(byClass("special-characters")).toContain("https://app.example.com!.evil.example");
    expect(byClass("third-party-origin-trusted")).toEqual([...THIRD_PARTY_ORIGINS]);
    for (const o of origins) if (o !== "null") expect(new URL(o).origin).toBe(o);
    // Node's HTTP client refuses control characters in a header value: none may be in a probe.
    for (const o of origins) expect(o).toMatch(/^[\x20-\x7e]+$/);
  });

  it("keep the port, use www for a bare domain, and leave out tricks an IP address cannot take", () => {
    const bare = auditProbes("https://example.com:8443").map((p) => p.origin);
    expect(bare).toContain("https://wwwxexample.com:8443");
    expect(bare).toContain("https://example.com.evil.example:8443");
    const ip = auditProbes("http://127.0.0.1:5173");
    expect(ip.map((p) => p.class)).not.toContain("suffix-match");
    expect(ip.map((p) => p.class)).not.toContain("any-subdomain-trusted");
    expect(ip.map((p) => p.class)).not.toContain("unescaped-dot");
    // Plain http has no http:// twin to test.
    expect(ip.map((p) => p.class)).not.toContain("insecure-origin-trusted");
    expect(ip.map((p) => p.origin)).toContain("http://127.0.0.1.evil.example:5173");
  });

  it("find the registrable domain", () => {
    expect(registrableDomain("api.example.com")).toBe("example.com");
    expect(registrableDomain("example.com")).toBe("example.com");
    expect(registrableDomain("a.b.example.co.uk")).toBe("example.co.uk");
    expect(registrableDomain("localhost")).toBe("localhost");
    expect(registrableDomain("10.0.0.1")).toBe("10.0.0.1");
  });
});

describe("classify", () => {
  const answer = (origin: string, allowOrigin: string | null, allowCredentials = true): ProbeAnswer => {
    const probe = auditProbes(T).find((p) => p.origin === origin);
    if (!probe) throw new Error(`no probe ${origin}`);
    return { probe, via: "GET", status: 200, allowOrigin, allowCredentials };
  };

  it("lists one finding per class, and not the classes a wider one explains", () => {
    const all = auditProbes(T).map((p) => answer(p.origin, p.origin));
    expect(classify(T, all).map((f) => f.kind)).toEqual(["any-origin-reflected"]);
    const prefix = auditProbes(T)
      .filter((p) => p.origin.startsWith(T))
      .map((p) => answer(p.origin, p.origin));
    expect(classify(T, prefix).map((f) => f.kind)).toEqual(["prefix-match"]);
    const suffix = ["https://evilexample.com", "https://appxexample.com", "https://anything.example.com"];
    expect(
      classify(
        T,
        suffix.map((o) => answer(o, o)),
      ).map((f) => f.kind),
    ).toEqual(["suffix-match"]);
  });

  it("needs the exact probe back; the trusted origin itself is no finding; worst first", () => {
    const answers = [
      answer(T, T),
      answer("https://evil.example", T),
      answer("https://app.example.co", "https://app.example.co, https://app.example.com"),
      answer("http://app.example.com", "http://app.example.com", false),
      answer("null", "null"),
    ];
    const findings = classify(T, answers);
    expect(findings.map((f) => [f.kind, f.severity])).toEqual([
      ["null-origin-allowed", "high"],
      ["insecure-origin-trusted", "low"],
    ]);
  });
});

describe("cors-lens audit on the lab's /audit/* policies", () => {
  it("the lab serves every policy this test expects", () => {
    expect(Object.keys(AUDIT_POLICIES).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [name, expected] of Object.entries(EXPECTED)) {
    it(`${name}: ${expected.map(([k, s]) => `${k} (${s})`).join(", ") || "nothing"}`, async () => {
      const { code, stdout, stderr } = await cli(["audit", url(name), "--origin", T, "--json"]);
      expect(stderr).toBe("");
      const doc = JSON.parse(stdout) as AuditDocument;
      expect(doc).toMatchObject({ schema: "cors-lens/audit@1", url: url(name), trustedOrigin: T, unanswered: [] });
      expect(doc.probes).toBe(auditProbes(T).length);
      expect(doc.findings.map((f) => [f.kind, f.severity])).toEqual(expected);
      expect(code).toBe(expected.length > 0 ? 1 : 0);
      for (const f of doc.findings) {
        expect(Object.keys(f).sort()).toEqual(
          ["allowCredentials", "allowOrigin", "fix", "kind", "probeOrigin", "severity", "summary", "via"].sort(),
        );
        expect(f.allowOrigin).toBe(f.kind === "wildcard-origin" ? "*" : f.probeOrigin);
        expect(f.allowCredentials).toBe(AUDIT_POLICIES[name]!.credentials);
        expect(f.via).toBe(name === "reflect-any-preflight" || f.kind === "private-network-access" ? "OPTIONS" : "GET");
        expect(f.summary.length).toBeGreaterThan(40);
        expect(f.fix.length).toBeGreaterThan(20);
      }
    });
  }

  it("prints one line per finding (severity, class, probe, what came back), the risk and the fix", async () => {
    const { code, stdout } = await cli(["audit", url("prefix"), "--origin", T]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^✖ 1 risky CORS policy at http:\/\/127\.0\.0\.1:\d+\/audit\/prefix\n/);
    expect(stdout).toContain(`trusted origin ${T} · ${auditProbes(T).length} Origins probed`);
    expect(stdout).toContain(
      "HIGH   prefix-match  Origin: https://app.example.com.evil.example → Access-Control-Allow-Origin: https://app.example.com.evil.example, Access-Control-Allow-Credentials: true\n",
    );
    expect(stdout).toContain("The server accepts any origin that starts with https://app.example.com");
    expect(stdout).toContain(
      "Fix: Compare whole origins for equality, or anchor the pattern at both ends (^https://app\\.example\\.com$).",
    );
  });

  it("reports a server still answering Private Network Access, from one preflight that asks for it", async () => {
    const { code, stdout } = await cli(["audit", url("private-network"), "--origin", T]);
    expect(code).toBe(1);
    expect(stdout).toContain(
      `INFO   private-network-access  Origin: ${T} → Access-Control-Allow-Origin: ${T}, Access-Control-Allow-Credentials: true, Access-Control-Allow-Private-Network: true (preflight)\n`,
    );
    expect(stdout).toContain("Chrome 142+ replaced with the user's Local Network Access permission");
    expect(stdout).toContain("neither needed nor sufficient");
    expect(stdout).toContain("Fix: Access-Control-Allow-Private-Network: true answers Private Network Access");
    const answer = { origin: T, status: 204, allowOrigin: T, allowCredentials: false };
    expect(privateNetworkFinding({ ...answer, allowPrivateNetwork: null })).toBeNull();
    expect(privateNetworkFinding({ ...answer, allowPrivateNetwork: "false" })).toBeNull();
    expect(privateNetworkFinding({ ...answer, allowOrigin: null, allowPrivateNetwork: "true" })).toMatchObject({
      kind: "private-network-access",
      allowOrigin: "",
    });
  });

  it("says so when nothing is found, and what the trusted origin got", async () => {
    const { code, stdout } = await cli(["audit", url("correct"), "--origin", T]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^✔ no risky CORS policy found at /);
    expect(stdout).toContain(
      `Trusted origin answered: Access-Control-Allow-Origin: ${T}, Access-Control-Allow-Credentials: true`,
    );
  });

  it("without --origin, builds the tricks around the URL's own origin", async () => {
    const reflect = await cli(["audit", url("reflect-any"), "--json"]);
    expect(reflect.code).toBe(1);
    const doc = JSON.parse(reflect.stdout) as AuditDocument;
    expect(doc.trustedOrigin).toBe(lab.apiOrigin);
    expect(doc.findings.map((f) => f.kind)).toEqual(["any-origin-reflected"]);
    const correct = await cli(["audit", url("correct")]);
    expect(correct.code).toBe(0);
    expect(correct.stdout).toContain("not even the trusted origin got an Access-Control-Allow-Origin");
  });
});

describe("unreachable and incomplete audits exit 3", () => {
  let closedPort = 0;
  let silent: Server;
  let silentPort = 0;
  const held: Socket[] = [];
  /** Reflects every Origin except the ones it hangs up on. */
  let picky: HttpServer;
  let pickyUrl = "";
  const hangUpOn = new Set<string>();

  beforeAll(async () => {
    const probe = createServer();
    closedPort = await listen(probe);
    await new Promise((resolve) => probe.close(resolve));
    silent = createServer((socket) => void held.push(socket));
    silentPort = await listen(silent);
    picky = createHttpServer((req, res) => {
      const origin = req.headers.origin ?? "";
      if (hangUpOn.has(origin) || (hangUpOn.has("*") && origin !== "http://picky.test")) {
        req.socket.destroy();
        return;
      }
      if (origin !== "http://picky.test") res.setHeader("Access-Control-Allow-Origin", origin);
      res.writeHead(200).end();
    });
    pickyUrl = `http://127.0.0.1:${await listen(picky)}/x`;
  });
  afterAll(async () => {
    for (const socket of held) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
    picky.closeAllConnections();
    await new Promise((resolve) => picky.close(resolve));
  });

  it("connection refused: 3, the reason in text, a valid document in --json", async () => {
    const target = `http://127.0.0.1:${closedPort}/x`;
    const text = await cli(["audit", target, "--origin", T]);
    expect(text.code).toBe(3);
    expect(text.stdout).toMatch(/^✖ unreachable: connection to 127\.0\.0\.1:\d+ refused: nothing listens there\n/);
    const json = await cli(["audit", target, "--origin", T, "--json"]);
    expect(json.code).toBe(3);
    expect(json.stderr).toContain("refused");
    const doc = JSON.parse(json.stdout) as AuditDocument;
    expect(doc.findings).toEqual([]);
    expect(doc.unanswered).toHaveLength(doc.probes);
  });

  it("a server that never answers, within --timeout", async () => {
    const started = Date.now();
    const { code, stdout } = await cli(["audit", `http://127.0.0.1:${silentPort}/x`, "--timeout", "300ms"]);
    expect(code).toBe(3);
    expect(stdout).toMatch(/^✖ unreachable: no answer from 127\.0\.0\.1:\d+ in time\n/);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("findings still exit 1 when some probes went unanswered; none found but unanswered is 3", async () => {
    hangUpOn.clear();
    hangUpOn.add("null");
    const partial = await cli(["audit", pickyUrl, "--origin", "http://picky.test", "--json"]);
    expect(partial.code).toBe(1);
    const doc = JSON.parse(partial.stdout) as AuditDocument;
    expect(doc.unanswered).toEqual(["null"]);
    expect(doc.findings.map((f) => f.kind)).toEqual(["any-origin-reflected"]);

    hangUpOn.add("*");
    const incomplete = await cli(["audit", pickyUrl, "--origin", "http://picky.test"]);
    expect(incomplete.code).toBe(3);
    expect(incomplete.stdout).toMatch(/^! nothing found so far at .*, but the audit is incomplete\n/);
    expect(incomplete.stdout).toMatch(/\d+ of \d+ probes got no answer/);
  });
});

describe("audit usage", () => {
  it.each([[["audit", "--help"]], [["audit", "-h"]], [["help", "audit"]], [["audit", "http://api.test/", "--help"]]])(
    "%j prints the audit usage and exits 0",
    async (args) => {
      const { code, stdout } = await cli(args);
      expect(code).toBe(0);
      expect(stdout).toBe(AUDIT_USAGE);
    },
  );

  it("the general usage mentions audit", async () => {
    const { stdout } = await cli(["--help"]);
    expect(stdout).toContain("cors-lens audit URL [--origin ORIGIN] [--json]");
  });

  it.each([
    [["audit"], "audit needs a URL"],
    [["audit", "ftp://api.test/x"], "ftp: URLs cannot be checked"],
    [["audit", "api.test"], "is not a URL"],
    [["audit", "http://api.test/", "--origin", "null"], "must be http(s)"],
    [["audit", "http://api.test/", "--origin", "http://app.test/"], "did you mean http://app.test?"],
    [["audit", "http://api.test/", "--method", "PUT"], "--method is a check option"],
    [["audit", "http://api.test/", "-H", "X-A: 1"], "--header is a check option"],
    [["audit", "http://api.test/", "--timeout", "soon"], "is not a duration"],
    [["audit", "http://api.test/", "extra"], "unexpected argument 'extra'"],
  ])("%j exits 2: %s", async (args, message) => {
    const { code, stdout, stderr } = await cli(args);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain(message);
  });
});
