// Exchange → Diagnosis: picks the credentials mode that explains what the browser did, then the verdict and its cause.

import type { CredentialsMode } from "../cors/check";
import { FIREFOX_REASONS, firefoxConsoleText, type BrowserName } from "../cors/codes";
import { hasHeader } from "../cors/headers";
import { lastHop, type Exchange, type Step } from "../capture/exchange";
import { deeperCause, headersNotSeenCause, notCorsCause } from "./causes";
import type { Diagnosis, Note } from "./diagnosis";
import { firefoxVerdict } from "./firefox";
import { firefoxLocalNetworkBlock, localNetworkBlock } from "./local-network";
import { preflightUnexplained } from "./preflight-reasons";
import { summarize } from "./summary";
import { evaluate, requestOrigin, type Verdict } from "./verdict";

function sentCookie(exchange: Exchange): boolean {
  return exchange.hops.some((h) => hasHeader(h.request.requestHeaders, "cookie"));
}

interface Choice {
  verdict: Verdict;
  credentials: CredentialsMode | "unknown";
  assumptions: string[];
}

export interface DiagnoseOptions {
  /** Whose verdict to reproduce; Chrome's by default. */
  browser?: BrowserName;
}

/** Credentials mode is not in webRequest: use the Cookie header, the page hook, and what the browser did. */
function chooseCredentials(exchange: Exchange, browser: BrowserName): Choice {
  const check = (mode: CredentialsMode): Verdict => evaluate(exchange, mode, browser);
  if (sentCookie(exchange)) return { verdict: check("include"), credentials: "include", assumptions: [] };
  const hinted = exchange.hints?.credentials;
  if (hinted) return { verdict: check(hinted), credentials: hinted, assumptions: [] };
  const without = check("same-origin");
  const withCreds = check("include");
  const differs = without.failure?.code !== withCreds.failure?.code;
  if (!differs) return { verdict: without, credentials: "unknown", assumptions: [] };
  if (exchange.outcome === "failed" && !without.failure && withCreds.failure) {
    return {
      verdict: withCreds,
      credentials: "include",
      assumptions: [
        "The request's credentials mode was inferred as 'include': no Cookie header was sent (none set, or third-party cookies blocked), but the browser blocked a response that passes without credentials.",
      ],
    };
  }
  // Firefox's webRequest reports a response that Firefox then blocked as completed: there it settles nothing.
  if (exchange.outcome === "completed" && browser === "chrome") {
    return { verdict: without, credentials: without.failure ? "unknown" : "same-origin", assumptions: [] };
  }
  return {
    verdict: without,
    credentials: "unknown",
    assumptions: [
      "Assumed the request was sent without credentials (no Cookie header seen); with credentials: 'include' the verdict would be " +
        (withCreds.failure?.code ?? "allowed") +
        ".",
    ],
  };
}

function decidingStep(exchange: Exchange, verdict: Verdict): Step {
  const hop = exchange.hops[verdict.hopIndex]!;
  return verdict.stage === "preflight" && hop.preflight ? hop.preflight : hop.request;
}

/**
 * The browser's verdict and its cause, with the engine's own warnings. The security lint of the headers comes after
 * the diagnosis in the data flow (src/audit adds it, `toRecord` in src/store applies it): use `toRecord` for what the
 * panel, the console and the command line show.
 */
export function diagnose(exchange: Exchange, options: DiagnoseOptions = {}): Diagnosis {
  const browser = options.browser ?? "chrome";
  const { verdict, credentials, assumptions } = chooseCredentials(exchange, browser);
  const origin = verdict.origins[verdict.hopIndex] ?? requestOrigin(exchange);
  const warnings: Note[] = [];
  if (verdict.authorizationUnderWildcard) {
    const name = browser === "firefox" ? "Firefox" : "Chrome";
    warnings.push({
      kind: "authorization-covered-by-wildcard",
      severity: "medium",
      summary: `The Authorization header is allowed only by Access-Control-Allow-Headers: *. ${name} still lets this pass (with a deprecation warning${browser === "firefox" ? ", CORSAllowHeaderFromPreflightDeprecation" : ""}) but the Fetch standard does not, and ${name} will enforce it: list Authorization explicitly.`,
    });
  }
  const step = decidingStep(exchange, verdict);
  const base = {
    failedParameter: "",
    disallowed: [] as string[],
    warnings,
    assumptions,
    origin,
    credentials,
    hopIndex: verdict.hopIndex,
    statusCode: step.statusCode,
  };
  // Local Network Access decides before any response is read, so before CORS: Chrome's own LNA verdicts.
  const lna = browser === "chrome" ? localNetworkBlock(exchange) : firefoxLocalNetworkBlock(exchange);
  if (lna) {
    const reason = "CORSDidNotSucceed2" as const;
    return {
      ...(browser === "firefox"
        ? {
            firefox: {
              reason,
              message: firefoxConsoleText(reason, lastHop(exchange).request.url, "", null),
              mdn: FIREFOX_REASONS[reason].mdn,
            },
          }
        : {}),
      ...base,
      outcome: "blocked",
      code: lna.code,
      stage: lna.stage,
      hopIndex: lna.hopIndex,
      statusCode: null,
      header: null,
      received: null,
      expected: null,
      summary: lna.summary,
      cause: lna.cause,
      localNetwork: lna.facts,
    };
  }
  // A failure Chrome did not report is no failure: its own outcome wins. Firefox's webRequest never reports one.
  if (verdict.failure && (exchange.outcome !== "completed" || browser === "firefox")) {
    const f = verdict.failure;
    const stage = verdict.stage!;
    const firefox = browser === "firefox" ? firefoxVerdict(f, step) : null;
    assumptions.push(...(firefox?.assumptions ?? []));
    return {
      ...base,
      outcome: "blocked",
      code: f.code,
      failedParameter: f.failedParameter,
      disallowed: f.disallowed,
      stage,
      header: f.header,
      received: f.received,
      expected: f.expected,
      summary: summarize(f, stage, step.statusCode),
      cause: deeperCause(f, step, stage, origin),
      ...(firefox ? { firefox: firefox.verdict } : {}),
    };
  }
  if (exchange.outcome === "failed") {
    const unseen =
      exchange.error === "net::ERR_FAILED" &&
      exchange.hops.every((h) => !h.preflight && h.request.responseHeaders === null);
    const cause = unseen ? headersNotSeenCause() : notCorsCause(exchange.error);
    return {
      ...base,
      outcome: "network-error",
      code: null,
      stage: null,
      header: null,
      received: null,
      expected: null,
      summary: cause.summary,
      cause,
    };
  }
  if (verdict.usedCachedPreflight) {
    assumptions.push(
      "No preflight was seen although this request needs one: the browser used a cached preflight (Access-Control-Max-Age).",
    );
  }
  return {
    ...base,
    outcome: "allowed",
    code: null,
    stage: null,
    header: null,
    received: null,
    expected: null,
    summary: "CORS allowed this call.",
    cause: null,
  };
}

/**
 * Whether the page hook's hint (credentials mode, calling line) is worth asking for: for every call that failed,
 * for a preflight that neither the method nor a header explains, and in Firefox for every call the checks fail in some credentials mode, since Firefox's webRequest reports the
 * calls it blocks on their response as completed.
 */
export function needsPageHint(exchange: Exchange, options: DiagnoseOptions = {}): boolean {
  if (exchange.outcome === "failed") return true;
  // A preflight neither the method nor a header explains: the call's upload listener or stream body did.
  if (preflightUnexplained(exchange)) return true;
  if (options.browser !== "firefox" || exchange.outcome !== "completed") return false;
  return (["same-origin", "include"] as const).some((mode) => evaluate(exchange, mode, "firefox").failure !== null);
}
