// The CORS lab's /audit/* endpoints: each a risky origin policy written the way real servers get it wrong, plus one right.

import type { IncomingMessage, ServerResponse } from "node:http";

/** The origin every /audit/* policy is meant to trust; audit them with --origin AUDIT_TRUSTED_ORIGIN. */
export const AUDIT_TRUSTED_ORIGIN = "https://app.example.com";
const T = AUDIT_TRUSTED_ORIGIN;

interface Policy {
  /** Whether the server grants this Origin (echoing it back), as the broken code decides. */
  allows(origin: string): boolean;
  /** Access-Control-Allow-Credentials: true with every grant. */
  credentials: boolean;
  /** Answers * instead of echoing. */
  wildcard?: boolean;
  /** Grants only on OPTIONS: the GET answer has no CORS headers. */
  preflightOnly?: boolean;
  /** Vary: Origin on every answer, as an echoing server must. */
  vary?: boolean;
  /** Answers Access-Control-Request-Private-Network: true with Access-Control-Allow-Private-Network: true. */
  privateNetwork?: boolean;
}

const exact =
  (...allowed: string[]) =>
  (origin: string): boolean =>
    allowed.includes(origin);

/** Every policy by route name; the comment is the mistake it reproduces. */
export const AUDIT_POLICIES: Record<string, Policy> = {
  // Right: an exact allow-list, credentials, Vary: Origin.
  correct: { allows: exact(T), credentials: true, vary: true },
  // res.setHeader("Access-Control-Allow-Origin", req.headers.origin)
  "reflect-any": { allows: (o) => o !== "", credentials: true },
  "reflect-any-public": { allows: (o) => o !== "", credentials: false },
  "reflect-any-preflight": { allows: (o) => o !== "", credentials: true, preflightOnly: true },
  // origin.startsWith("https://app.example.com")
  prefix: { allows: (o) => o.startsWith(T), credentials: true },
  // /^https:\/\/.*example\.com$/
  suffix: { allows: (o) => /^https:\/\/.*example\.com$/.test(o), credentials: true },
  // /^https:\/\/app.example.com$/ (the dots match any character)
  "unescaped-dot": { allows: (o) => /^https:\/\/app.example.com$/.test(o), credentials: true },
  // "https://app.example.com".includes(origin)
  substring: { allows: (o) => o !== "" && T.includes(o), credentials: true },
  // ["https://app.example.com", "null"]
  null: { allows: exact(T, "null"), credentials: true },
  // ["https://app.example.com", "http://app.example.com"]
  http: { allows: exact(T, "http://app.example.com"), credentials: true },
  // /^https:\/\/([a-z0-9-]+\.)*example\.com$/
  subdomain: { allows: (o) => /^https:\/\/([a-z0-9-]+\.)*example\.com$/.test(o), credentials: true },
  // The trusted origin, then anything but a host character: "the host ends here", says the naive check.
  "special-chars": {
    allows: (o) => o.startsWith(T) && !/[a-z0-9.:-]/i.test(o.charAt(T.length)),
    credentials: true,
  },
  // [T, /^https:\/\/[a-z0-9-]+\.github\.io$/]: "our docs on GitHub Pages call the API".
  "third-party": { allows: (o) => o === T || /^https:\/\/[a-z0-9-]+\.github\.io$/.test(o), credentials: true },
  // The correct policy, plus the Private Network Access answer a device kept from Chrome 104–141.
  "private-network": { allows: exact(T), credentials: true, vary: true, privateNetwork: true },
  // Access-Control-Allow-Origin: *
  wildcard: { allows: () => true, credentials: false, wildcard: true },
  // * with Access-Control-Allow-Credentials: true (browsers refuse the credentialed calls)
  "wildcard-credentials": { allows: () => true, credentials: true, wildcard: true },
};

/** Answers /audit/<name>; returns false for any other path so the lab's other routes are untouched. */
export function handleAuditRoute(req: IncomingMessage, res: ServerResponse, pathname: string): boolean {
  if (!pathname.startsWith("/audit/")) return false;
  const policy = AUDIT_POLICIES[pathname.slice("/audit/".length)];
  if (!policy) {
    res.writeHead(404, { "Content-Type": "text/plain" }).end("no such audit route\n");
    return true;
  }
  const preflight = req.method === "OPTIONS";
  const origin = req.headers.origin ?? "";
  if (policy.vary) res.setHeader("Vary", "Origin");
  if (policy.allows(origin) && (preflight || !policy.preflightOnly)) {
    res.setHeader("Access-Control-Allow-Origin", policy.wildcard ? "*" : origin);
    if (policy.credentials) res.setHeader("Access-Control-Allow-Credentials", "true");
    if (preflight) {
      res.setHeader("Access-Control-Allow-Methods", "GET, POST, PUT");
      res.setHeader("Access-Control-Allow-Headers", "Content-Type");
      if (policy.privateNetwork && req.headers["access-control-request-private-network"] === "true") {
        res.setHeader("Access-Control-Allow-Private-Network", "true");
      }
    }
  }
  if (preflight) res.writeHead(204).end();
  else res.writeHead(200, { "Content-Type": "application/json" }).end('{"account":"lab user"}');
  return true;
}
