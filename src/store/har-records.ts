// Diagnoses every cross-origin call in a HAR file with the capture engine, and says what the file cannot tell.

import { harCallOf, HarEvents, isUnsentFailure, type HarCall } from "../capture/har";
import { HarFileReader, type HarFileEntry, type HarFileFacts, type HarPage } from "../capture/har-file";
import type { Exchange } from "../capture/exchange";
import { Recorder } from "../capture/recorder";
import type { CaptureEvent } from "../capture/events";
import { headerValue } from "../cors/headers";
import { originOf } from "../cors/origin";
import type { Diagnosis, Note } from "../diagnose/diagnosis";
import { evaluate } from "../diagnose/verdict";
import { toRecord, type CallRecord } from "./call-record";

export interface HarOptions {
  /** The calling page's origin (--origin): decides for calls that recorded no Origin header. */
  origin?: string;
  /**
   * Hands each call on as soon as it is diagnosed and keeps none (`records` stays empty): a huge file's calls need
   * not fit in memory. Whether the file was saved without sensitive data is only known at its end, so a caller
   * streaming its output passes what a first read found (`stripped`).
   */
  onRecord?: (record: CallRecord) => void;
  stripped?: boolean;
}

/** Where the origin of calls without an Origin header came from. */
export interface HarPageOrigin {
  origin: string;
  from: "--origin" | "page entry";
  /** The page URL it was read from (a document entry, or Chrome's page title). */
  url: string | null;
}

export interface HarDiagnosis {
  records: CallRecord[];
  facts: HarFileFacts;
  /** The first page's origin, as used (null when the file names no page and --origin was not given). */
  pageOrigin: HarPageOrigin | null;
  /** The first page's URL, when the file has one. */
  pageUrl: string | null;
  /** What the file as a whole cannot tell (each also stated on the calls it touches). */
  notes: string[];
  /** No Cookie or Authorization header in a file from Chrome's DevTools: it may have been saved without them. */
  stripped: boolean;
}

/** Where a call's entry sits in the file and what it recorded of its response. */
interface EntryFacts {
  entry: number;
  /** response.status as written (-1: Playwright's "no response"). */
  rawStatus: number;
}

const CORS_TYPES = new Set(["fetch", "xhr", "eventsource", "preflight", "font"]);

function pageOriginOf(url: string): string | null {
  const o = originOf(url);
  return o && /^https?:/.test(o) ? o : null;
}

/** Streams the file through DevTools' HAR mapping (src/capture/har.ts), the recorder and the engine. */
export async function diagnoseHar(
  chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  options: HarOptions = {},
): Promise<HarDiagnosis> {
  const exchanges: Exchange[] = [];
  const pages = new Map<string, { url: string; origin: string }>();
  let firstPage: { url: string; origin: string } | null = null;
  let current: string | null = options.origin ?? null;
  const events = new HarEvents(0, () => current);
  const factsOf = new Map<string, EntryFacts>();
  const usedPageOrigin = new Map<string, HarPageOrigin>();
  const reader = new HarFileReader({ entry: (e) => onEntry(e), page: (p) => onPage(p) });
  const finish = (exchange: Exchange, stripped: boolean): CallRecord => {
    const record = toRecord(exchange);
    annotate(record, factsOf.get(exchange.id), {
      assumedOrigin: usedPageOrigin.get(exchange.id) ?? null,
      stripped,
      producer: reader.facts.creator?.name ?? "this producer",
    });
    factsOf.delete(exchange.id);
    usedPageOrigin.delete(exchange.id);
    return record;
  };
  const onRecord = options.onRecord;
  const recorder = new Recorder((x) => {
    if (onRecord) onRecord(finish(x, options.stripped ?? false));
    else exchanges.push(x);
  });
  const assumed = (origin: string): HarPageOrigin => {
    if (options.origin) return { origin, from: "--origin", url: null };
    const page = [...pages.values()].find((p) => p.origin === origin);
    return { origin, from: "page entry", url: page?.url ?? null };
  };
  let noOrigin = 0;
  let credentialHeaders = 0;
  let pending: { call: HarCall; facts: EntryFacts; origin: string | null }[] = [];

  const feed = (call: HarCall, facts: EntryFacts, origin: string | null): void => {
    current = origin;
    const evs = events.eventsOf(call);
    const id = evs[0]?.event.requestId;
    if (id !== undefined && !factsOf.has(id)) factsOf.set(id, facts);
    if (id !== undefined && headerValue(call.requestHeaders, "origin") === null && current !== null) {
      usedPageOrigin.set(id, assumed(current));
    }
    for (const e of evs) route(recorder, e);
  };
  // DevTools lists a call whose preflight failed before that preflight: hold it until the file has passed its end.
  const release = (before: number): void => {
    const ready = pending.filter((p) => p.call.endedAt < before);
    if (ready.length === 0) return;
    pending = pending.filter((p) => p.call.endedAt >= before);
    for (const p of ready) feed(p.call, p.facts, p.origin);
  };

  function onEntry({ entry, index, pageref, rawStatus }: HarFileEntry): void {
    const headers = entry.request.headers;
    if (headers.some((h) => /^(cookie|authorization)$/i.test(h.name))) credentialHeaders++;
    const type = entry._resourceType ?? "other";
    const pageKey = pageref ?? "";
    if (type === "document" && !pages.has(pageKey)) {
      const origin = pageOriginOf(entry.request.url);
      if (origin) {
        pages.set(pageKey, { url: entry.request.url, origin });
        firstPage ??= { url: entry.request.url, origin };
      }
    }
    const origin = options.origin ?? pages.get(pageKey)?.origin ?? firstPage?.origin ?? null;
    const call = harCallOf(entry);
    if (!call) return;
    release(call.startedAt);
    if (origin === null && CORS_TYPES.has(type) && headerValue(call.requestHeaders, "origin") === null) noOrigin++;
    const facts = { entry: index + 1, rawStatus };
    if (isUnsentFailure(call)) pending.push({ call, facts, origin });
    else feed(call, facts, origin);
  }
  function onPage(p: HarPage): void {
    // Chrome's DevTools names a page by its URL; a title that is one is as good as its document entry.
    const origin = pageOriginOf(p.title);
    if (origin && !pages.has(p.id)) pages.set(p.id, { url: p.title, origin });
    if (origin) firstPage ??= { url: p.title, origin };
  }

  for await (const chunk of chunks) reader.write(chunk);
  const facts = reader.end();
  release(Number.POSITIVE_INFINITY);

  const page = firstPage as { url: string; origin: string } | null;
  const pageOrigin: HarPageOrigin | null = options.origin
    ? { origin: options.origin, from: "--origin", url: null }
    : page
      ? { origin: page.origin, from: "page entry", url: page.url }
      : null;
  const notes: string[] = [];
  if (noOrigin > 0) {
    notes.push(
      `${noOrigin} call${noOrigin === 1 ? "" : "s"} recorded no Origin header and the file names no page: the calling origin is unknown, so ${noOrigin === 1 ? "it was" : "they were"} not diagnosed. Run again with --origin ORIGIN (the page's origin).`,
    );
  }
  const stripped = facts.creator?.name === "WebInspector" && credentialHeaders === 0;
  if (stripped) {
    notes.push(
      "No request in this file carries a Cookie or Authorization header. Chrome's DevTools (130+) leaves them out unless the HAR is saved with sensitive data, so the credentials mode of a call cannot be read from this file.",
    );
  }
  const records = exchanges.map((exchange) => finish(exchange, stripped));
  return { records, facts, pageOrigin, pageUrl: options.origin ? null : (page?.url ?? null), notes, stripped };
}

/** The file's producer as a report names it: "Playwright 1.65.1 (chromium 156.0.8078.129)", "WebInspector 537.36". */
export function producerOf({ creator, browser }: HarFileFacts): string {
  const name = creator ? `${creator.name} ${creator.version}`.trim() : "an unnamed producer";
  return browser ? `${name} (${`${browser.name} ${browser.version}`.trim()})` : name;
}

function route(recorder: Recorder, ev: CaptureEvent): void {
  if (ev.kind === "send") recorder.sendHeaders(ev.event);
  else if (ev.kind === "headers") recorder.headersReceived(ev.event);
  else if (ev.kind === "completed") recorder.completed(ev.event);
  else if (ev.kind === "error") recorder.errorOccurred(ev.event);
  else recorder.beforeRequest(ev.event);
}

/** The note for a call the file kept no response of: which missing piece stops the verdict. */
function noResponseNote(entry: EntryFacts | undefined, producer: string): Note {
  const where = entry ? `entry ${entry.entry}` : "its entry";
  const status = entry ? `status ${entry.rawStatus}` : "no status";
  return {
    kind: "har-response-missing",
    severity: "medium",
    summary: `The file keeps no response for this call (${where}: ${status}, no response headers) and no preflight of it: it failed with net::ERR_FAILED, which is how Chrome reports a CORS block, but the headers that would say why are not in the file (${producer} does not record them). Save the HAR from Chrome's DevTools (Network, Export HAR), which keeps a blocked response's headers, or run cors-lens check on the URL.`,
  };
}

/** The note for a response the file lists with a status but no header at all. */
function headersMissingNote(entry: EntryFacts | undefined, status: number, preflight: boolean): Note {
  return {
    kind: "har-headers-missing",
    severity: "medium",
    summary: `The file lists the ${preflight ? "preflight's response" : "response"} (HTTP ${status}${entry ? `; the call is entry ${entry.entry}` : ""}) with no headers at all, and a real response always has some: the producer did not keep them, so which CORS header was missing or wrong cannot be read from this file. Save the HAR from the browser's DevTools, or run cors-lens check on the URL.`,
  };
}

/** States on a call what the file could not tell about it (never guessed). */
function annotate(
  record: CallRecord,
  entry: EntryFacts | undefined,
  ctx: { assumedOrigin: HarPageOrigin | null; stripped: boolean; producer: string },
): void {
  const d: Diagnosis = record.diagnosis;
  const x = record.exchange;
  if (ctx.assumedOrigin) {
    const from =
      ctx.assumedOrigin.from === "--origin"
        ? "--origin"
        : `the file's page entry${ctx.assumedOrigin.url ? ` (${ctx.assumedOrigin.url})` : ""}`;
    d.assumptions.push(
      `This call's entry records no Origin header: the calling page's origin is taken as ${ctx.assumedOrigin.origin}, from ${from}.`,
    );
  }
  if (d.cause?.kind === "headers-not-seen") {
    d.cause = noResponseNote(entry, ctx.producer);
    d.summary = d.cause.summary;
  }
  // A call whose last hop the file kept no response of was judged on an earlier hop only by inferring credentials
  // from the failure; the failure may be the missing hop's own, so nothing is concluded.
  const last = x.hops[x.hops.length - 1]!;
  const lastUnanswered = x.outcome === "failed" && last.request.statusCode === null && !last.preflight;
  // A response always carries some header (Date, Content-Type…): an empty list is one the producer did not keep, and
  // "no Access-Control-Allow-Origin" read from it would be a guess.
  const hop = x.hops[d.hopIndex];
  const decided = d.stage === "preflight" ? hop?.preflight : hop?.request;
  const headersDropped = decided && decided.statusCode !== null && decided.responseHeaders?.length === 0;
  const unknown =
    lastUnanswered && d.outcome === "blocked" && evaluate(x, "same-origin").failure === null
      ? noResponseNote(entry, ctx.producer)
      : d.outcome === "blocked" && headersDropped
        ? headersMissingNote(entry, decided.statusCode!, d.stage === "preflight")
        : null;
  if (unknown) {
    const note = unknown;
    Object.assign(d, {
      outcome: "network-error",
      code: null,
      failedParameter: "",
      disallowed: [],
      stage: null,
      header: null,
      received: null,
      expected: null,
      credentials: "unknown",
      hopIndex: x.hops.length - 1,
      statusCode: null,
      summary: note.summary,
      cause: note,
      assumptions: d.assumptions.filter((a) => !a.includes("credentials mode was inferred")),
    } satisfies Partial<Diagnosis>);
  }
  if (ctx.stripped && d.outcome !== "allowed" && d.credentials !== "include") {
    const without = evaluate(x, "same-origin").failure?.code ?? "allowed";
    const withCreds = evaluate(x, "include").failure?.code ?? "allowed";
    if (without !== withCreds) {
      d.assumptions.push(
        `The file may have been saved without sensitive data (no Cookie or Authorization header anywhere in it), so whether this call carried credentials is unknown: without credentials Chrome's verdict is ${without}, with credentials: 'include' it is ${withCreds}.`,
      );
    }
  }
}
