// Forgiving stack names: what a user types for --stack or the panel (golang, next.js, django-cors-headers) → a stack id.

import type { StackId } from "./types";

/**
 * The spellings each stack answers to besides its id (case, dots, dashes, slashes and spaces never matter):
 * the framework's names and the package that adds CORS to it. docs/stacks.md lists them for users.
 */
export const STACK_ALIASES: Readonly<Record<StackId, readonly string[]>> = {
  express: ["express.js", "expressjs", "cors", "express-cors"],
  fastify: ["@fastify/cors", "fastify-cors"],
  koa: ["koa.js", "koajs", "@koa/cors", "koa-cors", "koa2-cors", "kcors"],
  hono: ["hono/cors", "honojs"],
  nextjs: ["next", "next.js", "next-js"],
  nestjs: ["nest", "nest.js", "@nestjs/core", "@nestjs/common"],
  starlette: ["fastapi", "starlette.middleware.cors"],
  django: ["django-cors-headers", "corsheaders", "djangorestframework", "django-rest-framework", "drf"],
  flask: ["flask-cors", "flask_cors"],
  spring: ["spring-boot", "springboot", "spring-mvc", "spring-web", "spring-webflux", "spring-security", "java"],
  aspnet: ["asp.net", "asp.net-core", "aspnet-core", "aspnetcore", "dotnet", "c#", "csharp"],
  "go-nethttp": ["net/http", "go-net-http", "go-http", "gorilla", "gorilla/mux", "chi", "go-chi/chi"],
  "go-rscors": ["rs/cors", "github.com/rs/cors", "rscors", "go-rs-cors"],
  rails: ["ruby-on-rails", "rubyonrails", "ror", "rack-cors", "rack", "ruby"],
  nginx: ["openresty"],
  apache: ["httpd", "apache2", "apache-httpd", "htaccess", ".htaccess", "mod_headers"],
  caddy: ["caddyfile", "caddy2", "caddy-server"],
  s3: ["aws-s3", "amazon-s3", "s3-bucket"],
  apigateway: ["api-gateway", "aws-api-gateway", "amazon-api-gateway", "apigw", "http-api"],
  cloudflare: ["cf", "workers", "cloudflare-workers", "cf-workers", "worker", "wrangler"],
  headers: ["raw", "raw-headers", "http", "generic", "other"],
};

/** Names that fit more than one stack: the user is asked which one (each group's first line says why). */
export const AMBIGUOUS_NAMES: readonly { names: readonly string[]; stacks: readonly StackId[] }[] = [
  // Plain Go: both fixes wrap your handler; rs/cors is the library, net/http the hand-written middleware.
  { names: ["go", "golang"], stacks: ["go-nethttp", "go-rscors"] },
  {
    names: ["node", "nodejs", "node.js", "javascript", "js", "typescript", "ts"],
    stacks: ["express", "fastify", "koa", "hono", "nextjs", "nestjs"],
  },
  { names: ["python", "py"], stacks: ["starlette", "django", "flask"] },
  { names: ["aws", "amazon"], stacks: ["s3", "apigateway"] },
  // ".net" and "net" read as ASP.NET or as Go's net/http.
  { names: [".net", "net"], stacks: ["aspnet", "go-nethttp"] },
];

export type StackLookup =
  | { kind: "stack"; id: StackId }
  | { kind: "ambiguous"; candidates: StackId[] }
  | { kind: "unknown"; nearest: StackId[] };

/** Lower case, '#' read as "sharp" (c#), everything but letters and digits dropped: "ASP.NET" and "asp-net" meet. */
export function normalizeStackName(name: string): string {
  return name
    .toLowerCase()
    .replaceAll("#", "sharp")
    .replace(/[^a-z0-9]/g, "");
}

const EXACT = new Map<string, StackLookup>();
for (const [id, aliases] of Object.entries(STACK_ALIASES) as [StackId, readonly string[]][]) {
  for (const name of [id, ...aliases]) EXACT.set(normalizeStackName(name), { kind: "stack", id });
}
for (const { names, stacks } of AMBIGUOUS_NAMES) {
  for (const name of names) EXACT.set(normalizeStackName(name), { kind: "ambiguous", candidates: [...stacks] });
}

/** Edit distance counting a swap of two neighbours as one edit ("flaks" is 1 from "flask"): optimal string alignment. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : i)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The stack a typed name means, the stacks it could mean, or (for a name nobody uses) the stacks whose names are
 * nearest by edit distance, when near enough to be a typo. A trailing or leading "cors" is the package, not the
 * stack ("hono-cors" is hono), and a trailing "js" the language ("fastifyjs" is fastify).
 */
export function lookUpStack(name: string): StackLookup {
  const key = normalizeStackName(name);
  if (!key) return { kind: "unknown", nearest: [] };
  const tries = [key, key.replace(/cors$/, ""), key.replace(/^cors/, ""), key.replace(/js$/, "")];
  for (const t of tries) {
    const hit = t ? EXACT.get(t) : undefined;
    if (hit) return hit;
  }
  // About one typo in three letters ("kao", "djnago", "sprnig-boot"); farther names suggest nothing.
  let best = Math.max(1, Math.floor(key.length / 3));
  let nearest: StackId[] = [];
  for (const [known, lookup] of EXACT) {
    if (lookup.kind !== "stack") continue;
    const d = editDistance(key, known);
    if (d > best) continue;
    if (d < best || nearest.length === 0) [best, nearest] = [d, [lookup.id]];
    else if (d === best && !nearest.includes(lookup.id)) nearest.push(lookup.id);
  }
  return { kind: "unknown", nearest: nearest.slice(0, 3) };
}

/** "a", "a or b", "a, b or c". */
function either(ids: readonly string[]): string {
  return ids.length < 2 ? (ids[0] ?? "") : `${ids.slice(0, -1).join(", ")} or ${ids.at(-1)}`;
}

/** What to tell the user when a name picks no single stack; null when it does. */
export function stackNameProblem(name: string, lookup: StackLookup = lookUpStack(name)): string | null {
  if (lookup.kind === "stack") return null;
  if (lookup.kind === "ambiguous")
    return `'${name}' fits more than one stack: did you mean ${either(lookup.candidates)}?`;
  if (lookup.nearest.length === 0) return `unknown stack '${name}'`;
  return `unknown stack '${name}': did you mean ${either(lookup.nearest)}?`;
}
