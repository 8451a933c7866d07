// Unit test of the CORS lab server: scenario routes, placeholders, duplicate headers, page, cookie, and close().

import { request } from "node:http";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Scenario } from "../corpus/scenario";
import { SCENARIOS } from "../corpus/scenarios";
import { AUDIT_TRUSTED_ORIGIN } from "./audit-routes";
import { LAB_SECRET_COOKIE, startLab, type Lab } from "./server";

const LOCAL: Scenario[] = [
  {
    id: "test-duplicate-acao",
    title: "Two Allow-Origin lines",
    routes: [
      {
        path: "",
        options: {
          status: 204,
          headers: [
            ["Access-Control-Allow-Origin", "{origin}"],
            ["access-control-allow-origin", "{requestOrigin}"],
          ],
        },
        response: {
          status: 200,
          headers: [
            ["Access-Control-Allow-Origin", "*"],
            ["Access-Control-Allow-Origin", "{origin}"],
          ],
        },
      },
    ],
    request: { method: "GET" },
    expect: { code: "MultipleAllowOriginValues" },
  },
  {
    id: "test-redirect",
    title: "Redirect to a second route",
    routes: [
      { path: "", response: { status: 302, headers: [["Location", "{self}/next"]] } },
      { path: "/next", response: { status: 200, headers: [["X-Where", "{api} {alt}"]], body: "from {requestOrigin}" } },
    ],
    request: { method: "GET" },
    expect: { code: null },
  },
];
const ALL = [...SCENARIOS, ...LOCAL];

interface RawResponse {
  status: number;
  rawHeaders: string[];
  body: string;
}

/** A request over node:http, which keeps the raw header lines and lets the test set Host. */
function raw(url: string, method = "GET", headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, rawHeaders: res.rawHeaders, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

function lines(res: RawResponse, name: string): string[] {
  const values: string[] = [];
  for (let i = 0; i < res.rawHeaders.length; i += 2) {
    if (res.rawHeaders[i]?.toLowerCase() === name.toLowerCase()) values.push(res.rawHeaders[i + 1] ?? "");
  }
  return values;
}

function portOf(origin: string): number {
  return Number(new URL(origin).port);
}

/** Whether something can listen on 127.0.0.1:port right now. */
function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

describe("CORS lab server", () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab({ scenarios: ALL });
  });
  afterAll(async () => {
    await lab.close();
  });

  it("uses 127.0.0.1 for the page and API, and localhost on the API port for alt", () => {
    expect(lab.pageOrigin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(lab.apiOrigin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(lab.altOrigin).toBe(`http://localhost:${portOf(lab.apiOrigin)}`);
    expect(lab.pageOrigin).not.toBe(lab.apiOrigin);
  });

  it("serves the Local Network Access page on its own ports, which only its Chromium flags make public", async () => {
    const ports = [portOf(lab.publicOrigin), portOf(lab.frameOrigin)];
    expect(lab.localNetworkArgs).toContain(
      `--ip-address-space-overrides=127.0.0.1:${ports[0]}=public,127.0.0.1:${ports[1]}=public`,
    );
    expect(lab.insecureOrigin).toBe(`http://lna.test:${ports[0]}`);
    const html = await (await fetch(`${lab.publicOrigin}/`)).text();
    expect(html).toContain('data-scenario="lna-get-denied"');
    expect(html).not.toContain('data-scenario="simple-get-ok"');
    // The insecure scenario runs from the http: name: on the public page its row links there.
    expect(html).toContain(`href="${lab.insecureOrigin}/"`);
    expect(html).not.toContain('data-scenario="lna-insecure"');
    const asInsecure = await raw(`${lab.publicOrigin}/`, "GET", { Host: new URL(lab.insecureOrigin).host });
    expect(asInsecure.body).toContain('data-scenario="lna-insecure"');
    // The main page links to it, and the API answers its scenarios with the Origin it received.
    expect(await (await fetch(`${lab.pageOrigin}/`)).text()).toContain(`href="${lab.publicOrigin}/"`);
    const res = await fetch(`${lab.apiOrigin}/s/lna-get-denied`, { headers: { Origin: lab.insecureOrigin } });
    expect(res.headers.get("access-control-allow-origin")).toBe(lab.insecureOrigin);
  });

  it("answers a GET with the page's origin filled in", async () => {
    const res = await fetch(`${lab.apiOrigin}/s/simple-get-ok?x=1`, { headers: { Origin: lab.pageOrigin } });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe(lab.pageOrigin);
    expect(await res.json()).toEqual({ ok: true });
  });

  it("sends no CORS headers of its own", async () => {
    const get = await fetch(`${lab.apiOrigin}/s/missing-acao`, { headers: { Origin: lab.pageOrigin } });
    expect(get.status).toBe(200);
    const options = await fetch(`${lab.apiOrigin}/s/missing-acao`, { method: "OPTIONS" });
    expect(options.status).toBe(404);
    for (const res of [get, options]) {
      expect([...res.headers.keys()].filter((name) => name.startsWith("access-control-"))).toEqual([]);
    }
  });

  it("answers OPTIONS with the route's options spec", async () => {
    const preflight = await fetch(`${lab.apiOrigin}/s/preflight-401-no-cors`, {
      method: "OPTIONS",
      headers: { Origin: lab.pageOrigin, "Access-Control-Request-Method": "PUT" },
    });
    expect(preflight.status).toBe(401);
    expect(preflight.headers.get("www-authenticate")).toBe('Bearer realm="api"');
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();

    const put = await fetch(`${lab.apiOrigin}/s/preflight-401-no-cors`, { method: "PUT", body: "{}" });
    expect(put.status).toBe(200);
    expect(put.headers.get("access-control-allow-origin")).toBe(lab.pageOrigin);

    const ok = await fetch(`${lab.apiOrigin}/s/preflight-put-ok`, { method: "OPTIONS" });
    expect(ok.status).toBe(204);
    expect(ok.headers.get("access-control-allow-methods")).toBe("PUT");
    expect(ok.headers.get("access-control-allow-headers")).toBe("Content-Type");
  });

  it("answers the Private Network Access preflight on /audit/private-network only when asked", async () => {
    const url = `${lab.apiOrigin}/audit/private-network`;
    const ask = (extra: Record<string, string>) =>
      raw(url, "OPTIONS", { Origin: AUDIT_TRUSTED_ORIGIN, "Access-Control-Request-Method": "PUT", ...extra });
    const asked = await ask({ "Access-Control-Request-Private-Network": "true" });
    expect(asked.status).toBe(204);
    expect(lines(asked, "Access-Control-Allow-Private-Network")).toEqual(["true"]);
    expect(lines(asked, "Access-Control-Allow-Origin")).toEqual([AUDIT_TRUSTED_ORIGIN]);
    expect(lines(await ask({}), "Access-Control-Allow-Private-Network")).toEqual([]);
    // The other audit policies never send it.
    const correct = await raw(`${lab.apiOrigin}/audit/correct`, "OPTIONS", {
      Origin: AUDIT_TRUSTED_ORIGIN,
      "Access-Control-Request-Private-Network": "true",
    });
    expect(lines(correct, "Access-Control-Allow-Private-Network")).toEqual([]);
  });

  it("fills {originAsLocalhost}", async () => {
    const res = await fetch(`${lab.apiOrigin}/s/acao-localhost-vs-127`);
    expect(res.headers.get("access-control-allow-origin")).toBe(lab.pageOrigin.replace("127.0.0.1", "localhost"));
  });

  it("sends a header named twice as two lines", async () => {
    const get = await raw(`${lab.apiOrigin}/s/test-duplicate-acao`);
    expect(lines(get, "Access-Control-Allow-Origin")).toEqual(["*", lab.pageOrigin]);
    const options = await raw(`${lab.apiOrigin}/s/test-duplicate-acao`, "OPTIONS", { Origin: "http://x.test" });
    expect(options.status).toBe(204);
    expect(lines(options, "Access-Control-Allow-Origin")).toEqual([lab.pageOrigin, "http://x.test"]);
  });

  it("fills {self} from the Host asked, and serves extra routes", async () => {
    const viaApi = await raw(`${lab.apiOrigin}/s/test-redirect`);
    expect(viaApi.status).toBe(302);
    expect(lines(viaApi, "Location")).toEqual([`${lab.apiOrigin}/s/test-redirect/next`]);
    const viaAlt = await raw(`${lab.apiOrigin}/s/test-redirect`, "GET", { Host: new URL(lab.altOrigin).host });
    expect(lines(viaAlt, "Location")).toEqual([`${lab.altOrigin}/s/test-redirect/next`]);

    const next = await raw(`${lab.apiOrigin}/s/test-redirect/next`, "GET", { Origin: "http://o.test" });
    expect(next.status).toBe(200);
    expect(lines(next, "X-Where")).toEqual([`${lab.apiOrigin} ${lab.altOrigin}`]);
    expect(next.body).toBe("from http://o.test");
  });

  it("answers unknown paths with a plain 404", async () => {
    for (const path of ["/s/no-such-scenario", "/s/simple-get-ok/extra", "/nothing"]) {
      const res = await fetch(`${lab.apiOrigin}${path}`);
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toBe("text/plain");
      expect(res.headers.get("access-control-allow-origin")).toBeNull();
    }
  });

  it("sets the lab cookie on /set-cookie, for the page's origin with credentials", async () => {
    const res = await fetch(`${lab.apiOrigin}/set-cookie`);
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie()).toEqual([`lab_session=${LAB_SECRET_COOKIE}; Path=/; SameSite=Lax`]);
    expect(res.headers.get("access-control-allow-origin")).toBe(lab.pageOrigin);
    expect(res.headers.get("access-control-allow-credentials")).toBe("true");
    const options = await fetch(`${lab.apiOrigin}/set-cookie`, { method: "OPTIONS" });
    expect(options.status).toBe(204);
    expect(options.headers.getSetCookie()).toEqual([]);
  });

  it("echoes the request on /echo", async () => {
    const res = await fetch(`${lab.apiOrigin}/echo`, { method: "POST", headers: { "X-Test": "1" }, body: "hello" });
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    const echo = (await res.json()) as { method: string; headers: Record<string, string> };
    expect(echo.method).toBe("POST");
    expect(echo.headers["x-test"]).toBe("1");
  });

  it("serves /scenarios.json with the origins and every scenario", async () => {
    const res = await fetch(`${lab.pageOrigin}/scenarios.json`);
    const data = (await res.json()) as {
      pageOrigin: string;
      apiOrigin: string;
      altOrigin: string;
      scenarios: Scenario[];
    };
    expect(data.pageOrigin).toBe(lab.pageOrigin);
    expect(data.apiOrigin).toBe(lab.apiOrigin);
    expect(data.altOrigin).toBe(lab.altOrigin);
    expect(data.scenarios.map((s) => s.id)).toEqual(ALL.map((s) => s.id));
  });

  it("serves the lab page with one button per scenario, the script and a favicon", async () => {
    const page = await fetch(`${lab.pageOrigin}/`);
    expect(page.headers.get("content-type")).toContain("text/html");
    const html = await page.text();
    expect(html).toContain("CORS Lens lab");
    expect(html.match(/<button data-scenario="/g)?.length).toBe(ALL.length);
    for (const s of ALL) expect(html).toContain(`data-scenario="${s.id}"`);
    expect(html.indexOf('data-scenario="missing-acao"')).toBeLessThan(html.indexOf("<h2>Working"));
    expect(html.indexOf('data-scenario="simple-get-ok"')).toBeGreaterThan(html.indexOf("<h2>Working"));

    const script = await fetch(`${lab.pageOrigin}/lab.js`);
    expect(script.headers.get("content-type")).toContain("javascript");
    expect(await script.text()).toContain("window.runScenario");
    expect((await fetch(`${lab.pageOrigin}/favicon.ico`)).status).toBe(204);
  });
});

describe("CORS lab ports", () => {
  it("frees its ports on close()", async () => {
    const lab = await startLab();
    const ports = [portOf(lab.pageOrigin), portOf(lab.apiOrigin)];
    await fetch(`${lab.apiOrigin}/s/simple-get-ok`); // leaves a keep-alive connection open
    await lab.close();
    await expect(fetch(`${lab.apiOrigin}/s/simple-get-ok`)).rejects.toThrow();
    for (const port of ports) expect(await isFree(port)).toBe(true);

    const again = await startLab({ pagePort: ports[0], apiPort: ports[1] });
    expect(again.pageOrigin).toBe(lab.pageOrigin);
    expect(again.apiOrigin).toBe(lab.apiOrigin);
    await again.close();
  });

  it("fails on a busy port, or falls back to a free one when asked", async () => {
    const first = await startLab();
    const busy = portOf(first.pageOrigin);
    await expect(startLab({ pagePort: busy })).rejects.toThrow(/EADDRINUSE/);
    const second = await startLab({ pagePort: busy, apiPort: portOf(first.apiOrigin), fallbackToFreePort: true });
    expect(portOf(second.pageOrigin)).not.toBe(busy);
    expect(second.apiOrigin).not.toBe(first.apiOrigin);
    await Promise.all([first.close(), second.close()]);
  });
});
