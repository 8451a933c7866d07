// Capture that never loses a call: listeners only while watched, concurrency, frames and workers, bounds,
// worker restarts, navigation and background capture — each shown in Chromium.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { headerValue } from "../../src/cors/headers";
import { unsafeRequestHeaderNames } from "../../src/cors/safelist";
import type { ExportRequest } from "../../src/report/export-format";
import { startLab, type Lab } from "../lab/server";
import {
  currentWorker,
  exportFromPanel,
  launch,
  openStandalonePanel,
  rowCount,
  tabIdOf,
  waitUntil,
  type Session,
} from "./harness";

let lab: Lab;
let session: Session;

type Init = { method?: string; headers?: Record<string, string> };
type Caller =
  "page" | "same-origin frame" | "cross-origin frame" | "dedicated worker" | "shared worker" | "service worker";

let pages = 0;
async function capturePage(): Promise<Page> {
  const page = await session.context.newPage();
  // A distinct URL per page: tabIdOf finds the tab by its URL.
  await page.goto(`${lab.pageOrigin}/static/capture.html?page=${++pages}`);
  return page;
}

/** Fires calls from the page, all at once, and waits for every one to settle. */
function fire(page: Page, calls: { url: string; init?: Init }[]): Promise<unknown> {
  return page.evaluate(
    (cs) =>
      Promise.all(
        cs.map((c) =>
          fetch(c.url, c.init).then(
            () => "ok",
            (e) => String(e),
          ),
        ),
      ),
    calls,
  );
}

const blockedRows = (panel: Page) => rowCount(panel);
const listening = async () =>
  (await currentWorker(session)).evaluate(() => chrome.webRequest.onSendHeaders.hasListeners());

beforeAll(async () => {
  lab = await startLab();
  session = await launch();
});

afterAll(async () => {
  await session?.close();
  await lab?.close();
});

describe("capture modes", () => {
  it("keeps no webRequest listener while nothing is watched, and one while a panel is open", async () => {
    const page = await capturePage();
    await waitUntil("no listener at rest", async () => !(await listening()));
    const panel = await openStandalonePanel(session, await tabIdOf(session, page));
    expect(await listening()).toBe(true);
    // A call fired right after the panel loaded is captured.
    await fire(page, [{ url: `${lab.altOrigin}/closed?right-after-open` }]);
    await waitUntil("the row", async () => (await blockedRows(panel)) === 1);
    await panel.close();
    await waitUntil("no listener after the panel closed", async () => !(await listening()));
    await page.close();
  });

  it("captures a tab nobody watches when 'Capture in the background' is on", async () => {
    const first = await capturePage();
    const panel = await openStandalonePanel(session, await tabIdOf(session, first));
    await panel.getByRole("button", { name: "Settings" }).click();
    await panel.getByLabel("Capture in the background").check();
    const unwatched = await capturePage();
    await waitUntil("listeners", () => listening());
    await fire(unwatched, [
      { url: `${lab.altOrigin}/closed?background` },
      { url: `${lab.apiOrigin}/open?background`, init: { method: "PUT", headers: { "X-Background": "1" } } },
    ]);
    // Opened only after the calls, the panel still shows them. The allowed call was stored undiagnosed (no one was
    // shown it): the panel gets it diagnosed in full, with its preflight.
    const late = await openStandalonePanel(session, await tabIdOf(session, unwatched));
    await waitUntil("the earlier failure", async () => (await blockedRows(late)) === 1);
    await waitUntil("the earlier allowed call", async () =>
      ((await late.locator(".counts").textContent()) ?? "").includes("1 allowed"),
    );
    const allowed = (await exportFromPanel(late)).requests.find((r) => r.url.endsWith("/open?background"))!;
    expect(allowed.outcome).toBe("allowed");
    expect(allowed.preflight?.statusCode).toBe(204);
    expect(allowed.diagnosis?.summary).toMatch(/allowed/i);
    await panel.getByLabel("Capture in the background").uncheck();
    await Promise.all([late.close(), panel.close(), first.close(), unwatched.close()]);
    await waitUntil("no listener once background capture is off", async () => !(await listening()));
  });
});

describe("concurrency", () => {
  it("pairs 200 simultaneous preflighted calls with their own preflights", async () => {
    const page = await capturePage();
    const panel = await openStandalonePanel(session, await tabIdOf(session, page));
    const methods = ["PUT", "PATCH", "DELETE"];
    const calls = Array.from({ length: 200 }, (_, i) => ({
      // Half to one URL, half to a URL each.
      url: i < 100 ? `${lab.apiOrigin}/open` : `${lab.apiOrigin}/open?i=${i}`,
      init: { method: methods[i % 3]!, headers: { [`X-A${i % 5}`]: String(i), ...(i % 2 ? { "X-Odd": "1" } : {}) } },
    }));
    await fire(page, calls);
    await waitUntil("200 allowed calls", async () =>
      ((await panel.locator(".counts").textContent()) ?? "").includes("200 allowed"),
    );
    const doc = await exportFromPanel(panel);
    const mine = doc.requests.filter((r) => r.url.startsWith(`${lab.apiOrigin}/open`));
    expect(mine).toHaveLength(200);
    for (const r of mine) {
      expect(r.outcome).toBe("allowed");
      expect(r.preflight).not.toBeNull();
      expect(headerValue(r.preflight!.requestHeaders, "access-control-request-method")).toBe(r.method);
      const sent = unsafeRequestHeaderNames(r.actual!.requestHeaders!).join(",");
      expect(headerValue(r.preflight!.requestHeaders, "access-control-request-headers")).toBe(sent);
    }
    // A preflight on every call of a busy endpoint is a warning found across calls, shown in the Warnings view.
    await panel.getByRole("radio", { name: "Warnings" }).click();
    expect(await rowCount(panel)).toBeGreaterThanOrEqual(100);
    await panel.locator(".grid-row").first().click();
    expect(await panel.locator(".details").textContent()).toContain(`Across calls to`);
    await Promise.all([panel.close(), page.close()]);
  });
});

describe("frames and workers", () => {
  it("captures calls from frames and workers, for the tab that made them", async () => {
    const page = await capturePage();
    const tabId = await tabIdOf(session, page);
    const panel = await openStandalonePanel(session, tabId);
    const callers: Caller[] = [
      "page",
      "same-origin frame",
      "cross-origin frame",
      "dedicated worker",
      "shared worker",
      "service worker",
    ];
    const results = await page.evaluate(
      async ({ callers, page, api, alt }) => {
        const w = window as unknown as {
          callers: Record<string, (src?: string) => Promise<(d: object) => Promise<unknown>>>;
        };
        const out: Record<string, unknown> = {};
        for (const who of callers) {
          const url = `${alt}/closed?from=${encodeURIComponent(who)}`;
          const ask =
            who === "page"
              ? (d: { url: string }) =>
                  fetch(d.url).then(
                    () => "ok",
                    (e) => String(e),
                  )
              : who === "same-origin frame"
                ? await w.callers.frame!(`${page}/static/frame.html`)
                : who === "cross-origin frame"
                  ? await w.callers.frame!(`${api}/static/frame.html`)
                  : who === "dedicated worker"
                    ? await w.callers.dedicated!()
                    : who === "shared worker"
                      ? await w.callers.shared!()
                      : await w.callers.serviceWorker!();
          out[who] = await ask({ url });
        }
        return out;
      },
      { callers, page: lab.pageOrigin, api: lab.apiOrigin, alt: lab.altOrigin },
    );
    expect(Object.keys(results)).toEqual(callers);
    await waitUntil("a row per caller", async () => (await blockedRows(panel)) === callers.length);
    const doc = await exportFromPanel(panel);
    const from = (r: ExportRequest) => decodeURIComponent(new URL(r.url).searchParams.get("from") ?? "");
    const byCaller = new Map(doc.requests.filter((r) => r.url.includes("/closed?from=")).map((r) => [from(r), r]));
    for (const who of callers) {
      expect(byCaller.get(who)?.diagnosis.code, who).toBe("MissingAllowOriginHeader");
    }
    expect(byCaller.get("cross-origin frame")?.initiator).toBe(lab.apiOrigin);
    await Promise.all([panel.close(), page.close()]);
  });
});

describe("the tab store", () => {
  it("keeps at most the configured number of calls, counts what it dropped, and frees a closed tab", async () => {
    const page = await capturePage();
    const tabId = await tabIdOf(session, page);
    const panel = await openStandalonePanel(session, tabId);
    await panel.getByRole("button", { name: "Settings" }).click();
    await panel.getByLabel(/Keep/).selectOption("500");
    await fire(
      page,
      Array.from({ length: 600 }, (_, i) => ({ url: `${lab.altOrigin}/closed?n=${i}` })),
    );
    await waitUntil(
      "the drop count",
      async () => ((await panel.locator(".counts").textContent()) ?? "").includes("100 older dropped"),
      30_000,
    );
    expect(await blockedRows(panel)).toBe(500);
    const doc = await exportFromPanel(panel);
    expect(doc.requests).toHaveLength(500);
    // The oldest went first.
    expect(doc.requests.map((r) => r.url)).not.toContain(`${lab.altOrigin}/closed?n=0`);
    await panel.getByLabel(/Keep/).selectOption("5000");
    await panel.close();
    await page.close();
    const stored = async () =>
      (await currentWorker(session)).evaluate(
        (id) =>
          new Promise<number>((resolve) => {
            const open = indexedDB.open("cors-lens");
            open.onsuccess = () => {
              const r = open.result.transaction("records").objectStore("records").index("tab").count(id);
              r.onsuccess = () => resolve(r.result);
            };
          }),
        tabId,
      );
    await waitUntil("the closed tab's records to go", async () => (await stored()) === 0);
  });
});

describe("worker restarts and navigation", () => {
  it("loses no blocked call when the service worker is stopped in the middle of a run", async () => {
    const page = await capturePage();
    const panel = await openStandalonePanel(session, await tabIdOf(session, page));
    await fire(
      page,
      Array.from({ length: 10 }, (_, i) => ({ url: `${lab.altOrigin}/closed?before=${i}` })),
    );
    await waitUntil("the first ten", async () => (await blockedRows(panel)) === 10);
    const cdp = await session.context.newCDPSession(page);
    const ours = `chrome-extension://${session.extensionId}/`;
    // The worker really stopped: CDP reports our worker's version as stopped.
    const stopped = new Promise<void>((resolve) =>
      cdp.on("ServiceWorker.workerVersionUpdated", (e) => {
        if (e.versions.some((v) => v.scriptURL.startsWith(ours) && v.runningStatus === "stopped")) resolve();
      }),
    );
    await cdp.send("ServiceWorker.enable");
    await cdp.send("ServiceWorker.stopAllWorkers");
    await stopped;
    // Straight after the stop, before anything has restarted the worker.
    await fire(
      page,
      Array.from({ length: 10 }, (_, i) => ({ url: `${lab.altOrigin}/closed?after=${i}` })),
    );
    // Every call is listed. A call that began while the worker was stopped may have lost its header events (Chrome
    // skips them while no listener runs): it must then say so, never pass for a network error.
    const listed = async () => {
      const text = (await panel.locator(".counts").textContent()) ?? "";
      return [...text.matchAll(/(\d+) (blocked|failed)/g)].reduce((n, m) => n + Number(m[1]), 0);
    };
    await waitUntil("all twenty", async () => (await listed()) === 20, 30_000);
    const requests = (await exportFromPanel(panel)).requests;
    const byUrl = new Map(requests.map((r) => [r.url, r]));
    for (let i = 0; i < 10; i++) {
      expect(byUrl.get(`${lab.altOrigin}/closed?before=${i}`)?.diagnosis.code).toBe("MissingAllowOriginHeader");
      const after = byUrl.get(`${lab.altOrigin}/closed?after=${i}`);
      expect(after, `after=${i}`).toBeDefined();
      if (after!.diagnosis.code === null) expect(after!.diagnosis.cause?.kind).toBe("headers-not-seen");
      else expect(after!.diagnosis.code).toBe("MissingAllowOriginHeader");
    }
    await Promise.all([panel.close(), page.close()]);
  });

  it("starts a fresh list on a new document, unless Preserve log is on", async () => {
    const page = await capturePage();
    const panel = await openStandalonePanel(session, await tabIdOf(session, page));
    await fire(page, [{ url: `${lab.altOrigin}/closed?nav=1` }]);
    await waitUntil("one row", async () => (await blockedRows(panel)) === 1);
    await page.reload();
    await waitUntil("the list cleared by the reload", async () => (await blockedRows(panel)) === 0);
    await panel.getByLabel("Preserve log").check();
    await fire(page, [{ url: `${lab.altOrigin}/closed?nav=2` }]);
    await waitUntil("one row again", async () => (await blockedRows(panel)) === 1);
    await page.reload();
    await fire(page, [{ url: `${lab.altOrigin}/closed?nav=3` }]);
    await waitUntil("both rows kept across the reload", async () => (await blockedRows(panel)) === 2);
    await Promise.all([panel.close(), page.close()]);
  });
});
