// Replays a corpus scenario as the webRequest events Chrome fires for it, so the engine runs without a browser.
// Which steps the browser sends follows Chrome's recorded verdict (an input here); the headers come from the routes.

import type { CaptureEvent, RawHeader } from "../../src/capture/events";
import { normalizeMethod, unsafeRequestHeaderNames, needsPreflight } from "../../src/cors/safelist";
import type { ResponseSpec, Route, Scenario } from "./scenario";

export interface LabOrigins {
  page: string;
  api: string;
  alt: string;
}

export const FAKE_ORIGINS: LabOrigins = {
  page: "http://127.0.0.1:5173",
  api: "http://127.0.0.1:5174",
  alt: "http://localhost:5174",
};

export function scenarioUrl(s: Scenario, o: LabOrigins, path = ""): string {
  return `${s.request.host === "alt" ? o.alt : o.api}/s/${s.id}${path}`;
}

function fill(value: string, o: LabOrigins, self: string, requestOrigin: string): string {
  return value
    .replaceAll("{originAsLocalhost}", o.page.replace("127.0.0.1", "localhost"))
    .replaceAll("{requestOrigin}", requestOrigin)
    .replaceAll("{origin}", o.page)
    .replaceAll("{api}", o.api)
    .replaceAll("{alt}", o.alt)
    .replaceAll("{self}", self);
}

function responseHeaders(spec: ResponseSpec, o: LabOrigins, self: string, requestOrigin: string): RawHeader[] {
  return (spec.headers ?? []).map(([name, value]) => ({ name, value: fill(value, o, self, requestOrigin) }));
}

const PREFLIGHT_CODES = /^(Preflight|InvalidAllow|MethodDisallowed|HeaderDisallowed)/;

/** The events of one scenario, in the order Chrome fires them. */
export function simulate(s: Scenario, o: LabOrigins = FAKE_ORIGINS, firstId = 1000): CaptureEvent[] {
  const events: CaptureEvent[] = [];
  let id = firstId;
  let t = 1_700_000_000_000;
  const method = normalizeMethod(s.request.method);
  const author = (s.request.headers ?? []).map(([name, value]) => ({ name, value }));
  const actualId = String(id++);
  const base = (url: string, requestId: string, m: string) => ({
    requestId,
    url,
    method: m,
    tabId: 7,
    frameId: 0,
    type: "xmlhttprequest",
    initiator: o.page,
    timeStamp: t++,
  });
  const failHop = s.expect.code === null ? -1 : (s.expect.hop ?? s.routes.length - 1);
  let origin = o.page;
  for (const [i, route] of s.routes.entries()) {
    const url = scenarioUrl(s, o, route.path);
    const self = scenarioUrl(s, o);
    if (needsPreflight(method, author)) {
      const preId = String(id++);
      const unsafe = unsafeRequestHeaderNames(author);
      const pre = base(url, preId, "OPTIONS");
      const reqHeaders: RawHeader[] = [
        { name: "Accept", value: "*/*" },
        { name: "Access-Control-Request-Method", value: method },
        ...(unsafe.length ? [{ name: "Access-Control-Request-Headers", value: unsafe.join(",") }] : []),
        { name: "Origin", value: origin },
      ];
      const spec: ResponseSpec = route.options ?? { status: 404, headers: [] };
      events.push({ kind: "send", event: { ...pre, requestHeaders: reqHeaders } });
      events.push({
        kind: "headers",
        event: {
          ...base(url, preId, "OPTIONS"),
          statusCode: spec.status,
          responseHeaders: responseHeaders(spec, o, self, origin),
        },
      });
      events.push({ kind: "completed", event: { ...base(url, preId, "OPTIONS"), statusCode: spec.status } });
      if (i === failHop && PREFLIGHT_CODES.test(s.expect.code ?? "")) {
        events.push({ kind: "error", event: { ...base(url, actualId, s.request.method), error: "net::ERR_FAILED" } });
        return events;
      }
    }
    const cookie =
      s.request.credentials === "include" && s.request.withCookie
        ? [{ name: "Cookie", value: "lab_session=SECRET-lab-session-4f9a" }]
        : [];
    events.push({
      kind: "send",
      event: {
        ...base(url, actualId, method),
        requestHeaders: [...author, { name: "Origin", value: origin }, ...cookie],
      },
    });
    const spec = route.response;
    events.push({
      kind: "headers",
      event: {
        ...base(url, actualId, method),
        statusCode: spec.status,
        responseHeaders: responseHeaders(spec, o, self, origin),
      },
    });
    if (i === failHop) {
      events.push({ kind: "error", event: { ...base(url, actualId, method), error: "net::ERR_FAILED" } });
      return events;
    }
    if (i === s.routes.length - 1) {
      events.push({ kind: "completed", event: { ...base(url, actualId, method), statusCode: spec.status } });
      return events;
    }
    // A redirect to another origin taints the request unless it started from the current URL's origin.
    const next = scenarioUrl(s, o, s.routes[i + 1]!.path);
    if (new URL(next).origin !== new URL(url).origin && origin !== new URL(url).origin) origin = "null";
  }
  return events;
}

export function routeFor(s: Scenario, path: string): Route | undefined {
  return s.routes.find((r) => r.path === path);
}
