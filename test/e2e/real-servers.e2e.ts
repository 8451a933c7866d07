// Real servers of each stack in Chromium: a broken setup is blocked with Chrome's expected code, the fix CORS Lens
// generates from its own export is put in, the server restarts, and Chrome allows the same call.

import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { fixFor } from "../../src/fixes/index";
import type { Fix } from "../../src/fixes/types";
import type { ExportDocument, ExportRequest } from "../../src/report/export-format";
import { startLab, type Lab } from "../lab/server";
import { SERVER_CASES, type PageCall, type ServerCase } from "../servers/cases";
import { recordFromExport } from "../../src/report/import";
import { freePort, startServer, type RunningServer } from "../servers/run";
import { CorsOracle } from "./cdp-oracle";
import { launch, openStandalonePanel, tabIdOf, waitUntil, type Session } from "./harness";

function installed(executable: string): boolean {
  try {
    execFileSync("sh", ["-c", `command -v "${executable}"`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const missing = new Map(SERVER_CASES.map((c) => [c.stack, c.needs.filter((n) => !installed(n))]));

interface Run {
  c: ServerCase;
  port: number;
  url: string;
  fix?: Fix;
  server?: RunningServer;
}

let lab: Lab;
let session: Session;
let page: Page;
let panel: Page;
let oracle: CorsOracle;
let brokenExport: ExportDocument;
let fixedExport: ExportDocument;
const runs: Run[] = [];
const timings: Record<string, number> = {};

async function pageFetch(url: string, call: PageCall): Promise<string> {
  return page.evaluate(
    async ({ url, call }) => {
      try {
        const r = await fetch(url, { ...call, cache: "no-store" });
        return `status ${r.status}`;
      } catch (e) {
        return String(e);
      }
    },
    { url, call },
  );
}

async function exportJson(): Promise<ExportDocument> {
  const [download] = await Promise.all([
    panel.waitForEvent("download"),
    panel.getByRole("button", { name: "Export JSON" }).click(),
  ]);
  return JSON.parse(await readFile((await download.path())!, "utf8")) as ExportDocument;
}

/** Exports until the document holds what the test waits for (the store settles a moment after Chrome does). */
async function exportWhen(ready: (doc: ExportDocument) => boolean, attempts = 40): Promise<ExportDocument> {
  for (let attempt = 1; ; attempt++) {
    const doc = await exportJson();
    if (ready(doc) || attempt >= attempts) return doc;
    await new Promise((res) => setTimeout(res, 250));
  }
}

function exported(doc: ExportDocument, url: string): ExportRequest[] {
  return doc.requests.filter((r) => r.url === url).sort((a, b) => a.startedAt.localeCompare(b.startedAt));
}

async function stopAll(): Promise<void> {
  await Promise.all(runs.map(async (r) => (await r.server?.stop(), (r.server = undefined))));
}

beforeAll(async () => {
  const t0 = Date.now();
  lab = await startLab({ scenarios: [] });
  session = await launch();
  page = await session.context.newPage();
  await page.goto(lab.pageOrigin + "/");
  oracle = await CorsOracle.attach(page);
  panel = await openStandalonePanel(session, await tabIdOf(session, page));
  for (const c of SERVER_CASES.filter((x) => missing.get(x.stack)!.length === 0)) {
    const port = await freePort();
    runs.push({ c, port, url: `http://127.0.0.1:${port}${c.call.path}` });
  }

  // Round 1: every broken server at once, one call each, then the extension's export.
  await Promise.all(
    runs.map(async (r) => {
      const broken = r.c.broken(lab.pageOrigin);
      const placement = r.c.brokenAt === "late" ? { fix: "", late: broken } : { fix: broken };
      r.server = await startServer(r.c.launcher, placement, r.port, `${r.c.stack}-broken`);
    }),
  );
  timings.brokenStarted = Date.now() - t0;
  for (const r of runs) await pageFetch(r.url, r.c.call);
  await waitUntil("Chrome's verdicts (broken)", () => runs.every((r) => oracle.outcomesFor(r.url).length === 1));
  brokenExport = await exportWhen((doc) => runs.every((r) => exported(doc, r.url).length === 1));
  await stopAll();

  // Round 2: the fix generated from each exported call, on the same port, the same call again.
  for (const r of runs) {
    const mine = exported(brokenExport, r.url)[0];
    if (mine) r.fix = fixFor(recordFromExport(mine)!, r.c.stack);
  }
  await Promise.all(
    runs
      .filter((r) => r.fix)
      .map(async (r) => {
        r.server = await startServer(r.c.launcher, { fix: r.fix!.snippet }, r.port, `${r.c.stack}-fixed`);
      }),
  );
  timings.fixedStarted = Date.now() - t0;
  for (const r of runs.filter((x) => x.fix)) await pageFetch(r.url, r.c.call);
  await waitUntil("Chrome's verdicts (fixed)", () =>
    runs.filter((r) => r.fix).every((r) => oracle.outcomesFor(r.url).length === 2),
  );
  // Whether allowed calls are kept is the extension's setting; blocked ones always are.
  fixedExport = await exportWhen((doc) => runs.every((r) => !r.fix || exported(doc, r.url).length === 2), 8);
  await stopAll();
  timings.total = Date.now() - t0;
  console.log(`real servers: ${runs.length} stacks, timings (ms) ${JSON.stringify(timings)}`);
}, 240_000);

afterAll(async () => {
  await stopAll();
  await session?.close();
  await lab?.close();
});

describe("generated fixes against real servers in Chromium", () => {
  for (const c of SERVER_CASES) {
    it(`${c.stack}: ${c.mistake} → ${c.expect}; the generated fix → allowed`, () => {
      expect(missing.get(c.stack), `missing on this machine; run bash test/servers/install.sh`).toEqual([]);
      const r = runs.find((x) => x.c === c)!;
      const [before, after] = oracle.outcomesFor(r.url);
      // Chrome blocks the broken setup with the expected code, and the extension says the same.
      expect(before?.corsError).toBe(c.expect);
      const mine = exported(brokenExport, r.url)[0]!;
      expect(mine.diagnosis.code).toBe(before!.corsError);
      if (c.cause) expect(mine.diagnosis.cause?.kind).toBe(c.cause);
      expect(mine.diagnosis.credentials).toBe(c.call.credentials ?? "same-origin");
      // The fix names the page's exact origin, never a wildcard.
      expect(r.fix!.snippet).toContain(lab.pageOrigin);
      // Chrome allows the same call against the fixed server, and the extension agrees.
      expect(after, r.server?.output()).toMatchObject({ corsError: null, errorText: null });
      const records = exported(fixedExport, r.url);
      expect(records.filter((x) => x.outcome === "blocked")).toHaveLength(1);
      if (records[1]) expect(records[1].outcome).toBe("allowed");
    });
  }
});
