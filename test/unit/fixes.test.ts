// Golden tests of the server fixes: for corpus calls and every stack, the exact origin, methods, headers and credentials.

import { describe, expect, it } from "vitest";
import { clientAlternatives, fixFor, requirementsOf, STACKS } from "../../src/fixes/index";
import type { StackId } from "../../src/fixes/types";
import type { CallRecord } from "../../src/store/call-record";
import { FAKE_ORIGINS } from "../corpus/simulate";
import { recordOf } from "./fixes-records";

/** Blocked corpus calls that together exercise every requirement: credentials, methods, headers, auth, routing, errors. */
const BLOCKED = [
  "preflight-wildcard-credentials",
  "wildcard-with-credentials",
  "header-not-allowed",
  "two-headers-not-allowed",
  "method-not-allowed",
  "method-case-mismatch",
  "preflight-401-no-cors",
  "preflight-not-routed",
  "error-500-without-cors",
  "acao-localhost-vs-127",
  "redirect-tainted-origin",
  "authorization-not-allowed",
];

/** How each stack says "credentials allowed"; S3 has no switch (it sends true whenever the origin is named). */
const CREDENTIALS_TOKEN: Record<StackId, string | null> = {
  express: "credentials: true",
  fastify: "credentials: true",
  koa: "credentials: true",
  hono: "credentials: true",
  nestjs: "credentials: true",
  nextjs: "Access-Control-Allow-Credentials",
  cloudflare: "Access-Control-Allow-Credentials",
  nginx: "Access-Control-Allow-Credentials",
  apache: "Access-Control-Allow-Credentials",
  caddy: "Access-Control-Allow-Credentials",
  "go-nethttp": "Access-Control-Allow-Credentials",
  headers: "Access-Control-Allow-Credentials: true",
  starlette: "allow_credentials=True",
  django: "CORS_ALLOW_CREDENTIALS = True",
  flask: "supports_credentials=True",
  spring: "setAllowCredentials(true)",
  aspnet: ".AllowCredentials()",
  "go-rscors": "AllowCredentials: true",
  rails: "credentials: true",
  apigateway: '"AllowCredentials": true',
  s3: null,
};

/** Methods a stack allows without being told, so its fix need not name them. */
const DEFAULT_METHODS: Partial<Record<StackId, string[]>> = {
  express: ["PUT", "PATCH", "DELETE"],
  koa: ["PUT", "PATCH", "DELETE"],
  hono: ["PUT", "PATCH", "DELETE"],
  flask: ["PUT", "PATCH", "DELETE"],
  django: ["PUT", "PATCH", "DELETE"],
};
/** Request headers a stack allows without being told. */
const DEFAULT_HEADERS: Partial<Record<StackId, string[]>> = {
  django: ["authorization", "content-type", "x-requested-with"],
};

function namesMethod(snippet: string, stack: StackId, method: string): boolean {
  if (stack === "rails") return snippet.includes(`:${method.toLowerCase()}`);
  return snippet.includes(`"${method}"`) || snippet.includes(` ${method}`);
}

describe("STACKS", () => {
  it("lists every stack the issue names, plus the raw headers", () => {
    expect(STACKS.map((s) => s.id).sort()).toEqual(Object.keys(CREDENTIALS_TOKEN).sort());
    for (const s of STACKS) expect(s.label.length).toBeGreaterThan(2);
  });
});

describe("requirements", () => {
  it("a credentialed preflighted PUT needs the origin, PUT, content-type and credentials", () => {
    const req = requirementsOf(recordOf("preflight-wildcard-credentials"));
    expect(req).toMatchObject({
      origin: FAKE_ORIGINS.page,
      method: "PUT",
      methods: ["PUT"],
      headers: ["content-type"],
      credentials: true,
      preflight: true,
      path: "/s/preflight-wildcard-credentials",
      pathPrefix: "/s/",
    });
  });

  it("lists every refused header, not only Chrome's one", () => {
    expect(requirementsOf(recordOf("two-headers-not-allowed")).headers).toEqual(["x-alpha", "x-zeta"]);
  });

  it("keeps the method's case and says why", () => {
    const req = requirementsOf(recordOf("method-case-mismatch"));
    expect(req.methods).toEqual(["patch"]);
    expect(req.notes.join(" ")).toContain('send "PATCH"');
  });

  it("flags auth before CORS, OPTIONS not routed and error statuses", () => {
    expect(requirementsOf(recordOf("preflight-401-no-cors")).optionsBeforeAuth).toBe(true);
    expect(requirementsOf(recordOf("preflight-not-routed")).optionsNotRouted).toBe(true);
    expect(requirementsOf(recordOf("error-500-without-cors")).errorResponses).toBe(true);
  });

  it("explains an Origin of null after a tainting redirect", () => {
    const req = requirementsOf(recordOf("redirect-tainted-origin"));
    expect(req.origin).toBe("null");
    expect(req.tainted).toBe(true);
    expect(req.notes.join(" ")).toContain("redirect to another origin made the browser send Origin: null");
  });
});

describe("every stack's fix for blocked corpus calls", () => {
  for (const id of BLOCKED) {
    for (const { id: stack } of STACKS) {
      it(`${id} · ${stack}`, () => {
        const record = recordOf(id);
        const req = requirementsOf(record);
        const fix = fixFor(record, stack);
        expect(fix.stack).toBe(stack);
        expect(fix.title).toContain(req.origin);
        // The exact origin, and never a wildcard origin.
        const named = stack === "headers" ? `Access-Control-Allow-Origin: ${req.origin}\n` : JSON.stringify(req.origin);
        expect(fix.snippet).toContain(named);
        expect(fix.snippet).not.toMatch(/["'`]\*["'`]/);
        expect(fix.snippet).not.toMatch(/Allow-Origin:? "?\*/);
        // Methods and headers the call needs.
        for (const m of req.methods) {
          // S3 knows five methods and says so in a note instead (tested below).
          if (stack === "s3" && !["GET", "PUT", "POST", "DELETE", "HEAD"].includes(m)) continue;
          if (!DEFAULT_METHODS[stack]?.includes(m)) expect(namesMethod(fix.snippet, stack, m), m).toBe(true);
        }
        for (const h of req.headers) {
          if (!DEFAULT_HEADERS[stack]?.includes(h)) expect(fix.snippet.toLowerCase()).toContain(h);
        }
        // Credentials iff the call sends them.
        const token = CREDENTIALS_TOKEN[stack];
        if (token) expect(fix.snippet.includes(token), token).toBe(record.diagnosis.credentials === "include");
        // Trap notes that matter for this call.
        const notes = fix.notes.join("\n");
        if (req.optionsBeforeAuth && stack !== "s3") expect(notes).toMatch(/OPTIONS|preflight/);
        if (req.tainted) expect(notes).toContain("Origin: null");
        expect(fix.notes.length).toBeGreaterThan(0);
      });
    }
  }
});

describe("stack traps", () => {
  const notes = (id: string, stack: StackId): string => fixFor(recordOf(id), stack).notes.join("\n");
  it.each<[StackId, string]>([
    ["nginx", "without `always`"],
    ["nginx", "add_header inside an if"],
    ["starlette", "400"],
    ["express", "/{*splat}"],
    ["spring", "Spring Security ordering"],
    ["apigateway", "ignores the CORS headers your backend returns"],
    ["apache", "always"],
    ["flask", "supports_credentials"],
    ["django", "CORS_ORIGIN_WHITELIST"],
    ["go-rscors", "without any CORS header"],
  ])("%s warns about %s", (stack, words) => {
    const text =
      notes("preflight-wildcard-credentials", stack) +
      "\n" +
      fixFor(recordOf("preflight-wildcard-credentials"), stack).snippet;
    expect(text).toContain(words);
  });

  it("auth before CORS is named for the stack's own layers", () => {
    expect(notes("preflight-401-no-cors", "express")).toContain("app.use(cors(…)) must run before your authentication");
    expect(notes("preflight-401-no-cors", "spring")).toContain("Spring Security's authentication filters");
    expect(notes("preflight-401-no-cors", "aspnet")).toContain("UseAuthentication()");
  });

  it("nginx puts every header in the OPTIONS block and uses always", () => {
    const { snippet } = fixFor(recordOf("preflight-wildcard-credentials"), "nginx");
    const ifBlock = snippet.slice(snippet.indexOf("if ($request_method = OPTIONS)"));
    expect(ifBlock).toContain('add_header Access-Control-Allow-Origin "http://127.0.0.1:5173" always;');
    expect(ifBlock).toContain('add_header Access-Control-Allow-Credentials "true" always;');
    expect(ifBlock).toContain("return 204;");
    expect(snippet.match(/^\s*add_header/gm)!.length).toBe(snippet.match(/ always;$/gm)!.length);
  });

  it("S3 says it cannot allow a method outside its five", () => {
    expect(notes("method-case-mismatch", "s3")).toContain("S3 CORS cannot allow patch");
  });
});

describe("golden: Express, credentialed PUT with JSON", () => {
  it("is exactly this", () => {
    expect(fixFor(recordOf("preflight-wildcard-credentials"), "express").snippet).toBe(
      [
        'import cors from "cors";',
        "",
        "// The first app.use(), above every router, route and authentication middleware: it answers the",
        "// preflight itself and its headers stay on error responses.",
        "app.use(",
        "  cors({",
        '    origin: "http://127.0.0.1:5173",',
        "    credentials: true,",
        '    allowedHeaders: ["content-type"],',
        "  }),",
        ");",
        "",
      ].join("\n"),
    );
  });
});

describe("golden: raw headers, DELETE", () => {
  it("is exactly this", () => {
    expect(fixFor(recordOf("method-not-allowed"), "headers").snippet).toBe(
      [
        "Preflight: OPTIONS /s/method-not-allowed, answered with 204 (any 2xx) and:",
        "Access-Control-Allow-Origin: http://127.0.0.1:5173",
        "Access-Control-Allow-Methods: DELETE",
        "Vary: Origin",
        "",
        "Actual response: DELETE /s/method-not-allowed, on every status (errors included):",
        "Access-Control-Allow-Origin: http://127.0.0.1:5173",
        "Vary: Origin",
        "",
      ].join("\n"),
    );
  });
});

describe("calls CORS did not block", () => {
  it("say there is nothing to change, for every stack", () => {
    const record = recordOf("simple-get-ok");
    for (const { id } of STACKS) {
      const fix = fixFor(record, id);
      expect(fix.snippet).toContain("no CORS change is needed");
      expect(fix.language).toBe("text");
    }
    expect(clientAlternatives(record)).toEqual([]);
  });

  it("a network error is not a CORS fix", () => {
    const record = recordOf("missing-acao");
    const failed: CallRecord = {
      ...record,
      diagnosis: {
        ...record.diagnosis,
        outcome: "network-error",
        code: null,
        cause: { kind: "not-cors", severity: "info", summary: "The server refused the connection." },
      },
    };
    expect(fixFor(failed, "nginx").snippet).toContain("No CORS setting changes that");
  });

  it("rejects an unknown stack", () => {
    expect(() => fixFor(recordOf("missing-acao"), "cobol" as StackId)).toThrow(/unknown stack/);
  });
});

describe("client alternatives", () => {
  it("are all labelled as client-side, development or deployment alternatives", () => {
    for (const id of BLOCKED) {
      for (const alt of clientAlternatives(recordOf(id)))
        expect(alt.title).toMatch(/^(Client-side|Development|Deployment) alternative/);
    }
  });

  it("drop credentials only for credentialed calls", () => {
    const kinds = (id: string) => clientAlternatives(recordOf(id)).map((a) => a.kind);
    expect(kinds("wildcard-with-credentials")).toContain("drop-credentials");
    expect(kinds("header-not-allowed")).not.toContain("drop-credentials");
  });

  it("drop the custom header, not Content-Type or Authorization", () => {
    const drop = (id: string) => clientAlternatives(recordOf(id)).find((a) => a.kind === "drop-header");
    expect(drop("header-not-allowed")?.snippet).toContain('"x-custom"');
    expect(drop("authorization-not-allowed")).toBeUndefined();
    expect(drop("json-content-type-not-allowed")).toBeUndefined();
  });

  it("proxy the API through Vite, webpack-dev-server and Next.js from the observed URL", () => {
    const proxies = clientAlternatives(recordOf("preflight-wildcard-credentials")).filter(
      (a) => a.kind === "dev-proxy",
    );
    expect(proxies.map((p) => p.title)).toEqual([
      expect.stringContaining("(Vite)"),
      expect.stringContaining("(webpack-dev-server)"),
      expect.stringContaining("(Next.js)"),
    ]);
    expect(proxies[0]!.snippet).toContain(`"/s": { target: "${FAKE_ORIGINS.api}", changeOrigin: true }`);
    expect(proxies[1]!.snippet).toContain(`context: ["/s"], target: "${FAKE_ORIGINS.api}"`);
    expect(proxies[2]!.snippet).toContain(`destination: "${FAKE_ORIGINS.api}/s/:path*"`);
    for (const p of proxies) expect(p.snippet).toContain('"/s/preflight-wildcard-credentials"');
  });
});
