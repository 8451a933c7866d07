// Records the corpus in Chromium as HAR files from real producers (Playwright's recordHar, chrome.devtools.network.getHAR(),
// DevTools' own HAR export with and without sensitive data) with Chrome's CDP verdicts beside: test/fixtures/har/.
// Run: flock /tmp/browser.lock npx tsx scripts/record-har.ts

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";
import { BASE_ARGS, findChromium, sandboxArgs } from "./chromium";
import { SCENARIOS } from "../test/corpus/scenarios";
import { scenarioUrlIn, startLab } from "../test/lab/server";
import { CorsOracle } from "../test/e2e/cdp-oracle";
import { DevtoolsDriver } from "../test/e2e/devtools";
import { waitUntil, type Session } from "../test/e2e/harness";

const OUT = resolve(import.meta.dirname, "../test/fixtures/har");
/** An extension with nothing but a devtools page: the place chrome.devtools.network.getHAR() can be called from. */
const DEVTOOLS_EXTENSION = resolve(import.meta.dirname, "../test/fixtures/har-extension");

function write(name: string, text: string): void {
  writeFileSync(join(OUT, name), text.endsWith("\n") ? text : text + "\n");
  console.log(`wrote test/fixtures/har/${name} (${Math.round(text.length / 1024)} KiB)`);
}

async function main(): Promise<void> {
  let verdicts: unknown = null;
  const executablePath = findChromium();
  if (!executablePath) throw new Error("no Chromium");
  const lab = await startLab();
  const profile = mkdtempSync(join(tmpdir(), "cors-lens-har-"));
  const playwrightHar = join(profile, "playwright.har");
  const context = await chromium.launchPersistentContext(profile + "/p", {
    executablePath,
    headless: true,
    recordHar: { path: playwrightHar, content: "omit" },
    args: [
      ...sandboxArgs(),
      ...BASE_ARGS,
      `--disable-extensions-except=${DEVTOOLS_EXTENSION}`,
      `--load-extension=${DEVTOOLS_EXTENSION}`,
      "--auto-open-devtools-for-tabs",
    ],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const devtools = await DevtoolsDriver.connect({ context } as unknown as Session);
    const extensionPage = await devtools.waitForTarget(
      "the devtools page",
      (t) => t.url.startsWith("chrome-extension://") && t.url.endsWith("/devtools.html"),
    );
    const ext = await devtools.attach(extensionPage);
    const frontEnd = await devtools.attach(
      await devtools.waitForTarget("the DevTools front end", (t) =>
        t.url.startsWith("devtools://devtools/bundled/devtools_app.html"),
      ),
    );
    await page.goto(lab.pageOrigin + "/");
    await page.locator("html[data-lab-ready=true]").waitFor();
    const oracle = await CorsOracle.attach(page);
    const scenarios = SCENARIOS.filter((s) => !s.lna);
    for (const s of scenarios)
      await page.evaluate(
        (id) => (window as unknown as { runScenario(id: string): Promise<unknown> }).runScenario(id),
        s.id,
      );
    await waitUntil("Chrome's verdicts", () =>
      scenarios.every((s) => oracle.outcomesFor(scenarioUrlIn(lab, s)).length === (s.request.times ?? 1)),
    );
    // Let DevTools finish its records (the last responses' timings) before reading them.
    await new Promise((r) => setTimeout(r, 1000));
    const devtoolsHar = (sanitize: boolean) =>
      frontEnd.evaluate<string>(`(async () => {
        const HAR = await import('./models/har/har.js');
        const Logs = await import('./models/logs/logs.js');
        const requests = Logs.NetworkLog.NetworkLog.instance().requests().slice();
        const progress = { createSubProgress: () => ({ title: '', totalWork: 0, worked: 0, done: false, canceled: false }) };
        return HAR.Writer.Writer.harStringForRequests(requests, { sanitize: ${sanitize} }, progress);
      })()`);
    write("chromium-devtools.har", await devtoolsHar(false));
    write("chromium-devtools-sanitized.har", await devtoolsHar(true));
    const log = await ext.evaluate<unknown>(`new Promise((r) => chrome.devtools.network.getHAR(r))`);
    write("chrome-getHAR.har", JSON.stringify({ log }, null, 2));
    const userAgent = await page.evaluate(() => navigator.userAgent);
    verdicts = {
      recordedWith: { chromium: context.browser()?.version() ?? null, userAgent },
      pageOrigin: lab.pageOrigin,
      scenarios: scenarios.map((s) => ({
        id: s.id,
        url: scenarioUrlIn(lab, s),
        chrome: oracle.outcomesFor(scenarioUrlIn(lab, s)).map((o) => ({
          method: o.method,
          corsError: o.corsError,
          failedParameter: o.failedParameter,
          errorText: o.errorText,
        })),
      })),
    };
  } finally {
    await context.close();
    await lab.close();
  }
  // Playwright writes its HAR when the context closes.
  write("playwright.har", readFileSync(playwrightHar, "utf8"));
  write("cdp-verdicts.json", JSON.stringify(verdicts, null, 2));
  rmSync(profile, { recursive: true, force: true });
}

await main();
