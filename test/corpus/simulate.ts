// Replays a corpus scenario as the webRequest events Chrome fires for it, so the engine runs without a browser.
// Which steps the browser sends follows Chrome's recorded verdict (an input here); the headers come from the routes.

import type { CaptureEvent } from "../../src/capture/events";
import { headerValue, type Header } from "../../src/cors/headers";
import { needsPreflight, normalizeMethod, unsafeRequestHeaderNames } from "../../src/cors/safelist";
import { fill, placeholderValues } from "./placeholders";
import type { ResponseSpec, Scenario } from "./scenario";

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

export function scenarioUrl(s: Scenario, o: LabOrigins): string {
  return `${s.request.host === "alt" ? o.alt : o.api}/s/${s.id}`;
}

const PREFLIGHT_CODES = /^(Preflight|InvalidAllow|MethodDisallowed|HeaderDisallowed)/;
const REDIRECTS = [301, 302, 303, 307, 308];

/** The events of one scenario (every repetition), in the order Chrome fires them. */
export function simulate(s: Scenario, o: LabOrigins = FAKE_ORIGINS, firstId = 1000): CaptureEvent[] {
  const events: CaptureEvent[] = [];
  let id = firstId;
  let t = 1_700_000_000_000;
  let preflightCached = false;
  const method = normalizeMethod(s.request.method);
  const author = (s.request.headers ?? []).map(([name, value]) => ({ name, value }));
  const failHop = s.expect.code === null ? -1 : (s.expect.hop ?? s.routes.length - 1);

  for (let run = 0; run < (s.request.times ?? 1); run++) {
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
    let url = scenarioUrl(s, o);
    let origin = o.page;
    for (let i = 0; ; i++) {
      const here = new URL(url);
      const route = s.routes.find((r) => `/s/${s.id}${r.path}` === here.pathname);
      if (!route) throw new Error(`${s.id}: no route for ${url}`);
      const values = placeholderValues({
        page: o.page,
        api: o.api,
        alt: o.alt,
        asked: here.origin,
        scenarioId: s.id,
        requestOrigin: origin,
      });
      const respond = (spec: ResponseSpec): Header[] =>
        (spec.headers ?? []).map(([name, value]) => ({ name, value: fill(value, values) }));
      if (needsPreflight(method, author) && !(preflightCached && i === 0)) {
        const preId = String(id++);
        const unsafe = unsafeRequestHeaderNames(author);
        const spec: ResponseSpec = route.options ?? { status: 404, headers: [] };
        const headers = respond(spec);
        events.push({
          kind: "send",
          event: {
            ...base(url, preId, "OPTIONS"),
            requestHeaders: [
              { name: "Accept", value: "*/*" },
              { name: "Access-Control-Request-Method", value: method },
              ...(unsafe.length ? [{ name: "Access-Control-Request-Headers", value: unsafe.join(",") }] : []),
              { name: "Origin", value: origin },
            ],
          },
        });
        events.push({
          kind: "headers",
          event: { ...base(url, preId, "OPTIONS"), statusCode: spec.status, responseHeaders: headers },
        });
        events.push({ kind: "completed", event: { ...base(url, preId, "OPTIONS"), statusCode: spec.status } });
        if (i === failHop && PREFLIGHT_CODES.test(s.expect.code ?? "")) {
          events.push({ kind: "error", event: { ...base(url, actualId, s.request.method), error: "net::ERR_FAILED" } });
          break;
        }
        preflightCached = Number(headerValue(headers, "access-control-max-age") ?? 0) > 0;
      }
      const cookie =
        s.request.credentials === "include" && s.request.withCookie && here.origin === o.api
          ? [{ name: "Cookie", value: "lab_session=SECRET-lab-session-4f9a" }]
          : [];
      events.push({
        kind: "send",
        event: {
          ...base(url, actualId, method),
          requestHeaders: [...author, { name: "Origin", value: origin }, ...cookie],
        },
      });
      const headers = respond(route.response);
      const status = route.response.status;
      events.push({
        kind: "headers",
        event: { ...base(url, actualId, method), statusCode: status, responseHeaders: headers },
      });
      if (i === failHop) {
        events.push({ kind: "error", event: { ...base(url, actualId, method), error: "net::ERR_FAILED" } });
        break;
      }
      const location = headerValue(headers, "location");
      if (!REDIRECTS.includes(status) || location === null) {
        events.push({ kind: "completed", event: { ...base(url, actualId, method), statusCode: status } });
        break;
      }
      const next = new URL(location, url).href;
      // A redirect to another origin taints the request unless it started from the current URL's origin.
      if (new URL(next).origin !== here.origin && origin !== here.origin) origin = "null";
      url = next;
    }
  }
  return events;
}
