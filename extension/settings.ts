// User settings (storage.local, kept across sessions) and per-session state (storage.session) of the worker.

import type { Settings } from "../src/protocol/messages";
import { DEFAULT_LIMIT } from "../src/store/tab-store";
import type { CaptureState } from "./capture-controller";
import { browser } from "./platform";

export const DEFAULT_SETTINGS: Settings = { limit: DEFAULT_LIMIT, background: false };
const MIN_LIMIT = 100;
const MAX_LIMIT = 50_000;

export function sanitize(s: Partial<Settings>, base: Settings = DEFAULT_SETTINGS): Settings {
  const limit = Number.isFinite(s.limit) ? Math.min(MAX_LIMIT, Math.max(MIN_LIMIT, Math.round(s.limit!))) : base.limit;
  return { limit, background: typeof s.background === "boolean" ? s.background : base.background };
}

export async function loadSettings(): Promise<Settings> {
  const stored = (await browser.storage.local.get("settings")).settings as Partial<Settings> | undefined;
  return sanitize(stored ?? {});
}

export async function saveSettings(settings: Settings): Promise<void> {
  await browser.storage.local.set({ settings });
}

export interface SessionState extends CaptureState {
  preserveLog: number[];
}

export async function loadSession(): Promise<SessionState | null> {
  const s = (await browser.storage.session.get("state")).state as SessionState | undefined;
  return s ?? null;
}

export async function saveSession(state: SessionState): Promise<void> {
  await browser.storage.session.set({ state }).catch(() => {});
}
