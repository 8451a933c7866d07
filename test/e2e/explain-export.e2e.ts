// The page console explains each blocked call once, and the exports (JSON, Markdown, Copy for ticket) are complete,
// schema-valid and free of the lab's secrets — read back from the real console, downloads and clipboard.

import { readFile } from "node:fs/promises";
import MarkdownIt from "markdown-it";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConsoleMessage, Page } from "playwright-core";
import type { ExportDocument } from "../../src/report/export-format";
import { SCENARIOS } from "../corpus/scenarios";
import { LAB_SECRET_COOKIE, startLab, type Lab } from "../lab/server";
import { schemaErrors } from "../schema";
import { CorsOracle } from "./cdp-oracle";
import { DevtoolsDriver } from "./devtools";
import { exportFromPanel, launch, openStandalonePanel, tabIdOf, waitUntil, type Session } from "./harness";

/** Every secret the lab sends or makes the page send. */
const SECRETS = [LAB_SECRET_COOKIE, "lab-token-123"];

let lab: Lab;
let session: Session;
let page: Page;
let panel: Page;
let oracle: CorsOracle;
const messages: { type: string; text: string; at: number }[] = [];
let json: ExportDocument;
/** Requests the extension itself made: from its service worker, and from its panel to anything but itself. */
const ownRequests: string[] = [];
let markdown: string;

const run = (id: string) =>
  page.evaluate((i) => (window as unknown as { runScenario(id: string): Promise<unknown> }).runScenario(i), id);
const blockedScenarios = SCENARIOS.filter((s) => s.expect.code !== null);
const explanations = () => messages.filter((m) => m.text.includes("CORS Lens:"));

beforeAll(async () => {
  lab = await startLab();
  session = await launch();
  await session.context.grantPermissions(["clipboard-read", "clipboard-write"]);
  page = await session.context.newPage();
  page.on("console", (m: ConsoleMessage) => messages.push({ type: m.type(), text: m.text(), at: Date.now() }));
  await page.goto(lab.pageOrigin + "/");
  await page.locator("html[data-lab-ready=true]").waitFor();
  oracle = await CorsOracle.attach(page);
  await (await DevtoolsDriver.connect(session)).watchWorkerNetwork(ownRequests);
  panel = await openStandalonePanel(session, await tabIdOf(session, page));
  panel.on("request", (r) => {
    if (!r.url().startsWith(`chrome-extension://${session.extensionId}/`)) ownRequests.push(r.url());
  });
  for (const s of SCENARIOS) await run(s.id);
  const blocked = blockedScenarios.length;
  await waitUntil("an explanation per blocked call", () => explanations().length >= blocked, 30_000);
  json = await exportFromPanel(panel);
  const [download] = await Promise.all([
    panel.waitForEvent("download"),
    panel.getByRole("button", { name: "Export Markdown" }).click(),
  ]);
  markdown = await readFile((await download.path())!, "utf8");
}, 120_000);

afterAll(async () => {
  await session?.close();
  await lab?.close();
});

describe("console", () => {
  it("explains every blocked call exactly once, in a collapsed group headed CORS Lens:", () => {
    const ours = explanations();
    for (const s of blockedScenarios) {
      const about = ours.filter((m) => m.text.includes(`/s/${s.id} `));
      expect(about, s.id).toHaveLength(1);
      expect(about[0]!.type).toBe("startGroupCollapsed");
    }
    // Allowed calls are not explained.
    for (const s of SCENARIOS.filter((x) => x.expect.code === null)) {
      expect(ours.filter((m) => m.text.includes(`/s/${s.id} `))).toHaveLength(0);
    }
  });

  it("prints each explanation after Chrome's own error for that call", () => {
    for (const s of blockedScenarios) {
      const chrome = messages.findIndex(
        (m) => m.text.includes(`/s/${s.id}'`) && m.text.includes("blocked by CORS policy"),
      );
      const ours = messages.findIndex((m) => m.text.includes("CORS Lens:") && m.text.includes(`/s/${s.id} `));
      expect(chrome, s.id).toBeGreaterThanOrEqual(0);
      expect(ours, s.id).toBeGreaterThan(chrome);
    }
  });

  it("says which header, what it held and needed, the fix and the commands that reproduce it", () => {
    const start = messages.findIndex((m) => m.text.includes("CORS Lens:") && m.text.includes("/s/acao-other-origin "));
    const group = messages.slice(
      start + 1,
      messages.findIndex((m, i) => i > start && m.type === "endGroup"),
    );
    const body = group.map((m) => m.text).join("\n");
    expect(body).toContain("Access-Control-Allow-Origin");
    expect(body).toContain("https://app.example.com");
    expect(body).toContain(lab.pageOrigin);
    expect(body).toMatch(/Fix \(/);
    expect(body).toContain("curl ");
    expect(body).toContain("cors-lens check");
    expect(body).toContain(`${lab.pageOrigin}/lab.js:`);
  });

  it("never prints a secret", () => {
    for (const secret of SECRETS)
      expect(
        explanations()
          .map((m) => m.text)
          .join("\n"),
      ).not.toContain(secret);
  });

  it("explains a burst of identical failures once in full, then each repeat in brief", async () => {
    const urls = Array.from({ length: 5 }, (_, i) => `${lab.altOrigin}/closed?burst=${i}`);
    await page.evaluate((us) => Promise.all(us.map((u) => fetch(u).catch(() => 0))), urls);
    const groupOf = (url: string) => {
      const start = messages.findIndex((m) => m.text.includes("CORS Lens:") && m.text.includes(`${url} `));
      return start < 0
        ? null
        : messages
            .slice(start + 1, start + 2)
            .map((m) => m.text)
            .join("\n");
    };
    await waitUntil("a group per call", () => urls.every((u) => groupOf(u) !== null), 10_000);
    const bodies = urls.map(groupOf);
    expect(bodies.filter((b) => b!.includes("Fix ("))).toHaveLength(1);
    expect(bodies.filter((b) => b!.includes("Same as"))).toHaveLength(4);
  });

  it("stays quiet when turned off in the panel", async () => {
    await panel.getByRole("button", { name: "Settings" }).click();
    await panel.getByLabel("Explain blocked calls in the console").uncheck();
    const before = explanations().length;
    await page.evaluate((u) => fetch(u).catch(() => 0), `${lab.altOrigin}/closed?quiet`);
    await waitUntil("Chrome's verdict", () => oracle.outcomeFor(`${lab.altOrigin}/closed?quiet`) !== undefined);
    await new Promise((r) => setTimeout(r, 1000));
    expect(explanations().length).toBe(before);
    await panel.getByLabel("Explain blocked calls in the console").check();
  });
});

describe("exports", () => {
  it("JSON: schema-valid, with reproduce commands, a fix, and the call site for every blocked call", () => {
    expect(schemaErrors(json)).toEqual([]);
    const blocked = json.requests.filter((r) => r.outcome === "blocked");
    expect(blocked.length).toBe(blockedScenarios.length);
    for (const r of blocked) {
      expect(r.reproduce.check).toMatch(/^cors-lens check /);
      expect(r.reproduce.curl.length).toBeGreaterThan(0);
      expect(r.fix?.snippet.length).toBeGreaterThan(0);
      expect(r.diagnosis.callSite?.url).toBe(`${lab.pageOrigin}/lab.js`);
    }
  });

  it("JSON and Markdown carry none of the lab's secrets by default", () => {
    for (const secret of SECRETS) {
      expect(JSON.stringify(json)).not.toContain(secret);
      expect(markdown).not.toContain(secret);
    }
    expect(json.redacted).toBe(true);
    // The secrets were really sent: masked, not missing.
    expect(JSON.stringify(json)).toContain("[redacted]");
  });

  it("Markdown renders as a ticket: a section per blocked call with tables and command blocks", () => {
    const html = new MarkdownIt().render(markdown);
    expect(html).toMatch(/<h1>CORS Lens report: \d+ blocked calls<\/h1>/);
    const sections = html.match(/<h2>CORS: /g) ?? [];
    expect(sections.length).toBe(blockedScenarios.length);
    expect((html.match(/<table>/g) ?? []).length).toBeGreaterThan(blockedScenarios.length * 3);
    expect(html).toContain('<code class="language-sh">');
  });

  it("Copy for ticket puts one call's ticket on the clipboard", async () => {
    await panel.locator('.grid-row[data-code="AllowOriginMismatch"]').first().click();
    await panel.getByRole("button", { name: "Copy for ticket" }).click();
    await panel.getByRole("button", { name: "Copied" }).waitFor();
    const ticket = await panel.evaluate(() => navigator.clipboard.readText());
    const html = new MarkdownIt().render(ticket);
    expect(html).toMatch(/^<h1>CORS: GET /);
    expect(html).toContain("AllowOriginMismatch");
    for (const secret of SECRETS) expect(ticket).not.toContain(secret);
  });

  it("includes secrets only when the user asks", async () => {
    await panel.getByLabel("Include cookies, authorization and tokens in exports and copies").check();
    await waitUntil("the setting", () =>
      panel.getByLabel("Include cookies, authorization and tokens in exports and copies").isChecked(),
    );
    const full = await exportFromPanel(panel);
    expect(full.redacted).toBe(false);
    expect(JSON.stringify(full)).toContain(LAB_SECRET_COOKIE);
    await panel.getByLabel("Include cookies, authorization and tokens in exports and copies").uncheck();
  });
});

describe("privacy", () => {
  it("the extension sent no network request of its own during the whole run", () => {
    expect(ownRequests).toEqual([]);
  });
});
