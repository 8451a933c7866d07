// The real-server cases: per stack, a broken CORS setup, the call it blocks, Chrome's code for it, and how to run it.

import type { CorsErrorName } from "../../src/cors/codes";
import type { StackId } from "../../src/fixes/types";
import type { Launcher } from "./run";

/** Debian's interpreter, where python3-fastapi, -flask, -django and their CORS packages live (not a pyenv one). */
export const DEBIAN_PYTHON = "/usr/bin/python3";

export interface PageCall {
  path: string;
  method: string;
  headers?: Record<string, string>;
  body?: string;
  credentials?: "omit" | "same-origin" | "include";
}

export interface ServerCase {
  stack: StackId;
  /** The mistake the broken configuration makes, in words. */
  mistake: string;
  call: PageCall;
  /** Chrome's CorsError for the call against the broken configuration. */
  expect: CorsErrorName;
  /** The deeper cause the extension must name, when there is one. */
  cause?: string;
  /** The broken configuration's CORS code, for the page origin given. */
  broken: (pageOrigin: string) => string;
  /** Where the broken code goes: the fix marker (default) or the later `__LATE__` marker. */
  brokenAt?: "fix" | "late";
  launcher: Launcher;
  /** Executables that must exist for this stack to run here (installed by test/servers/install.sh). */
  needs: string[];
}

const json = { "Content-Type": "application/json" };
/** The page origin with 127.0.0.1 written as localhost: the near miss developers make. */
const nearMiss = (page: string) => page.replace("127.0.0.1", "localhost");
const node =
  (file: string): Launcher["run"] =>
  () => ({ cmd: process.execPath, args: [file] });
const goBuild: Launcher["build"] = () => ({
  cmd: "go",
  args: ["build", "-o", "server", "main.go"],
  env: { GO111MODULE: "off", GOPATH: "/usr/share/gocode", GOFLAGS: "" },
});

export const SERVER_CASES: ServerCase[] = [
  {
    stack: "express",
    mistake: "cors() with no options sends Access-Control-Allow-Origin: * to a credentialed call",
    call: { path: "/api/items/7", method: "PUT", headers: json, body: '{"name":"x"}', credentials: "include" },
    expect: "PreflightWildcardOriginNotAllowed",
    broken: () => 'import cors from "cors";\napp.use(cors());',
    launcher: { dir: "express", template: "server.mjs", run: node("server.mjs") },
    needs: [],
  },
  {
    stack: "fastify",
    mistake: "@fastify/cors without `methods` allows only GET, HEAD and POST",
    call: { path: "/api/items/7", method: "DELETE" },
    expect: "MethodDisallowedByPreflightResponse",
    broken: (page) =>
      `import cors from "@fastify/cors";\nawait fastify.register(cors, { origin: ${JSON.stringify(page)} });`,
    launcher: { dir: "fastify", template: "server.mjs", run: node("server.mjs") },
    needs: [],
  },
  {
    stack: "koa",
    mistake: "@koa/cors mounted after bearer authentication, which answers the preflight 401",
    call: { path: "/api/me", method: "GET", headers: { Authorization: "Bearer fixture-token" } },
    expect: "PreflightMissingAllowOriginHeader",
    cause: "auth-before-cors",
    broken: (page) => `import cors from "@koa/cors";\napp.use(cors({ origin: ${JSON.stringify(page)} }));`,
    brokenAt: "late",
    launcher: { dir: "koa", template: "server.mjs", run: node("server.mjs") },
    needs: [],
  },
  {
    stack: "hono",
    // hono/cors 4.13 sends no Allow-Origin at all for an origin it does not allow (not the configured string).
    mistake: "hono/cors allows localhost while the page is on 127.0.0.1",
    call: { path: "/api/items", method: "POST", headers: { ...json, "X-Request-Id": "r-1" }, body: "{}" },
    expect: "PreflightMissingAllowOriginHeader",
    broken: (page) =>
      `import { cors } from "hono/cors";\napp.use("/api/*", cors({ origin: ${JSON.stringify(nearMiss(page))} }));`,
    launcher: { dir: "hono", template: "server.mjs", run: node("server.mjs") },
    needs: [],
  },
  {
    stack: "starlette",
    mistake: "CORSMiddleware allows localhost; Starlette answers the preflight 400 'Disallowed CORS origin'",
    call: { path: "/api/items/7", method: "PUT", headers: json, body: '{"name":"x"}' },
    expect: "PreflightMissingAllowOriginHeader",
    cause: "middleware-rejected-origin",
    broken: (page) =>
      `from starlette.middleware.cors import CORSMiddleware\napp.add_middleware(CORSMiddleware, allow_origins=[${JSON.stringify(nearMiss(page))}], allow_methods=["*"], allow_headers=["*"])`,
    launcher: {
      dir: "starlette",
      template: "app.py",
      run: (_w, port) => ({
        cmd: DEBIAN_PYTHON,
        args: ["-m", "uvicorn", "app:app", "--host", "127.0.0.1", "--port", String(port), "--log-level", "warning"],
      }),
    },
    needs: [DEBIAN_PYTHON],
  },
  {
    stack: "flask",
    mistake: "flask-cors without supports_credentials on a credentialed call",
    call: { path: "/api/me", method: "GET", credentials: "include" },
    expect: "InvalidAllowCredentials",
    broken: (page) => `from flask_cors import CORS\nCORS(app, origins=[${JSON.stringify(page)}])`,
    launcher: { dir: "flask", template: "app.py", run: () => ({ cmd: DEBIAN_PYTHON, args: ["app.py"] }) },
    needs: [DEBIAN_PYTHON],
  },
  {
    stack: "django",
    mistake: "a custom request header missing from CORS_ALLOW_HEADERS",
    call: { path: "/api/reports/", method: "GET", headers: { "X-Tenant": "acme" } },
    expect: "HeaderDisallowedByPreflightResponse",
    broken: (page) => `CORS_ALLOWED_ORIGINS = [${JSON.stringify(page)}]`,
    launcher: { dir: "django", template: "settings.py", run: () => ({ cmd: DEBIAN_PYTHON, args: ["serve.py"] }) },
    needs: [DEBIAN_PYTHON],
  },
  {
    stack: "nginx",
    mistake: "add_header without `always` and no OPTIONS handling: the 404 preflight has no CORS headers",
    call: { path: "/api/items/7", method: "PUT", headers: json, body: '{"name":"x"}' },
    expect: "PreflightMissingAllowOriginHeader",
    cause: "options-not-routed",
    broken: (page) => `add_header Access-Control-Allow-Origin ${JSON.stringify(page)};`,
    launcher: {
      dir: "nginx",
      template: "nginx.conf",
      run: (work) => ({ cmd: "nginx", args: ["-p", work, "-c", `${work}/nginx.conf`] }),
    },
    needs: ["nginx"],
  },
  {
    stack: "apache",
    mistake: "Header set Access-Control-Allow-Origin * on a credentialed call",
    call: { path: "/api/data.json", method: "GET", headers: { "X-Requested-With": "fetch" }, credentials: "include" },
    expect: "PreflightWildcardOriginNotAllowed",
    broken: () => 'Header set Access-Control-Allow-Origin "*"',
    launcher: {
      dir: "apache",
      template: "httpd.conf",
      run: (work) => ({ cmd: "apache2", args: ["-f", `${work}/httpd.conf`, "-DFOREGROUND"] }),
    },
    needs: ["apache2"],
  },
  {
    stack: "caddy",
    mistake: "Allow-Origin set on every response, but OPTIONS answered 200 without Allow-Methods",
    call: { path: "/api/items/7", method: "PUT", headers: json, body: '{"name":"x"}' },
    expect: "MethodDisallowedByPreflightResponse",
    broken: (page) => `header Access-Control-Allow-Origin ${JSON.stringify(page)}`,
    launcher: {
      dir: "caddy",
      template: "Caddyfile",
      run: (work) => ({
        cmd: "caddy",
        args: ["run", "--config", `${work}/Caddyfile`, "--adapter", "caddyfile"],
        env: { HOME: work, XDG_DATA_HOME: work, XDG_CONFIG_HOME: work },
      }),
    },
    needs: ["caddy"],
  },
  {
    stack: "go-rscors",
    mistake: "rs/cors without AllowedMethods refuses PATCH and answers the preflight with no CORS headers",
    call: { path: "/api/items/7", method: "PATCH", headers: json, body: '{"name":"x"}' },
    expect: "PreflightMissingAllowOriginHeader",
    broken: (page) =>
      `c := cors.New(cors.Options{AllowedOrigins: []string{${JSON.stringify(page)}}})\nhandler := c.Handler(mux)`,
    launcher: {
      dir: "go-rscors",
      template: "main.go",
      build: goBuild,
      run: (work) => ({ cmd: `${work}/server`, args: [] }),
    },
    needs: ["go"],
  },
  {
    stack: "go-nethttp",
    mistake: "a hand-written middleware that forgets Access-Control-Allow-Credentials on the preflight",
    call: { path: "/api/orders", method: "POST", headers: json, body: "{}", credentials: "include" },
    expect: "PreflightInvalidAllowCredentials",
    broken: (page) =>
      [
        "func withCORS(next http.Handler) http.Handler {",
        "\treturn http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {",
        `\t\tw.Header().Set("Access-Control-Allow-Origin", ${JSON.stringify(page)})`,
        "\t\tif r.Method == http.MethodOptions {",
        `\t\t\tw.Header().Set("Access-Control-Allow-Methods", "POST")`,
        `\t\t\tw.Header().Set("Access-Control-Allow-Headers", "content-type")`,
        "\t\t\tw.WriteHeader(http.StatusNoContent)",
        "\t\t\treturn",
        "\t\t}",
        "\t\tnext.ServeHTTP(w, r)",
        "\t})",
        "}",
      ].join("\n"),
    launcher: {
      dir: "go-nethttp",
      template: "main.go",
      build: goBuild,
      run: (work) => ({ cmd: `${work}/server`, args: [] }),
    },
    needs: ["go"],
  },
  {
    stack: "rails",
    mistake: "rack-cors resource without DELETE in its methods",
    call: { path: "/api/items/7", method: "DELETE" },
    expect: "PreflightMissingAllowOriginHeader",
    broken: (page) =>
      [
        "Rails.application.config.middleware.insert_before 0, Rack::Cors do",
        "  allow do",
        `    origins ${JSON.stringify(page)}`,
        '    resource "*", headers: :any, methods: [:get, :post]',
        "  end",
        "end",
      ].join("\n"),
    launcher: { dir: "rails", template: "config.ru", run: () => ({ cmd: "ruby", args: ["serve.rb"] }) },
    needs: ["ruby"],
  },
];

/** Stacks with fixes that cannot run on this machine (no Debian or npm package), with the reason. */
export const NOT_RUN_HERE: Partial<Record<StackId, string>> = {
  nextjs: "Next.js needs its own build toolchain and SWC binaries from npm; golden tests and TypeScript's parser only.",
  nestjs:
    "NestJS is not installed as a dev dependency (large dependency tree); golden tests and TypeScript's parser only.",
  spring: "No JDK or Spring Boot in Debian's or npm's reach here; golden tests only.",
  aspnet: "No .NET SDK in Debian 12; golden tests only.",
  s3: "A cloud service; golden tests and JSON.parse only.",
  apigateway: "A cloud service; golden tests and JSON.parse only.",
  cloudflare: "workerd is not available without downloading a binary; golden tests and TypeScript's parser only.",
  headers: "Not a stack: the raw headers every stack's fix produces.",
};
