// Real producers' HAR files of the corpus (scripts/record-har.ts): the engine's code equals Chrome's CDP verdict from
// the same run, or the diagnosis names the missing piece of the file that prevents it.

import { createReadStream, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { SCENARIOS } from "../corpus/scenarios";
import { diagnoseHar, type HarDiagnosis } from "../../src/store/har-records";

const DIR = resolve(import.meta.dirname, "../fixtures/har");

interface Recorded {
  pageOrigin: string;
  scenarios: {
    id: string;
    url: string;
    chrome: { method: string; corsError: string | null; failedParameter: string }[];
  }[];
}
const recorded = JSON.parse(readFileSync(resolve(DIR, "cdp-verdicts.json"), "utf8")) as Recorded;

const read = (file: string): Promise<HarDiagnosis> => diagnoseHar(createReadStream(resolve(DIR, file)));

/** Per scenario and call: "agrees", "explained" (the file lacks what decides it, and the diagnosis says so), or why not. */
async function compare(file: string): Promise<Map<string, string>> {
  const { records } = await read(file);
  const out = new Map<string, string>();
  for (const s of recorded.scenarios) {
    const mine = records
      .filter((r) => r.exchange.url === s.url)
      .sort((a, b) => a.exchange.startedAt - b.exchange.startedAt);
    s.chrome.forEach((c, i) => {
      const d = mine[i]?.diagnosis;
      const key = `${s.id}#${i + 1}`;
      if (!d) out.set(key, `no call in the file's diagnosis (Chrome: ${c.corsError})`);
      else if (d.code === c.corsError) {
        const disallowedOk =
          d.disallowed.length > 1 ? d.disallowed.includes(c.failedParameter) : d.failedParameter === c.failedParameter;
        out.set(key, disallowedOk ? "agrees" : `failedParameter ${d.failedParameter} vs Chrome's ${c.failedParameter}`);
      } else if (d.code === null && d.cause?.kind === "har-response-missing" && c.corsError !== null) {
        out.set(key, "explained");
      } else out.set(key, `code ${d.code} vs Chrome's ${c.corsError}: ${d.summary}`);
    });
  }
  return out;
}

describe("the recording", () => {
  it("covers every corpus scenario outside Local Network Access, with Chrome's verdicts still the corpus's", () => {
    const ids = SCENARIOS.filter((s) => !s.lna).map((s) => s.id);
    expect(recorded.scenarios.map((s) => s.id)).toEqual(ids);
    for (const s of recorded.scenarios) {
      const expected = SCENARIOS.find((x) => x.id === s.id)!.expect.code;
      for (const c of s.chrome) expect(c.corsError, s.id).toBe(expected);
    }
  });
});

describe.each([
  ["chromium-devtools.har", "Chromium's DevTools export with sensitive data"],
  ["chromium-devtools-sanitized.har", "Chromium's DevTools export without sensitive data (the default)"],
  ["chrome-getHAR.har", "chrome.devtools.network.getHAR()"],
])("%s (%s)", (file) => {
  it("gives Chrome's own code and failed parameter for every call", async () => {
    const results = await compare(file);
    const disagreements = [...results].filter(([, v]) => v !== "agrees");
    expect(disagreements).toEqual([]);
    expect(results.size).toBe(recorded.scenarios.reduce((n, s) => n + s.chrome.length, 0));
  });

  it("takes the page's origin from the file's page entry", async () => {
    const r = await read(file);
    expect(r.pageOrigin).toEqual({ origin: recorded.pageOrigin, from: "page entry", url: `${recorded.pageOrigin}/` });
  });
});

describe("Chromium's export without sensitive data", () => {
  it("says the credentials mode cannot be read from the file", async () => {
    const { notes } = await read("chromium-devtools-sanitized.har");
    expect(notes.join(" ")).toMatch(/credentials mode .* cannot be read from this file/);
    const full = await read("chromium-devtools.har");
    expect(full.notes).toEqual([]);
  });

  it("states the two verdicts on a call whose verdict turns on credentials", async () => {
    const { records } = await read("chromium-devtools-sanitized.har");
    const url = recorded.scenarios.find((s) => s.id === "wildcard-credentials-no-cookie")!.url;
    const d = records.find((r) => r.exchange.url === url)!.diagnosis;
    expect(d.code).toBe("WildcardOriginNotAllowed");
    expect(d.assumptions.join(" ")).toMatch(/credentials mode was inferred as 'include'/);
  });
});

describe("playwright.har (Playwright's recordHar)", () => {
  it("agrees with Chrome wherever the file holds the response, and says what is missing everywhere else", async () => {
    const results = await compare("playwright.har");
    const wrong = [...results].filter(([, v]) => v !== "agrees" && v !== "explained");
    expect(wrong).toEqual([]);
    const explained = [...results].filter(([, v]) => v === "explained").length;
    // Playwright keeps no response (status -1, no headers) and no preflight of a blocked call: every blocked call.
    const blocked = recorded.scenarios.flatMap((s) => s.chrome).filter((c) => c.corsError !== null).length;
    expect(explained).toBeGreaterThan(blocked - 5);
  });

  it("names the entry and what it lacks, and the page origin it assumed", async () => {
    const { records } = await read("playwright.har");
    const url = recorded.scenarios.find((s) => s.id === "missing-acao")!.url;
    const d = records.find((r) => r.exchange.url === url)!.diagnosis;
    expect(d.outcome).toBe("network-error");
    expect(d.cause?.summary).toMatch(
      /^The file keeps no response for this call \(entry \d+: status -1, no response headers\)/,
    );
    expect(d.assumptions).toContain(
      `This call's entry records no Origin header: the calling page's origin is taken as ${recorded.pageOrigin}, from the file's page entry (${recorded.pageOrigin}/).`,
    );
  });
});

describe("a response the file lists without any header", () => {
  it("is not read as 'no Access-Control-Allow-Origin': the diagnosis says the headers are missing from the file", async () => {
    const har = JSON.parse(readFileSync(resolve(DIR, "chromium-devtools.har"), "utf8")) as {
      log: { entries: { request: { url: string; method: string }; response: { headers: unknown[] } }[] };
    };
    const emptied = ["acao-other-origin", "preflight-401-with-cors"].map(
      (id) => recorded.scenarios.find((s) => s.id === id)!.url,
    );
    for (const e of har.log.entries) if (emptied.includes(e.request.url)) e.response.headers = [];
    const { records } = await diagnoseHar([JSON.stringify(har)]);
    const [simple, preflighted] = emptied.map((url) => records.find((r) => r.exchange.url === url)!.diagnosis);
    expect(simple!.outcome).toBe("network-error");
    expect(simple!.code).toBeNull();
    expect(simple!.cause?.kind).toBe("har-headers-missing");
    expect(simple!.summary).toMatch(
      /^The file lists the response \(HTTP 200; the call is entry \d+\) with no headers at all/,
    );
    expect(preflighted!.cause?.kind).toBe("har-headers-missing");
    expect(preflighted!.summary).toMatch(
      /^The file lists the preflight's response \(HTTP 401; the call is entry \d+\)/,
    );
    // The other calls keep Chrome's verdicts.
    const other = recorded.scenarios.find((s) => s.id === "missing-acao")!.url;
    expect(records.find((r) => r.exchange.url === other)!.diagnosis.code).toBe("MissingAllowOriginHeader");
  });
});
