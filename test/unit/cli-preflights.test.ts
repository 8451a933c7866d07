// cors-lens check's preflight report (triggers, cache time granted) and --repeat N against a real local server.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main";
import { PreflightCacheModel } from "../../src/cors/preflight-cache";
import type { ExportDocument } from "../../src/report/export-format";
import { schemaErrors } from "../schema";

const ORIGIN = "http://app.test";
const seen: string[] = [];
let server: Server;
let API = "";

/** Grants whatever the preflight asks; `/max-age/V` answers OPTIONS with Access-Control-Max-Age: V, `/refuse` 403s it. */
function handler(req: IncomingMessage, res: ServerResponse): void {
  const path = new URL(req.url ?? "/", "http://x").pathname;
  seen.push(`${req.method} ${path}`);
  res.setHeader("Access-Control-Allow-Origin", req.headers.origin ?? "*");
  if (req.method === "OPTIONS") {
    if (path === "/refuse") return void res.writeHead(403).end();
    res.setHeader("Access-Control-Allow-Methods", req.headers["access-control-request-method"] ?? "GET");
    res.setHeader("Access-Control-Allow-Headers", req.headers["access-control-request-headers"] ?? "");
    const m = /^\/max-age\/(.+)$/.exec(path);
    if (m) res.setHeader("Access-Control-Max-Age", decodeURIComponent(m[1]!));
    return void res.writeHead(204).end();
  }
  res.writeHead(200, { "Content-Type": "text/plain" }).end("ok");
}

beforeAll(async () => {
  server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  API = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
  seen.length = 0;
});

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main([...args], { out: (t) => (out += t), err: (t) => (err += t), color: false });
  return { code, out, err };
}

const options = (path: string) => seen.filter((s) => s === `OPTIONS ${path}`).length;

describe("check's preflight report", () => {
  it("names each trigger and the cache time Chrome and Firefox grant", async () => {
    const { code, out } = await run(
      "check",
      `${API}/max-age/600`,
      "--origin",
      ORIGIN,
      "-X",
      "PUT",
      "-H",
      "X-Api-Key: k",
      "-H",
      "Content-Type: application/json",
    );
    expect(code).toBe(0);
    expect(out).toContain("method PUT is not GET, HEAD or POST");
    expect(out).toContain(
      "content-type: application/json is not text/plain, multipart/form-data or application/x-www-form-urlencoded",
    );
    expect(out).toContain("header x-api-key is not safelisted");
    expect(out).toContain("Access-Control-Max-Age: 600 → Chrome keeps it 600 s, Firefox 600 s");
  });

  it("says Chrome caps a long Max-Age at 2 h and keeps a preflight 5 s without one", async () => {
    expect((await run("check", `${API}/max-age/86400`, "--origin", ORIGIN, "-X", "DELETE")).out).toContain(
      "Access-Control-Max-Age: 86400 → Chrome keeps it 7200 s, Firefox 86400 s",
    );
    expect((await run("check", `${API}/plain`, "--origin", ORIGIN, "-X", "DELETE")).out).toContain(
      "no Access-Control-Max-Age → Chrome keeps it 5 s, Firefox 5 s",
    );
  });

  it("says a failed preflight is not cached, and prints no Preflight block for a simple call", async () => {
    expect((await run("check", `${API}/refuse`, "--origin", ORIGIN, "-X", "PUT")).out).toContain(
      "not at all: browsers keep only a preflight that passed",
    );
    expect((await run("check", `${API}/simple`, "--origin", ORIGIN)).out).not.toContain("Preflight");
  });
});

describe("check --repeat", () => {
  it("reuses a preflight while its Max-Age lasts: 5 calls, 1 preflight", async () => {
    const { code, out } = await run("check", `${API}/max-age/600`, "--origin", ORIGIN, "-X", "PUT", "--repeat", "5");
    expect(code).toBe(0);
    expect(options("/max-age/600")).toBe(1);
    expect(seen.filter((s) => s === "PUT /max-age/600")).toHaveLength(5);
    expect(out).toContain(
      "5 calls one after another, Chrome's preflight cache honoured: 1 preflight went out (call 1).",
    );
  });

  it("sends one per call when Max-Age is 0 or not a number (Chrome then expires the entry at once)", async () => {
    await run("check", `${API}/max-age/0`, "--origin", ORIGIN, "-X", "PUT", "--repeat", "4");
    expect(options("/max-age/0")).toBe(4);
    await run("check", `${API}/max-age/1h`, "--origin", ORIGIN, "-X", "PUT", "--repeat", "3");
    expect(options("/max-age/1h")).toBe(3);
  });

  it("gives every call and a preflightSummary matching what the server saw in --json", async () => {
    const { out } = await run(
      "check",
      `${API}/max-age/0`,
      "--origin",
      ORIGIN,
      "-X",
      "PATCH",
      "--repeat",
      "3",
      "--json",
    );
    const doc = JSON.parse(out) as ExportDocument;
    expect(schemaErrors(doc)).toEqual([]);
    expect(doc.requests).toHaveLength(3);
    expect(doc.preflightSummary?.preflights).toBe(options("/max-age/0"));
    expect(doc.preflightSummary?.endpoints[0]).toMatchObject({
      method: "PATCH",
      count: 3,
      maxAge: "0",
      effectiveCacheSeconds: 0,
    });
    expect(doc.requests[0]!.preflight?.reasons).toEqual([{ kind: "method", name: "PATCH" }]);
  });

  it("refuses a count that is not 1 to 1000, and --repeat on audit or har", async () => {
    for (const n of ["0", "1001", "x", "2.5"])
      expect((await run("check", `${API}/a`, "--origin", ORIGIN, "--repeat", n)).code).toBe(2);
    expect((await run("audit", `${API}/a`, "--repeat", "2")).code).toBe(2);
    expect(seen).toEqual([]);
  });
});

describe("the preflight cache model", () => {
  const granted = (maxAge: string | null, credentials = false) => ({
    statusCode: 204,
    responseHeaders: [
      { name: "Access-Control-Allow-Origin", value: ORIGIN },
      { name: "Access-Control-Allow-Methods", value: "PUT" },
      { name: "Access-Control-Allow-Headers", value: "x-a" },
      ...(credentials ? [{ name: "Access-Control-Allow-Credentials", value: "true" }] : []),
      ...(maxAge === null ? [] : [{ name: "Access-Control-Max-Age", value: maxAge }]),
    ],
  });
  const call = {
    origin: ORIGIN,
    url: "http://api.test/x",
    method: "PUT",
    unsafeHeaders: ["x-a"],
    credentials: "same-origin" as const,
  };

  it("expires at Max-Age (5 s without it), per origin and URL", () => {
    const cache = new PreflightCacheModel();
    cache.store(ORIGIN, call.url, "same-origin", granted(null), 1000);
    expect(cache.covers(call, 5999)).toBe(true);
    expect(cache.covers(call, 6000)).toBe(false);
    cache.store(ORIGIN, call.url, "same-origin", granted("99999"), 0);
    expect(cache.covers(call, 7_199_999)).toBe(true);
    expect(cache.covers({ ...call, url: "http://api.test/x?page=2" }, 1)).toBe(false);
    expect(cache.covers({ ...call, origin: "http://other.test" }, 1)).toBe(false);
  });

  it("never lets an entry made without credentials serve a credentialed call, and drops one that does not cover", () => {
    const cache = new PreflightCacheModel();
    cache.store(ORIGIN, call.url, "same-origin", granted("600"), 0);
    expect(cache.covers({ ...call, credentials: "include" }, 1)).toBe(false);
    expect(cache.covers(call, 2)).toBe(false); // hit-and-fail removed it, as Chromium does
    cache.store(ORIGIN, call.url, "include", granted("600", true), 0);
    expect(cache.covers({ ...call, credentials: "include" }, 1)).toBe(true);
    expect(cache.covers({ ...call, unsafeHeaders: ["x-a", "x-b"] }, 2)).toBe(false);
  });

  it("keeps no entry for a URL of 1024 characters or more in Chrome", () => {
    const cache = new PreflightCacheModel();
    const long = `http://api.test/${"a".repeat(1010)}`;
    cache.store(ORIGIN, long, "same-origin", granted("600"), 0);
    expect(cache.covers({ ...call, url: long }, 1)).toBe(false);
  });
});
