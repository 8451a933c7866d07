// Prints blocked calls' explanations in the page console, next to Chrome's own errors, one collapsed group per call.

import type { ConsoleExplanation } from "../src/report/explanation";
import { FrameBatcher } from "./frame-batch";
import { browser } from "./platform";

/** Printing can wait a little: calls blocked together are printed by one script run, off the page's busy moment. */
const PRINT_DELAY_MS = 50;

/** Runs in the page (MAIN world), so it must be self-contained. */
function print(explanations: ConsoleExplanation[]): void {
  for (const e of explanations) {
    console.groupCollapsed(`%c${e.title}`, "color:#c5221f;font-weight:600");
    for (const { label, text } of e.entries) {
      if (text.includes("\n")) console.log(`%c${label}:%c\n${text}`, "font-weight:600", "font-family:monospace");
      else console.log(`%c${label}:%c ${text}`, "font-weight:600", "");
    }
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
  PRINT_DELAY_MS,
);

export function explainInPage(tabId: number, frameId: number, explanation: ConsoleExplanation): Promise<void> {
  return prints.submit(tabId, frameId, explanation);
}
