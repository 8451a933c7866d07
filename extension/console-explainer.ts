// Prints a blocked call's explanation in the page console, next to Chrome's own error, as one collapsed group.

import type { ConsoleExplanation } from "../src/report/explanation";
import { browser } from "./platform";

/** Runs in the page (MAIN world), so it must be self-contained. */
function print(e: ConsoleExplanation): void {
  console.groupCollapsed(`%c${e.title}`, "color:#c5221f;font-weight:600");
  for (const { label, text } of e.entries) {
    if (text.includes("\n")) console.log(`%c${label}:%c\n${text}`, "font-weight:600", "font-family:monospace");
    else console.log(`%c${label}:%c ${text}`, "font-weight:600", "");
  }
  console.groupEnd();
}

export async function explainInPage(tabId: number, frameId: number, explanation: ConsoleExplanation): Promise<void> {
  await browser.scripting
    .executeScript({ target: { tabId, frameIds: [frameId] }, world: "MAIN", func: print, args: [explanation] })
    .catch(() => {
      // The frame is gone (navigated or closed): there is no console left to explain in.
    });
}
