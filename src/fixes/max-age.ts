// Per-stack snippets that make the server send Access-Control-Max-Age on its preflight answers (issue 20's advice).

import { CHROME_MAX_AGE, FIREFOX_MAX_AGE } from "../cors/preflight-cache";
import { lines } from "./render";
import type { StackId } from "./types";

export interface MaxAgeSnippet {
  snippet: string;
  language: string;
  notes: string[];
}

const S = CHROME_MAX_AGE;

/** What to add, stack by stack: only the Max-Age part of each stack's CORS configuration (keep the rest as it is). */
const SNIPPETS: Record<StackId, Omit<MaxAgeSnippet, "notes"> & { note?: string }> = {
  express: { language: "js", snippet: lines(`app.use(cors({ /* your options */ maxAge: ${S} }));`, "") },
  fastify: { language: "js", snippet: lines(`await app.register(cors, { /* your options */ maxAge: ${S} });`, "") },
  koa: { language: "js", snippet: lines(`app.use(cors({ /* your options */ maxAge: ${S} }));`, "") },
  hono: { language: "ts", snippet: lines(`app.use("/api/*", cors({ /* your options */ maxAge: ${S} }));`, "") },
  nextjs: {
    language: "ts",
    snippet: lines(
      "// middleware.ts, where the OPTIONS preflight is answered:",
      `response.headers.set("Access-Control-Max-Age", "${S}");`,
      "",
    ),
  },
  nestjs: { language: "ts", snippet: lines(`app.enableCors({ /* your options */ maxAge: ${S} });`, "") },
  starlette: {
    language: "python",
    snippet: lines(`app.add_middleware(CORSMiddleware, max_age=${S})  # with your other options`, ""),
    note: "Starlette's CORSMiddleware sends max_age=600 when you set none.",
  },
  django: {
    language: "python",
    snippet: lines(`CORS_PREFLIGHT_MAX_AGE = ${S}  # settings.py (django-cors-headers)`, ""),
    note: "django-cors-headers sends 86400 by default, which Chrome cuts to 7200: set it only if you changed it.",
  },
  flask: { language: "python", snippet: lines(`CORS(app, max_age=${S})  # with your other options`, "") },
  spring: {
    language: "java",
    snippet: lines(`registry.addMapping("/api/**") /* your options */ .maxAge(${S});`, ""),
    note: "Spring's CorsConfiguration sends 1800 when you set none.",
  },
  aspnet: {
    language: "csharp",
    snippet: lines(`policy /* your options */ .SetPreflightMaxAge(TimeSpan.FromSeconds(${S}));`, ""),
  },
  "go-nethttp": {
    language: "go",
    snippet: lines(`// In the branch that answers OPTIONS:`, `w.Header().Set("Access-Control-Max-Age", "${S}")`, ""),
  },
  "go-rscors": { language: "go", snippet: lines(`cors.New(cors.Options{ /* your options */ MaxAge: ${S} })`, "") },
  rails: {
    language: "ruby",
    snippet: lines(`resource "/api/*", headers: :any, methods: :any, max_age: ${S} # config/initializers/cors.rb`, ""),
  },
  nginx: {
    language: "nginx",
    snippet: lines("# In the block that answers OPTIONS:", `add_header Access-Control-Max-Age ${S} always;`, ""),
  },
  apache: {
    language: "apache",
    snippet: lines(`Header always set Access-Control-Max-Age "${S}"`, ""),
  },
  caddy: {
    language: "caddyfile",
    snippet: lines("# In the handler that answers OPTIONS:", `header Access-Control-Max-Age ${S}`, ""),
  },
  s3: { language: "json", snippet: lines(`"MaxAgeSeconds": ${S}`, "") },
  apigateway: {
    language: "yaml",
    snippet: lines("# HTTP API:", "CorsConfiguration:", `  MaxAge: ${S}`, ""),
    note: "A REST API answers OPTIONS from its mock integration: add method.response.header.Access-Control-Max-Age: \"'7200'\" there.",
  },
  cloudflare: {
    language: "js",
    snippet: lines("// In the Worker's answer to OPTIONS:", `headers.set("Access-Control-Max-Age", "${S}");`, ""),
  },
  headers: { language: "text", snippet: lines(`Access-Control-Max-Age: ${S}`, "") },
};

const COMMON = [
  `Send it on the answer to OPTIONS: the browser keeps the preflight's grant for that long and skips the preflight for calls to the same URL. Chrome keeps one at most ${CHROME_MAX_AGE} s (2 h) and Firefox ${FIREFOX_MAX_AGE} s (24 h); a longer value only delays a tightened policy.`,
  "The cache is per calling origin, exact URL (query string included), credentials mode and network partition: each distinct URL pays its own first preflight.",
];

export function maxAgeSnippet(stack: StackId): MaxAgeSnippet {
  const { snippet, language, note } = SNIPPETS[stack];
  return { snippet, language, notes: [...(note ? [note] : []), ...COMMON] };
}
