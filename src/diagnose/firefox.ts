// Firefox's side of a blocked call: its reason id, the console message it prints and the MDN page (contract 4).

import type { CheckFailure } from "../cors/check";
import { CATALOGUE, FIREFOX_REASONS, firefoxConsoleText, type FirefoxReason } from "../cors/codes";
import { headerValues, isToken } from "../cors/headers";
import type { Step } from "../capture/exchange";

export interface FirefoxVerdict {
  /** Firefox's reason id (security.properties), e.g. CORSMissingAllowOrigin2. */
  reason: FirefoxReason;
  /** The message Firefox prints in the page console for this call. */
  message: string;
  mdn: string;
}

export interface FirefoxFinding {
  verdict: FirefoxVerdict;
  /** What had to be assumed to name Firefox's reason. */
  assumptions: string[];
}

const ACAO = "Access-Control-Allow-Origin";
/** How Firefox's webRequest joins repeated header lines into one value. */
const JOINED = ", ";

/** The first item Firefox's tokenizer rejects: items are split on commas and trimmed, empty ones skipped. */
function firstBadToken(list: string | null): string {
  const items = (list ?? "").split(",").map((item) => item.trim());
  return items.find((item) => item !== "" && !isToken(item)) ?? "";
}

/**
 * Firefox refuses several Allow-Origin header lines before comparing the value; a single line holding a list only
 * fails to match. Firefox's own webRequest joins repeated lines with ", ", so a joined value is ambiguous there.
 */
function allowOriginReason(step: Step, value: string): { reason: FirefoxReason; assumptions: string[] } {
  const lines = headerValues(step.responseHeaders, ACAO);
  if (lines.length > 1) return { reason: "CORSMultipleAllowOriginNotAllowed", assumptions: [] };
  if (!value.includes(JOINED)) return { reason: "CORSAllowOriginNotMatchingOrigin", assumptions: [] };
  const items = value.split(JOINED);
  // The same origin twice is what two layers that each add the header send; nobody types it on one line.
  const twoLines = items.every((item) => item === items[0]);
  const seen = `Firefox's webRequest joins repeated header lines with ", ", so whether the server sent Access-Control-Allow-Origin '${value}' as one line or as ${items.length} lines cannot be seen`;
  const [reason, other]: FirefoxReason[] = twoLines
    ? ["CORSMultipleAllowOriginNotAllowed", "CORSAllowOriginNotMatchingOrigin"]
    : ["CORSAllowOriginNotMatchingOrigin", "CORSMultipleAllowOriginNotAllowed"];
  const assumed = twoLines ? `${items.length} lines` : "one line";
  return { reason: reason!, assumptions: [`${seen}; assumed ${assumed} (Firefox says ${other} otherwise).`] };
}

/** Firefox's reason for a failure the engine named with Chrome's code; null when Firefox has no reason for it. */
export function firefoxVerdict(failure: CheckFailure & { disallowed: string[] }, step: Step): FirefoxFinding | null {
  const code = failure.code.replace(/^Preflight/, "");
  let reason = CATALOGUE[failure.code].firefoxReason;
  let parameter = "";
  let assumptions: string[] = [];
  switch (code) {
    case "MultipleAllowOriginValues":
      ({ reason, assumptions } = allowOriginReason(step, failure.received ?? ""));
      parameter = failure.received ?? "";
      break;
    case "InvalidAllowOriginValue":
    case "AllowOriginMismatch":
      parameter = failure.received ?? "";
      break;
    case "InvalidAllowMethodsPreflightResponse":
    case "InvalidAllowHeadersPreflightResponse":
      parameter = firstBadToken(failure.received);
      break;
    case "HeaderDisallowedByPreflightResponse":
      // Firefox walks the preflight's header names in sorted order and names the first one refused.
      parameter = [...failure.disallowed].sort()[0] ?? failure.failedParameter;
      break;
  }
  if (reason === null) return null;
  // "Did not succeed" is logged for a channel that failed without a response of its own to check.
  const status = reason === "CORSDidNotSucceed2" ? null : step.statusCode;
  return {
    verdict: {
      reason,
      message: firefoxConsoleText(reason, step.url, parameter, status),
      mdn: FIREFOX_REASONS[reason].mdn,
    },
    assumptions,
  };
}
