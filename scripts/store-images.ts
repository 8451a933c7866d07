// `npm run store:images`: the store's 1280×800 screenshots and 440×280 promo tile, taken from the real DevTools on the lab.

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { PANEL_TITLE } from "../extension/panel-title";
import { SCENARIOS } from "../test/corpus/scenarios";
import { DevtoolsDriver, type TargetChannel } from "../test/e2e/devtools";
import { launch, waitUntil } from "../test/e2e/harness";
import { startLab } from "../test/lab/server";

const ROOT = resolve(import.meta.dirname, "..");
const OUT = join(ROOT, "docs/store/images");
const SIZE = { width: 1280, height: 800 };

const lab = await startLab();
const session = await launch({ devtools: true });
try {
  const page = session.context.pages()[0] ?? (await session.context.newPage());
  const driver = await DevtoolsDriver.connect(session);
  const frontEnd = await driver.frontEnd();
  await page.goto(lab.pageOrigin + "/");
  await page.locator("html[data-lab-ready=true]").waitFor();
  const panel = await driver.showPanel(frontEnd, PANEL_TITLE);
  await waitUntil("the panel to render", () => panel.evaluate<boolean>(`!!document.querySelector(".toolbar")`));
  for (const s of SCENARIOS) {
    await page.locator(`button[data-scenario="${s.id}"]`).click();
    await page.locator(`[data-result="${s.id}"]:not(:empty)`).waitFor();
  }
  const blocked = SCENARIOS.filter((s) => s.expect.code).length;
  await waitUntil("the panel's rows", () =>
    panel.evaluate<boolean>(`document.querySelector(".counts")?.textContent.includes("${blocked} blocked") ?? false`),
  );
  await driver.undock(frontEnd, SIZE.width, SIZE.height);
  await frontEnd.send("Emulation.setDeviceMetricsOverride", { ...SIZE, deviceScaleFactor: 1, mobile: false });
  mkdirSync(OUT, { recursive: true });
  const shot = async (name: string): Promise<Buffer> => {
    await new Promise((r) => setTimeout(r, 600));
    const png = await driver.screenshot(frontEnd);
    writeFileSync(join(OUT, name), png);
    console.log(`wrote docs/store/images/${name}`);
    return png;
  };
  const click = (selector: string) =>
    panel.evaluate<boolean>(
      `(() => { const e = document.querySelector(${JSON.stringify(selector)}); e?.click(); return !!e; })()`,
    );
  const clickButton = (name: string) =>
    panel.evaluate<boolean>(
      `(() => { const b = [...document.querySelectorAll('button')].find((x) => x.textContent === ${JSON.stringify(name)}); b?.click(); return !!b; })()`,
    );
  const filter = (text: string) =>
    panel.evaluate(`(() => { const f = document.querySelector('input[aria-label="Filter"]');
      f.value = ${JSON.stringify(text)}; f.dispatchEvent(new Event('input', { bubbles: true })); return true; })()`);

  // 1. The CORS tab: every blocked call with Chrome's code, one selected with what it had and what it needed.
  await waitUntil("a credentialed call's row", () => click('.grid-row[data-code="PreflightWildcardOriginNotAllowed"]'));
  await waitUntil("its details", () => panel.evaluate<boolean>(`!!document.querySelector(".details .verdict")`));
  const tab = await shot("1-cors-tab.png");

  // 2. What if…: the smallest change that passes, tried on the captured call.
  await filter("header-not-allowed");
  await waitUntil("the call's row", () => click('.grid-row[data-code="HeaderDisallowedByPreflightResponse"]'));
  await waitUntil("the What if… button", () => clickButton("What if…"));
  await waitUntil("the suggestion", () => clickButton("Smallest change that passes"));
  await shot("2-what-if.png");
  await clickButton("Close What if");
  await filter("");

  // 3. The console: CORS Lens's explanation under Chrome's own error.
  await frontEnd.evaluate(`(async () => { const ui = await import('./ui/legacy/legacy.js');
    await ui.InspectorView.InspectorView.instance().showPanel('console'); return true; })()`);
  // A navigation clears the console: only the two calls below are in it.
  await page.reload();
  await page.locator("html[data-lab-ready=true]").waitFor();
  await page.locator(`button[data-scenario="credentials-header-missing"]`).click();
  await page.locator(`button[data-scenario="missing-acao"]`).click();
  await consoleGroupsOpen(frontEnd);
  await shot("3-console.png");

  // 4. Preflights: what the tab's preflights cost, and what Access-Control-Max-Age would save. Without the header
  // Chrome keeps a preflight 5 s, so the rounds are 6 s apart, as a page polling an API would be.
  for (let round = 0; round < 3; round++) {
    if (round > 0) await new Promise((r) => setTimeout(r, 6000));
    for (const id of ["preflight-put-ok", "patch-allowed", "credentialed-preflight-ok"]) {
      await page.locator(`[data-result="${id}"]`).evaluate((e) => (e.textContent = ""));
      await page.locator(`button[data-scenario="${id}"]`).click();
      await page.locator(`[data-result="${id}"]:not(:empty)`).waitFor();
    }
  }
  await driver.showPanel(frontEnd, PANEL_TITLE);
  await waitUntil("the Preflights view", () => clickButton("Preflights"));
  await shot("4-preflights.png");

  // The promo tile: the icon, the name, one line, over a corner of the real CORS tab.
  const icon = readFileSync(join(ROOT, "extension/icons/icon.svg"), "utf8");
  const tile = await session.context.newPage();
  await tile.setViewportSize({ width: 440, height: 280 });
  await tile.setContent(`<!doctype html><html><body style="margin:0;width:440px;height:280px;overflow:hidden;
    font-family:system-ui,sans-serif;background:#1a73e8;position:relative">
    <img src="data:image/png;base64,${tab.toString("base64")}" style="position:absolute;left:196px;top:36px;
      width:600px;border-radius:6px;box-shadow:0 4px 24px rgba(0,0,0,.35)">
    <div style="position:absolute;left:24px;top:28px;width:88px;height:88px">${icon.replace("<svg", '<svg width="88" height="88"')}</div>
    <div style="position:absolute;left:24px;top:132px;color:#fff;width:156px">
      <div style="font-size:28px;font-weight:700;line-height:1.05">CORS Lens</div>
      <div style="font-size:14px;margin-top:10px;line-height:1.35">Which header blocked the call, and the fix.</div>
    </div></body></html>`);
  await tile.screenshot({ path: join(OUT, "promo-440x280.png") });
  console.log("wrote docs/store/images/promo-440x280.png");
} finally {
  await session.close();
  await lab.close();
}

/** Opens CORS Lens's collapsed console groups, so the screenshot shows an explanation, not only its title. */
async function consoleGroupsOpen(frontEnd: TargetChannel): Promise<void> {
  await waitUntil("CORS Lens's explanation in the console", () =>
    frontEnd.evaluate<boolean>(`(() => { let n = 0; const walk = (root) => {
      for (const el of root.querySelectorAll('.console-group-title')) { n++; if (!el.closest('.console-group-expanded')) el.click(); }
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot); };
      walk(document); return n >= 2; })()`),
  );
}
