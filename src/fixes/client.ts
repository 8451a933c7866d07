// Client-side alternatives: changes to the page (or its dev server) that avoid the server change, always labelled as such.

import { comment, lines, q } from "./render";
import type { Requirements } from "./requirements";
import type { ClientAlternative } from "./types";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Headers a page usually adds for its own reasons and can often drop; content-type and authorization carry meaning. */
export function droppable(header: string): boolean {
  return header !== "content-type" && header !== "authorization" && header !== "accept";
}

function isDevOrigin(origin: string | null): boolean {
  if (!origin) return false;
  try {
    return LOOPBACK.has(new URL(origin).hostname);
  } catch {
    return false;
  }
}

export function dropCredentials(req: Requirements): ClientAlternative | null {
  if (!req.credentials) return null;
  return {
    kind: "drop-credentials",
    title: "Client-side alternative: call without credentials, if the data is public",
    language: "js",
    snippet: lines(
      comment(
        "// ",
        `Without cookies or HTTP auth the server may answer Access-Control-Allow-Origin: * and needs no Access-Control-Allow-Credentials. Only when ${req.url} needs no login.`,
      ),
      `fetch(${q(req.url)}, { credentials: "same-origin" }); // the default; was "include"`,
      "// XMLHttpRequest: xhr.withCredentials = false; axios: withCredentials: false",
      "",
    ),
  };
}

export function dropHeaders(req: Requirements): ClientAlternative | null {
  const custom = req.headers.filter(droppable);
  if (custom.length === 0) return null;
  const names = custom.join(", ");
  return {
    kind: "drop-header",
    title: `Client-side alternative: stop sending ${names}`,
    language: "js",
    snippet: lines(
      comment(
        "// ",
        `${names} ${custom.length > 1 ? "are" : "is"} not CORS-safelisted, so ${custom.length > 1 ? "they force" : "it forces"} a preflight the server must allow. If the server does not need ${custom.length > 1 ? "them" : "it"}, remove ${custom.length > 1 ? "them" : "it"} from the call (or from the client library's default headers); if it does, a query parameter avoids the preflight.`,
      ),
      ...custom.map((h) => `// headers: { ${q(h)}: … }  ← remove`),
      req.methods.length === 0 && req.headers.every((h) => custom.includes(h))
        ? "// With no other unsafe header or method left, the call needs no preflight at all."
        : null,
      "",
    ),
  };
}

/** The path prefix the dev proxy forwards: the API's first segment, or the exact path for a root resource. */
function proxyPrefix(req: Requirements): string {
  return req.pathPrefix === "/" ? req.path : req.pathPrefix.replace(/\/$/, "");
}

export function devProxies(req: Requirements): ClientAlternative[] {
  if (!isDevOrigin(req.pageOrigin)) return [];
  const prefix = proxyPrefix(req);
  const source = req.pathPrefix === "/" ? req.path : `${prefix}/:path*`;
  const target = req.serverOrigin;
  const relative = new URL(req.url).pathname + new URL(req.url).search;
  const callNote = `// Then call ${q(relative)} (same origin, no CORS at all) instead of ${q(req.url)}.`;
  const devOnly =
    "Development only: the production build still calls the API cross-origin unless it is served behind the same origin.";
  return [
    {
      kind: "dev-proxy",
      title: "Development alternative (Vite): proxy the API through the dev server",
      language: "js",
      snippet: lines(
        "// vite.config.js",
        comment("// ", devOnly),
        `import { defineConfig } from "vite";`,
        "",
        "export default defineConfig({",
        "  server: {",
        "    proxy: {",
        `      ${q(prefix)}: { target: ${q(target)}, changeOrigin: true },`,
        "    },",
        "  },",
        "});",
        callNote,
        "",
      ),
    },
    {
      kind: "dev-proxy",
      title: "Development alternative (webpack-dev-server): proxy the API through the dev server",
      language: "js",
      snippet: lines(
        "// webpack.config.js (webpack-dev-server 5; version 4 takes proxy: { [prefix]: { target, changeOrigin } })",
        comment("// ", devOnly),
        "module.exports = {",
        "  devServer: {",
        `    proxy: [{ context: [${q(prefix)}], target: ${q(target)}, changeOrigin: true }],`,
        "  },",
        "};",
        callNote,
        "",
      ),
    },
    {
      kind: "dev-proxy",
      title: "Development alternative (Next.js): rewrite the API path to the server",
      language: "js",
      snippet: lines(
        "// next.config.js",
        comment(
          "// ",
          "Rewrites proxy through the Next.js server; guarded to development here because in production it also routes every API call through Next.js.",
        ),
        "module.exports = {",
        "  async rewrites() {",
        `    if (process.env.NODE_ENV !== "development") return [];`,
        `    return [{ source: ${q(source)}, destination: ${q(target + source)} }];`,
        "  },",
        "};",
        callNote,
        "",
      ),
    },
  ];
}

export function sameOrigin(req: Requirements): ClientAlternative | null {
  if (!req.pageOrigin) return null;
  const prefix = req.pathPrefix;
  return {
    kind: "same-origin",
    title: "Deployment alternative: serve the API under the page's origin",
    language: "nginx",
    snippet: lines(
      comment(
        "# ",
        `In the server that serves ${req.pageOrigin}: the page calls ${prefix} on its own origin and no CORS is involved.`,
      ),
      `location ${prefix} {`,
      `    proxy_pass ${req.serverOrigin}${prefix};`,
      "}",
      "",
    ),
  };
}
