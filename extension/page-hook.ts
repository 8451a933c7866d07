// MAIN-world page hook: remembers each cross-origin fetch/XHR's credentials mode and calling line, for the diagnosis.
// Self-contained on purpose (no imports): it is injected as a classic script into every watched page.

import type { PageHint } from "../src/capture/page-hint";

(() => {
  const KEY = Symbol.for("cors-lens/hints");
  const scope = globalThis as unknown as Record<symbol, PageHint[] | undefined>;
  if (scope[KEY]) return;
  const hints: PageHint[] = [];
  scope[KEY] = hints;
  const LIMIT = 500;

  /** The first stack frame outside this hook: the page's own line that made the call. */
  function callSite(): PageHint["callSite"] {
    const lines = (new Error().stack ?? "").split("\n").slice(1);
    for (const line of lines) {
      const m = /\(?((?:https?|file|blob):[^\s()]+):(\d+):(\d+)\)?\s*$/.exec(line);
      if (m && !line.includes("page-hook")) return { url: m[1]!, line: Number(m[2]), column: Number(m[3]) };
    }
    return null;
  }

  function remember(url: string, method: string, credentials: PageHint["credentials"], api: PageHint["api"]): void {
    let absolute: URL;
    try {
      absolute = new URL(url, location.href);
    } catch {
      return;
    }
    if (absolute.origin === location.origin) return;
    hints.push({
      url: absolute.href,
      method: method.toUpperCase(),
      credentials,
      api,
      callSite: callSite(),
      at: Date.now(),
    });
    if (hints.length > LIMIT) hints.splice(0, hints.length - LIMIT);
  }

  const originalFetch = globalThis.fetch;
  if (typeof originalFetch === "function") {
    globalThis.fetch = function fetch(this: unknown, input: RequestInfo | URL, init?: RequestInit) {
      try {
        const request = input instanceof Request ? input : null;
        const url = request ? request.url : String(input);
        const method = init?.method ?? request?.method ?? "GET";
        const credentials = init?.credentials ?? request?.credentials ?? "same-origin";
        remember(url, method, credentials, "fetch");
      } catch {
        // Never break the page's call.
      }
      return originalFetch.call(this, input, init);
    } as typeof fetch;
  }

  const XHR = globalThis.XMLHttpRequest;
  if (typeof XHR === "function") {
    const calls = new WeakMap<XMLHttpRequest, { url: string; method: string }>();
    const open = XHR.prototype.open;
    XHR.prototype.open = function (this: XMLHttpRequest, method: string, url: string | URL, ...rest: unknown[]) {
      calls.set(this, { url: String(url), method });
      return (open as (...a: unknown[]) => void).call(this, method, url, ...rest);
    } as typeof open;
    const send = XHR.prototype.send;
    XHR.prototype.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
      const call = calls.get(this);
      if (call) {
        try {
          remember(call.url, call.method, this.withCredentials ? "include" : "same-origin", "xhr");
        } catch {
          // Never break the page's call.
        }
      }
      return send.call(this, body);
    };
  }
})();
