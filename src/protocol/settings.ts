// The user's settings: defaults and validation of what storage or a message holds (pure, shared by worker and tests).

import { lookUpStack } from "../fixes/stack-names";
import { DEFAULT_LIMIT } from "../store/tab-store";
import type { Settings } from "./messages";

const MIN_LIMIT = 100;
const MAX_LIMIT = 50_000;

export const DEFAULT_SETTINGS: Settings = {
  limit: DEFAULT_LIMIT,
  background: false,
  console: true,
  stack: "headers",
  includeSecrets: false,
};

/** A stack id, or any spelling of one (the panel's "Write fixes for" box, older settings); null for none or several. */
function stackOf(v: unknown): Settings["stack"] | null {
  if (typeof v !== "string") return null;
  const lookup = lookUpStack(v);
  return lookup.kind === "stack" ? lookup.id : null;
}

/** Settings from storage or a message, each field checked; anything missing or malformed keeps its current value. */
export function sanitize(s: Partial<Settings>, base: Settings = DEFAULT_SETTINGS): Settings {
  const limit = Number.isFinite(s.limit) ? Math.min(MAX_LIMIT, Math.max(MIN_LIMIT, Math.round(s.limit!))) : base.limit;
  const flag = (v: unknown, fallback: boolean): boolean => (typeof v === "boolean" ? v : fallback);
  return {
    limit,
    background: flag(s.background, base.background),
    console: flag(s.console, base.console),
    stack: stackOf(s.stack) ?? base.stack,
    includeSecrets: flag(s.includeSecrets, base.includeSecrets),
  };
}
