// MAIN-world page hook: remembers each cross-origin fetch/XHR's credentials mode and calling line, for the diagnosis.
// Self-contained on purpose (no imports): it is injected as a classic script into every watched page.
//
// It sits on the page's hot path, so a call costs one small object in a ring: the URL is resolved and the stack
// formatted only when the extension asks about a blocked call (`read`), which is rare.

import type { PageHint, PageHintReader } from "../src/capture/page-hint";

(() => {
  const KEY = Symbol.for("cors-lens/hints");
  const scope = globalThis as unknown as Record<symbol, PageHintReader | undefined>;
  if (scope[KEY]) return;
  const LIMIT = 2000;

  interface Seen {
    /** As the page passed it, and the page's address then (to resolve it against). */
    url: string;
    base: string;
    method: string;
    credentials: PageHint["credentials"];
    api: PageHint["api"];
    targetAddressSpace: string | undefined;
    /** The Local Network Access permission states when the call was made (shared until one changes). */
    permissions: PageHint["localNetworkPermissions"];
    /** Captured now; its stack is formatted only if the call is asked about. */
    trace: Error;
    at: number;
    /** Preflight triggers only the call itself shows. */
    uploadListener?: boolean;
    streamBody?: boolean;
    resolved?: string | null;
  }
  const ring: (Seen | undefined)[] = new Array<Seen | undefined>(LIMIT);
  let next = 0;
  const sameOrigin = `${location.origin}/`;

  // Local Network Access (Chrome 142+): its permission states, kept current so each call records them as they were
  // when it was made (asked later, a prompt's answer or a changed setting would be misread as the call's).
  let permissions: PageHint["localNetworkPermissions"] = undefined;
  for (const name of ["local-network", "loopback-network"] as const) {
    navigator.permissions
      ?.query({ name } as unknown as PermissionDescriptor)
      .then((status) => {
        const update = () => (permissions = { ...permissions, [name]: status.state });
        update();
        status.addEventListener("change", update);
      })
      .catch(() => {
        // A browser without Local Network Access does not know the name.
      });
  }

  const STACK_FRAMES = 10;
  /**
   * A URL with no scheme and no host of its own, resolved (as `read` does) against this page's address: same-origin.
   * Leading spaces and tabs or newlines anywhere, which the URL parser removes, send it the long way.
   */
  const ABSOLUTE = /^(?:[a-z][a-z\d+.-]*:|[\\/]{2})|[\t\n\r]/i;
  const isRelative = (url: string): boolean => url.charCodeAt(0) > 32 && !ABSOLUTE.test(url);

  function remember(
    url: string,
    method: string,
    credentials: PageHint["credentials"],
    api: PageHint["api"],
    targetAddressSpace?: string,
    triggers?: { uploadListener?: boolean; streamBody?: boolean },
  ): void {
    // Same-origin calls are never CORS: an absolute URL on this origin, or a relative one, is dropped at once.
    if (url.startsWith(sameOrigin) || isRelative(url)) return;
    // The stack is the costly part: at most STACK_FRAMES, whatever the page set (the default is 10).
    const limit = Error.stackTraceLimit;
    if (limit > STACK_FRAMES) Error.stackTraceLimit = STACK_FRAMES;
    const trace = new Error();
    if (limit > STACK_FRAMES) Error.stackTraceLimit = limit;
    ring[next] = {
      url,
      base: location.href,
      method,
      credentials,
      api,
      targetAddressSpace,
      permissions,
      trace,
      at: Date.now(),
      ...triggers,
    };
    next = (next + 1) % LIMIT;
  }

  function resolve(seen: Seen): string | null {
    if (seen.resolved === undefined) {
      try {
        const absolute = new URL(seen.url, seen.base);
        seen.resolved = absolute.origin === location.origin ? null : absolute.href;
      } catch {
        seen.resolved = null;
      }
    }
    return seen.resolved;
  }

  /** The first stack frame outside this hook: the page's own line that made the call. */
  function callSite(trace: Error): PageHint["callSite"] {
    const lines = (trace.stack ?? "").split("\n").slice(1);
    for (const line of lines) {
      const m = /\(?((?:https?|file|blob):[^\s()]+):(\d+):(\d+)\)?\s*$/.exec(line);
      if (m && !line.includes("page-hook")) return { url: m[1]!, line: Number(m[2]), column: Number(m[3]) };
    }
    return null;
  }

  scope[KEY] = {
    read(urls: string[]): PageHint[][] {
      const wanted = new Map<string, PageHint[]>(urls.map((u) => [u, []]));
      for (const seen of ring) {
        if (!seen) continue;
        const hints = wanted.get(resolve(seen) ?? "");
        if (!hints) continue;
        hints.push({
          url: seen.resolved!,
          method: seen.method.toUpperCase(),
          credentials: seen.credentials,
          api: seen.api,
          callSite: callSite(seen.trace),
          at: seen.at,
          ...(seen.targetAddressSpace ? { targetAddressSpace: seen.targetAddressSpace } : {}),
          ...(seen.permissions ? { localNetworkPermissions: seen.permissions } : {}),
          ...(seen.uploadListener ? { uploadListener: true } : {}),
          ...(seen.streamBody ? { streamBody: true } : {}),
        });
      }
      return urls.map((u) => wanted.get(u)!);
    },
  };

  const originalFetch = globalThis.fetch;
  if (typeof originalFetch === "function") {
    globalThis.fetch = function fetch(this: unknown, input: RequestInfo | URL, init?: RequestInit) {
      try {
        const request = input instanceof Request ? input : null;
        const url = request ? request.url : String(input);
        const method = init?.method ?? request?.method ?? "GET";
        const credentials = init?.credentials ?? request?.credentials ?? "same-origin";
        // Local Network Access's option (Chrome 142+), not yet in TypeScript's RequestInit.
        const space = (init as { targetAddressSpace?: unknown } | undefined)?.targetAddressSpace;
        // A ReadableStream body always needs a preflight (Chrome's streaming uploads, docs/preflights.md).
        const streamBody = typeof ReadableStream === "function" && init?.body instanceof ReadableStream;
        remember(url, method, credentials, "fetch", typeof space === "string" ? space : undefined, {
          ...(streamBody ? { streamBody } : {}),
        });
      } catch {
        // Never break the page's call.
      }
      return originalFetch.call(this, input, init);
    } as typeof fetch;
  }

  // DevTools' network record leaves out dedicated and shared workers' calls: say that this page started one, so the
  // tab is switched to webRequest (see extension/devtools.ts) before the worker's first calls. A flag the devtools
  // page polls, and at once a DOM event that extension/worker-relay.ts passes on.
  const WORKERS = Symbol.for("cors-lens/workers");
  for (const name of ["Worker", "SharedWorker"] as const) {
    const Original = globalThis[name] as (new (...a: unknown[]) => object) | undefined;
    if (typeof Original !== "function") continue;
    const Wrapped = function (this: unknown, ...args: unknown[]) {
      const flags = globalThis as unknown as Record<symbol, boolean>;
      if (!flags[WORKERS]) {
        flags[WORKERS] = true;
        document.dispatchEvent(new Event("cors-lens:worker"));
      }
      return new.target ? Reflect.construct(Original, args, new.target) : Reflect.apply(Original, this, args);
    } as unknown as typeof Original;
    Wrapped.prototype = Original.prototype;
    Object.defineProperty(Wrapped, "name", { value: name });
    (globalThis as unknown as Record<string, unknown>)[name] = Wrapped;
  }

  // Fetch forces a preflight for an XHR whose upload object has a listener when it sends a body: remember which do.
  const listened = new WeakSet<object>();
  const Upload = (globalThis as { XMLHttpRequestUpload?: { prototype: EventTarget } }).XMLHttpRequestUpload;
  if (Upload) {
    const add = Upload.prototype.addEventListener;
    Upload.prototype.addEventListener = function (this: EventTarget, ...args: Parameters<typeof add>) {
      listened.add(this);
      return add.apply(this, args);
    };
    for (const event of ["onloadstart", "onprogress", "onabort", "onerror", "onload", "ontimeout", "onloadend"]) {
      const proto = Object.getPrototypeOf(Upload.prototype) as object;
      const d = Object.getOwnPropertyDescriptor(proto, event);
      if (!d?.set || !d.get) continue;
      const { get, set } = d;
      Object.defineProperty(Upload.prototype, event, {
        configurable: true,
        enumerable: d.enumerable ?? true,
        get(this: object) {
          return get.call(this) as unknown;
        },
        set(this: object, value: unknown) {
          if (typeof value === "function") listened.add(this);
          set.call(this, value);
        },
      });
    }
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
          const uploadListener = body !== null && body !== undefined && listened.has(this.upload);
          remember(call.url, call.method, this.withCredentials ? "include" : "same-origin", "xhr", undefined, {
            ...(uploadListener ? { uploadListener } : {}),
          });
        } catch {
          // Never break the page's call.
        }
      }
      return send.call(this, body);
    };
  }
})();
