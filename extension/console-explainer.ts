// Prints blocked calls' explanations in the page console, next to Chrome's own errors, one collapsed group per call.

import type { ConsoleExplanation } from "../src/report/explanation";
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

export function explainInPage(tabId: number, frameId: number, explanation: ConsoleExplanation): Promise<void> {
  return prints.submit(tabId, frameId, explanation);
}
