// Active CORS audit: crafted Origin headers sent to one URL, and the misconfiguration class each accepted one proves.

import { combinedValue } from "../cors/check";
import { isIpHost, registrableDomain } from "../cors/origin";
import type { Header } from "../cors/headers";
import { NetFailure, sendHttp, type HttpResponse } from "../net/http";
import { severityRank, SHARED_FIX, type Severity } from "./advice";

/** Stable ids of what an accepted Origin proves, shared with the passive warnings where the risk is the same. */
type OriginKind =
  | "any-origin-reflected"
  | "null-origin-allowed"
  | "prefix-match"
  | "suffix-match"
  | "unescaped-dot"
  | "substring-match"
  | "insecure-origin-trusted"
  | "any-subdomain-trusted"
  | "special-characters"
  | "third-party-origin-trusted"
  | "wildcard-origin";

/** Every finding's id: the origin policy's, and a server still answering Private Network Access. */
export type AuditKind = OriginKind | "private-network-access";

/** What a probe tests: the trusted origin itself (the baseline) or one trick. */
export type ProbeClass = "trusted" | Exclude<OriginKind, "wildcard-origin">;

export interface Probe {
  class: ProbeClass;
  /** Sent as the Origin header. */
  origin: string;
}

/** The attacker's domain the tricks append: `.example` is reserved, so no one can own it. */
export const EVIL_DOMAIN = "evil.example";

/**
 * Characters some browsers accept inside a host name (WHATWG URL forbids none of them; Safari is the known case,
 * and underscores are widely accepted), which a check stopping at "the end of the trusted host" lets through.
 * `,` is left out on purpose: an Allow-Origin holding one is a list, which every browser refuses.
 */
export const SPECIAL_CHARACTERS = ["`", "_", "!", "~", "$", "&", "'", "=", "{", "}"] as const;

/** Hosts where anyone can publish a page, so trusting them trusts everyone (fixed names: no lookup is made). */
export const THIRD_PARTY_ORIGINS = [
  "https://cors-lens-audit.github.io",
  "https://codepen.io",
  "https://cdpn.io",
  "https://jsfiddle.net",
  "https://cors-lens-audit.netlify.app",
  "https://cors-lens-audit.vercel.app",
  "https://cors-lens-audit.herokuapp.com",
  "https://cors-lens-audit.pages.dev",
  "https://cors-lens-audit.web.app",
  "https://storage.googleapis.com",
] as const;

/** True when a browser could send this origin: it must survive URL parsing unchanged. */
function sendable(origin: string): boolean {
  try {
    return new URL(origin).origin === origin;
  } catch {
    return false;
  }
}

/**
 * The Origins to send, built around the trusted origin (its scheme and port are kept). Tricks that cannot form a
 * host name a browser would send (a suffix on an IP address, say) are left out.
 */
export function auditProbes(trustedOrigin: string): Probe[] {
  const trusted = new URL(trustedOrigin);
  const host = trusted.hostname;
  const domain = registrableDomain(host);
  const port = trusted.port ? `:${trusted.port}` : "";
  const at = (h: string, scheme = trusted.protocol): string => `${scheme}//${h}${port}`;
  const hostTricks = !isIpHost(host) && host.includes(".");

  const candidates: Probe[] = [
    { class: "trusted", origin: trustedOrigin },
    { class: "any-origin-reflected", origin: `https://${EVIL_DOMAIN}` },
    { class: "null-origin-allowed", origin: "null" },
    { class: "prefix-match", origin: at(`${host}.${EVIL_DOMAIN}`) },
  ];
  if (hostTricks) {
    candidates.push({ class: "suffix-match", origin: at(`evil${domain}`) });
    // The dot a pattern most likely leaves unescaped is the one before the domain ("www.example.com").
    const dotted = host === domain ? `wwwx${domain}` : `${host.slice(0, host.length - domain.length - 1)}x${domain}`;
    candidates.push({ class: "unescaped-dot", origin: at(dotted) });
    candidates.push({ class: "substring-match", origin: at(host.slice(0, -1)) });
    candidates.push({ class: "any-subdomain-trusted", origin: at(`anything.${host}`) });
    if (host !== domain) candidates.push({ class: "any-subdomain-trusted", origin: at(`anything.${domain}`) });
  }
  if (trusted.protocol === "https:") candidates.push({ class: "insecure-origin-trusted", origin: at(host, "http:") });
  for (const c of SPECIAL_CHARACTERS) {
    candidates.push({ class: "special-characters", origin: at(`${host}${c}.${EVIL_DOMAIN}`) });
  }
  for (const origin of THIRD_PARTY_ORIGINS) candidates.push({ class: "third-party-origin-trusted", origin });

  const seen = new Set<string>();
  return candidates.filter((p) => {
    const fresh = !seen.has(p.origin) && (p.origin === "null" || sendable(p.origin));
    seen.add(p.origin);
    return fresh && (p.class === "trusted" || p.origin !== trustedOrigin);
  });
}

/** What one probe got back. */
export interface ProbeAnswer {
  probe: Probe;
  /** GET, or OPTIONS when the GET answer had no Allow-Origin (the policy may live in the preflight handler only). */
  via: "GET" | "OPTIONS";
  status: number;
  allowOrigin: string | null;
  allowCredentials: boolean;
}

export interface AuditFinding {
  kind: AuditKind;
  severity: Severity;
  /** The Origin that showed it. */
  probeOrigin: string;
  via: "GET" | "OPTIONS";
  allowOrigin: string;
  allowCredentials: boolean;
  /** The risk, with what the server did. */
  summary: string;
  fix: string;
}

/** The `--json` document. */
export interface AuditDocument {
  schema: "cors-lens/audit@1";
  url: string;
  trustedOrigin: string;
  findings: AuditFinding[];
  /** How many Origins were sent. */
  probes: number;
  /** The probe Origins that got no HTTP answer (the audit is incomplete when there are any). */
  unanswered: string[];
}

/**
 * A class another finding already explains is not listed: a server that echoes any origin accepts every trick,
 * `startsWith(trusted)` accepts the special-character ones, and `endsWith(domain)` subdomains and the dot trick.
 */
const IMPLIED_BY: Partial<Record<OriginKind, OriginKind[]>> = {
  "null-origin-allowed": ["any-origin-reflected"],
  "prefix-match": ["any-origin-reflected"],
  "suffix-match": ["any-origin-reflected"],
  "unescaped-dot": ["any-origin-reflected", "suffix-match"],
  "substring-match": ["any-origin-reflected"],
  "insecure-origin-trusted": ["any-origin-reflected"],
  "any-subdomain-trusted": ["any-origin-reflected", "suffix-match"],
  "special-characters": ["any-origin-reflected", "prefix-match"],
  "third-party-origin-trusted": ["any-origin-reflected"],
};

/** Severity without and with Access-Control-Allow-Credentials: true (cookies make a readable response a leak). */
function severityOf(kind: OriginKind, credentials: boolean): Severity {
  if (kind === "wildcard-origin") return credentials ? "low" : "info";
  if (credentials) return "high";
  // Without credentials only what needs no login leaks; origins any page can take are still worse than ones to buy.
  return kind === "any-origin-reflected" || kind === "null-origin-allowed" ? "medium" : "low";
}

function explain(kind: OriginKind, a: ProbeAnswer, trusted: URL): { summary: string; fix: string } {
  const creds = a.allowCredentials;
  const reads = creds ? "read this API with the visitor's cookies" : "read what this API returns without a login";
  const domain = registrableDomain(trusted.hostname);
  const anchored = `^${trusted.origin.replace(/\./g, "\\.")}$`;
  switch (kind) {
    case "any-origin-reflected":
      return {
        summary: `The server echoes any Origin it is sent, so every website can ${reads}.`,
        fix: "Compare the Origin with an exact allow-list and answer only the origins on it (with Vary: Origin).",
      };
    case "null-origin-allowed":
      return {
        summary: `The server trusts Origin: null, which any site can send from a sandboxed iframe or a data: URL to ${reads}.`,
        fix: SHARED_FIX.nullOrigin,
      };
    case "prefix-match":
      return {
        summary: `The server accepts any origin that starts with ${trusted.origin}, so anyone can name a host of their own domain that way (${a.probe.origin}) and ${reads}.`,
        fix: `Compare whole origins for equality, or anchor the pattern at both ends (${anchored}).`,
      };
    case "suffix-match":
      return {
        summary: `The server accepts any origin that ends with ${domain}, so anyone can register a domain such as ${new URL(a.probe.origin).hostname} and ${reads}.`,
        fix: `Compare the Origin with a list of exact origins; a pattern must at least require the dot before ${domain} (and then still trusts every subdomain).`,
      };
    case "unescaped-dot":
      return {
        summary: `The server's pattern leaves a dot unescaped, so '.' matches any character: anyone can register ${new URL(a.probe.origin).hostname} and ${reads}.`,
        fix: `Escape the dots in origin patterns and anchor them (${anchored}), or compare with a list of exact origins.`,
      };
    case "substring-match":
      return {
        summary: `The server accepts ${a.probe.origin}, only part of ${trusted.origin}: it checks that its allowed text contains the Origin, so anyone can register a shorter name and ${reads}.`,
        fix: "Compare the Origin for equality with each allowed origin, not with contains, indexOf or `in` on a string.",
      };
    case "insecure-origin-trusted":
      return {
        summary: `The server trusts ${a.probe.origin}, the plain-HTTP twin of ${trusted.origin}, so anyone on the visitor's network can inject script into that origin and ${reads}.`,
        fix: SHARED_FIX.insecureOrigin,
      };
    case "any-subdomain-trusted":
      return {
        summary: `The server trusts any subdomain (${a.probe.origin} too), so one XSS or subdomain takeover anywhere under ${domain} is enough to ${reads}.`,
        fix: "List the subdomains that call this API, exactly, instead of a pattern.",
      };
    case "special-characters":
      return {
        summary: `The server's origin check stops at a special character after ${trusted.hostname} (it trusts ${a.probe.origin}), so in browsers that accept such a character in a host name a page on the attacker's domain can ${reads}.`,
        fix: "Parse the Origin with a URL parser and compare the whole origin (scheme, host, port) for equality.",
      };
    case "third-party-origin-trusted":
      return {
        summary: `The server trusts ${a.probe.origin}, a host where anyone can publish pages, so anyone can ${reads} from there.`,
        fix: "Trust only origins you control: remove shared hosting and code-playground domains from the allow-list.",
      };
    case "wildcard-origin":
      return creds
        ? {
            summary:
              "The server answers Access-Control-Allow-Origin: * with Allow-Credentials: true. Browsers refuse credentialed calls to *, so no cookie-bearing response leaks, but the pair says credentials were wanted, and the usual way to get them, echoing the Origin, would let every site read users' data.",
            fix: "Drop Allow-Credentials for public data, or answer an exact allow-list of origins with Allow-Credentials: true and Vary: Origin.",
          }
        : {
            summary:
              "The server answers Access-Control-Allow-Origin: *, so every website can read its responses (browsers never send cookies under *): fine for public data, a leak for anything protected by where the user is (intranet, IP allow-lists).",
            fix: "Keep * for public data only; name the allowed origins for anything else.",
          };
  }
}

/** The findings the answers prove, one per class, most severe first. Pure: the tests feed it answers directly. */
export function classify(trustedOrigin: string, answers: readonly ProbeAnswer[]): AuditFinding[] {
  const trusted = new URL(trustedOrigin);
  const best = new Map<OriginKind, { answer: ProbeAnswer; severity: Severity; order: number }>();
  answers.forEach((a, order) => {
    let kind: OriginKind | null = null;
    if (a.allowOrigin === "*") kind = "wildcard-origin";
    else if (a.probe.class !== "trusted" && a.allowOrigin === a.probe.origin) kind = a.probe.class;
    if (kind === null) return;
    const severity = severityOf(kind, a.allowCredentials);
    const prev = best.get(kind);
    if (!prev || severityRank(severity) > severityRank(prev.severity)) best.set(kind, { answer: a, severity, order });
  });
  return [...best]
    .filter(([kind]) => !(IMPLIED_BY[kind] ?? []).some((k) => best.has(k)))
    .sort(([, x], [, y]) => severityRank(y.severity) - severityRank(x.severity) || x.order - y.order)
    .map(([kind, { answer, severity }]) => ({
      kind,
      severity,
      probeOrigin: answer.probe.origin,
      via: answer.via,
      allowOrigin: answer.allowOrigin ?? "",
      allowCredentials: answer.allowCredentials,
      ...explain(kind, answer, trusted),
    }));
}

/** The answer to the one preflight that asks for Private Network Access, from the trusted origin. */
export interface PrivateNetworkAnswer {
  origin: string;
  status: number;
  allowOrigin: string | null;
  allowCredentials: boolean;
  /** Access-Control-Allow-Private-Network, as combined; null when absent. */
  allowPrivateNetwork: string | null;
}

/** The preflight a page's PUT sent under Private Network Access (Chrome 104–141), which some servers still answer. */
export const PRIVATE_NETWORK_PREFLIGHT: readonly Header[] = [
  { name: "Access-Control-Request-Method", value: "PUT" },
  { name: "Access-Control-Request-Headers", value: "content-type" },
  { name: "Access-Control-Request-Private-Network", value: "true" },
];

/** A finding when the server still grants Private Network Access, which Chrome 142+ no longer asks for. Pure. */
export function privateNetworkFinding(a: PrivateNetworkAnswer): AuditFinding | null {
  if (a.allowPrivateNetwork !== "true") return null;
  return {
    kind: "private-network-access",
    severity: "info",
    probeOrigin: a.origin,
    via: "OPTIONS",
    allowOrigin: a.allowOrigin ?? "",
    allowCredentials: a.allowCredentials,
    summary: `The server answers a preflight carrying Access-Control-Request-Private-Network: true with Access-Control-Allow-Private-Network: true: it still relies on Private Network Access, which Chrome 142+ replaced with the user's Local Network Access permission. That header is neither needed nor sufficient: no response header lets a page on a public address reach this server now; the page must hold the permission.`,
    fix: SHARED_FIX.privateNetworkAccess,
  };
}

export interface AuditRequest {
  url: string;
  trustedOrigin: string;
  /** For the whole audit. */
  timeoutMs: number;
  userAgent: string;
}

export interface AuditResult {
  document: AuditDocument;
  /** The answer to the trusted origin itself, null when it got none. */
  baseline: ProbeAnswer | null;
  /** Set when the server gave no answer at all (the first probe failed) or some probes got none. */
  unreachable: NetFailure | null;
}

/** Probes in flight at once: quick on a real API, gentle enough not to look like a flood. */
const CONCURRENCY = 4;

export async function runAudit(req: AuditRequest): Promise<AuditResult> {
  const signal = AbortSignal.timeout(req.timeoutMs);
  const probes = auditProbes(req.trustedOrigin);
  const document: AuditDocument = {
    schema: "cors-lens/audit@1",
    url: req.url,
    trustedOrigin: req.trustedOrigin,
    findings: [],
    probes: probes.length,
    unanswered: [],
  };

  const ask = async (probe: Probe): Promise<ProbeAnswer> => {
    const base: Header[] = [
      { name: "Accept", value: "*/*" },
      { name: "Origin", value: probe.origin },
      { name: "User-Agent", value: req.userAgent },
    ];
    const get = await sendHttp({ url: req.url, method: "GET", headers: base, signal });
    const answer = (via: "GET" | "OPTIONS", r: HttpResponse): ProbeAnswer => ({
      probe,
      via,
      status: r.statusCode,
      allowOrigin: combinedValue(r.headers, "Access-Control-Allow-Origin"),
      allowCredentials: combinedValue(r.headers, "Access-Control-Allow-Credentials") === "true",
    });
    if (combinedValue(get.headers, "Access-Control-Allow-Origin") !== null) return answer("GET", get);
    // What a page's JSON PUT would ask: the preflight handler is where some servers keep their whole policy.
    const preflight = await sendHttp({
      url: req.url,
      method: "OPTIONS",
      headers: [
        ...base,
        { name: "Access-Control-Request-Method", value: "PUT" },
        { name: "Access-Control-Request-Headers", value: "content-type" },
      ],
      signal,
    });
    return combinedValue(preflight.headers, "Access-Control-Allow-Origin") !== null
      ? answer("OPTIONS", preflight)
      : answer("GET", get);
  };
  /** One preflight as Private Network Access sent it, from the trusted origin: does the server still answer it? */
  const askPrivateNetwork = async (): Promise<PrivateNetworkAnswer> => {
    const r = await sendHttp({
      url: req.url,
      method: "OPTIONS",
      headers: [
        { name: "Accept", value: "*/*" },
        { name: "Origin", value: req.trustedOrigin },
        { name: "User-Agent", value: req.userAgent },
        ...PRIVATE_NETWORK_PREFLIGHT,
      ],
      signal,
    });
    return {
      origin: req.trustedOrigin,
      status: r.statusCode,
      allowOrigin: combinedValue(r.headers, "Access-Control-Allow-Origin"),
      allowCredentials: combinedValue(r.headers, "Access-Control-Allow-Credentials") === "true",
      allowPrivateNetwork: combinedValue(r.headers, "Access-Control-Allow-Private-Network"),
    };
  };
  const failed = (err: unknown): NetFailure =>
    err instanceof NetFailure ? err : new NetFailure("net::ERR_FAILED", String(err));

  // The trusted origin goes first and alone: when it gets no answer, nothing else would.
  let baseline: ProbeAnswer;
  try {
    baseline = await ask(probes[0]!);
  } catch (err) {
    document.unanswered = probes.map((p) => p.origin);
    return { document, baseline: null, unreachable: failed(err) };
  }
  const answers: ProbeAnswer[] = [baseline];
  let unreachable: NetFailure | null = null;
  const rest = probes.slice(1);
  const results: (ProbeAnswer | null)[] = new Array<ProbeAnswer | null>(rest.length).fill(null);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < rest.length) {
      const i = next++;
      try {
        results[i] = await ask(rest[i]!);
      } catch (err) {
        unreachable ??= failed(err);
      }
    }
  };
  let privateNetwork: AuditFinding | null = null;
  const pna = async (): Promise<void> => {
    try {
      privateNetwork = privateNetworkFinding(await askPrivateNetwork());
    } catch (err) {
      unreachable ??= failed(err);
    }
  };
  await Promise.all([pna(), ...Array.from({ length: Math.min(CONCURRENCY, rest.length) }, worker)]);
  // In probe order, whatever order the answers came in, so two runs print the same report.
  results.forEach((r, i) => (r ? answers.push(r) : document.unanswered.push(rest[i]!.origin)));
  // The deprecated-header finding is no risk: it comes after the origin policy's.
  document.findings = [...classify(req.trustedOrigin, answers), ...(privateNetwork ? [privateNetwork] : [])];
  return { document, baseline, unreachable };
}
