// The Local Network Access rules: which LNA code a failed call gets from what webRequest and the page hook saw.

import { describe, expect, it } from "vitest";
import type { CaptureEvent } from "../../src/capture/events";
import type { Exchange, PageHints } from "../../src/capture/exchange";
import { diagnose } from "../../src/diagnose/diagnose";
import { HAR_ID_PREFIX } from "../../src/capture/har";
import { FIREFOX_LNA_ERROR, LNA_ERROR } from "../../src/diagnose/local-network";
import { replay } from "./replay";

const PUBLIC_PAGE = "http://127.0.0.1:5175"; // counted public by an override flag
const API = "http://127.0.0.1:5174/s/x";
type H = [string, string];
const hs = (list: H[]) => list.map(([name, value]) => ({ name, value }));

/** A call's webRequest events: an optional preflight (with response headers, or none), then the request. */
function call(options: {
  initiator?: string;
  url?: string;
  method?: string;
  preflight?: { request?: H[]; response: H[] | null; error?: string };
  error: string;
  response?: H[];
}): Exchange {
  const url = options.url ?? API;
  const method = options.method ?? "GET";
  const initiator = options.initiator ?? PUBLIC_PAGE;
  let t = 1_700_000_000_000;
  const base = (requestId: string, m: string) => ({
    requestId,
    url,
    method: m,
    tabId: 1,
    frameId: 0,
    type: "xmlhttprequest",
    initiator,
    timeStamp: t++,
  });
  const events: CaptureEvent[] = [];
  const p = options.preflight;
  if (p) {
    const request: H[] = [["Access-Control-Request-Method", method], ["Origin", initiator], ...(p.request ?? [])];
    events.push({ kind: "send", event: { ...base("2", "OPTIONS"), requestHeaders: hs(request) } });
    if (p.response) {
      events.push({
        kind: "headers",
        event: { ...base("2", "OPTIONS"), statusCode: 204, responseHeaders: hs(p.response) },
      });
      events.push({ kind: "completed", event: { ...base("2", "OPTIONS"), statusCode: 204 } });
    } else {
      events.push({ kind: "error", event: { ...base("2", "OPTIONS"), error: p.error ?? "net::ERR_FAILED" } });
    }
  } else {
    events.push({ kind: "send", event: { ...base("1", method), requestHeaders: hs([["Origin", initiator]]) } });
    if (options.response) {
      events.push({
        kind: "headers",
        event: { ...base("1", method), statusCode: 200, responseHeaders: hs(options.response) },
      });
    }
  }
  events.push({ kind: "error", event: { ...base("1", method), error: options.error } });
  const [exchange] = replay(events).exchanges;
  return exchange!;
}

const withHints = (x: Exchange, hints: Partial<PageHints>): Exchange => ({
  ...x,
  hints: { ...x.hints, ...hints } as PageHints,
});

describe("Local Network Access verdicts", () => {
  it("Chrome's LNA error on a simple call: permission denied, from a page counted public, CORS headers never read", () => {
    const d = diagnose(call({ error: LNA_ERROR }));
    expect(d.outcome).toBe("blocked");
    expect(d.code).toBe("LocalNetworkAccessPermissionDenied");
    expect(d.localNetwork).toMatchObject({
      initiatorSpace: "public",
      targetSpace: "loopback",
      permission: "loopback-network",
      permissionState: "unknown",
      secureContext: true,
      corsHeaders: "not-reached",
    });
    expect(d.localNetwork!.initiatorSpaceFrom).toContain("--ip-address-space-overrides");
    expect(d.localNetwork!.evidence).toContain(LNA_ERROR);
    expect(d.cause?.kind).toBe("local-network-access");
    expect(d.summary).toContain("No server header can fix this");
  });

  it("an http: page that is not a secure context: InsecureLocalNetwork", () => {
    const d = diagnose(call({ initiator: "http://lna.test:5175", error: LNA_ERROR }));
    expect(d.code).toBe("InsecureLocalNetwork");
    expect(d.localNetwork!.secureContext).toBe(false);
    // The page hook's isSecureContext wins over the origin's scheme.
    const hinted = diagnose(withHints(call({ error: LNA_ERROR }), { secureContext: false }));
    expect(hinted.code).toBe("InsecureLocalNetwork");
  });

  it("a preflight stopped before any response to a loopback address: denied, unless the permission was granted", () => {
    const x = call({ method: "PUT", preflight: { response: null }, error: "net::ERR_FAILED" });
    expect(diagnose(x).code).toBe("LocalNetworkAccessPermissionDenied");
    expect(diagnose(x).stage).toBe("preflight");
    const granted = withHints(x, { localNetworkPermissions: { "loopback-network": "granted" } });
    expect(diagnose(granted).code).not.toBe("LocalNetworkAccessPermissionDenied");
    expect(diagnose(granted).outcome).not.toBe("allowed");
  });

  it("a targetAddressSpace that does not match the server's space: InvalidLocalNetworkAccess, even when granted", () => {
    const x = withHints(call({ error: "net::ERR_FAILED" }), {
      targetAddressSpace: "local",
      localNetworkPermissions: { "loopback-network": "granted" },
    });
    const d = diagnose(x);
    expect(d.code).toBe("InvalidLocalNetworkAccess");
    expect(d.localNetwork!.targetAddressSpace).toBe("local");
    expect(d.summary).toContain('targetAddressSpace: "local"');
  });

  it("leaves other failures to CORS: a response was read, or the target is public", () => {
    const read = diagnose(call({ error: "net::ERR_FAILED", response: [["Content-Type", "text/plain"]] }));
    expect(read.code).toBe("MissingAllowOriginHeader");
    expect(read.localNetwork).toBeUndefined();
    const remote = diagnose(
      call({
        url: "https://api.example.com/x",
        method: "PUT",
        preflight: { response: null },
        error: "net::ERR_FAILED",
      }),
    );
    expect(remote.code).toBeNull();
    expect(remote.localNetwork).toBeUndefined();
  });

  it("in DevTools' record, a failure with nothing received is LNA only for a call that needed no preflight", () => {
    // Event order seen once in the DevTools e2e under load: the PUT's refused preflight (302, ERR_INVALID_REDIRECT)
    // never joined its call, which then failed with net::ERR_FAILED, nothing received and the hook's hints.
    const hints = { localNetworkPermissions: { "loopback-network": "prompt" as const } };
    const fromDevtools = (x: Exchange): Exchange => ({ ...withHints(x, hints), id: `${HAR_ID_PREFIX}1-1` });
    const put = diagnose(fromDevtools(call({ method: "PUT", error: "net::ERR_FAILED" })));
    expect(put.code).not.toBe("LocalNetworkAccessPermissionDenied");
    expect(put.localNetwork).toBeUndefined();
    expect(put.outcome).not.toBe("allowed");
    const get = diagnose(fromDevtools(call({ error: "net::ERR_FAILED" })));
    expect(get.code).toBe("LocalNetworkAccessPermissionDenied");
  });

  it("records the old Private Network Access headers when the call carried them", () => {
    const x = call({
      method: "PUT",
      preflight: { request: [["Access-Control-Request-Private-Network", "true"]], response: null, error: LNA_ERROR },
      error: "net::ERR_FAILED",
    });
    const d = diagnose(x);
    expect(d.localNetwork!.privateNetworkAccess).toEqual({ requested: true, allowHeader: null });
    expect(d.cause!.summary).toContain("no longer");
  });

  it("Firefox mode reads Firefox's own LNA error, and only that one", () => {
    expect(diagnose(call({ error: LNA_ERROR }), { browser: "firefox" }).localNetwork).toBeUndefined();
    expect(diagnose(call({ error: FIREFOX_LNA_ERROR })).localNetwork).toBeUndefined();
    const d = diagnose(call({ error: FIREFOX_LNA_ERROR }), { browser: "firefox" });
    expect(d.outcome).toBe("blocked");
    expect(d.code).toBe("LocalNetworkAccessPermissionDenied");
    expect(d.firefox?.reason).toBe("CORSDidNotSucceed2");
    expect(d.firefox?.message).toBe(
      `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${API}. (Reason: CORS request did not succeed). Status code: (null).`,
    );
    expect(d.localNetwork).toMatchObject({ initiatorSpace: "public", targetSpace: "loopback" });
    expect(d.summary).toContain("No server header can fix this");
  });
});
