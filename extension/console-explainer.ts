// Prints blocked calls' explanations in the page console, next to Chrome's own errors, one collapsed group per call.

import { briefOf, causeKey, type ConsoleExplanation } from "../src/report/explanation";
import { FrameBatcher } from "./frame-batch";
import { browser } from "./platform";

/** Printing can wait a little: calls blocked together are printed by one script run, off the page's busy moment. */
const PRINT_DELAY_MS = 50;

/**
 * Runs in the page (MAIN world), so it must be self-contained. Three console calls per explanation (with DevTools
 * open each one is a message to it): the heading, one message with every entry, the end of the group. Texts go in
 * as `%s` arguments, so a `%` in a URL or header is printed as it is.
 */
function print(explanations: ConsoleExplanation[]): void {
  for (const e of explanations) {
    console.groupCollapsed("%c%s", "color:#c5221f;font-weight:600", e.title);
    const format: string[] = [];
    const args: string[] = [];
    for (const { label, text } of e.entries) {
      const block = text.includes("\n");
      format.push(`%c${label}:%c${block ? "\n" : " "}%s`);
      args.push("font-weight:600", block ? "font-family:monospace" : "", text);
    }
    console.log(format.join("\n"), ...args);
    console.groupEnd();
  }
}

const prints = new FrameBatcher<ConsoleExplanation, void>(
  async (tabId, frameId, explanations) => {
    // A frame that is gone (navigated or closed) has no console left to explain in: the batch is dropped.
    await browser.scripting.executeScript({
      target: { tabId, frameIds: [frameId] },
      world: "MAIN",
      func: print,
      args: [explanations],
    });
    return [];
  },
  undefined,
  { delayMs: PRINT_DELAY_MS, gapMs: PRINT_DELAY_MS },
);

/** A cause explained in full in a frame is told again in brief for this long. */
const REPEAT_MS = 10_000;
const MAX_CAUSES = 200;
/** Per frame (`tab:frame`): each cause explained in full lately, with the call it was explained for. */
const explained = new Map<string, Map<string, { url: string; at: number }>>();

/**
 * Prints a blocked call's explanation in its frame's console: in full, or in brief when the same cause was
 * explained in full there moments ago (a burst of identical failures prints one full explanation, not hundreds).
 */
export function explainInPage(
  tabId: number,
  frameId: number,
  explanation: ConsoleExplanation,
  url: string,
): Promise<void> {
  const frame = `${tabId}:${frameId}`;
  const causes = explained.get(frame) ?? new Map<string, { url: string; at: number }>();
  explained.set(frame, causes);
  const key = causeKey(explanation);
  const now = Date.now();
  const earlier = causes.get(key);
  if (earlier && now - earlier.at < REPEAT_MS) return prints.submit(tabId, frameId, briefOf(explanation, earlier.url));
  causes.delete(key);
  causes.set(key, { url, at: now });
  if (causes.size > MAX_CAUSES) causes.delete(causes.keys().next().value!);
  return prints.submit(tabId, frameId, explanation);
}

/** A tab's new document (or a closed tab) starts with a console that holds none of them. */
export function forgetExplained(tabId: number): void {
  for (const frame of explained.keys()) if (frame.startsWith(`${tabId}:`)) explained.delete(frame);
}
