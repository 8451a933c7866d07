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
  /** Firefox's reason id for the same failure, when it has one. */
  firefoxReason: string | null;
  /** Firefox's console reason (after "(Reason: "); `%2` is the value Firefox names. */
  firefoxText: string | null;
  mdn: string;
}

const MDN = "https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CORS/Errors/";
const PREFLIGHT = "Response to preflight request doesn't pass access control check: ";
const ACAO = "Access-Control-Allow-Origin";

const ORIGIN_CHECKS: Record<string, Omit<CodeInfo, "chromeText"> & { text: string }> = {
  WildcardOriginNotAllowed: {
    header: ACAO,
    explanation:
      "The server allows any origin ('*'), but the request carries credentials (cookies or HTTP auth), and a credentialed response must name the origin explicitly.",
    text: "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.",
    firefoxReason: "CORSNotSupportingCredentials",
    firefoxText: "Credential is not supported if the CORS header 'Access-Control-Allow-Origin' is '*'",
    mdn: MDN + "CORSNotSupportingCredentials",
  },
  MissingAllowOriginHeader: {
    header: ACAO,
    explanation:
      "The response has no Access-Control-Allow-Origin header, so the browser may not share it with the page.",
    text: "No 'Access-Control-Allow-Origin' header is present on the requested resource.",
    firefoxReason: "CORSMissingAllowOrigin2",
    firefoxText: "CORS header 'Access-Control-Allow-Origin' missing). Status code: %2",
    mdn: MDN + "CORSMissingAllowOrigin",
  },
  MultipleAllowOriginValues: {
    header: ACAO,
    explanation:
      "Access-Control-Allow-Origin must hold exactly one origin; the response sent several (several header lines, or a list).",
    text: "The 'Access-Control-Allow-Origin' header contains multiple values '<fp>', but only one is allowed.",
    firefoxReason: "CORSMultipleAllowOriginNotAllowed",
    firefoxText: "Multiple CORS header 'Access-Control-Allow-Origin' not allowed",
    mdn: MDN + "CORSMultipleAllowOriginNotAllowed",
  },
  InvalidAllowOriginValue: {
    header: ACAO,
    explanation: "Access-Control-Allow-Origin holds a value that is not an origin at all.",
    text: "The 'Access-Control-Allow-Origin' header contains the invalid value '<fp>'.",
    firefoxReason: "CORSAllowOriginNotMatchingOrigin",
    firefoxText: "CORS header 'Access-Control-Allow-Origin' does not match '%2'",
    mdn: MDN + "CORSAllowOriginNotMatchingOrigin",
  },
  AllowOriginMismatch: {
    header: ACAO,
    explanation:
      "Access-Control-Allow-Origin names a different origin than the page's; it must match the page's origin byte for byte (scheme, host, port).",
    text: "The 'Access-Control-Allow-Origin' header has a value '<fp>' that is not equal to the supplied origin.",
    firefoxReason: "CORSAllowOriginNotMatchingOrigin",
    firefoxText: "CORS header 'Access-Control-Allow-Origin' does not match '%2'",
    mdn: MDN + "CORSAllowOriginNotMatchingOrigin",
  },
  InvalidAllowCredentials: {
    header: "Access-Control-Allow-Credentials",
    explanation:
      "The request carries credentials, so the response must also send Access-Control-Allow-Credentials: true (exactly that, lower-case).",
    text: "The value of the 'Access-Control-Allow-Credentials' header in the response is '<fp>' which must be 'true' when the request's credentials mode is 'include'.",
    firefoxReason: "CORSMissingAllowCredentials",
    firefoxText: "expected 'true' in CORS header 'Access-Control-Allow-Credentials'",
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
    firefoxReason: null,
    firefoxText: null,
    mdn: MDN,
  },
  InvalidResponse: {
    header: null,
    explanation: "The preflight failed at the network level; no usable response arrived.",
    chromeText: "The response is invalid.",
    firefoxReason: "CORSDidNotSucceed2",
    firefoxText: "CORS request did not succeed). Status code: %2",
    mdn: MDN + "CORSDidNotSucceed",
  },
  CorsDisabledScheme: {
    header: null,
    explanation: "Cross-origin requests work only over http and https; this URL uses another scheme.",
    chromeText: "Cross origin requests are only supported for protocol schemes: <fp>.",
    firefoxReason: "CORSRequestNotHttp",
    firefoxText: "CORS request not HTTP",
    mdn: MDN + "CORSRequestNotHttp",
  },
  PreflightInvalidStatus: {
    header: null,
    explanation:
      "The preflight (OPTIONS) response had a non-2xx status. The server must answer OPTIONS with 200 or 204, before any authentication or routing that rejects it.",
    chromeText: PREFLIGHT + "It does not have HTTP ok status.",
    firefoxReason: "CORSPreflightDidNotSucceed3",
    firefoxText: "CORS preflight response did not succeed). Status code: %2",
    mdn: MDN + "CORSPreflightDidNotSucceed",
  },
  PreflightDisallowedRedirect: {
    header: "Location",
    explanation:
      "The preflight (OPTIONS) was answered with a redirect; browsers never follow redirects for a preflight.",
    chromeText: PREFLIGHT + "Redirect is not allowed for a preflight request.",
    firefoxReason: "CORSExternalRedirectNotAllowed",
    firefoxText: "CORS request external redirect not allowed",
    mdn: MDN + "CORSExternalRedirectNotAllowed",
  },
  InvalidAllowMethodsPreflightResponse: {
    header: "Access-Control-Allow-Methods",
    explanation:
      "Access-Control-Allow-Methods must be a comma-separated list of method names; this one does not parse.",
    chromeText: "Cannot parse Access-Control-Allow-Methods response header field in preflight response.",
    firefoxReason: "CORSInvalidAllowMethod",
    firefoxText: "invalid token '%2' in CORS header 'Access-Control-Allow-Methods'",
    mdn: MDN + "CORSInvalidAllowMethod",
  },
  InvalidAllowHeadersPreflightResponse: {
    header: "Access-Control-Allow-Headers",
    explanation:
      "Access-Control-Allow-Headers must be a comma-separated list of header names; this one does not parse.",
    chromeText: "Cannot parse Access-Control-Allow-Headers response header field in preflight response.",
    firefoxReason: "CORSInvalidAllowHeader",
    firefoxText: "invalid token '%2' in CORS header 'Access-Control-Allow-Headers'",
    mdn: MDN + "CORSInvalidAllowHeader",
  },
  MethodDisallowedByPreflightResponse: {
    header: "Access-Control-Allow-Methods",
    explanation:
      "The preflight response's Access-Control-Allow-Methods does not list the request's method (the match is case-sensitive).",
    chromeText: "Method <fp> is not allowed by Access-Control-Allow-Methods in preflight response.",
    firefoxReason: "CORSMethodNotFound",
    firefoxText: "Did not find method in CORS header 'Access-Control-Allow-Methods'",
    mdn: MDN + "CORSMethodNotFound",
  },
  HeaderDisallowedByPreflightResponse: {
    header: "Access-Control-Allow-Headers",
    explanation: "The preflight response's Access-Control-Allow-Headers does not list a header the request sends.",
    chromeText: "Request header field <fp> is not allowed by Access-Control-Allow-Headers in preflight response.",
    firefoxReason: "CORSMissingAllowHeaderFromPreflight2",
    firefoxText:
      "header '%2' is not allowed according to header 'Access-Control-Allow-Headers' from CORS preflight response",
    mdn: MDN + "CORSMissingAllowHeaderFromPreflight",
  },
  RedirectContainsCredentials: {
    header: "Location",
    explanation: "A redirect of a cross-origin request pointed at a URL with a username or password in it.",
    chromeText:
      "Redirect location '<fp>' contains a username and password, which is disallowed for cross-origin requests.",
    firefoxReason: null,
    firefoxText: null,
    mdn: MDN,
  },
  InsecureLocalNetwork: {
    header: null,
    explanation: "A page that is not a secure context tried to reach a more private network (local network access).",
    chromeText: "The request client is not a secure context and the resource is in more-private address space `<fp>`.",
    firefoxReason: null,
    firefoxText: null,
    mdn: MDN,
  },
  InvalidLocalNetworkAccess: {
    header: null,
    explanation: "The request's targetAddressSpace did not match the address space the server is in.",
    chromeText: "Request had a target IP address space of `<fp>` yet the resource is in address space `<fp>`.",
    firefoxReason: null,
    firefoxText: null,
    mdn: MDN,
  },
  LocalNetworkAccessPermissionDenied: {
    header: null,
    explanation: "The user (or policy) did not grant this site permission to reach the local network.",
    chromeText: "Permission was denied for this request to access the `<fp>` address space.",
    firefoxReason: null,
    firefoxText: null,
    mdn: MDN,
  },
} as Record<CorsErrorName, CodeInfo>;

export function isCorsErrorName(s: string): s is CorsErrorName {
  return (CORS_ERRORS as readonly string[]).includes(s);
}

/** Chrome's console message for a verdict, from the catalogue text. */
export function chromeConsoleText(code: CorsErrorName, failedParameter: string): string {
  return CATALOGUE[code].chromeText.replaceAll("<fp>", failedParameter);
}
