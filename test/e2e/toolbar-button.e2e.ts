// The toolbar button: clicked on a tab (CDP Extensions.triggerAction, as a user's click), it opens the pop-out panel
// on that tab, next to it, and the panel lists the tab's blocked calls with Chrome's code.

import { afterAll, beforeAll, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startLab, type Lab } from "../lab/server";
import { CorsOracle } from "./cdp-oracle";
import { launch, tabIdOf, type Session } from "./harness";

let lab: Lab;
let session: Session;
let page: Page;

beforeAll(async () => {
  lab = await startLab();
  // Extensions.triggerAction needs this flag (and Playwright's pipe connection).
  session = await launch({ extraArgs: ["--enable-unsafe-extension-debugging"] });
  page = await session.context.newPage();
  await page.goto(lab.pageOrigin + "/");
  await page.locator("html[data-lab-ready=true]").waitFor();
});

afterAll(async () => {
  await session?.close();
  await lab?.close();
});

it("opens the pop-out panel on the tab it was clicked on, which then shows that tab's blocked calls", async () => {
  const tabId = await tabIdOf(session, page);
  const cdp = await session.context.browser()!.newBrowserCDPSession();
  // The action runs on a tab target (not the page target inside it): the one showing the lab page.
  const { targetInfos } = await cdp.send("Target.getTargets", { filter: [{ type: "tab" }] } as never);
  const tab = (targetInfos as { targetId: string; type: string; url: string }[]).find(
    (t) => t.type === "tab" && t.url === page.url(),
  )!;
  const opened = session.context.waitForEvent("page", { predicate: (p) => p.url().includes("/panel/index.html") });
  await cdp.send("Extensions.triggerAction" as never, { id: session.extensionId, targetId: tab.targetId } as never);
  const panel = await opened;
  expect(new URL(panel.url()).searchParams.get("tabId")).toBe(String(tabId));
  await panel.locator(".toolbar").waitFor();
  await panel.locator(".empty:not(:has-text('Connecting'))").or(panel.locator(".grid")).first().waitFor();
  const oracle = await CorsOracle.attach(page);
  const url = `${lab.apiOrigin}/s/missing-acao?toolbar=1`;
  await page.evaluate((u) => fetch(u).catch(() => null), url);
  await expect.poll(() => oracle.outcomeFor(url)?.corsError).toBe("MissingAllowOriginHeader");
  await expect.poll(() => panel.locator(`.grid-row[data-code="MissingAllowOriginHeader"]`).count()).toBe(1);
  await panel.close();
});
