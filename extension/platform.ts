// The one module that touches webextension-polyfill: the `browser` namespace and feature detection.

import browser from "webextension-polyfill";
import type { BrowserName } from "../src/cors/codes";

export { browser };
export type { Runtime, WebRequest, Tabs } from "webextension-polyfill";

/** Chrome needs `extraHeaders` to show preflights, Origin and CORS response headers; Firefox has no such option. */
export function extraHeadersOption(kind: "request" | "response"): "extraHeaders"[] {
  const options =
    kind === "request"
      ? (browser.webRequest as unknown as { OnSendHeadersOptions?: Record<string, string> }).OnSendHeadersOptions
      : (browser.webRequest as unknown as { OnHeadersReceivedOptions?: Record<string, string> })
          .OnHeadersReceivedOptions;
  return options && "EXTRA_HEADERS" in options ? ["extraHeaders"] : [];
}

/** The DevTools namespace exists only in the devtools page and in panels shown inside DevTools. */
export function devtools(): typeof browser.devtools | undefined {
  try {
    return browser.devtools;
  } catch {
    return undefined;
  }
}

let detected: BrowserName | null = null;

/** Whose CORS verdicts to reproduce: only Firefox has runtime.getBrowserInfo (Chrome's `browser` lacks it). */
export function browserName(): BrowserName {
  detected ??= "getBrowserInfo" in browser.runtime ? "firefox" : "chrome";
  return detected;
}

/**
 * Whether a tab watched from its DevTools is captured from DevTools' network record. Chrome's HAR entries carry
 * what capture needs (preflights as their own entries, `_error`, the response headers of a blocked call); Firefox's
 * were not checked, so Firefox keeps webRequest.
 */
export function capturesThroughDevtools(): boolean {
  return browserName() === "chrome" && devtools()?.network?.onRequestFinished !== undefined;
}

export function extensionVersion(): string {
  return browser.runtime.getManifest().version;
}
