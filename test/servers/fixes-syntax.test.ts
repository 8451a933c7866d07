// Syntax checks of every generated fix with the real parser of its language (run after test/servers/install.sh).

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { clientAlternatives, fixFor, STACKS } from "../../src/fixes/index";
import type { StackId } from "../../src/fixes/types";
import { SERVER_CASES } from "./cases";
import { materialize } from "./run";
import { recordOf } from "../unit/fixes-records";

/** Calls that together produce every shape of snippet: credentials, methods, headers, no preflight, Origin null. */
const CALLS = [
  "preflight-wildcard-credentials",
  "wildcard-with-credentials",
  "two-headers-not-allowed",
  "redirect-tainted-origin",
];

const scratch = mkdtempSync(join(tmpdir(), "cors-lens-fix-syntax-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** This suite runs after test/servers/install.sh: a missing parser is a failure, never a skip. */
function needs(available: boolean | undefined, what: string): void {
  expect(available, `${what} is missing: run bash test/servers/install.sh`).toBe(true);
}

function has(executable: string): boolean {
  return spawnSync("sh", ["-c", `command -v "${executable}"`]).status === 0;
}

/** Runs a checker; returns its complaint, or "" when it accepted the input. */
function complaint(cmd: string, args: string[], env?: NodeJS.ProcessEnv, input?: string): string {
  const r = spawnSync(cmd, args, { encoding: "utf8", env: { ...process.env, ...env }, input });
  return r.status === 0 ? "" : `${r.stdout}${r.stderr}`.trim() || `exit ${r.status}`;
}

function scratchFile(name: string, text: string): string {
  const file = join(scratch, name);
  writeFileSync(file, text);
  return file;
}

function tsErrors(source: string, js: boolean): string[] {
  const out = ts.transpileModule(source, {
    reportDiagnostics: true,
    fileName: js ? "fix.mjs" : "fix.ts",
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, allowJs: true },
  });
  return (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

const launcherOf = (stack: StackId) => SERVER_CASES.find((c) => c.stack === stack)!.launcher;
const python = has("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

/** A parser per snippet language, and whether this machine has it. */
const CHECKERS: Record<string, { available: boolean; check: (snippet: string, stack: StackId, n: number) => string }> =
  {
    js: { available: true, check: (s) => tsErrors(s, true).join("\n") },
    ts: { available: true, check: (s) => tsErrors(s, false).join("\n") },
    json: {
      available: true,
      check: (s) => {
        try {
          JSON.parse(s);
          return "";
        } catch (e) {
          return String(e);
        }
      },
    },
    python: {
      available: has(python),
      check: (s, stack, n) => complaint(python, ["-m", "py_compile", scratchFile(`${stack}-${n}.py`, s)]),
    },
    // gofmt accepts a fragment (declarations or statements) only on standard input.
    go: { available: has("gofmt"), check: (s) => complaint("gofmt", ["-e"], undefined, s) },
    ruby: {
      available: has("ruby"),
      check: (s, stack, n) => complaint("ruby", ["-c", scratchFile(`${stack}-${n}.rb`, s)]),
    },
    // Config languages are checked in place, inside the real-server fixture's configuration.
    nginx: {
      available: has("nginx"),
      check: (s, stack, n) => {
        const work = materialize(launcherOf("nginx"), { fix: s }, 18080 + n, `${stack}-syntax`);
        try {
          return complaint("nginx", ["-t", "-q", "-p", work, "-c", `${work}/nginx.conf`]);
        } finally {
          rmSync(work, { recursive: true, force: true });
        }
      },
    },
    apache: {
      available: has("apache2"),
      check: (s, stack, n) => {
        const work = materialize(launcherOf("apache"), { fix: s }, 18180 + n, `${stack}-syntax`);
        try {
          return complaint("apache2", ["-t", "-f", `${work}/httpd.conf`]);
        } finally {
          rmSync(work, { recursive: true, force: true });
        }
      },
    },
    caddyfile: {
      available: has("caddy"),
      check: (s, stack, n) => {
        const work = materialize(launcherOf("caddy"), { fix: s }, 18280 + n, `${stack}-syntax`);
        try {
          return complaint("caddy", ["adapt", "--config", `${work}/Caddyfile`, "--adapter", "caddyfile"], {
            HOME: work,
          });
        } finally {
          rmSync(work, { recursive: true, force: true });
        }
      },
    },
  };

/** Languages with no parser on a Debian machine without network downloads: checked by the golden tests only. */
const UNCHECKED = new Set(["java", "csharp", "text"]);

describe("every stack's snippet parses", () => {
  for (const { id: stack } of STACKS) {
    const language = fixFor(recordOf(CALLS[0]!), stack).language;
    if (UNCHECKED.has(language)) continue;
    const checker = CHECKERS[language];
    it(`${stack} (${language})`, () => {
      expect(checker, `no checker for ${language}`).toBeDefined();
      needs(checker!.available, `the ${language} parser`);
      for (const [n, id] of CALLS.entries()) {
        const fix = fixFor(recordOf(id), stack);
        expect(fix.language).toBe(language);
        expect(checker!.check(fix.snippet, stack, n), `${id}:\n${fix.snippet}`).toBe("");
      }
    });
  }

  it("leaves only Java and C# (and the raw headers) without a parser", () => {
    const unchecked = STACKS.filter((s) => UNCHECKED.has(fixFor(recordOf(CALLS[0]!), s.id).language)).map((s) => s.id);
    expect(unchecked.sort()).toEqual(["aspnet", "headers", "spring"]);
  });
});

describe("the checkers themselves", () => {
  const broken: Record<string, string> = {
    js: "app.use(cors({ origin: ",
    ts: "const x: = ;",
    json: '{"AllowOrigins": [}',
    python: "CORS(app,, origins=[)",
    go: "c := cors.New(cors.Options{",
    ruby: "allow do\n  origins 'x'\n",
    nginx: 'add_header Access-Control-Allow-Origin "x" always',
    apache: "Header always sett Access-Control-Allow-Origin x",
    caddyfile: "headr Access-Control-Allow-Origin x",
  };
  for (const [language, text] of Object.entries(broken)) {
    it(`${language} rejects a broken snippet`, () => {
      needs(CHECKERS[language]!.available, `the ${language} parser`);
      expect(CHECKERS[language]!.check(text, "headers", 9)).not.toBe("");
    });
  }
});

describe("client alternatives parse", () => {
  it("every JavaScript alternative", () => {
    for (const id of CALLS) {
      for (const alt of clientAlternatives(recordOf(id)).filter((a) => a.language === "js")) {
        expect(tsErrors(alt.snippet, true), alt.snippet).toEqual([]);
      }
    }
  });

  it("the same-origin nginx location", () => {
    needs(has("nginx"), "nginx");
    const alt = clientAlternatives(recordOf(CALLS[0]!)).find((a) => a.kind === "same-origin")!;
    const work = materialize(launcherOf("nginx"), { fix: "" }, 18380, "same-origin-syntax");
    try {
      const conf = `${work}/nginx.conf`;
      // The alternative is a location of its own: put it next to the fixture's.
      const text = readFileSync(conf, "utf8").replace("location /api/ {", `${alt.snippet}\nlocation /api/ {`);
      writeFileSync(conf, text);
      expect(complaint("nginx", ["-t", "-q", "-p", work, "-c", conf])).toBe("");
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
