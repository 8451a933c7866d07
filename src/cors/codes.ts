// The catalogue of Chrome's CorsError names: header at fault, a plain explanation, browser wording, MDN page.

export const CORS_ERRORS = [
  "DisallowedByMode",
  "InvalidResponse",
  "WildcardOriginNotAllowed",
  "MissingAllowOriginHeader",
  "MultipleAllowOriginValues",
  "InvalidAllowOriginValue",
  "AllowOriginMismatch",
  "InvalidAllowCredentials",
  "CorsDisabledScheme",
  "PreflightInvalidStatus",
  "PreflightDisallowedRedirect",
  "PreflightWildcardOriginNotAllowed",
  "PreflightMissingAllowOriginHeader",
  "PreflightMultipleAllowOriginValues",
  "PreflightInvalidAllowOriginValue",
  "PreflightAllowOriginMismatch",
  "PreflightInvalidAllowCredentials",
  "InvalidAllowMethodsPreflightResponse",
  "InvalidAllowHeadersPreflightResponse",
  "MethodDisallowedByPreflightResponse",
  "HeaderDisallowedByPreflightResponse",
  "RedirectContainsCredentials",
  "InsecureLocalNetwork",
  "InvalidLocalNetworkAccess",
  "LocalNetworkAccessPermissionDenied",
] as const;

export type CorsErrorName = (typeof CORS_ERRORS)[number];

export interface CodeInfo {
  /** The response header whose value (or absence) decides this error; null when none does. */
  header: string | null;
  /** What went wrong, for someone who does not know CORS. */
  explanation: string;
  /** Chrome's console text after "has been blocked by CORS policy: " (`<fp>` = failedParameter). */
  chromeText: string;
  /** Firefox's reason id for the same failure, when it has one (FIREFOX_REASONS). */
  firefoxReason: FirefoxReason | null;
  /** Firefox's console reason, inside "(Reason: …)"; `%2` is the value Firefox names. */
  firefoxText: string | null;
  mdn: string;
}

/** The browsers whose verdicts the engine reproduces. */
export type BrowserName = "chrome" | "firefox";

const MDN = "https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CORS/Errors/";

export interface FirefoxReasonInfo {
  /** Inside "(Reason: …)" of Firefox's console message; `%2` is the value Firefox names. */
  text: string;
  /** Firefox appends " Status code: N." (of the response it checked; "(null)" when none arrived). */
  status: boolean;
  mdn: string;
}

/**
 * Firefox's reason ids (security.properties) with their console wording, as Firefox 153 printed them on the lab
 * (test/firefox/firefox.test.ts checks every one used there against Firefox's own console).
 */
export const FIREFOX_REASONS = {
  CORSDidNotSucceed2: { text: "CORS request did not succeed", status: true, mdn: MDN + "CORSDidNotSucceed" },
  CORSRequestNotHttp: { text: "CORS request not HTTP", status: false, mdn: MDN + "CORSRequestNotHttp" },
  CORSMultipleAllowOriginNotAllowed: {
    text: "Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed",
    status: false,
    mdn: MDN + "CORSMultipleAllowOriginNotAllowed",
  },
  CORSMissingAllowOrigin2: {
    text: "CORS header ‘Access-Control-Allow-Origin’ missing",
    status: true,
    mdn: MDN + "CORSMissingAllowOrigin",
  },
  CORSNotSupportingCredentials: {
    text: "Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’",
    status: false,
    mdn: MDN + "CORSNotSupportingCredentials",
  },
  CORSAllowOriginNotMatchingOrigin: {
    text: "CORS header ‘Access-Control-Allow-Origin’ does not match ‘%2’",
    status: false,
    mdn: MDN + "CORSAllowOriginNotMatchingOrigin",
  },
  CORSMissingAllowCredentials: {
    text: "expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’",
    status: false,
    mdn: MDN + "CORSMissingAllowCredentials",
  },
  CORSPreflightDidNotSucceed3: {
    text: "CORS preflight response did not succeed",
    status: true,
    mdn: MDN + "CORSPreflightDidNotSucceed",
  },
  CORSExternalRedirectNotAllowed: {
    text: "CORS request external redirect not allowed",
    status: false,
    mdn: MDN + "CORSExternalRedirectNotAllowed",
  },
  CORSInvalidAllowMethod: {
    text: "invalid token ‘%2’ in CORS header ‘Access-Control-Allow-Methods’",
    status: false,
    mdn: MDN + "CORSInvalidAllowMethod",
  },
  CORSInvalidAllowHeader: {
    text: "invalid token ‘%2’ in CORS header ‘Access-Control-Allow-Headers’",
    status: false,
    mdn: MDN + "CORSInvalidAllowHeader",
  },
  CORSMethodNotFound: {
    text: "Did not find method in CORS header ‘Access-Control-Allow-Methods’",
    status: false,
    mdn: MDN + "CORSMethodNotFound",
  },
  CORSMissingAllowHeaderFromPreflight2: {
    text: "header ‘%2’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response",
    status: false,
    mdn: MDN + "CORSMissingAllowHeaderFromPreflight",
  },
} as const satisfies Record<string, FirefoxReasonInfo>;

export type FirefoxReason = keyof typeof FIREFOX_REASONS;

/** A catalogue entry's Firefox fields, from the reasons table. */
function firefox(reason: FirefoxReason | null): Pick<CodeInfo, "firefoxReason" | "firefoxText"> {
  return { firefoxReason: reason, firefoxText: reason && FIREFOX_REASONS[reason].text };
}
const PREFLIGHT = "Response to preflight request doesn't pass access control check: ";
const ACAO = "Access-Control-Allow-Origin";

const ORIGIN_CHECKS: Record<string, Omit<CodeInfo, "chromeText"> & { text: string }> = {
  WildcardOriginNotAllowed: {
    header: ACAO,
    explanation:
      "The server allows any origin ('*'), but the request carries credentials (cookies or HTTP auth), and a credentialed response must name the origin explicitly.",
    text: "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.",
    ...firefox("CORSNotSupportingCredentials"),
    mdn: MDN + "CORSNotSupportingCredentials",
  },
  MissingAllowOriginHeader: {
    header: ACAO,
    explanation:
      "The response has no Access-Control-Allow-Origin header, so the browser may not share it with the page.",
    text: "No 'Access-Control-Allow-Origin' header is present on the requested resource.",
    ...firefox("CORSMissingAllowOrigin2"),
    mdn: MDN + "CORSMissingAllowOrigin",
  },
  MultipleAllowOriginValues: {
    header: ACAO,
    explanation:
      "Access-Control-Allow-Origin must hold exactly one origin; the response sent several (several header lines, or a list).",
    text: "The 'Access-Control-Allow-Origin' header contains multiple values '<fp>', but only one is allowed.",
    ...firefox("CORSMultipleAllowOriginNotAllowed"),
    mdn: MDN + "CORSMultipleAllowOriginNotAllowed",
  },
  InvalidAllowOriginValue: {
    header: ACAO,
    explanation: "Access-Control-Allow-Origin holds a value that is not an origin at all.",
    text: "The 'Access-Control-Allow-Origin' header contains the invalid value '<fp>'.",
    ...firefox("CORSAllowOriginNotMatchingOrigin"),
    mdn: MDN + "CORSAllowOriginNotMatchingOrigin",
  },
  AllowOriginMismatch: {
    header: ACAO,
    explanation:
      "Access-Control-Allow-Origin names a different origin than the page's; it must match the page's origin byte for byte (scheme, host, port).",
    text: "The 'Access-Control-Allow-Origin' header has a value '<fp>' that is not equal to the supplied origin.",
    ...firefox("CORSAllowOriginNotMatchingOrigin"),
    mdn: MDN + "CORSAllowOriginNotMatchingOrigin",
  },
  InvalidAllowCredentials: {
    header: "Access-Control-Allow-Credentials",
    explanation:
      "The request carries credentials, so the response must also send Access-Control-Allow-Credentials: true (exactly that, lower-case).",
    text: "The value of the 'Access-Control-Allow-Credentials' header in the response is '<fp>' which must be 'true' when the request's credentials mode is 'include'.",
    ...firefox("CORSMissingAllowCredentials"),
    mdn: MDN + "CORSMissingAllowCredentials",
  },
};

function originCheckEntries(): [string, CodeInfo][] {
  const out: [string, CodeInfo][] = [];
  for (const [name, { text, ...rest }] of Object.entries(ORIGIN_CHECKS)) {
    out.push([name, { ...rest, chromeText: text }]);
    out.push([
      "Preflight" + name,
      {
        ...rest,
        explanation: "In the preflight (OPTIONS) response: " + rest.explanation,
        chromeText: PREFLIGHT + text,
      },
    ]);
  }
  return out;
}

export const CATALOGUE: Record<CorsErrorName, CodeInfo> = {
  ...(Object.fromEntries(originCheckEntries()) as Record<string, CodeInfo>),
  DisallowedByMode: {
    header: null,
    explanation: "The request used mode 'same-origin' but went to another origin; the browser never sent it.",
    chromeText: "Cross origin requests are not allowed by request mode.",
    ...firefox(null),
    mdn: MDN,
  },
  InvalidResponse: {
    header: null,
    explanation: "The preflight failed at the network level; no usable response arrived.",
    chromeText: "The response is invalid.",
    ...firefox("CORSDidNotSucceed2"),
    mdn: MDN + "CORSDidNotSucceed",
  },
  CorsDisabledScheme: {
    header: null,
    explanation: "Cross-origin requests work only over http and https; this URL uses another scheme.",
    chromeText: "Cross origin requests are only supported for protocol schemes: <fp>.",
    ...firefox("CORSRequestNotHttp"),
    mdn: MDN + "CORSRequestNotHttp",
  },
  PreflightInvalidStatus: {
    header: null,
    explanation:
      "The preflight (OPTIONS) response had a non-2xx status. The server must answer OPTIONS with 200 or 204, before any authentication or routing that rejects it.",
    chromeText: PREFLIGHT + "It does not have HTTP ok status.",
    ...firefox("CORSPreflightDidNotSucceed3"),
    mdn: MDN + "CORSPreflightDidNotSucceed",
  },
  PreflightDisallowedRedirect: {
    header: "Location",
    explanation:
      "The preflight (OPTIONS) was answered with a redirect; browsers never follow redirects for a preflight.",
    chromeText: PREFLIGHT + "Redirect is not allowed for a preflight request.",
    ...firefox("CORSExternalRedirectNotAllowed"),
    mdn: MDN + "CORSExternalRedirectNotAllowed",
  },
  InvalidAllowMethodsPreflightResponse: {
    header: "Access-Control-Allow-Methods",
    explanation:
      "Access-Control-Allow-Methods must be a comma-separated list of method names; this one does not parse.",
    chromeText: "Cannot parse Access-Control-Allow-Methods response header field in preflight response.",
    ...firefox("CORSInvalidAllowMethod"),
    mdn: MDN + "CORSInvalidAllowMethod",
  },
  InvalidAllowHeadersPreflightResponse: {
    header: "Access-Control-Allow-Headers",
    explanation:
      "Access-Control-Allow-Headers must be a comma-separated list of header names; this one does not parse.",
    chromeText: "Cannot parse Access-Control-Allow-Headers response header field in preflight response.",
    ...firefox("CORSInvalidAllowHeader"),
    mdn: MDN + "CORSInvalidAllowHeader",
  },
  MethodDisallowedByPreflightResponse: {
    header: "Access-Control-Allow-Methods",
    explanation:
      "The preflight response's Access-Control-Allow-Methods does not list the request's method (the match is case-sensitive).",
    chromeText: "Method <fp> is not allowed by Access-Control-Allow-Methods in preflight response.",
    ...firefox("CORSMethodNotFound"),
    mdn: MDN + "CORSMethodNotFound",
  },
  HeaderDisallowedByPreflightResponse: {
    header: "Access-Control-Allow-Headers",
    explanation: "The preflight response's Access-Control-Allow-Headers does not list a header the request sends.",
    chromeText: "Request header field <fp> is not allowed by Access-Control-Allow-Headers in preflight response.",
    ...firefox("CORSMissingAllowHeaderFromPreflight2"),
    mdn: MDN + "CORSMissingAllowHeaderFromPreflight",
  },
  RedirectContainsCredentials: {
    header: "Location",
    explanation: "A redirect of a cross-origin request pointed at a URL with a username or password in it.",
    chromeText:
      "Redirect location '<fp>' contains a username and password, which is disallowed for cross-origin requests.",
    // Firefox has no reason of its own for it: observed in Firefox 153, it logs only "did not succeed".
    ...firefox("CORSDidNotSucceed2"),
    mdn: MDN,
  },
  InsecureLocalNetwork: {
    header: null,
    explanation: "A page that is not a secure context tried to reach a more private network (local network access).",
    chromeText: "The request client is not a secure context and the resource is in more-private address space `<fp>`.",
    ...firefox(null),
    mdn: MDN,
  },
  InvalidLocalNetworkAccess: {
    header: null,
    explanation: "The request's targetAddressSpace did not match the address space the server is in.",
    chromeText: "Request had a target IP address space of `<fp>` yet the resource is in address space `<fp>`.",
    ...firefox(null),
    mdn: MDN,
  },
  LocalNetworkAccessPermissionDenied: {
    header: null,
    explanation: "The user (or policy) did not grant this site permission to reach the local network.",
    chromeText: "Permission was denied for this request to access the `<fp>` address space.",
    ...firefox(null),
    mdn: MDN,
  },
} as Record<CorsErrorName, CodeInfo>;

export function isCorsErrorName(s: string): s is CorsErrorName {
  return (CORS_ERRORS as readonly string[]).includes(s);
}

/** Chrome's console message for a verdict, from the catalogue text. */
/** Chrome's console text, its `<fp>` slots filled in order (the last value fills any slot left over). */
export function chromeConsoleText(code: CorsErrorName, ...params: string[]): string {
  let slot = 0;
  return CATALOGUE[code].chromeText.replace(/<fp>/g, () => params[Math.min(slot++, params.length - 1)] ?? "");
}

/**
 * Firefox's console message for a blocked call: `url` is the request whose response failed the check, `parameter`
 * fills %2, `statusCode` is that response's status (null when none arrived).
 */
export function firefoxConsoleText(
  reason: FirefoxReason,
  url: string,
  parameter: string,
  statusCode: number | null,
): string {
  const info: FirefoxReasonInfo = FIREFOX_REASONS[reason];
  // Firefox quotes the URL in this one message only.
  const at = reason === "CORSNotSupportingCredentials" ? `‘${url}’` : url;
  const status = info.status ? ` Status code: ${statusCode ?? "(null)"}.` : "";
  return `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${at}. (Reason: ${info.text.replace("%2", () => parameter)}).${status}`;
}
