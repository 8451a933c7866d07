// The engine's Firefox mode over the corpus, from the events Firefox's webRequest fires and from Chrome's.

import { describe, expect, it } from "vitest";
import type { Exchange } from "../../src/capture/exchange";
import { FIREFOX_REASONS, firefoxConsoleText, type CorsErrorName, type FirefoxReason } from "../../src/cors/codes";
import { diagnose, needsPageHint } from "../../src/diagnose/diagnose";
import { buildExport } from "../../src/report/export";
import { SCENARIOS } from "../corpus/scenarios";
import { FAKE_ORIGINS, simulate } from "../corpus/simulate";
import { FIREFOX_SCENARIOS } from "../firefox/scenarios";
import { simulateFirefox } from "../firefox/simulate";
import { FIREFOX_VERDICTS } from "../firefox/verdicts";
import { replay } from "./replay";

const ALL = [...SCENARIOS, ...FIREFOX_SCENARIOS];
const FIREFOX = { browser: "firefox" } as const;

/** cors-rules.md section C: the Firefox reasons each Chrome CorsError (without its Preflight prefix) can be. */
const SECTION_C: Record<string, FirefoxReason[]> = {
  MissingAllowOriginHeader: ["CORSMissingAllowOrigin2"],
  WildcardOriginNotAllowed: ["CORSNotSupportingCredentials"],
  MultipleAllowOriginValues: ["CORSMultipleAllowOriginNotAllowed", "CORSAllowOriginNotMatchingOrigin"],
  InvalidAllowOriginValue: ["CORSAllowOriginNotMatchingOrigin"],
  AllowOriginMismatch: ["CORSAllowOriginNotMatchingOrigin"],
  InvalidAllowCredentials: ["CORSMissingAllowCredentials"],
  InvalidStatus: ["CORSPreflightDidNotSucceed3"],
  DisallowedRedirect: ["CORSExternalRedirectNotAllowed"],
  InvalidAllowMethodsPreflightResponse: ["CORSInvalidAllowMethod"],
  InvalidAllowHeadersPreflightResponse: ["CORSInvalidAllowHeader"],
  MethodDisallowedByPreflightResponse: ["CORSMethodNotFound"],
  HeaderDisallowedByPreflightResponse: ["CORSMissingAllowHeaderFromPreflight2"],
  // Firefox fails it with no reason of its own (section C: "with no reason string"); observed: "did not succeed".
  RedirectContainsCredentials: ["CORSDidNotSucceed2"],
};

const exchangesOf = (id: string, firefoxEvents: boolean): Exchange[] => {
  const s = ALL.find((x) => x.id === id)!;
  return replay(firefoxEvents ? simulateFirefox(s) : simulate(s)).exchanges;
};

describe("Firefox mode, from Firefox's webRequest events", () => {
  for (const s of ALL) {
    const v = FIREFOX_VERDICTS[s.id];
    it(`${s.id}: ${v ? (v.seenAs ?? v.reason) : "allowed"}`, () => {
      const { exchanges, recorder } = replay(simulateFirefox(s));
      expect(exchanges).toHaveLength(s.request.times ?? 1);
      expect(recorder.pendingCount).toBe(0);
      for (const x of exchanges) {
        // What the page hook tells the extension when it asks (the service worker asks when needsPageHint says so).
        if (needsPageHint(x, FIREFOX)) x.hints = { credentials: s.request.credentials ?? "same-origin" };
        const d = diagnose(x, FIREFOX);
        if (!v) {
          expect(d.outcome).toBe("allowed");
          expect(d.firefox).toBeUndefined();
          continue;
        }
        expect(d.outcome).toBe("blocked");
        expect(d.code).toBe(v.code ?? s.expect.code);
        expect(d.firefox?.reason).toBe(v.seenAs ?? v.reason);
        expect(SECTION_C[d.code!.replace(/^Preflight/, "")]).toContain(d.firefox?.reason);
        expect(d.firefox?.mdn).toBe(FIREFOX_REASONS[d.firefox!.reason].mdn);
        // Where webRequest hides what decides Firefox's reason, the diagnosis says so and names the other one.
        if (v.seenAs) expect(d.assumptions.join(" ")).toContain(v.reason);
        if (s.cause) expect(d.cause?.kind).toBe(s.cause);
      }
    });
  }

  it("pairs Firefox's late preflights with their requests, and marks a request a failed preflight stopped", () => {
    const [put] = exchangesOf("preflight-put-ok", true);
    expect(put!.hops[0]!.preflight?.method).toBe("OPTIONS");
    expect(put!.initiator).toBe(FAKE_ORIGINS.page);
    const [refused] = exchangesOf("preflight-401-no-cors", true);
    expect(refused!.hops[0]!.preflight?.statusCode).toBe(401);
    expect(refused!.hops[0]!.request.sent).toBe(false);
    // Firefox shows the headers the request would have carried; Chrome never does.
    expect(refused!.hops[0]!.request.requestHeaders).not.toBeNull();
    const [redirected] = exchangesOf("redirect-then-preflight-fails", true);
    expect(redirected!.hops.map((h) => h.preflight !== null)).toEqual([true, true]);
  });

  it("keeps each of two identical concurrent calls with its own preflight", () => {
    const s = SCENARIOS.find((x) => x.id === "preflight-401-with-cors")!;
    const a = simulateFirefox(s, FAKE_ORIGINS, 100);
    const b = simulateFirefox(s, FAKE_ORIGINS, 200).map((e) => ({
      ...e,
      event: { ...e.event, timeStamp: e.event.timeStamp + 0.25 },
    }));
    // Interleaved: both requests' headers, then both preflights, as two clicks in a row show it.
    const events = [...a, ...b].sort((x, y) => x.event.timeStamp - y.event.timeStamp) as typeof a;
    const { exchanges } = replay(events);
    expect(exchanges.map((x) => [x.id, x.hops[0]!.preflight?.startedAt])).toEqual([
      ["100", a.find((e) => e.event.requestId === "101")!.event.timeStamp],
      ["200", b.find((e) => e.event.requestId === "201")!.event.timeStamp],
    ]);
  });
});

describe("Firefox mode, from header lines as sent", () => {
  for (const s of ALL.filter((x) => FIREFOX_VERDICTS[x.id])) {
    const v = FIREFOX_VERDICTS[s.id]!;
    it(`${s.id}: ${v.reason}`, () => {
      for (const x of exchangesOf(s.id, false)) {
        const d = diagnose(x, FIREFOX);
        // Lines kept apart, the engine needs no assumption to tell several lines from a list.
        expect(d.firefox?.reason).toBe(v.reason);
        expect(d.code).toBe(v.code ?? s.expect.code);
      }
    });
  }
});

describe("Allow-Origin lines and lists", () => {
  const withAcao = (lines: string[]): Exchange => {
    const [x] = exchangesOf("acao-other-origin", false);
    const step = x!.hops[0]!.request;
    step.responseHeaders = lines.map((value) => ({ name: "Access-Control-Allow-Origin", value }));
    return x!;
  };
  const page = FAKE_ORIGINS.page;

  it("several lines are CORSMultipleAllowOriginNotAllowed", () => {
    const d = diagnose(withAcao([page, "https://app.example.com"]), FIREFOX);
    expect([d.code, d.firefox?.reason, d.assumptions]).toEqual([
      "MultipleAllowOriginValues",
      "CORSMultipleAllowOriginNotAllowed",
      [],
    ]);
  });

  it("one line holding a list only fails to match, and Firefox names the value", () => {
    const d = diagnose(withAcao([`${page},https://app.example.com`]), FIREFOX);
    expect([d.code, d.firefox?.reason, d.assumptions]).toEqual([
      "MultipleAllowOriginValues",
      "CORSAllowOriginNotMatchingOrigin",
      [],
    ]);
    expect(d.firefox?.message).toContain(`does not match ‘${page},https://app.example.com’`);
  });

  it("a value Firefox may have joined from lines says what it assumed", () => {
    const list = diagnose(withAcao([`${page}, https://app.example.com`]), FIREFOX);
    expect(list.firefox?.reason).toBe("CORSAllowOriginNotMatchingOrigin");
    expect(list.assumptions.join(" ")).toContain("CORSMultipleAllowOriginNotAllowed");
    const twice = diagnose(withAcao([`${page}, ${page}`]), FIREFOX);
    expect(twice.firefox?.reason).toBe("CORSMultipleAllowOriginNotAllowed");
    expect(twice.assumptions.join(" ")).toContain("CORSAllowOriginNotMatchingOrigin");
  });
});

describe("Authorization under Access-Control-Allow-Headers: *", () => {
  it("passes with a warning in Firefox, as in Chrome", () => {
    for (const firefoxEvents of [true, false]) {
      const [x] = exchangesOf("authorization-under-wildcard", firefoxEvents);
      const d = diagnose(x!, FIREFOX);
      expect(d.outcome).toBe("allowed");
      const warning = d.warnings.find((w) => w.kind === "authorization-covered-by-wildcard");
      expect(warning?.summary).toContain("Firefox");
      expect(warning?.summary).toContain("CORSAllowHeaderFromPreflightDeprecation");
    }
  });

  it("is refused when Authorization is listed neither by name nor by *", () => {
    const [x] = exchangesOf("authorization-not-allowed", true);
    expect(diagnose(x!, FIREFOX).firefox?.message).toContain("header ‘authorization’ is not allowed");
  });
});

describe("Firefox's wording", () => {
  it("writes Firefox's console message, as Firefox 153 printed it on the lab", () => {
    const message = (id: string) => diagnose(exchangesOf(id, true)[0]!, FIREFOX).firefox?.message;
    const at = (id: string) => `${FAKE_ORIGINS.api}/s/${id}`;
    const blocked = "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at";
    expect(message("preflight-401-no-cors")).toBe(
      `${blocked} ${at("preflight-401-no-cors")}. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 401.`,
    );
    expect(message("two-headers-not-allowed")).toBe(
      `${blocked} ${at("two-headers-not-allowed")}. (Reason: header ‘x-alpha’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).`,
    );
    expect(message("wildcard-with-credentials")).toBe(
      `${blocked} ‘${at("wildcard-with-credentials")}’. (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).`,
    );
    expect(message("allow-methods-unparsable")).toContain("(Reason: invalid token ‘PUT DELETE’ in CORS header");
    expect(message("redirect-with-userinfo")).toBe(
      `${blocked} ${at("redirect-with-userinfo")}. (Reason: CORS request did not succeed). Status code: (null).`,
    );
  });

  it("fills %2 literally, even with $ in the value", () => {
    expect(firefoxConsoleText("CORSAllowOriginNotMatchingOrigin", "http://x.test/", "$&$'", null)).toContain(
      "does not match ‘$&$'’).",
    );
  });
});

describe("Chrome mode stays Chrome's", () => {
  it("adds no Firefox verdict and exports firefoxReason null", () => {
    const records = SCENARIOS.flatMap((s) =>
      replay(simulate(s)).exchanges.map((exchange) => ({ exchange, diagnosis: diagnose(exchange) })),
    );
    expect(records.every((r) => !("firefox" in r.diagnosis))).toBe(true);
    const doc = buildExport(records, {
      extensionVersion: "0",
      browser: { name: "chrome", version: "156" },
      pageUrl: null,
    });
    expect(doc.requests.every((r) => r.diagnosis.firefoxReason === null)).toBe(true);
  });

  it("exports Firefox's reason id in Firefox mode", () => {
    const exchange = exchangesOf("acao-two-lines", true)[0]!;
    const doc = buildExport([{ exchange, diagnosis: diagnose(exchange, FIREFOX) }], {
      extensionVersion: "0",
      browser: { name: "firefox", version: "153.7.0" },
      pageUrl: null,
    });
    expect(doc.requests[0]!.diagnosis.firefoxReason).toBe("CORSMultipleAllowOriginNotAllowed");
    expect(doc.requests[0]!.diagnosis.code).toBe("MultipleAllowOriginValues" satisfies CorsErrorName);
  });
});

describe("asking the page hook", () => {
  it("without the hook's answer, a call blocked only with credentials is assumed sent without them", () => {
    const d = diagnose(exchangesOf("wildcard-credentials-no-cookie", true)[0]!, FIREFOX);
    expect(d.outcome).toBe("allowed");
    expect(d.assumptions.join(" ")).toContain("WildcardOriginNotAllowed");
  });

  it("Chrome asks for failed calls only; Firefox also for completed calls its checks refuse", () => {
    const completedBlocked = exchangesOf("missing-acao", true)[0]!;
    expect(completedBlocked.outcome).toBe("completed");
    expect(needsPageHint(completedBlocked)).toBe(false);
    expect(needsPageHint(completedBlocked, FIREFOX)).toBe(true);
    // `*` passes without credentials but not with them: only the page knows which.
    expect(needsPageHint(exchangesOf("simple-get-wildcard", true)[0]!, FIREFOX)).toBe(true);
    expect(needsPageHint(exchangesOf("simple-get-ok", true)[0]!, FIREFOX)).toBe(true);
    expect(needsPageHint(exchangesOf("credentialed-ok", true)[0]!, FIREFOX)).toBe(false);
  });
});
