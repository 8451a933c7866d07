// What `cors-lens check` puts on the wire, as Chrome's Fetch would: preflight headers, redirects, taint, limits.

import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main";
import type { ExportDocument } from "../../src/report/export-format";
import { schemaErrors } from "../schema";

interface Seen {
  server: "a" | "b";
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  rawHeaders: string[];
}

const ORIGIN = "http://app.test";
const seen: Seen[] = [];
let a: Server;
let b: Server;
let A = "";
let B = "";

/**
 * Allows every request (it echoes the Origin, "null" included, credentials, and whatever the preflight asks for), so
 * the tests see Fetch's mechanics. `/redirect/NNN?to=URL` answers NNN with that Location (to OPTIONS too when the
 * path is `/redirect-all/NNN`); `/loop/N` redirects to `/loop/N+1`.
 */
function handler(name: "a" | "b") {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? "/", "http://x");
    seen.push({
      server: name,
      method: req.method ?? "",
      path: url.pathname,
      headers: req.headers,
      rawHeaders: req.rawHeaders,
    });
    res.setHeader("Access-Control-Allow-Origin", req.headers.origin ?? "*");
    res.setHeader("Access-Control-Allow-Credentials", "true");
    const redirect = /^\/redirect(-all)?\/(\d{3})$/.exec(url.pathname);
    const loop = /^\/loop\/(\d+)$/.exec(url.pathname);
    if (redirect && (req.method !== "OPTIONS" || redirect[1])) {
      res.writeHead(Number(redirect[2]), { Location: url.searchParams.get("to") ?? "/" }).end();
      return;
    }
    if (req.method === "OPTIONS") {
      res.setHeader("Access-Control-Allow-Methods", req.headers["access-control-request-method"] ?? "GET");
      res.setHeader("Access-Control-Allow-Headers", req.headers["access-control-request-headers"] ?? "");
      res.writeHead(204).end();
      return;
    }
    if (loop) res.writeHead(302, { Location: `/loop/${Number(loop[1]) + 1}` }).end();
    else res.writeHead(200, { "Content-Type": "text/plain" }).end("ok");
  };
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}`)),
  );
}

beforeAll(async () => {
  a = createServer(handler("a"));
  b = createServer(handler("b"));
  [A, B] = await Promise.all([listen(a), listen(b)]);
});
afterAll(async () => {
  await Promise.all([a, b].map((s) => new Promise((resolve) => s.close(resolve))));
});
beforeEach(() => {
  seen.length = 0;
});

async function check(...args: string[]): Promise<{ code: number; doc: ExportDocument }> {
  let stdout = "";
  const code = await main([...args, "--origin", ORIGIN, "--json"], {
    out: (t) => (stdout += t),
    err: () => {},
    color: false,
  });
  const doc = JSON.parse(stdout) as ExportDocument;
  expect(schemaErrors(doc)).toEqual([]);
  return { code, doc };
}

describe("the preflight and the request", () => {
  it("sends a preflight with sorted lower-case Access-Control-Request-Headers and no cookie, then the request", async () => {
    const { code } = await check("check", `${A}/x`, "-X", "put", "-H", "X-B: 1", "-H", "x-a: 2", "-H", "Cookie: c=1");
    expect(code).toBe(0);
    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual(["OPTIONS /x", "PUT /x"]);
    const [preflight, request] = seen;
    expect(preflight!.headers).toMatchObject({
      accept: "*/*",
      "access-control-request-method": "PUT",
      "access-control-request-headers": "x-a,x-b",
      origin: ORIGIN,
    });
    expect(preflight!.headers.cookie).toBeUndefined();
    expect(request!.headers).toMatchObject({ origin: ORIGIN, cookie: "c=1", "x-b": "1", "x-a": "2", accept: "*/*" });
  });

  it("sends no preflight for a simple request", async () => {
    await check("check", `${A}/x`, "-X", "POST", "-H", "Content-Type: text/plain", "-H", "Accept-Language: de");
    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual(["POST /x"]);
  });

  it("sends a header given twice as one line, as Chrome does", async () => {
    await check("check", `${A}/x`, "-H", "X-A: 1", "-H", "x-a: 2");
    const request = seen.at(-1)!;
    expect(request.rawHeaders.filter((h) => h.toLowerCase() === "x-a")).toHaveLength(1);
    expect(request.headers["x-a"]).toBe("1, 2");
  });
});

describe("redirects, as Fetch follows them", () => {
  it("303 turns a PUT into a GET without its body headers, so the next hop needs no preflight", async () => {
    const { doc } = await check(
      "check",
      `${A}/redirect/303?to=/final`,
      "-X",
      "PUT",
      "-H",
      "Content-Type: application/json",
    );
    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual([
      "OPTIONS /redirect/303",
      "PUT /redirect/303",
      "GET /final",
    ]);
    expect(seen[2]!.headers["content-type"]).toBeUndefined();
    expect(doc.requests[0]!.redirects).toHaveLength(1);
    expect(doc.requests[0]!.actual?.method).toBe("GET");
  });

  it("301 turns a POST into a GET; 307 keeps it", async () => {
    await check("check", `${A}/redirect/301?to=/final`, "-X", "POST");
    await check("check", `${A}/redirect/307?to=/final`, "-X", "POST");
    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual([
      "POST /redirect/301",
      "GET /final",
      "POST /redirect/307",
      "POST /final",
    ]);
  });

  it("to another origin: Origin becomes null, Authorization is dropped, a new preflight when still needed", async () => {
    const to = encodeURIComponent(`${B}/final`);
    await check("check", `${A}/redirect/307?to=${to}`, "-X", "PUT", "-H", "Authorization: Bearer t", "-H", "X-Keep: 1");
    expect(seen.map((s) => `${s.server} ${s.method} ${s.path}`)).toEqual([
      "a OPTIONS /redirect/307",
      "a PUT /redirect/307",
      "b OPTIONS /final",
      "b PUT /final",
    ]);
    expect(seen[0]!.headers["access-control-request-headers"]).toBe("authorization,x-keep");
    expect(seen[2]!.headers).toMatchObject({ origin: "null", "access-control-request-headers": "x-keep" });
    expect(seen[3]!.headers).toMatchObject({ origin: "null", "x-keep": "1" });
    expect(seen[3]!.headers.authorization).toBeUndefined();
  });

  it("never follows a preflight's redirect", async () => {
    const { code, doc } = await check("check", `${A}/redirect-all/307?to=/final`, "-X", "PUT");
    expect(code).toBe(1);
    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual(["OPTIONS /redirect-all/307"]);
    expect(doc.requests[0]!.diagnosis.code).toBe("PreflightDisallowedRedirect");
    expect(doc.requests[0]!.actual?.sent).toBe(false);
  });

  it("fails after 20 redirects (exit 1, not a CORS code)", async () => {
    const { code, doc } = await check("check", `${A}/loop/0`);
    expect(code).toBe(1);
    expect(seen).toHaveLength(21);
    const r = doc.requests[0]!;
    expect(r.outcome).toBe("network-error");
    expect(r.diagnosis.code).toBeNull();
    expect(r.diagnosis.summary).toContain("net::ERR_TOO_MANY_REDIRECTS");
  });

  it("refuses a redirect to a non-HTTP URL", async () => {
    const { code, doc } = await check("check", `${A}/redirect/302?to=${encodeURIComponent("ftp://files.test/x")}`);
    expect(code).toBe(1);
    expect(doc.requests[0]!.diagnosis.summary).toContain("net::ERR_UNSAFE_REDIRECT");
  });
});
