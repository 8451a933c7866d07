// The contract between the fix index and each per-stack module: requirements in, snippet and trap notes out.

import type { Requirements } from "./requirements";
import type { StackId } from "./types";

export interface StackFixer {
  id: StackId;
  label: string;
  /** The language the stack is written or configured in, for the stack picker. */
  language: string;
  /** The snippet's language for highlighting (see Fix.language). */
  snippetLanguage: string;
  build(req: Requirements): { snippet: string; notes: string[] };
}
