// Hostile input in Chromium: huge, non-ASCII, control-character, repeated and empty headers; IPv6, IDN, default-port,
// userinfo, data: and blob: URLs. The extension diagnoses or ignores each cleanly: no exception in the service
// worker or the panel, no hang, and the next ordinary blocked call is still captured.

import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startLab, type Lab } from "../lab/server";
import { DevtoolsDriver } from "./devtools";
import { exportFromPanel, launch, openStandalonePanel, rowCount, tabIdOf, waitUntil, type Session } from "./harness";

let lab: Lab;
let session: Session;
let page: Page;
let panel: Page;
let raw: Server;
let raw6: Server | null = null;
let port = 0;
const errors: string[] = [];

/** Raw HTTP responses, byte for byte, for what Node's own server refuses to send. */
const RESPONSES: Record<string, string> = {
  "/huge": `HTTP/1.1 200 OK\r\nX-Huge: ${"a".repeat(64 * 1024)}\r\nAccess-Control-Allow-Origin: ${"b".repeat(64 * 1024)}\r\n`,
  "/latin1": "HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: http://ünïcødé.example\r\nX-Note: caf\xe9\r\n",
  "/control": "HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: http://a\x01b\x7f.example\r\n",
  "/repeated": `HTTP/1.1 200 OK\r\n${"Access-Control-Allow-Origin: *\r\n".repeat(100)}`,
  "/empty": "HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: \r\nAccess-Control-Allow-Credentials: \r\nX-Empty:\r\n",
  "/ok-wildcard": "HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: *\r\n",
};

function answer(socket: Socket): void {
  let head = "";
  socket.on("data", (chunk) => {
    head += chunk.toString("latin1");
    if (!head.includes("\r\n\r\n")) return;
    const path = head.split(" ")[1]?.split("?")[0] ?? "/";
    const isOptions = head.startsWith("OPTIONS");
    const response = isOptions
      ? "HTTP/1.1 204 No Content\r\nAccess-Control-Allow-Origin: *\r\nAccess-Control-Allow-Headers: *\r\n"
      : (RESPONSES[path] ?? "HTTP/1.1 404 Not Found\r\n");
    socket.end(Buffer.from(`${response}Content-Length: 2\r\nConnection: close\r\n\r\n{}`, "latin1"));
  });
  socket.on("error", () => {});
}

async function listen(server: Server, host: string, p: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(p, host, () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

const fetchAll = (urls: string[]) =>
  page.evaluate(
    (us) =>
      Promise.all(
        us.map((u) =>
          Promise.race([
            fetch(u).then(
              (r) => `ok ${r.status}`,
              (e) => String(e),
            ),
            new Promise((r) => setTimeout(() => r("timeout"), 10_000)),
          ]),
        ),
      ),
    urls,
  );

beforeAll(async () => {
  lab = await startLab();
  raw = createServer(answer);
  port = await listen(raw, "127.0.0.1", 0);
  raw6 = createServer(answer);
  await listen(raw6, "::1", port).catch(() => (raw6 = null));
  session = await launch();
  await (await DevtoolsDriver.connect(session)).watchWorkerErrors(errors);
  page = await session.context.newPage();
  await page.goto(`${lab.pageOrigin}/static/capture.html?hostile`);
  panel = await openStandalonePanel(session, await tabIdOf(session, page));
  panel.on("pageerror", (e) => errors.push(`panel: ${e.message}`));
  panel.on("console", (m) => m.type() === "error" && errors.push(`panel: ${m.text()}`));
});

afterAll(async () => {
  await session?.close();
  await lab?.close();
  raw?.close();
  raw6?.close();
});

describe("hostile responses", () => {
  it("diagnoses 64 KB, non-ASCII, control-character, 100-times-repeated and empty headers", async () => {
    const base = `http://127.0.0.1:${port}`;
    const urls = ["/huge", "/latin1", "/control", "/repeated", "/empty"].map((p) => base + p);
    const results = await fetchAll(urls);
    expect(results).not.toContain("timeout");
    await waitUntil("a row per hostile response", async () => (await rowCount(panel)) >= urls.length, 30_000);
    const doc = await exportFromPanel(panel);
    for (const url of urls) {
      const r = doc.requests.find((x) => x.url === url);
      expect(r, url).toBeDefined();
      expect(r!.outcome, url).toBe("blocked");
      expect(r!.diagnosis.summary.length, url).toBeGreaterThan(0);
    }
    const byPath = (p: string) => doc.requests.find((x) => x.url === base + p)!.diagnosis.code;
    expect(byPath("/repeated")).toBe("MultipleAllowOriginValues");
    expect(byPath("/empty")).toBe("InvalidAllowOriginValue");
  });
});

describe("odd URLs", () => {
  it("handles IPv6, IDN, an explicit default port, userinfo, data: and blob: without losing anything", async () => {
    const urls = [
      raw6 ? `http://[::1]:${port}/ok-wildcard` : null,
      `http://bücher.localhost:${port}/ok-wildcard`,
      "http://127.0.0.1:80/default-port",
      `http://user:pw@127.0.0.1:${port}/ok-wildcard`,
      "data:application/json,{}",
    ].filter((u): u is string => u !== null);
    const results = await fetchAll(urls);
    expect(results).not.toContain("timeout");
    const blob = await page.evaluate(async () => {
      const url = URL.createObjectURL(new Blob(["{}"]));
      return fetch(url).then((r) => `ok ${r.status}`);
    });
    expect(blob).toBe("ok 200");
    // After all that, an ordinary blocked call is still captured.
    const before = await rowCount(panel);
    await fetchAll([`${lab.altOrigin}/closed?after-hostile`]);
    await waitUntil("the ordinary call", async () => (await rowCount(panel)) === before + 1);
    const doc = await exportFromPanel(panel);
    const idn = doc.requests.find((r) => r.url.startsWith("http://xn--bcher-kva.localhost"));
    expect(idn?.outcome).toBe("allowed");
    if (raw6) expect(doc.requests.find((r) => r.url.startsWith("http://[::1]"))?.outcome).toBe("allowed");
  });

  it("raised no exception in the service worker or the panel", () => {
    expect(errors).toEqual([]);
  });
});
