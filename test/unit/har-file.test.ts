// The streaming HAR reader: entries handed on one by one in any chunking, and every malformed file or wrong type
// refused with a message that says what is wrong and where (never an exception of another kind).

import { describe, expect, it } from "vitest";
import { entryOf, HarFileError, HarFileReader, readHarFile, type HarFileEntry } from "../../src/capture/har-file";

const entry = (over: Record<string, unknown> = {}) => ({
  startedDateTime: "2026-12-07T10:00:00.000Z",
  time: 5,
  request: { method: "GET", url: "http://api.test/x", headers: [{ name: "Origin", value: "http://app.test" }] },
  response: { status: 200, headers: [{ name: "Access-Control-Allow-Origin", value: "*" }], content: { text: "x" } },
  _resourceType: "fetch",
  ...over,
});
const har = (entries: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ log: { version: "1.2", creator: { name: "test", version: "1" }, ...extra, entries } });

async function readText(text: string, chunk = text.length): Promise<{ entries: HarFileEntry[]; error: string | null }> {
  const entries: HarFileEntry[] = [];
  async function* chunks() {
    for (let i = 0; i < text.length; i += chunk) yield new TextEncoder().encode(text.slice(i, i + chunk));
  }
  try {
    await readHarFile(chunks(), { entry: (e) => entries.push(e) });
    return { entries, error: null };
  } catch (err) {
    expect(err).toBeInstanceOf(HarFileError);
    return { entries, error: (err as Error).message };
  }
}

describe("reading", () => {
  it("hands on every entry, whatever the chunk size, keeping only what capture reads", async () => {
    const text = har([entry(), entry({ request: { method: "PUT", url: "http://api.test/y", headers: [] } })]);
    for (const size of [1, 7, 64, text.length]) {
      const { entries, error } = await readText(text, size);
      expect(error).toBeNull();
      expect(entries.map((e) => [e.index, e.entry.request.method, e.entry.request.url])).toEqual([
        [0, "GET", "http://api.test/x"],
        [1, "PUT", "http://api.test/y"],
      ]);
      expect(JSON.stringify(entries[0]!.entry)).not.toContain("content");
    }
  });

  it("reads multi-byte UTF-8 split across chunks", async () => {
    const text = har([entry({ request: { method: "GET", url: "http://api.test/é€😀", headers: [] } })]);
    const { entries } = await readText(text, 3);
    expect(entries[0]!.entry.request.url).toBe("http://api.test/é€😀");
  });

  it("records the creator, the browser and the pages", async () => {
    const reader = new HarFileReader({ entry: () => {} });
    reader.write(
      har([], {
        browser: { name: "chromium", version: "156.0.8078.129" },
        pages: [{ id: "p1", title: "http://app.test/" }],
      }),
    );
    expect(reader.end()).toEqual({
      creator: { name: "test", version: "1" },
      browser: { name: "chromium", version: "156.0.8078.129" },
      pages: [{ id: "p1", title: "http://app.test/" }],
      entryCount: 0,
    });
  });

  it("folds each producer's failure marks into _error: DevTools' _error, Playwright's _failureText and status -1, status 0", () => {
    const read = (response: Record<string, unknown>) =>
      (entryOf(entry({ response }), 0) as HarFileEntry).entry.response;
    expect(read({ status: 200, headers: [], _error: "net::ERR_FAILED" })._error).toBe("net::ERR_FAILED");
    expect(read({ status: -1, headers: [], _failureText: "net::ERR_FAILED" })).toEqual({
      status: 0,
      headers: [],
      _error: "net::ERR_FAILED",
    });
    expect(read({ status: 0, headers: [] })._error).toBe("net::ERR_FAILED");
    expect(read({ status: 204, headers: [] })._error).toBeNull();
  });

  it("reads the resource type from fetch metadata when the producer writes none", () => {
    const typeOf = (method: string, headers: [string, string][]) =>
      (
        entryOf(
          entry({
            _resourceType: undefined,
            request: { method, url: "http://api.test/", headers: headers.map(([name, value]) => ({ name, value })) },
          }),
          0,
        ) as HarFileEntry
      ).entry._resourceType;
    expect(typeOf("OPTIONS", [["Access-Control-Request-Method", "PUT"]])).toBe("preflight");
    expect(typeOf("GET", [["Sec-Fetch-Dest", "empty"]])).toBe("fetch");
    expect(typeOf("GET", [["Sec-Fetch-Dest", "document"]])).toBe("document");
    expect(typeOf("GET", [["Sec-Fetch-Dest", "font"]])).toBe("font");
    expect(typeOf("GET", [])).toBe("other");
  });

  it("accepts numeric header values, which some tools write", () => {
    const e = entryOf(
      entry({ response: { status: 200, headers: [{ name: "Access-Control-Max-Age", value: 600 }] } }),
      0,
    );
    expect((e as HarFileEntry).entry.response.headers).toEqual([{ name: "Access-Control-Max-Age", value: "600" }]);
  });
});

describe("bad input: what is wrong and where", () => {
  it.each([
    ["", "the file is empty"],
    ["   ", "the file is empty"],
    ["[1,2]", "not a HAR: the file holds an array, not an object with a log"],
    ['"log"', "not a HAR: the file holds a string, not an object with a log"],
    ['{"foo":1}', "not a HAR: there is no log object"],
    ['{"log":[]}', "not a HAR: log is array, not an object"],
    ['{"log":{"version":"1.2"}}', "not a HAR: log.entries is missing"],
    ['{"log":{"entries":{}}}', "not a HAR: log.entries is object, not an array"],
    ['{"log":{"entries":"none"}}', "not a HAR: log.entries is string, not an array"],
    ['{"log":{"entries":[}', "not valid JSON at character 20: unexpected '}'"],
    ['{"log":{"entries":[]', "not valid JSON: the file ends in the middle of a value"],
    ["<html>", "not valid JSON at character 1: unexpected '<'"],
    ['{"log":{"entries":[]}} trailing', "not valid JSON at character 26: unexpected 'a'"],
  ])("%j → %s", async (text, message) => {
    const { error } = await readText(text);
    expect(error).toBe(message);
  });

  it("says after which entry the JSON broke", async () => {
    const text = har([entry(), entry()]).replace(/\]\}\}$/, ", {]}}");
    const { entries, error } = await readText(text, 10);
    expect(entries).toHaveLength(2);
    expect(error).toMatch(/^not valid JSON at character \d+ \(after entry 2\): unexpected '\]'$/);
  });

  it.each([
    [42, "entry 1: is not an object (a number)"],
    [entry({ startedDateTime: "yesterday" }), "entry 1: startedDateTime is not a date"],
    [entry({ request: null }), "entry 1: request is not an object"],
    [entry({ request: { method: "GET", headers: [] } }), "entry 1: request.url is not a string"],
    [entry({ request: { url: "http://a.test/", method: 1, headers: [] } }), "entry 1: request.method is not a string"],
    [
      entry({ request: { url: "http://a.test/", method: "GET", headers: {} } }),
      "entry 1: request.headers is not an array (a object)",
    ],
    [
      entry({ request: { url: "http://a.test/", method: "GET" } }),
      "entry 1: request.headers is not an array (missing)",
    ],
    [
      entry({ request: { url: "http://a.test/", method: "GET", headers: ["Origin: x"] } }),
      "entry 1: request.headers[0] is not an object",
    ],
    [entry({ response: { status: "200", headers: [] } }), "entry 1: response.status is not a number"],
    [entry({ response: { status: 200, headers: "none" } }), "entry 1: response.headers is not an array (a string)"],
    [
      entry({ response: { status: 200, headers: [{ name: "A", value: null }] } }),
      "entry 1: response.headers[0].value is not a string",
    ],
    [
      entry({ response: { status: 200, headers: [{ value: "x" }] } }),
      "entry 1: response.headers[0].name is not a string",
    ],
  ])("a wrong type: %j", async (bad, message) => {
    const { error } = await readText(har([bad]));
    expect(error).toBe(message);
  });

  it("counts entries from 1 and stops at the first bad one", async () => {
    const entries = Array.from({ length: 12 }, () => entry());
    entries[11] = entry({ response: { status: 200, headers: { a: 1 } } });
    const { entries: read, error } = await readText(har([...entries, entry()]), 100);
    expect(read).toHaveLength(11);
    expect(error).toBe("entry 12: response.headers is not an array (a object)");
  });

  it("never evaluates what a file holds", async () => {
    const marker = "__harReaderRan";
    const text = har([
      entry({
        request: {
          method: "GET",
          url: "javascript:globalThis.__harReaderRan=1",
          headers: [{ name: "__proto__", value: "x" }],
        },
        __proto__: { polluted: true },
        constructor: { prototype: { polluted: true } },
      }),
    ]).replace('"request"', `"toString":"globalThis.${marker}=1","request"`);
    const { entries, error } = await readText(text);
    expect(error).toBeNull();
    expect(entries).toHaveLength(1);
    expect((globalThis as Record<string, unknown>)[marker]).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
