// Reads a HAR file as a stream of bytes: checks its shape, hands on each entry, says what is wrong and where; never runs or fetches anything.

import { Tokenizer, TokenParser, TokenType } from "@streamparser/json";
import type { HarEntryLike } from "./har";

/** What a HAR's log says about itself (producers fill in different parts). */
export interface HarFileFacts {
  /** log.creator: WebInspector (Chrome's DevTools), Playwright, Firefox, Charles… */
  creator: { name: string; version: string } | null;
  /** log.browser, when the producer writes it (Playwright, Firefox). */
  browser: { name: string; version: string } | null;
  pages: HarPage[];
  entryCount: number;
}

export interface HarPage {
  id: string;
  /** Chrome's DevTools writes the page's URL here; Playwright and Firefox the document's title. */
  title: string;
}

/** An entry as read: the fields CORS Lens needs, producers' failure marks folded into `response._error`. */
export interface HarFileEntry {
  /** Position in log.entries, from 0 (messages count from 1, as a person would). */
  index: number;
  pageref: string | null;
  entry: HarEntryLike;
  /** response.status as written: 0 (DevTools, Firefox) or -1 (Playwright) when no response was recorded. */
  rawStatus: number;
}

export interface HarFileHandlers {
  entry(e: HarFileEntry): void;
  page?(p: HarPage): void;
}

const PATHS = ["$.log.entries.*", "$.log.pages.*", "$.log.creator", "$.log.browser"];

type Json = unknown;

const isObject = (x: Json): x is Record<string, Json> => typeof x === "object" && x !== null && !Array.isArray(x);
const kind = (x: Json): string => (x === null ? "null" : Array.isArray(x) ? "an array" : `a ${typeof x}`);

/**
 * One copy of each header name and value kept across entries: a long session repeats the same User-Agent, Origin and
 * Accept on every call, and the parser makes a new string each time. Bounded, so hostile files cannot grow it.
 */
class Strings {
  private readonly seen = new Map<string, string>();
  constructor(private readonly max = 20_000) {}
  get(s: string): string {
    if (s.length > 512) return s;
    const known = this.seen.get(s);
    if (known !== undefined) return known;
    if (this.seen.size >= this.max) this.seen.clear();
    this.seen.set(s, s);
    return s;
  }
}

const noStrings = { get: (s: string) => s };

/** The headers of a request or response, or what is wrong with them. */
function headersOf(
  x: Json,
  where: string,
  strings: { get(s: string): string },
): { name: string; value: string }[] | string {
  if (!Array.isArray(x)) return `${where} is not an array (${x === undefined ? "missing" : kind(x)})`;
  const out: { name: string; value: string }[] = [];
  for (const [i, h] of x.entries()) {
    if (!isObject(h)) return `${where}[${i}] is not an object`;
    if (typeof h.name !== "string") return `${where}[${i}].name is not a string`;
    // Some tools write numbers for values; a header value is text on the wire either way.
    const value = typeof h.value === "number" ? String(h.value) : h.value;
    if (typeof value !== "string") return `${where}[${i}].value is not a string`;
    out.push({ name: strings.get(h.name), value: strings.get(value) });
  }
  return out;
}

/** Playwright and Firefox write no `_resourceType` for some entries: read it from the request's fetch metadata. */
function resourceTypeOf(raw: Record<string, Json>, method: string, headers: { name: string; value: string }[]): string {
  if (typeof raw._resourceType === "string") return raw._resourceType.toLowerCase();
  const header = (name: string) => headers.find((h) => h.name.toLowerCase() === name)?.value ?? null;
  if (method.toUpperCase() === "OPTIONS" && header("access-control-request-method") !== null) return "preflight";
  const dest = header("sec-fetch-dest");
  if (dest === "empty") return "fetch";
  if (dest === "style") return "stylesheet";
  if (dest === "document" || dest === "iframe" || dest === "frame") return "document";
  return dest ?? "other";
}

/**
 * One log.entries element as a HarEntryLike, or a message saying which field is wrong. Only the fields capture reads
 * are kept (bodies are dropped at once).
 */
export function entryOf(
  raw: Json,
  index: number,
  strings: { get(s: string): string } = noStrings,
): HarFileEntry | string {
  const at = `entry ${index + 1}`;
  if (!isObject(raw)) return `${at}: is not an object (${kind(raw)})`;
  if (typeof raw.startedDateTime !== "string" || Number.isNaN(Date.parse(raw.startedDateTime))) {
    return `${at}: startedDateTime is not a date`;
  }
  const { request, response } = raw;
  if (!isObject(request)) return `${at}: request is not an object`;
  if (typeof request.url !== "string") return `${at}: request.url is not a string`;
  if (typeof request.method !== "string") return `${at}: request.method is not a string`;
  const requestHeaders = headersOf(request.headers, "request.headers", strings);
  if (typeof requestHeaders === "string") return `${at}: ${requestHeaders}`;
  if (!isObject(response)) return `${at}: response is not an object`;
  if (typeof response.status !== "number" || !Number.isFinite(response.status)) {
    return `${at}: response.status is not a number`;
  }
  const responseHeaders = headersOf(response.headers, "response.headers", strings);
  if (typeof responseHeaders === "string") return `${at}: ${responseHeaders}`;
  const time = typeof raw.time === "number" && Number.isFinite(raw.time) && raw.time > 0 ? raw.time : 0;
  // DevTools writes _error, Playwright _failureText; a response that never came is status 0 or -1.
  const failure =
    typeof response._error === "string" && response._error
      ? response._error
      : typeof response._failureText === "string" && response._failureText
        ? response._failureText
        : null;
  const status = response.status > 0 ? response.status : 0;
  return {
    index,
    pageref: typeof raw.pageref === "string" ? raw.pageref : null,
    rawStatus: response.status,
    entry: {
      startedDateTime: raw.startedDateTime,
      time,
      request: { url: request.url, method: request.method, headers: requestHeaders },
      response: {
        status,
        headers: responseHeaders,
        _error: failure ?? (status === 0 ? "net::ERR_FAILED" : null),
      },
      _resourceType: resourceTypeOf(raw, request.method, requestHeaders),
    },
  };
}

/** Why a HAR could not be read: the message names the place ("entry 12: response.headers is not an array"). */
export class HarFileError extends Error {}

/** The shape checks the entry stream cannot make: that $ and $.log are objects and $.log.entries an array. */
class ShapeWatch {
  /** Open containers from the root: their kind and, in an object, the key being read. */
  private readonly stack: { array: boolean; key: string | null; expectKey: boolean }[] = [];
  readonly seen = new Map<string, string>();

  token(type: TokenType, value: unknown): void {
    const top = this.stack.at(-1);
    if (top && !top.array && top.expectKey && type === TokenType.STRING) {
      top.key = String(value);
      top.expectKey = false;
      return;
    }
    if (type === TokenType.COLON) return;
    if (type === TokenType.COMMA) {
      if (top && !top.array) top.expectKey = true;
      return;
    }
    if (type === TokenType.RIGHT_BRACE || type === TokenType.RIGHT_BRACKET) {
      this.stack.pop();
      return;
    }
    // A value starts here: note its kind when it is one of the three places that matter.
    if (this.stack.length <= 2) {
      const path = ["$", ...this.stack.map((s) => s.key ?? "")].join(".");
      const what =
        type === TokenType.LEFT_BRACE
          ? "object"
          : type === TokenType.LEFT_BRACKET
            ? "array"
            : kind(value).replace(/^an? /, "");
      if (!this.seen.has(path)) this.seen.set(path, what);
    }
    if (type === TokenType.LEFT_BRACE) this.stack.push({ array: false, key: null, expectKey: true });
    else if (type === TokenType.LEFT_BRACKET) this.stack.push({ array: true, key: null, expectKey: false });
  }
}

/**
 * Where the JSON stopped making sense: the tokenizer's message gives the absolute position; the token parser's names
 * the token only, whose offset the reader passes.
 */
function jsonProblem(err: Error, entries: number, offset?: number): string {
  const at = /absolute position "(\d+)"/.exec(err.message)?.[1] ?? offset;
  const unexpected = (/Unexpected "([^"]*)"/.exec(err.message) ??
    /^Unexpected [A-Z_]+ \("?(.*?)"?\) in state/.exec(err.message))?.[1];
  const after = entries > 0 ? ` (after entry ${entries})` : "";
  if (at !== undefined) {
    return `not valid JSON at character ${Number(at) + 1}${after}${unexpected !== undefined ? `: unexpected '${unexpected}'` : ""}`;
  }
  return `not valid JSON: the file ends in the middle of a value${after}`;
}

/**
 * Streams a HAR: write() chunks as they come, end() once. Entries reach the handler one by one and are not kept;
 * the first problem stops reading, and end() throws it as a HarFileError.
 */
export class HarFileReader {
  private readonly tokenizer = new Tokenizer();
  private readonly parser = new TokenParser({ paths: PATHS, keepStack: false });
  private readonly shape = new ShapeWatch();
  private readonly strings = new Strings();
  private problem: string | null = null;
  /** The offset of the last token read, for the token parser's messages. */
  private offset = 0;
  readonly facts: HarFileFacts = { creator: null, browser: null, pages: [], entryCount: 0 };

  constructor(private readonly handlers: HarFileHandlers) {
    this.tokenizer.onToken = ({ token, value, offset }) => {
      if (this.problem !== null) return;
      this.offset = offset;
      this.shape.token(token, value);
      this.parser.write({ token, value });
    };
    this.tokenizer.onError = (err) => this.fail(jsonProblem(err, this.facts.entryCount));
    this.parser.onError = (err) => this.fail(jsonProblem(err, this.facts.entryCount, this.offset));
    this.parser.onValue = ({ value, key, stack }) => this.value(value, key, stack.at(-1)?.key);
    // end() is the tokenizer's; the parser's own end is not an error to report.
    this.parser.onEnd = () => {};
  }

  private fail(message: string): void {
    this.problem ??= message;
  }

  private value(value: Json, key: string | number | undefined, parent: string | number | undefined): void {
    if (this.problem !== null) return;
    if (parent === "entries") {
      const read = entryOf(value, this.facts.entryCount, this.strings);
      this.facts.entryCount++;
      if (typeof read === "string") return this.fail(read);
      try {
        this.handlers.entry(read);
      } catch (err) {
        this.fail(`entry ${read.index + 1}: ${err instanceof Error ? err.message : String(err)}`);
      }
    } else if (parent === "pages") {
      if (isObject(value) && typeof value.id === "string") {
        const page = { id: value.id, title: typeof value.title === "string" ? value.title : "" };
        this.facts.pages.push(page);
        this.handlers.page?.(page);
      }
    } else if (key === "creator" || key === "browser") {
      if (isObject(value) && typeof value.name === "string") {
        this.facts[key] = { name: value.name, version: typeof value.version === "string" ? value.version : "" };
      }
    }
  }

  write(chunk: Uint8Array | string): void {
    if (this.problem !== null) return;
    try {
      this.tokenizer.write(chunk);
    } catch (err) {
      this.fail(jsonProblem(err as Error, this.facts.entryCount));
    }
  }

  /** Ends the file: the facts when it was a HAR, else a HarFileError saying what is wrong and where. */
  end(): HarFileFacts {
    if (this.problem === null) {
      try {
        this.tokenizer.end();
        // Every token may be whole while a container is still open: the parser knows.
        if (this.problem === null && this.shape.seen.has("$") && !this.parser.isEnded) {
          this.fail(jsonProblem(new Error("unterminated"), this.facts.entryCount));
        }
      } catch (err) {
        this.fail(jsonProblem(err as Error, this.facts.entryCount));
      }
    }
    if (this.problem === null) {
      const seen = this.shape.seen;
      const root = seen.get("$");
      if (root === undefined) this.fail("the file is empty");
      else if (root !== "object")
        this.fail(`not a HAR: the file holds ${root === "array" ? "an array" : `a ${root}`}, not an object with a log`);
      else if (seen.get("$.log") !== "object") {
        this.fail(
          `not a HAR: ${seen.has("$.log") ? `log is ${seen.get("$.log")}, not an object` : "there is no log object"}`,
        );
      } else if (seen.get("$.log.entries") !== "array") {
        this.fail(
          `not a HAR: log.entries is ${seen.has("$.log.entries") ? `${seen.get("$.log.entries")}, not an array` : "missing"}`,
        );
      }
    }
    if (this.problem !== null) throw new HarFileError(this.problem);
    return this.facts;
  }
}

/** Reads a whole stream of chunks (a file's read stream, a Blob's stream()); throws a HarFileError for bad input. */
export async function readHarFile(
  chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  handlers: HarFileHandlers,
): Promise<HarFileFacts> {
  const reader = new HarFileReader(handlers);
  for await (const chunk of chunks) reader.write(chunk);
  return reader.end();
}
