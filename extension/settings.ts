// User settings (storage.local, kept across sessions) and per-session state (storage.session) of the worker.

export { DEFAULT_SETTINGS, sanitize } from "../src/protocol/settings";

import type { Settings } from "../src/protocol/messages";
import { sanitize } from "../src/protocol/settings";
import type { CaptureState } from "./capture-controller";
import { browser } from "./platform";

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
