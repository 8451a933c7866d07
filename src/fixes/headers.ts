// The raw response headers to send, before a stack is chosen: what any server must put on the wire.

import { headerPlan } from "./requirements";
import type { StackFixer } from "./stack";

export const headers: StackFixer = {
  id: "headers",
  label: "Raw response headers",
  language: "HTTP",
  snippetLanguage: "text",
  build(req) {
    const plan = headerPlan(req);
    const block = (pairs: [string, string][]): string => pairs.map(([n, v]) => `${n}: ${v}`).join("\n");
    const parts = [];
    if (req.preflight) {
      parts.push(`Preflight: OPTIONS ${req.path}, answered with 204 (any 2xx) and:\n${block(plan.preflight)}`);
    }
    parts.push(`Actual response: ${req.method} ${req.path}, on every status (errors included):\n${block(plan.actual)}`);
    const notes = [
      "Send each header once: two Access-Control-Allow-Origin lines (from the app and a proxy, say) are refused as multiple values.",
      "Vary: Origin keeps caches from serving one origin's answer to another once more than one origin is allowed.",
    ];
    if (req.optionsBeforeAuth || req.optionsNotRouted) {
      notes.unshift(
        "OPTIONS must be answered by the CORS layer before authentication and routing: browsers send no credentials on a preflight.",
      );
    }
    return { snippet: parts.join("\n\n") + "\n", notes };
  },
};
