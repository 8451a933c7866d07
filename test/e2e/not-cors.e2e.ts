// Failures that only look like CORS (refused connection, unknown host, blocked by another extension) are said not to be.

import { createServer, type AddressInfo } from "node:net";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { ExportDocument } from "../../src/report/export-format";
import { startLab, type Lab } from "../lab/server";
import { schemaErrors } from "../schema";
import { CorsOracle } from "./cdp-oracle";
import { exportFromPanel, launch, openStandalonePanel, rowCount, tabIdOf, waitUntil, type Session } from "./harness";

let lab: Lab;
let session: Session;
let page: Page;
let panel: Page;
let oracle: CorsOracle;
let exported: ExportDocument;
let urls: Record<string, string>;

/** A loopback port nothing listens on: bound once by us, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

beforeAll(async () => {
  lab = await startLab();
  session = await launch({ extraExtensions: [resolve(import.meta.dirname, "../fixtures/blocker-extension")] });
  page = await session.context.newPage();
  await page.goto(lab.pageOrigin + "/");
  oracle = await CorsOracle.attach(page);
  panel = await openStandalonePanel(session, await tabIdOf(session, page));
  urls = {
    refused: `http://127.0.0.1:${await closedPort()}/refused`,
    blocked: `${lab.apiOrigin}/blocked-by-client`,
    dns: "http://no-such-host.invalid/dns",
  };
  for (const url of Object.values(urls)) {
    await page.evaluate(
      (u) =>
        fetch(u).then(
          () => "ok",
          (e) => String(e),
        ),
      url,
    );
  }
  await waitUntil("Chrome's outcomes", () => Object.values(urls).every((u) => oracle.outcomeFor(u)));
  await waitUntil(
    "the panel's count",
    async () => (await panel.locator(".counts").textContent())?.includes("3 failed") ?? false,
  );
  exported = await exportFromPanel(panel);
});

afterAll(async () => {
  await session?.close();
  await lab?.close();
});

describe("failures that are not CORS", () => {
  it("Chrome reports them without a CORS error", () => {
    for (const url of Object.values(urls)) expect(oracle.outcomeFor(url)?.corsError).toBeNull();
  });

  it.each([
    ["refused", "net::ERR_CONNECTION_REFUSED", "refused the connection"],
    ["blocked", "net::ERR_BLOCKED_BY_CLIENT", "another extension"],
    ["dns", "net::ERR_NAME_NOT_RESOLVED", "did not resolve"],
  ])("%s: exported as a network error that is not CORS", (key, error, words) => {
    expect(schemaErrors(exported)).toEqual([]);
    const r = exported.requests.find((x) => x.url === urls[key])!;
    expect(oracle.outcomeFor(urls[key]!)?.errorText).toBe(error);
    expect(r.outcome).toBe("network-error");
    expect(r.diagnosis.code).toBeNull();
    expect(r.diagnosis.cause?.kind).toBe("not-cors");
    expect(r.diagnosis.summary).toContain(words);
    expect(r.diagnosis.summary).toContain("not a CORS problem");
  });

  it("lists none of them as blocked by CORS", async () => {
    expect(await rowCount(panel)).toBe(0);
    await panel.getByRole("radio", { name: "All cross-origin" }).click();
    expect(await rowCount(panel)).toBe(3);
  });
});
