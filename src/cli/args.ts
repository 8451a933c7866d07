// Parses and validates `cors-lens` arguments into what a page's fetch() would be; every mistake is a UsageError.

import { parseArgs } from "node:util";
import { isToken, type Header } from "../cors/headers";
import { sameOrigin } from "../cors/origin";
import { normalizeMethod } from "../cors/safelist";
import { STACKS, type StackId } from "../fixes/index";
import { lookUpStack, stackNameProblem } from "../fixes/stack-names";

const STACK_NAMES = STACKS.map((s) => s.id);

/** Breaks a long list into indented lines of at most `width` characters. */
function wrap(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, indent + line].join("\n");
}

export const USAGE = `Usage: cors-lens check URL --origin ORIGIN [options]
       cors-lens audit URL [--origin ORIGIN] [--json]   (risky policies; see cors-lens audit --help)
       cors-lens har FILE.har [--origin ORIGIN] [--json | --md]   (a saved network log; see cors-lens har --help)

Sends what Chrome sends for a cross-origin fetch() from ORIGIN to URL (the preflight when one is needed,
then the request, following redirects), re-runs Chrome's CORS checks on the answers, and says whether the
browser would allow the call, which response header is at fault, and what it needs to hold. When a page on
ORIGIN calling URL would enter a more private address space (a public page calling 192.168.x.x or localhost;
host names are resolved with DNS), it also warns that Chrome 142+ needs the user's Local Network Access
permission, which a terminal cannot hold.

Options:
  --origin ORIGIN        the calling page's origin, e.g. https://app.example.com (or null)  [required]
  -X, --method METHOD    the request method (default GET)
  -H, --header 'N: v'    a header the page's script sets; repeat for more
  --credentials          credentials: 'include' (cookies, HTTP auth); implied by -H 'Cookie: ...'
  --stack NAME           print the change to make on the server, for one of these stacks:
${wrap(STACK_NAMES.join(", "), 100, "                         ")}
                         (other spellings work too: next.js, asp.net, django-cors-headers, rack-cors…)
  --json                 print a cors-lens/export@1 document instead of text
  --md                   print the ticket Markdown instead of text
  --include-secrets      keep Cookie, Authorization and token values in --json and --md (masked by default)
  --timeout DURATION     give up after this long in all (default 10s; e.g. 500ms, 30s, 2m)
  --repeat N             send the call N times in a row (1-1000) as Chrome would, reusing a preflight while
                         its Access-Control-Max-Age (Chrome: 5 s without it, at most 2 h) lasts, and say how
                         many preflights went out; --json then holds every call and the preflightSummary
  -h, --help             show this help

Exit codes: 0 allowed, 1 blocked (or failed in the browser for another reason), 2 bad usage,
3 unreachable (DNS, connection refused, TLS, timeout).
`;

export const AUDIT_USAGE = `Usage: cors-lens audit URL [--origin ORIGIN] [options]

Probes URL for risky CORS policies: sends GET requests with crafted Origin headers built around ORIGIN (and a
preflight when a GET answer has no CORS headers), and reports each kind of origin the server wrongly trusts,
graded high when it also sends Access-Control-Allow-Credentials: true.

Options:
  --origin ORIGIN        the origin the server is meant to trust, e.g. https://app.example.com; the tricks are
                         built around it (default: the URL's own origin)
  --json                 print a cors-lens/audit@1 document instead of text
  --timeout DURATION     give up after this long in all (default 10s; e.g. 500ms, 30s, 2m)
  -h, --help             show this help

Origins sent: the trusted one, any (https://evil.example), null, prefix (ORIGIN's host + .evil.example),
suffix (evil + its domain), unescaped dot (www.example.com → wwwxexample.com), substring (its host minus the
last letter), http:// instead of https://, a subdomain, special characters (\` _ ! ~ $ & ' = { }) and
third-party hosts anyone can publish on (GitHub Pages, CodePen, Netlify, Vercel…). One more preflight, from
ORIGIN, asks for Private Network Access (Access-Control-Request-Private-Network: true): a server still granting it
is reported (private-network-access), since Chrome 142+ ignores it. Only URL is contacted.

Exit codes: 0 nothing found, 1 findings, 2 bad usage, 3 unreachable (DNS, connection refused, TLS, timeout,
or some probes left unanswered).
`;

export const HAR_USAGE = `Usage: cors-lens har FILE.har [--origin ORIGIN] [--json | --md] [--stack NAME] [--include-secrets]

Reads a saved network log (HAR: Chrome, Edge or Firefox DevTools' export, chrome.devtools.network.getHAR(),
Playwright's recordHar, proxies' exports) and diagnoses every cross-origin call in it with the same engine as
check: one line per blocked call, then the evidence of each. Nothing in the file is run or fetched; the file is
streamed, so a large one is fine. What the file cannot tell (a call with no Origin header, a stripped Cookie
header, a response the producer did not keep) is said on the call, never guessed.

Options:
  --origin ORIGIN        the calling page's origin, for calls whose entry has no Origin header (by default the
                         origin of the file's page entry, and the report says so)
  --json                 print a cors-lens/export@1 document holding every cross-origin call
  --md                   print the ticket Markdown (calls failing the same way share one section)
  --stack NAME           the server stack to write each fix for (see cors-lens --help for the names)
  --include-secrets      keep Cookie, Authorization and token values in --json and --md (masked by default)
  -h, --help             show this help

Exit codes: 0 nothing blocked, 1 something blocked, 2 bad usage or a file that is not a HAR (the message says
what is wrong and where, e.g. "entry 12: response.headers is not an array").
`;

export class UsageError extends Error {}

export interface CheckOptions {
  /** Without a fragment, as the browser sends it. */
  url: string;
  /** A serialised origin, or "null" for an opaque one (sandboxed frame, file: page). */
  origin: string;
  /** Normalised as fetch() normalises it. */
  method: string;
  /** In the order given; a name given twice is one header with the values joined by ", ", as Chrome sends it. */
  headers: Header[];
  credentials: boolean;
  stack: StackId | null;
  json: boolean;
  md: boolean;
  includeSecrets: boolean;
  timeoutMs: number;
  /** --repeat: how many times to send the call (1 when not given). */
  repeat: number;
}

export interface HarOptions {
  file: string;
  /** For calls whose entry has no Origin header; null: the file's page entry decides. */
  origin: string | null;
  format: "text" | "json" | "md";
  stack: StackId | null;
  includeSecrets: boolean;
}

export interface AuditOptions {
  url: string;
  /** The origin the tricks are built around: --origin, or the URL's own. */
  trustedOrigin: string;
  json: boolean;
  timeoutMs: number;
}

export type Command =
  | { kind: "help"; usage: string }
  | { kind: "check"; options: CheckOptions }
  | { kind: "audit"; options: AuditOptions }
  | { kind: "har"; options: HarOptions };

const DEFAULT_TIMEOUT_MS = 10_000;

/** Headers the command sets itself: passing them would contradict what it is about to send. */
const OWNED_HEADERS: Record<string, string> = {
  origin: "use --origin",
  "access-control-request-method": "the preflight gets it from --method",
  "access-control-request-headers": "the preflight computes it from the -H headers",
  host: "it comes from the URL",
  "content-length": "the HTTP connection sets it",
  "transfer-encoding": "the HTTP connection sets it",
  connection: "the HTTP connection sets it",
  "keep-alive": "the HTTP connection sets it",
  te: "the HTTP connection sets it",
  trailer: "the HTTP connection sets it",
  upgrade: "the HTTP connection sets it",
  expect: "the HTTP connection sets it",
};

/** fetch() throws on these before any request exists. */
const FORBIDDEN_METHODS = new Set(["CONNECT", "TRACE", "TRACK"]);

export function parseCommand(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        origin: { type: "string" },
        method: { type: "string", short: "X" },
        header: { type: "string", short: "H", multiple: true },
        credentials: { type: "boolean" },
        stack: { type: "string" },
        json: { type: "boolean" },
        md: { type: "boolean" },
        "include-secrets": { type: "boolean" },
        timeout: { type: "string" },
        repeat: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const { values, positionals } = parsed;
  if ((values.help && positionals[0] === "audit") || (positionals[0] === "help" && positionals[1] === "audit")) {
    return { kind: "help", usage: AUDIT_USAGE };
  }
  if ((values.help && positionals[0] === "har") || (positionals[0] === "help" && positionals[1] === "har")) {
    return { kind: "help", usage: HAR_USAGE };
  }
  if (values.help || positionals.length === 0 || (positionals[0] === "help" && positionals.length === 1)) {
    return { kind: "help", usage: USAGE };
  }
  const [command, url, ...rest] = positionals;
  if (command === "audit") return parseAudit(values, url, rest);
  if (command === "har") return parseHar(values, url, rest);
  if (command !== "check") {
    throw new UsageError(`unknown command '${command}'; the commands are 'check', 'audit' and 'har'`);
  }
  if (values.json && values.md) throw new UsageError("--json and --md both choose the output: give one");
  if (url === undefined) throw new UsageError("check needs a URL");
  if (rest.length > 0) throw new UsageError(`unexpected argument '${rest[0]}' (quote header values: -H 'Name: value')`);
  if (values.origin === undefined) throw new UsageError("--origin is required: the origin of the page making the call");

  const origin = parseOrigin(values.origin);
  const target = parseUrl(url);
  if (origin !== "null" && sameOrigin(target, origin)) {
    throw new UsageError(`${target} is on the origin ${origin} itself: browsers apply CORS only to cross-origin calls`);
  }
  const headers = mergeHeaders((values.header ?? []).map(parseHeader));
  const sendsCookie = headers.some((h) => h.name.toLowerCase() === "cookie");
  const stack = parseStack(values.stack);
  return {
    kind: "check",
    options: {
      url: target,
      origin,
      method: parseMethod(values.method ?? "GET"),
      headers,
      credentials: values.credentials === true || sendsCookie,
      stack,
      json: values.json === true,
      md: values.md === true,
      includeSecrets: values["include-secrets"] === true,
      timeoutMs: values.timeout === undefined ? DEFAULT_TIMEOUT_MS : parseDuration(values.timeout),
      repeat: values.repeat === undefined ? 1 : parseRepeat(values.repeat),
    },
  };
}

const MAX_REPEAT = 1000;

function parseRepeat(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > MAX_REPEAT) {
    throw new UsageError(`--repeat '${text}' is not a number of calls from 1 to ${MAX_REPEAT}`);
  }
  return Number(text);
}

/** Options that shape check's one request; audit sends its own, so they would be silently ignored there. */
const CHECK_ONLY = ["method", "header", "credentials", "stack", "md", "include-secrets", "repeat"] as const;

function parseAudit(
  values: Partial<Record<(typeof CHECK_ONLY)[number] | "origin" | "json" | "timeout", unknown>>,
  url: string | undefined,
  rest: readonly string[],
): Command {
  if (url === undefined) throw new UsageError("audit needs a URL");
  if (rest.length > 0) throw new UsageError(`unexpected argument '${rest[0]}'`);
  const misplaced = CHECK_ONLY.find((name) => values[name] !== undefined);
  if (misplaced) throw new UsageError(`--${misplaced} is a check option; audit sends its own requests`);
  const target = parseUrl(url);
  let trustedOrigin = new URL(target).origin;
  if (typeof values.origin === "string") {
    trustedOrigin = parseOrigin(values.origin);
    if (!/^https?:\/\//.test(trustedOrigin)) {
      throw new UsageError(
        `--origin ${trustedOrigin}: the origin to audit around must be http(s) (null is always probed)`,
      );
    }
  }
  return {
    kind: "audit",
    options: {
      url: target,
      trustedOrigin,
      json: values.json === true,
      timeoutMs: typeof values.timeout === "string" ? parseDuration(values.timeout) : DEFAULT_TIMEOUT_MS,
    },
  };
}

function parseStack(name: string | undefined): StackId | null {
  if (name === undefined) return null;
  const lookup = lookUpStack(name);
  if (lookup.kind === "stack") return lookup.id;
  const problem = stackNameProblem(name, lookup) ?? "";
  throw new UsageError(lookup.kind === "ambiguous" ? problem : `${problem} (one of: ${STACK_NAMES.join(", ")})`);
}

/** Options that describe check's request: a HAR file already holds its requests. */
const REQUEST_ONLY = ["method", "header", "credentials", "timeout", "repeat"] as const;

function parseHar(
  values: Partial<
    Record<(typeof REQUEST_ONLY)[number] | "origin" | "json" | "md" | "stack" | "include-secrets", unknown>
  >,
  file: string | undefined,
  rest: readonly string[],
): Command {
  if (file === undefined) throw new UsageError("har needs a FILE (a .har saved from the browser or a tool)");
  if (rest.length > 0) throw new UsageError(`unexpected argument '${rest[0]}'`);
  const misplaced = REQUEST_ONLY.find((name) => values[name] !== undefined);
  if (misplaced) throw new UsageError(`--${misplaced} is a check option; the HAR file holds the requests`);
  if (values.json && values.md) throw new UsageError("--json and --md both choose the output: give one");
  return {
    kind: "har",
    options: {
      file,
      origin: typeof values.origin === "string" ? parseOrigin(values.origin) : null,
      format: values.json ? "json" : values.md ? "md" : "text",
      stack: parseStack(typeof values.stack === "string" ? values.stack : undefined),
      includeSecrets: values["include-secrets"] === true,
    },
  };
}

function parseUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`'${text}' is not a URL; write it in full, e.g. https://api.example.com/things`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UsageError(
      `${url.protocol} URLs cannot be checked: browsers apply CORS to http: and https: only (anything else is CorsDisabledScheme)`,
    );
  }
  if (url.username !== "" || url.password !== "") {
    throw new UsageError("fetch() refuses a URL with a username or password in it; send an Authorization header");
  }
  url.hash = "";
  return url.href;
}

function parseOrigin(text: string): string {
  if (text === "null") return text;
  let url: URL | null = null;
  try {
    url = new URL(text);
  } catch {
    // Falls through to the error below.
  }
  if (url && (url.protocol === "http:" || url.protocol === "https:")) {
    if (url.origin === text) return text;
    throw new UsageError(
      `--origin must be an origin exactly as the browser sends it (scheme://host[:port], no path, no trailing slash, no default port): did you mean ${url.origin}?`,
    );
  }
  // Extension and other non-web pages send origins such as chrome-extension://<id>.
  if (url && /^[a-z][a-z0-9+.-]*:\/\/[^/?#\s]+$/i.test(text)) return text;
  throw new UsageError(
    `--origin '${text}' is not an origin; write it as scheme://host[:port], e.g. https://app.example.com`,
  );
}

function parseMethod(text: string): string {
  if (!isToken(text)) throw new UsageError(`'${text}' is not an HTTP method`);
  if (FORBIDDEN_METHODS.has(text.toUpperCase())) throw new UsageError(`fetch() refuses the method ${text}`);
  return normalizeMethod(text);
}

function parseHeader(text: string): Header {
  const colon = text.indexOf(":");
  if (colon <= 0) throw new UsageError(`-H '${text}' is not 'Name: value'`);
  const name = text.slice(0, colon).trim();
  // fetch() strips leading and trailing HTTP whitespace from values.
  const value = text.slice(colon + 1).replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, "");
  if (!isToken(name)) throw new UsageError(`-H '${text}': '${name}' is not a valid header name`);
  if (/[\0\r\n]/.test(value)) throw new UsageError(`-H '${text}': a header value cannot hold NUL, CR or LF`);
  const owned = OWNED_HEADERS[name.toLowerCase()];
  if (owned) throw new UsageError(`-H '${name}' is not yours to set: ${owned}`);
  return { name, value };
}

/** Chrome sends a header the script set twice as one line, the values joined by ", ". */
function mergeHeaders(headers: readonly Header[]): Header[] {
  const out: Header[] = [];
  for (const h of headers) {
    const same = out.find((o) => o.name.toLowerCase() === h.name.toLowerCase());
    if (same) same.value = `${same.value}, ${h.value}`;
    else out.push({ ...h });
  }
  return out;
}

/** `500ms`, `10s`, `2m`, or a bare number of seconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  const ms = m ? Number(m[1]) * (m[2] === "ms" ? 1 : m[2] === "m" ? 60_000 : 1000) : NaN;
  if (!(ms > 0)) throw new UsageError(`--timeout '${text}' is not a duration such as 500ms, 10s or 2m`);
  return Math.ceil(ms);
}
