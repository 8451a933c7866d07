// What a `cors-lens` command writes to and looks up through: the terminal and DNS, passed in so tests can pass their own.

import type { HostLookup } from "./local-network";

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** ANSI colours in the text report (off for NO_COLOR and pipes). */
  color: boolean;
  /** Resolves host names for the Local Network Access warning (node:dns when absent; tests pass their own). */
  lookup?: HostLookup;
}
