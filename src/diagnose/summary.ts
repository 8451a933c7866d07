// One sentence per verdict: which header, what it held, what it needed.

import type { Exchange, Step } from "../capture/exchange";
import type { CheckFailure } from "../cors/check";
import type { Stage } from "./verdict";

function quote(v: string | null): string {
  return v === null ? "absent" : `'${v}'`;
}

/** Which response a stage's check read, in words: "preflight (OPTIONS) response", "redirect response", "response". */
export function responseName(stage: Stage | null): string {
  return stage === "preflight"
    ? "preflight (OPTIONS) response"
    : stage === "redirect"
      ? "redirect response"
      : "response";
}

export function summarize(f: CheckFailure & { disallowed: string[] }, stage: Stage, statusCode: number | null): string {
  const where = `The ${responseName(stage)}`;
  const code = f.code.replace(/^Preflight/, "");
  switch (code) {
    case "MissingAllowOriginHeader":
      return `${where} has no Access-Control-Allow-Origin header; it needs Access-Control-Allow-Origin: ${f.expected.replace(" (or *)", "")}.`;
    case "WildcardOriginNotAllowed":
      return `${where} sends Access-Control-Allow-Origin: * but the request carries credentials, so it must name the origin ${f.expected} (and send Access-Control-Allow-Credentials: true).`;
    case "MultipleAllowOriginValues":
      return `${where} sends several Access-Control-Allow-Origin values (${quote(f.received)}); it must send exactly one: ${f.expected.replace(" (or *)", "")}.`;
    case "InvalidAllowOriginValue":
      return `${where} sends Access-Control-Allow-Origin ${quote(f.received)}, which is not a valid origin; it needs ${f.expected.replace(" (or *)", "")}.`;
    case "AllowOriginMismatch":
      return `${where} allows origin ${quote(f.received)}, but the request's origin is ${f.expected.replace(" (or *)", "")}.`;
    case "InvalidAllowCredentials":
      return `${where} has Access-Control-Allow-Credentials ${quote(f.received)}, but a credentialed request needs exactly 'true'.`;
    case "InvalidStatus":
      return `The preflight (OPTIONS) got HTTP ${statusCode ?? "no status"}; it needs a 2xx status (200 or 204).`;
    case "DisallowedRedirect":
      return `The preflight (OPTIONS) was redirected (HTTP ${statusCode ?? "?"} to ${quote(f.received)}); a preflight must be answered directly with 2xx.`;
    case "InvalidAllowMethodsPreflightResponse":
      return `The preflight's Access-Control-Allow-Methods ${quote(f.received)} does not parse as a comma-separated list of methods.`;
    case "InvalidAllowHeadersPreflightResponse":
      return `The preflight's Access-Control-Allow-Headers ${quote(f.received)} does not parse as a comma-separated list of header names.`;
    case "MethodDisallowedByPreflightResponse":
      return `The preflight's Access-Control-Allow-Methods (${quote(f.received)}) does not allow method ${f.failedParameter} (the match is case-sensitive).`;
    case "HeaderDisallowedByPreflightResponse": {
      const names = f.disallowed.join(", ");
      const s = f.disallowed.length > 1 ? "s" : "";
      return `The preflight's Access-Control-Allow-Headers (${quote(f.received)}) does not allow the request header${s} ${names}.`;
    }
    case "RedirectContainsCredentials":
      return `The redirect points to ${quote(f.received)}, a URL with a username or password, which cross-origin requests may not follow.`;
    default:
      return `${where} failed the CORS check (${f.code}).`;
  }
}

/** Why a step the capture shows as never sent did not go out, in one sentence. */
export function notSentReason(exchange: Exchange, step: Step): string {
  const index = exchange.hops.findIndex((h) => h.request === step);
  const hop = exchange.hops[index];
  if (hop?.preflight) return "The browser never sent this request: its preflight failed.";
  if (index > 0) return "The browser never sent this request: the redirect before it failed.";
  const error = exchange.error ? ` (${exchange.error})` : "";
  return `The browser stopped this request before it went out${error}: no request headers left the page.`;
}
