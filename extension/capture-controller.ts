// Decides when webRequest listeners exist: while a tab is watched (or background capture is on), and across restarts.
//
// MV3 wakes a stopped worker only for listeners it registers synchronously on start-up. So on every start the
// listeners are added at once and events are held until the saved capture state is read; then they are replayed
// for the tabs being watched, and the listeners are removed if nothing is. Browsing with nothing watched keeps no
// listener at all.

import type { CaptureEvent } from "../src/capture/events";
import type { Recorder } from "../src/capture/recorder";
import { registerHook, unregisterHook } from "./page-hints";
import { browser, extraHeadersOption, type WebRequest } from "./platform";

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

/** How long tabs watched before a restart stay captured while their viewers reconnect. */
const RECONNECT_GRACE_MS = 5000;

export interface CaptureHooks {
  /** A new document committed in a tab's top frame while capture is on. */
  onNavigated(tabId: number, url: string): void;
}

export interface CaptureState {
  watched: number[];
  background: boolean;
}

export class CaptureController {
  private listening = false;
  private readonly viewers = new Map<number, number>();
  /** Tabs watched before the worker restarted, kept until their viewers are back (or the grace period ends). */
  private readonly reconnecting = new Set<number>();
  private background = false;
  /** Events that arrived before the saved state was read; null once it has been. */
  private held: CaptureEvent[] | null = null;

  constructor(
    private readonly recorder: Recorder,
    private readonly onStateChange: (state: CaptureState) => void = () => {},
    private readonly hooks: CaptureHooks = { onNavigated: () => {} },
  ) {}

  /** Called synchronously at the worker's top level, before anything async. */
  startProvisionally(): void {
    this.held = [];
    this.start();
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

  isCaptured(tabId: number): boolean {
    if (this.background) return true;
    // Requests with no tab (shared and service workers) are kept while any tab is watched, then attributed.
    if (tabId < 0) return this.viewers.size + this.reconnecting.size > 0;
    return this.viewers.has(tabId) || this.reconnecting.has(tabId);
  }

  /** One more viewer (devtools page or panel) for a tab. */
  watch(tabId: number): void {
    this.viewers.set(tabId, (this.viewers.get(tabId) ?? 0) + 1);
    this.reconnecting.delete(tabId);
    this.update();
  }

  unwatch(tabId: number): void {
    const n = (this.viewers.get(tabId) ?? 0) - 1;
    if (n > 0) this.viewers.set(tabId, n);
    else this.viewers.delete(tabId);
    this.update();
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
    return [...this.viewers.keys()];
  }

  get active(): boolean {
    return this.listening;
  }

  private update(): void {
    if (this.held !== null) return; // still restoring: decide once the saved state is known
    const want = this.background || this.viewers.size > 0 || this.reconnecting.size > 0;
    if (want && !this.listening) this.start();
    else if (!want && this.listening) this.stop();
    if (want) void registerHook();
    else void unregisterHook();
    this.onStateChange({
      watched: [...new Set([...this.viewers.keys(), ...this.reconnecting])],
      background: this.background,
    });
  }

  private dispatch(e: CaptureEvent): void {
    if (this.held !== null) {
      this.held.push(e);
      return;
    }
    if (!this.isCaptured(e.event.tabId)) return;
    if (e.kind === "send") this.recorder.sendHeaders(e.event);
    else if (e.kind === "headers") this.recorder.headersReceived(e.event);
    else if (e.kind === "completed") this.recorder.completed(e.event);
    else this.recorder.errorOccurred(e.event);
  }

  // webRequest's detail objects carry the fields capture reads; the casts only narrow the polyfill's wide types.
  private readonly onSend = (d: WebRequest.OnSendHeadersDetailsType): void =>
    this.dispatch({ kind: "send", event: d as unknown as Extract<CaptureEvent, { kind: "send" }>["event"] });
  private readonly onHeaders = (d: WebRequest.OnHeadersReceivedDetailsType): void =>
    this.dispatch({ kind: "headers", event: d as unknown as Extract<CaptureEvent, { kind: "headers" }>["event"] });
  private readonly onCompleted = (d: WebRequest.OnCompletedDetailsType): void =>
    this.dispatch({ kind: "completed", event: d as unknown as Extract<CaptureEvent, { kind: "completed" }>["event"] });
  private readonly onError = (d: WebRequest.OnErrorOccurredDetailsType): void =>
    this.dispatch({ kind: "error", event: d as unknown as Extract<CaptureEvent, { kind: "error" }>["event"] });

  private readonly onCommitted = (d: { tabId: number; frameId: number; url: string }): void => {
    if (d.frameId === 0 && this.isCaptured(d.tabId)) this.hooks.onNavigated(d.tabId, d.url);
  };

  private start(): void {
    const filter: WebRequest.RequestFilter = { urls: ["<all_urls>"], types: TYPES };
    const wr = browser.webRequest;
    wr.onSendHeaders.addListener(this.onSend, filter, ["requestHeaders", ...extraHeadersOption("request")]);
    wr.onHeadersReceived.addListener(this.onHeaders, filter, ["responseHeaders", ...extraHeadersOption("response")]);
    wr.onCompleted.addListener(this.onCompleted, filter);
    wr.onErrorOccurred.addListener(this.onError, filter);
    browser.webNavigation.onCommitted.addListener(this.onCommitted);
    this.listening = true;
  }

  private stop(): void {
    const wr = browser.webRequest;
    wr.onSendHeaders.removeListener(this.onSend);
    wr.onHeadersReceived.removeListener(this.onHeaders);
    wr.onCompleted.removeListener(this.onCompleted);
    wr.onErrorOccurred.removeListener(this.onError);
    browser.webNavigation.onCommitted.removeListener(this.onCommitted);
    this.listening = false;
  }
}
