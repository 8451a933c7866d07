// Decides how each tab is captured, and when webRequest listeners exist, across restarts.
//
// A tab whose only viewers live in its DevTools is captured from DevTools' own network record (HAR entries its
// devtools page forwards): DevTools records it anyway, so the page pays no request proxy. webRequest listeners
// exist only while a pop-out panel watches a tab or background capture is on.
//
// MV3 wakes a stopped worker only for listeners it registers synchronously on start-up. So on every start the
// listeners are added at once and events are held until the saved capture state is read; then they are replayed
// for the tabs being watched, and the listeners are removed if nothing needs them.

import type { CaptureEvent } from "../src/capture/events";
import { HarEvents, isHarCall, isUnsentFailure, type HarCall } from "../src/capture/har";
import type { Recorder } from "../src/capture/recorder";
import { registerHook, unregisterHook } from "./page-hints";
import { browser, browserName, extraHeadersOption, type WebRequest } from "./platform";

/** Navigations and beacons are never CORS; every other type can be. */
const TYPES: WebRequest.ResourceType[] = [
  "xmlhttprequest",
  "font",
  "script",
  "stylesheet",
  "image",
  "media",
  "object",
  "other",
];

/** A call DevTools lists as never sent waits this long for its preflight, which DevTools may list after it. */
const UNSENT_WAIT_MS = 100;

/** How long tabs watched before a restart stay captured while their viewers reconnect. */
const RECONNECT_GRACE_MS = 5000;

export interface CaptureHooks {
  /** A new document committed in a tab's top frame while capture is on, at `at` (epoch ms). */
  onNavigated(tabId: number, url: string, at: number): void;
  /** The origin of a watched tab's page, for calls DevTools lists without an Origin header. */
  pageOrigin(tabId: number): string | null;
}

/** Where a viewer sits: in the tab's DevTools (which records the traffic), or a pop-out panel page. */
export type ViewerKind = "devtools" | "page";

export interface CaptureState {
  watched: number[];
  background: boolean;
}

export class CaptureController {
  private listening = false;
  private navigating = false;
  /** Viewers per tab that need webRequest (pop-out panels). */
  private readonly viewers = new Map<number, number>();
  /** Viewers per tab inside its DevTools: the tab is captured from HAR entries unless webRequest captures it. */
  private readonly devtoolsViewers = new Map<number, number>();
  private readonly har = new Map<number, HarEvents>();
  /** When webRequest began capturing a tab its DevTools watches: DevTools' record still owns calls begun earlier. */
  private readonly webRequestSince = new Map<number, number>();
  /** Tabs watched before the worker restarted, kept until their viewers are back (or the grace period ends). */
  private readonly reconnecting = new Set<number>();
  private background = false;
  /** Events that arrived before the saved state was read; null once it has been. */
  private held: CaptureEvent[] | null = null;

  constructor(
    private readonly recorder: Recorder,
    private readonly onStateChange: (state: CaptureState) => void = () => {},
    private readonly hooks: CaptureHooks = { onNavigated: () => {}, pageOrigin: () => null },
  ) {}

  /** Called synchronously at the worker's top level, before anything async. */
  startProvisionally(): void {
    this.held = [];
    this.start();
    this.startNavigation();
  }

  /** The state saved before a restart: resume capture for those tabs and replay what arrived meanwhile. */
  restore(state: CaptureState | null): void {
    this.background = state?.background ?? false;
    for (const tabId of state?.watched ?? []) if (!this.viewers.has(tabId)) this.reconnecting.add(tabId);
    const held = this.held ?? [];
    this.held = null;
    for (const e of held) this.dispatch(e);
    this.update();
    if (this.reconnecting.size > 0) {
      setTimeout(() => {
        this.reconnecting.clear();
        this.update();
      }, RECONNECT_GRACE_MS);
    }
  }

  /** Whether webRequest events for this tab are captured. */
  isCaptured(tabId: number): boolean {
    if (this.background) return true;
    // Requests with no tab (shared and service workers) are kept while webRequest watches any tab, then attributed.
    if (tabId < 0) return this.viewers.size + this.reconnecting.size > 0;
    return this.viewers.has(tabId) || this.reconnecting.has(tabId);
  }

  /** Whether the tab is watched at all (by webRequest or through its DevTools). */
  isWatched(tabId: number): boolean {
    return this.isCaptured(tabId) || this.devtoolsViewers.has(tabId);
  }

  /** One more viewer for a tab. */
  watch(tabId: number, kind: ViewerKind = "page"): void {
    const viewers = kind === "devtools" ? this.devtoolsViewers : this.viewers;
    viewers.set(tabId, (viewers.get(tabId) ?? 0) + 1);
    this.reconnecting.delete(tabId);
    this.update();
  }

  unwatch(tabId: number, kind: ViewerKind = "page"): void {
    const viewers = kind === "devtools" ? this.devtoolsViewers : this.viewers;
    const n = (viewers.get(tabId) ?? 0) - 1;
    if (n > 0) viewers.set(tabId, n);
    else viewers.delete(tabId);
    if (!this.devtoolsViewers.has(tabId)) this.har.delete(tabId);
    this.update();
  }

  /** When webRequest began capturing a tab that its DevTools watched before; undefined when it did not. */
  webRequestSwitchedAt(tabId: number): number | undefined {
    return this.webRequestSince.get(tabId);
  }

  /**
   * Calls a tab's DevTools recorded: captured when DevTools is how this tab is watched. Once webRequest watches the
   * tab too, only calls begun before it did (webRequest saw their start, if at all, without its headers). With
   * `notBefore` (the current document's commit, when Preserve log is off), calls begun earlier are the last
   * document's: a devtools page that held them sends them after the log was cleared, and they stay out.
   */
  feedHar(tabId: number, calls: HarCall[], notBefore?: number): void {
    if (!this.devtoolsViewers.has(tabId)) return;
    const since = this.webRequestSince.get(tabId);
    if (since === undefined && this.isCaptured(tabId)) return;
    const events = this.har.get(tabId) ?? new HarEvents(tabId, () => this.hooks.pageOrigin(tabId));
    this.har.set(tabId, events);
    const convert = (call: HarCall): void => {
      for (const e of events.eventsOf(call)) this.route(e);
    };
    for (const call of calls) {
      if (!isHarCall(call) || (since !== undefined && call.startedAt >= since)) continue;
      if (notBefore !== undefined && call.startedAt < notBefore) continue;
      // Without its preflight, a call whose preflight failed would read as a network error.
      if (isUnsentFailure(call)) setTimeout(() => this.har.get(tabId) === events && convert(call), UNSENT_WAIT_MS);
      else convert(call);
    }
  }

  setBackground(on: boolean): void {
    this.background = on;
    this.update();
  }

  get backgroundCapture(): boolean {
    return this.background;
  }

  /** Tabs watched right now by a viewer. */
  watchedTabs(): number[] {
    return [...new Set([...this.viewers.keys(), ...this.devtoolsViewers.keys()])];
  }

  get active(): boolean {
    return this.listening;
  }

  private update(): void {
    if (this.held !== null) return; // still restoring: decide once the saved state is known
    const want = this.background || this.viewers.size > 0 || this.reconnecting.size > 0;
    if (want && !this.listening) this.start();
    else if (!want && this.listening) this.stop();
    // The page hook and navigation events serve DevTools-watched tabs too; neither adds a request proxy.
    const watching = want || this.devtoolsViewers.size > 0;
    if (watching && !this.navigating) this.startNavigation();
    else if (!watching && this.navigating) this.stopNavigation();
    if (watching) void registerHook();
    else void unregisterHook();
    for (const tabId of this.devtoolsViewers.keys()) {
      if (!this.isCaptured(tabId)) this.webRequestSince.delete(tabId);
      else if (!this.webRequestSince.has(tabId)) this.webRequestSince.set(tabId, Date.now());
    }
    for (const tabId of this.webRequestSince.keys())
      if (!this.devtoolsViewers.has(tabId)) this.webRequestSince.delete(tabId);
    this.onStateChange({
      watched: [...new Set([...this.watchedTabs(), ...this.reconnecting])],
      background: this.background,
    });
  }

  private dispatch(e: CaptureEvent): void {
    if (this.held !== null) {
      this.held.push(e);
      return;
    }
    if (this.isCaptured(e.event.tabId)) this.route(e);
  }

  private route(e: CaptureEvent): void {
    if (e.kind === "before") this.recorder.beforeRequest(e.event);
    else if (e.kind === "send") this.recorder.sendHeaders(e.event);
    else if (e.kind === "headers") this.recorder.headersReceived(e.event);
    else if (e.kind === "completed") this.recorder.completed(e.event);
    else this.recorder.errorOccurred(e.event);
  }

  // webRequest's detail objects carry the fields capture reads; the casts only narrow the polyfill's wide types.
  private readonly onBefore = (d: WebRequest.OnBeforeRequestDetailsType): void =>
    this.dispatch({ kind: "before", event: d as unknown as Extract<CaptureEvent, { kind: "before" }>["event"] });
  private readonly onSend = (d: WebRequest.OnSendHeadersDetailsType): void =>
    this.dispatch({ kind: "send", event: d as unknown as Extract<CaptureEvent, { kind: "send" }>["event"] });
  private readonly onHeaders = (d: WebRequest.OnHeadersReceivedDetailsType): void =>
    this.dispatch({ kind: "headers", event: d as unknown as Extract<CaptureEvent, { kind: "headers" }>["event"] });
  private readonly onCompleted = (d: WebRequest.OnCompletedDetailsType): void =>
    this.dispatch({ kind: "completed", event: d as unknown as Extract<CaptureEvent, { kind: "completed" }>["event"] });
  private readonly onError = (d: WebRequest.OnErrorOccurredDetailsType): void =>
    this.dispatch({ kind: "error", event: d as unknown as Extract<CaptureEvent, { kind: "error" }>["event"] });

  private readonly onCommitted = (d: { tabId: number; frameId: number; url: string; timeStamp: number }): void => {
    if (d.frameId === 0 && this.isWatched(d.tabId)) this.hooks.onNavigated(d.tabId, d.url, d.timeStamp);
  };

  private start(): void {
    const filter: WebRequest.RequestFilter = { urls: ["<all_urls>"], types: TYPES };
    const wr = browser.webRequest;
    // Chrome only: its request ids count creations, which pair a never-sent request with its preflight (docs/pairing.md).
    if (browserName() === "chrome") wr.onBeforeRequest.addListener(this.onBefore, filter);
    wr.onSendHeaders.addListener(this.onSend, filter, ["requestHeaders", ...extraHeadersOption("request")]);
    wr.onHeadersReceived.addListener(this.onHeaders, filter, ["responseHeaders", ...extraHeadersOption("response")]);
    wr.onCompleted.addListener(this.onCompleted, filter);
    wr.onErrorOccurred.addListener(this.onError, filter);
    this.listening = true;
  }

  private stop(): void {
    const wr = browser.webRequest;
    wr.onBeforeRequest.removeListener(this.onBefore);
    wr.onSendHeaders.removeListener(this.onSend);
    wr.onHeadersReceived.removeListener(this.onHeaders);
    wr.onCompleted.removeListener(this.onCompleted);
    wr.onErrorOccurred.removeListener(this.onError);
    this.listening = false;
  }

  private startNavigation(): void {
    browser.webNavigation.onCommitted.addListener(this.onCommitted);
    this.navigating = true;
  }

  private stopNavigation(): void {
    browser.webNavigation.onCommitted.removeListener(this.onCommitted);
    this.navigating = false;
  }
}
