// The CORS lab: a loopback page server and API server that answer as the scenario corpus says.

import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname } from "node:path";
import type { ResponseSpec, Route, Scenario } from "../corpus/scenario";
import { fill, placeholderValues } from "../corpus/placeholders";
import { LNA_SCENARIOS } from "../corpus/local-network";
import { SCENARIOS } from "../corpus/scenarios";
import { handleAuditRoute } from "./audit-routes";

/** The cookie `/set-cookie` sets; tests check it never leaks into exports. */
export const LAB_SECRET_COOKIE = "SECRET-lab-session-4f9a";

/** The host name the insecure Local Network Access page uses (mapped to 127.0.0.1 by localNetworkArgs). */
export const INSECURE_HOST = "lna.test";

export interface Lab extends Origins {
  /**
   * Chromium flags that make the Local Network Access pages public: their two ports count as public addresses
   * (--ip-address-space-overrides) and lna.test resolves to 127.0.0.1. The rest of the lab stays loopback.
   */
  localNetworkArgs: string[];
  close(): Promise<void>;
}

export interface LabOptions {
  /** 0 (the default) picks a free port. */
  pagePort?: number;
  apiPort?: number;
  /** When a requested port is busy, listen on a free one instead of failing. */
  fallbackToFreePort?: boolean;
  /** The Local Network Access page and frame servers' ports (0, the default, picks free ones). */
  publicPort?: number;
  framePort?: number;
  /** The scenarios to serve; defaults to the corpus. */
  scenarios?: Scenario[];
  /** The Local Network Access scenarios, served from the public page; defaults to the LNA corpus. */
  localNetworkScenarios?: Scenario[];
}

interface Origins {
  pageOrigin: string;
  apiOrigin: string;
  altOrigin: string;
  /** The API on [::1] (same port). */
  v6Origin: string;
  /** The Local Network Access page: a loopback port Chromium counts as public with localNetworkArgs. */
  publicOrigin: string;
  /** The same server under an http: name that is not a secure context. */
  insecureOrigin: string;
  /** Another public origin, for a cross-origin frame of the public page. */
  frameOrigin: string;
}

export async function startLab(options: LabOptions = {}): Promise<Lab> {
  const scenarios = options.scenarios ?? SCENARIOS;
  const lnaScenarios = options.localNetworkScenarios ?? LNA_SCENARIOS;
  const fallback = options.fallbackToFreePort ?? false;
  const script = await readFile(new URL("./lab.js", import.meta.url), "utf8");
  const origins: Origins = {
    pageOrigin: "",
    apiOrigin: "",
    altOrigin: "",
    v6Origin: "",
    publicOrigin: "",
    insecureOrigin: "",
    frameOrigin: "",
  };

  const table = routeTable([...scenarios, ...lnaScenarios]);
  const servers: Server[] = [];
  const open = async (handler: Handler, port: number, host = "127.0.0.1"): Promise<number> => {
    const server = serverFor(handler);
    try {
      const bound = await listen(server, port, host, fallback);
      servers.push(server);
      return bound;
    } catch (err) {
      await Promise.all(servers.map(stop));
      throw err;
    }
  };
  const pagePort = await open(
    (req, res) => handlePage(req, res, origins, scenarios, script, "main"),
    options.pagePort ?? 0,
  );
  const apiPort = await open(
    afterDelay((req, res) => handleApi(req, res, origins, table)),
    options.apiPort ?? 0,
  );
  const lnaPage: Handler = (req, res) => handlePage(req, res, origins, lnaScenarios, script, "local-network");
  const publicPort = await open(lnaPage, options.publicPort ?? 0);
  const framePort = await open(lnaPage, options.framePort ?? 0);
  // localhost may resolve to ::1 first, so serve the same port there too when the system allows it.
  const api6 = serverFor(afterDelay((req, res) => handleApi(req, res, origins, table)));
  const hasV6 = await listen(api6, apiPort, "::1", false).then(
    () => servers.push(api6) > 0,
    () => false,
  );

  origins.pageOrigin = `http://127.0.0.1:${pagePort}`;
  origins.apiOrigin = `http://127.0.0.1:${apiPort}`;
  origins.altOrigin = `http://localhost:${apiPort}`;
  origins.v6Origin = hasV6 ? `http://[::1]:${apiPort}` : "";
  origins.publicOrigin = `http://127.0.0.1:${publicPort}`;
  origins.insecureOrigin = `http://${INSECURE_HOST}:${publicPort}`;
  origins.frameOrigin = `http://127.0.0.1:${framePort}`;
  return {
    ...origins,
    localNetworkArgs: [
      `--ip-address-space-overrides=127.0.0.1:${publicPort}=public,127.0.0.1:${framePort}=public`,
      `--host-resolver-rules=MAP ${INSECURE_HOST} 127.0.0.1`,
    ],
    close: async () => void (await Promise.all(servers.map(stop))),
  };
}

/** The URL a scenario's page calls in this lab. */
export function scenarioUrlIn(lab: Origins, s: Scenario): string {
  const base = { api: lab.apiOrigin, alt: lab.altOrigin, v6: lab.v6Origin }[s.request.host ?? "api"];
  return `${base}/s/${s.id}`;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

function serverFor(handler: Handler): Server {
  return createServer((req, res) => {
    // Read and discard any request body, then answer.
    req.resume();
    req.on("end", () => {
      try {
        handler(req, res);
      } catch (err) {
        if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain" });
        res.end(`lab error: ${String(err)}\n`);
      }
    });
  });
}

function listen(server: Server, port: number, host: string, fallback: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      if (fallback && port !== 0 && err.code === "EADDRINUSE") {
        listen(server, 0, host, false).then(resolve, reject);
      } else reject(err);
    };
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function stop(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeAllConnections();
  });
}

// ── API server ──

interface RouteEntry {
  scenario: Scenario;
  route: Route;
}

function routeTable(scenarios: Scenario[]): Map<string, RouteEntry> {
  const table = new Map<string, RouteEntry>();
  for (const scenario of scenarios) {
    for (const route of scenario.routes) table.set(`/s/${scenario.id}${route.path}`, { scenario, route });
  }
  return table;
}

/** `?delay=<ms>` (up to 10 s) answers that much later, as a server across a real network would (the benchmark's). */
function afterDelay(handler: Handler): Handler {
  return (req, res) => {
    const delay = Number(/[?&]delay=(\d+)/.exec(req.url ?? "")?.[1] ?? 0);
    if (delay > 0 && delay <= 10_000) setTimeout(() => handler(req, res), delay);
    else handler(req, res);
  };
}

function handleApi(req: IncomingMessage, res: ServerResponse, origins: Origins, table: Map<string, RouteEntry>): void {
  const url = new URL(req.url ?? "/", "http://lab");
  const method = req.method ?? "GET";
  const requestOrigin = req.headers.origin ?? "";

  if (url.pathname === "/set-cookie") {
    res.setHeader("Access-Control-Allow-Origin", origins.pageOrigin);
    res.setHeader("Access-Control-Allow-Credentials", "true");
    if (method === "OPTIONS") {
      res.setHeader("Access-Control-Allow-Methods", "GET, POST");
      res.setHeader("Access-Control-Allow-Headers", req.headers["access-control-request-headers"] ?? "Content-Type");
      res.writeHead(204).end();
      return;
    }
    res.setHeader("Set-Cookie", `lab_session=${LAB_SECRET_COOKIE}; Path=/; SameSite=Lax`);
    res.writeHead(200, { "Content-Type": "text/plain" }).end("cookie set\n");
    return;
  }

  // For capture tests: /open allows any origin, method and header; /closed never sends CORS headers.
  if (url.pathname === "/open") {
    res.setHeader("Access-Control-Allow-Origin", requestOrigin || "*");
    if (method === "OPTIONS") {
      res.setHeader("Access-Control-Allow-Methods", req.headers["access-control-request-method"] ?? "GET");
      if (req.headers["access-control-request-headers"]) {
        res.setHeader("Access-Control-Allow-Headers", req.headers["access-control-request-headers"]);
      }
      // Never cached, so every call of a capture test has its own preflight to pair.
      res.setHeader("Access-Control-Max-Age", "0");
      res.writeHead(204).end();
      return;
    }
    res.writeHead(200, { "Content-Type": "application/json" }).end('{"ok":true}');
    return;
  }
  // For the what-if test: answers with the headers a what-if edit proposes, `?spec=` JSON
  // { preflight?: { status, headers: [name, value][] }, actual?: {…} } (OPTIONS gets the preflight's).
  if (url.pathname === "/whatif") {
    let spec: { preflight?: ResponseSpec; actual?: ResponseSpec } = {};
    try {
      spec = JSON.parse(url.searchParams.get("spec") ?? "{}") as typeof spec;
    } catch {
      res.writeHead(400, { "Content-Type": "text/plain" }).end("spec is not JSON\n");
      return;
    }
    const answer = method === "OPTIONS" ? spec.preflight : spec.actual;
    send(res, answer ?? { status: 404, headers: [] }, {});
    return;
  }
  // For the pairing test: the preflight allows PUT, DELETE and PATCH and only the x-ok… headers; /pairing/redirect
  // answers the request (not its preflight) with a 307 to /pairing.
  if (url.pathname === "/pairing" || url.pathname === "/pairing/redirect") {
    res.setHeader("Access-Control-Allow-Origin", requestOrigin || "*");
    if (method === "OPTIONS") {
      const asked = String(req.headers["access-control-request-headers"] ?? "").split(",");
      const allowed = asked.map((h) => h.trim()).filter((h) => h.startsWith("x-ok"));
      res.setHeader("Access-Control-Allow-Methods", "PUT, DELETE, PATCH");
      if (allowed.length > 0) res.setHeader("Access-Control-Allow-Headers", allowed.join(", "));
      res.setHeader("Access-Control-Max-Age", "0");
      res.writeHead(204).end();
      return;
    }
    if (url.pathname === "/pairing/redirect") res.writeHead(307, { Location: "/pairing" }).end();
    else res.writeHead(200, { "Content-Type": "application/json" }).end('{"ok":true}');
    return;
  }
  if (url.pathname === "/closed") {
    res.writeHead(method === "OPTIONS" ? 204 : 200, { "Content-Type": "application/json" }).end("{}");
    return;
  }
  if (url.pathname.startsWith("/static/")) {
    serveStatic(url.pathname, res);
    return;
  }

  if (url.pathname === "/echo") {
    res.setHeader("Access-Control-Allow-Origin", "*");
    if (method === "OPTIONS") {
      res.setHeader("Access-Control-Allow-Methods", req.headers["access-control-request-method"] ?? "GET");
      res.setHeader("Access-Control-Allow-Headers", req.headers["access-control-request-headers"] ?? "Content-Type");
      res.writeHead(204).end();
      return;
    }
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ method, url: req.url, headers: req.headers }, null, 2));
    return;
  }

  if (handleAuditRoute(req, res, url.pathname)) return;
  const entry = table.get(url.pathname);
  if (!entry) {
    res.writeHead(404, { "Content-Type": "text/plain" }).end("no such scenario route\n");
    return;
  }
  const spec = method === "OPTIONS" ? entry.route.options : entry.route.response;
  if (!spec) {
    res.writeHead(404, { "Content-Type": "text/plain" }).end("no OPTIONS handler for this scenario\n");
    return;
  }
  const asked =
    [origins.altOrigin, origins.v6Origin].find((o) => o && req.headers.host === new URL(o).host) ?? origins.apiOrigin;
  const values = placeholderValues({
    page: origins.pageOrigin,
    api: origins.apiOrigin,
    alt: origins.altOrigin,
    asked,
    scenarioId: entry.scenario.id,
    requestOrigin,
  });
  send(res, spec, values);
}

/** Answers with exactly the spec's headers; a header named twice goes out as two lines. */
function send(res: ServerResponse, spec: ResponseSpec, values: Record<string, string>): void {
  const grouped = new Map<string, { name: string; values: string[] }>();
  for (const [name, value] of spec.headers ?? []) {
    const key = name.toLowerCase();
    const group = grouped.get(key) ?? { name, values: [] };
    group.values.push(fill(value, values));
    grouped.set(key, group);
  }
  for (const { name, values: lines } of grouped.values()) {
    res.setHeader(name, lines.length === 1 ? (lines[0] ?? "") : lines);
  }
  res.writeHead(spec.status);
  res.end(spec.body === undefined ? undefined : fill(spec.body, values));
}

const STATIC_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
};

/** Files of test/lab/static (frames and workers that make calls for capture tests), on either server. */
function serveStatic(pathname: string, res: ServerResponse): void {
  const name = pathname.slice("/static/".length);
  const type = STATIC_TYPES[extname(name)];
  if (!/^[\w.-]+$/.test(name) || !type) {
    res.writeHead(404, { "Content-Type": "text/plain" }).end("not found\n");
    return;
  }
  readFile(new URL(`./static/${name}`, import.meta.url)).then(
    (body) => res.writeHead(200, { "Content-Type": type, "Cache-Control": "no-store" }).end(body),
    () => res.writeHead(404, { "Content-Type": "text/plain" }).end("not found\n"),
  );
}

// ── Page server ──

function handlePage(
  req: IncomingMessage,
  res: ServerResponse,
  origins: Origins,
  scenarios: Scenario[],
  script: string,
  kind: PageKind,
): void {
  const { pathname } = new URL(req.url ?? "/", "http://lab");
  const here = `http://${req.headers.host ?? ""}`;
  const reply = (status: number, type: string, body: string): void => {
    res.writeHead(status, { "Content-Type": type, "Cache-Control": "no-store" }).end(body);
  };
  if (pathname === "/") reply(200, "text/html; charset=utf-8", labPage(scenarios, origins, kind, here));
  else if (pathname === "/lab.js") reply(200, "text/javascript; charset=utf-8", script);
  else if (pathname === "/scenarios.json") reply(200, "application/json", JSON.stringify({ ...origins, scenarios }));
  else if (pathname === "/favicon.ico") res.writeHead(204).end();
  else if (pathname.startsWith("/static/")) serveStatic(pathname, res);
  else reply(404, "text/plain", "not found\n");
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

type PageKind = "main" | "local-network";

/** A scenario's button; one that must run from another page of the lab links there instead. */
function scenarioRow(s: Scenario, origins: Origins, here: string): string {
  const id = escapeHtml(s.id);
  const where = { alt: " (localhost)", v6: " ([::1])", api: "" }[s.request.host ?? "api"];
  const granted = s.lna?.permission === "granted" ? " once Local Network Access is allowed for this page" : "";
  const verdict = (s.expect.code ?? "allowed") + granted;
  const elsewhere = s.lna?.from === "insecure" && here !== origins.insecureOrigin ? origins.insecureOrigin : null;
  const action = elsewhere
    ? `<a href="${escapeHtml(elsewhere)}/">${escapeHtml(s.title)}</a> <small>(runs from ${escapeHtml(elsewhere)})</small>`
    : `<button data-scenario="${id}">${escapeHtml(s.title)}</button>`;
  return `<li class="scenario" data-row="${id}">
  ${action}
  <div class="meta"><code>${escapeHtml(s.request.method)} /s/${id}${where}</code> · expected: <span class="expect">${escapeHtml(verdict)}</span></div>
  <output class="result" data-result="${id}"></output>
</li>`;
}

function intro(origins: Origins, kind: PageKind): string {
  if (kind === "main") {
    return `<p>Local endpoints with broken and working CORS, one per corpus scenario. Open DevTools, pick the CORS Lens panel, and click a scenario: the page calls the API on another port, and the panel should say why Chrome blocked it (or that it did not).</p>
<p>Local Network Access (Chrome 142+): <a href="${escapeHtml(origins.publicOrigin)}/">the public page</a> calls this loopback API as a public website would. It counts as public only in a Chromium started with the lab's flags, as <code>npm start</code> does.</p>`;
  }
  return `<p>Local Network Access (Chrome 142+). Chromium counts this page as a <strong>public</strong> website (<code>--ip-address-space-overrides</code>, as <code>npm start</code> launches it), so its calls to the lab's loopback API need the user's <code>loopback-network</code> permission: Chrome blocks them before any CORS header is read. Click a scenario, then read the CORS tab. Chrome may ask you for the permission: the "granted" scenarios expect you to allow it, the others that it is not granted (reset it in the page's site settings). <a href="${escapeHtml(origins.pageOrigin)}/">Back to the CORS lab</a>.</p>`;
}

function labPage(scenarios: Scenario[], origins: Origins, kind: PageKind, here: string): string {
  const row = (s: Scenario) => scenarioRow(s, origins, here);
  const section = (title: string, list: Scenario[]): string =>
    `<section><h2>${title} <small>(${list.length})</small></h2><ul>${list.map(row).join("\n")}</ul></section>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${kind === "main" ? "CORS Lens lab" : "CORS Lens lab: Local Network Access"}</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; background: #f6f7f9; color: #1d2330; margin: 0 auto; max-width: 60rem; padding: 1.5rem; }
  h1 { margin-bottom: 0.25rem; }
  h2 small, .meta { color: #5b6272; font-weight: normal; }
  ul { list-style: none; padding: 0; }
  .scenario { background: #fff; border: 1px solid #dde1e8; border-left: 4px solid #dde1e8; border-radius: 6px; padding: 0.6rem 0.8rem; margin: 0.5rem 0; }
  .scenario[data-match="yes"] { border-left-color: #1f9d55; }
  .scenario[data-match="no"] { border-left-color: #d64545; }
  .meta { font-size: 0.85rem; }
  button { font: inherit; cursor: pointer; border: 1px solid #b8bfcc; border-radius: 4px; background: #fff; padding: 0.25rem 0.7rem; }
  button:hover { background: #eef1f6; }
  #run-all { background: #2657d0; border-color: #2657d0; color: #fff; }
  .result { display: block; font-family: ui-monospace, monospace; font-size: 0.85rem; min-height: 1.2em; }
  .result.allowed { color: #1f9d55; }
  .result.blocked { color: #d64545; }
</style>
</head>
<body>
<h1>${kind === "main" ? "CORS Lens lab" : "CORS Lens lab: Local Network Access"}</h1>
${intro(origins, kind)}
<p><button id="run-all">Run all</button></p>
${section(
  "Broken",
  scenarios.filter((s) => s.expect.code !== null),
)}
${section(
  "Working",
  scenarios.filter((s) => s.expect.code === null),
)}
<script src="/static/caller.js" defer></script>
<script src="/lab.js" defer></script>
</body>
</html>
`;
}
