// Adds the webRequest listeners while at least one tab is watched (or background capture is on), removes them after.

import type { CompletedEvent, ErrorEvent, HeadersReceivedEvent, SendHeadersEvent } from "../src/capture/events";
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

export class CaptureController {
  private listening = false;
  private readonly viewers = new Map<number, number>();
  private background = false;

  constructor(private readonly recorder: Recorder) {}

  isCaptured(tabId: number): boolean {
    return this.background || this.viewers.has(tabId);
  }

  /** One more viewer (devtools page or panel) for a tab. */
  watch(tabId: number): void {
    this.viewers.set(tabId, (this.viewers.get(tabId) ?? 0) + 1);
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

  get active(): boolean {
    return this.listening;
  }

  private update(): void {
    const want = this.background || this.viewers.size > 0;
    if (want && !this.listening) this.start();
    else if (!want && this.listening) this.stop();
  }

  private readonly onSend = (d: WebRequest.OnSendHeadersDetailsType): void => {
    if (this.isCaptured(d.tabId)) this.recorder.sendHeaders(d as unknown as SendHeadersEvent);
  };
  private readonly onHeaders = (d: WebRequest.OnHeadersReceivedDetailsType): void => {
    if (this.isCaptured(d.tabId)) this.recorder.headersReceived(d as unknown as HeadersReceivedEvent);
  };
  private readonly onCompleted = (d: WebRequest.OnCompletedDetailsType): void => {
    if (this.isCaptured(d.tabId)) this.recorder.completed(d as unknown as CompletedEvent);
  };
  private readonly onError = (d: WebRequest.OnErrorOccurredDetailsType): void => {
    if (this.isCaptured(d.tabId)) this.recorder.errorOccurred(d as unknown as ErrorEvent);
  };

  private start(): void {
    const filter: WebRequest.RequestFilter = { urls: ["<all_urls>"], types: TYPES };
    const wr = browser.webRequest;
    wr.onSendHeaders.addListener(this.onSend, filter, ["requestHeaders", ...extraHeadersOption("request")]);
    wr.onHeadersReceived.addListener(this.onHeaders, filter, ["responseHeaders", ...extraHeadersOption("response")]);
    wr.onCompleted.addListener(this.onCompleted, filter);
    wr.onErrorOccurred.addListener(this.onError, filter);
    this.listening = true;
    void registerHook();
  }

  private stop(): void {
    const wr = browser.webRequest;
    wr.onSendHeaders.removeListener(this.onSend);
    wr.onHeadersReceived.removeListener(this.onHeaders);
    wr.onCompleted.removeListener(this.onCompleted);
    wr.onErrorOccurred.removeListener(this.onError);
    this.listening = false;
    void unregisterHook();
  }
}
