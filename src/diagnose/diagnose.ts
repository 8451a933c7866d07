// Exchange → Diagnosis: picks the credentials mode that explains what the browser did, then the verdict and its cause.

import type { CredentialsMode } from "../cors/check";
import { hasHeader } from "../cors/headers";
import type { Exchange, Step } from "../capture/exchange";
import { deeperCause, notCorsCause } from "./causes";
import type { Diagnosis, Note } from "./diagnosis";
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

/** Credentials mode is not in webRequest: use the Cookie header, the page hook, and what the browser did. */
function chooseCredentials(exchange: Exchange): Choice {
  if (sentCookie(exchange)) return { verdict: evaluate(exchange, "include"), credentials: "include", assumptions: [] };
  const hinted = exchange.hints?.credentials;
  if (hinted) return { verdict: evaluate(exchange, hinted), credentials: hinted, assumptions: [] };
  const without = evaluate(exchange, "same-origin");
  const withCreds = evaluate(exchange, "include");
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
  if (exchange.outcome === "completed") {
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

export function diagnose(exchange: Exchange): Diagnosis {
  const { verdict, credentials, assumptions } = chooseCredentials(exchange);
  const origin = verdict.origins[verdict.hopIndex] ?? requestOrigin(exchange);
  const warnings: Note[] = [];
  if (verdict.authorizationUnderWildcard) {
    warnings.push({
      kind: "authorization-covered-by-wildcard",
      severity: "medium",
      summary:
        "The Authorization header is allowed only by Access-Control-Allow-Headers: *. Chrome still lets this pass (with a deprecation warning) but the Fetch standard does not, and Chrome will enforce it: list Authorization explicitly.",
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
  // A failure the browser did not report is no failure: the browser's own outcome wins.
  if (verdict.failure && exchange.outcome !== "completed") {
    const f = verdict.failure;
    const stage = verdict.stage!;
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
    };
  }
  if (exchange.outcome === "failed") {
    const cause = notCorsCause(exchange.error);
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
