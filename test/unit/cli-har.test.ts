// `cors-lens har FILE`: usage, exit codes, the text report, the export and the ticket, read from real recordings.

import { createReadStream, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main";
import { buildExport } from "../../src/report/export";
import type { ExportDocument } from "../../src/report/export-format";
import { diagnoseHar } from "../../src/store/har-records";
import { LAB_SECRET_COOKIE, startLab } from "../lab/server";
import { schemaErrors } from "../schema";

const DIR = resolve(import.meta.dirname, "../fixtures/har");
const DEVTOOLS = resolve(DIR, "chromium-devtools.har");
const PLAYWRIGHT = resolve(DIR, "playwright.har");
const TMP = mkdtempSync(join(tmpdir(), "cors-lens-har-cli-"));

interface Recorded {
  pageOrigin: string;
  scenarios: { id: string; url: string; chrome: { corsError: string | null }[] }[];
}
const recorded = JSON.parse(readFileSync(resolve(DIR, "cdp-verdicts.json"), "utf8")) as Recorded;
const chromeBlocked = recorded.scenarios.flatMap((s) =>
  s.chrome.filter((c) => c.corsError).map((c) => [s.url, c.corsError!]),
);

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, { out: (t) => (stdout += t), err: (t) => (stderr += t), color: false });
  return { code, stdout, stderr };
}

function tmpFile(name: string, text: string): string {
  const path = join(TMP, name);
  writeFileSync(path, text);
  return path;
}

/** The DevTools recording with only the entries `keep` accepts. */
function filtered(name: string, keep: (e: { request: { url: string } }) => boolean): string {
  const har = JSON.parse(readFileSync(DEVTOOLS, "utf8")) as { log: { entries: { request: { url: string } }[] } };
  har.log.entries = har.log.entries.filter(keep);
  return tmpFile(name, JSON.stringify(har));
}

describe("usage", () => {
  it("har --help prints the har usage and exits 0", async () => {
    const { code, stdout } = await cli(["har", "--help"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: cors-lens har FILE\.har \[--origin ORIGIN\] \[--json \| --md\]/);
    expect((await cli(["--help"])).stdout).toContain("cors-lens har FILE.har");
  });

  it.each([
    [["har"], "har needs a FILE"],
    [["har", DEVTOOLS, "extra"], "unexpected argument 'extra'"],
    [["har", DEVTOOLS, "--json", "--md"], "--json and --md both choose the output"],
    [["har", DEVTOOLS, "-X", "PUT"], "--method is a check option; the HAR file holds the requests"],
    [["har", DEVTOOLS, "--timeout", "1s"], "--timeout is a check option"],
    [["har", DEVTOOLS, "--origin", "app.test"], "is not an origin"],
    [["har", DEVTOOLS, "--stack", "cobol"], "unknown stack 'cobol'"],
    [["har", join(TMP, "absent.har")], "absent.har: no such file"],
    [["har", TMP], "is not a file"],
  ])("%j exits 2: %s", async (args, message) => {
    const { code, stderr, stdout } = await cli(args);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain(message);
  });

  it("a file that is not a HAR exits 2 and says what is wrong and where", async () => {
    const entries = Array.from({ length: 12 }, (_, i) => ({
      startedDateTime: "2026-12-07T10:00:00Z",
      time: 1,
      request: { method: "GET", url: `http://api.test/${i}`, headers: [] },
      response: { status: 200, headers: i === 11 ? "Content-Type: text/plain" : [] },
    }));
    const bad = tmpFile("bad.har", JSON.stringify({ log: { entries } }));
    const { code, stderr } = await cli(["har", bad]);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `cors-lens: ${bad} is not a HAR file that can be read: entry 12: response.headers is not an array (a string)\n`,
    );
    const notJson = tmpFile("page.har", "<!doctype html><title>Login</title>");
    expect((await cli(["har", notJson])).stderr).toContain("not valid JSON at character 1: unexpected '<'");
  });
});

describe("text report", () => {
  it("lists Chrome's blocked calls one line each, then each one's evidence as check prints it; exit 1", async () => {
    const { code, stdout } = await cli(["har", DEVTOOLS]);
    expect(code).toBe(1);
    const heads = stdout.split("\n").filter((l) => l.startsWith("  ✖ "));
    expect(
      heads
        .map((l) => l.split(/\s+/).slice(2, 5))
        .map(([c, , u]) => [u, c])
        .sort(),
    ).toEqual(chromeBlocked.map(([u, c]) => [u, c]).sort());
    expect(stdout.match(/^Evidence$/gm)).toHaveLength(chromeBlocked.length);
    expect(stdout.match(/^── \d+ of \d+ ──$/gm)).toHaveLength(chromeBlocked.length);
    expect(stdout).toContain(`Calls without an Origin header are taken as made by ${recorded.pageOrigin}`);
    expect(stdout).toMatch(
      /^.*chromium-devtools\.har: 129 entries from WebInspector 537\.36, 82 cross-origin calls, \d+ blocked by CORS/,
    );
  });

  it("prints the fix for --stack", async () => {
    const { stdout } = await cli(["har", DEVTOOLS, "--stack", "express"]);
    expect(stdout).toContain("Fix: ");
    expect(stdout).not.toContain("Add --stack NAME");
  });

  it("exits 0 when nothing in the file was blocked", async () => {
    const allowed = new Set(recorded.scenarios.filter((s) => s.chrome.every((c) => !c.corsError)).map((s) => s.url));
    const file = filtered("clean.har", (e) => !e.request.url.includes("/s/") || allowed.has(e.request.url));
    const { code, stdout } = await cli(["har", file]);
    expect(code).toBe(0);
    expect(stdout).toContain("✔ nothing was blocked.");
  });

  it("says what Playwright's file lacks, and that --origin decided the caller", async () => {
    const { code, stdout } = await cli(["har", PLAYWRIGHT, "--origin", recorded.pageOrigin]);
    expect(code).toBe(1);
    expect(stdout).toContain("The file keeps no response for this call");
    expect(stdout).toContain(`the calling page's origin is taken as ${recorded.pageOrigin}, from --origin.`);
  });
});

describe("--json", () => {
  it("prints one schema-valid export holding every cross-origin call, with Chrome's codes, secrets masked", async () => {
    const { code, stdout } = await cli(["har", DEVTOOLS, "--json", "--stack", "nginx"]);
    expect(code).toBe(1);
    const doc = JSON.parse(stdout) as ExportDocument & { source: { kind: string; producer: string; entries: number } };
    expect(schemaErrors(doc)).toEqual([]);
    expect(doc.browser.name).toBe("cli");
    expect(doc.page).toEqual({ url: `${recorded.pageOrigin}/`, origin: recorded.pageOrigin });
    expect(doc.source).toMatchObject({ kind: "har", producer: "WebInspector 537.36", entries: 129 });
    expect(doc.requests).toHaveLength(82);
    const blocked = doc.requests.filter((r) => r.outcome === "blocked").map((r) => [r.url, r.diagnosis.code]);
    expect(blocked.sort()).toEqual(chromeBlocked.sort());
    expect(doc.requests.filter((r) => r.outcome === "blocked").every((r) => r.fix?.stack === "nginx")).toBe(true);
    expect(stdout).not.toContain(LAB_SECRET_COOKIE);
    expect((await cli(["har", DEVTOOLS, "--json", "--include-secrets"])).stdout).toContain(LAB_SECRET_COOKIE);
  });
});

describe("--json, streamed", () => {
  it("writes what building the whole document at once would, call for call", async () => {
    const { stdout } = await cli(["har", DEVTOOLS, "--json", "--stack", "express"]);
    const streamed = JSON.parse(stdout) as ExportDocument;
    const whole = buildExport((await diagnoseHar(createReadStream(DEVTOOLS))).records, {
      extensionVersion: streamed.extensionVersion,
      browser: streamed.browser,
      pageUrl: `${recorded.pageOrigin}/`,
      stack: "express",
      now: new Date(streamed.exportedAt),
    });
    expect(streamed).toEqual({ ...whole, source: expect.any(Object) });
  });

  it("writes an empty request list as valid JSON", async () => {
    const file = filtered("none.har", (e) => !e.request.url.includes("/s/") && !e.request.url.includes("/set-cookie"));
    const { code, stdout } = await cli(["har", file, "--json"]);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as ExportDocument).requests).toEqual([]);
  });
});

describe("--md", () => {
  it("prints the ticket, secrets masked, naming the file's producer", async () => {
    const { code, stdout } = await cli(["har", DEVTOOLS, "--md"]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^# CORS Lens report: \d+ blocked calls?/);
    expect(stdout).toContain("reading WebInspector 537.36");
    expect(stdout).not.toContain(LAB_SECRET_COOKIE);
  });

  it("adds what the file cannot tell", async () => {
    const { stdout } = await cli(["har", resolve(DIR, "chromium-devtools-sanitized.har"), "--md"]);
    expect(stdout).toContain(
      "> **About this file:** No request in this file carries a Cookie or Authorization header.",
    );
  });
});

describe("check --md", () => {
  it("prints the ticket of the one call check made, and refuses --json with it", async () => {
    const lab = await startLab();
    try {
      const url = `${lab.apiOrigin}/s/missing-acao`;
      const { code, stdout } = await cli(["check", url, "--origin", lab.pageOrigin, "--md", "--stack", "express"]);
      expect(code).toBe(1);
      expect(stdout).toMatch(/^# CORS Lens report: 1 blocked call\n/);
      expect(stdout).toContain(`## CORS: GET ${url.replace(/_/g, "\\_")} — MissingAllowOriginHeader`);
      expect(stdout).toContain("### Fix (Express");
      const both = await cli(["check", url, "--origin", lab.pageOrigin, "--md", "--json"]);
      expect(both.code).toBe(2);
    } finally {
      await lab.close();
    }
  });
});
