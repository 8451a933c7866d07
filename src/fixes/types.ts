// The shape of a server fix: what every per-stack module returns for a blocked call.

export type StackId =
  | "express"
  | "fastify"
  | "koa"
  | "hono"
  | "nextjs"
  | "nestjs"
  | "starlette"
  | "django"
  | "flask"
  | "spring"
  | "aspnet"
  | "go-nethttp"
  | "go-rscors"
  | "rails"
  | "nginx"
  | "apache"
  | "caddy"
  | "s3"
  | "apigateway"
  | "cloudflare"
  | "headers";

export interface Fix {
  stack: StackId;
  /** One line: what this change does ("Allow http://127.0.0.1:5173 with credentials on /api/things"). */
  title: string;
  /** The code or configuration to add or change, ready to paste. */
  snippet: string;
  /** The snippet's language for highlighting (js, ts, python, nginx, apache, caddyfile, json, yaml, go, ruby, java, csharp, text). */
  language: string;
  /** Traps of this stack and what to check (e.g. nginx `add_header … always`). */
  notes: string[];
}

/** A change on the client side that may be the better fix, always labelled as such. */
export interface ClientAlternative {
  kind: "drop-credentials" | "drop-header" | "dev-proxy" | "same-origin";
  title: string;
  snippet: string;
  language: string;
}
