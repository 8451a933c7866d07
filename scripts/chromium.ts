// Finds a Chromium to run (CHROME_PATH or the usual install paths) and says how to install one when there is none.

import { existsSync } from "node:fs";

const CANDIDATES = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/snap/bin/chromium",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
];

export const INSTALL_HINT = [
  "CORS Lens needs a Chromium (or Chrome) to run and to test.",
  "  Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y chromium",
  "  Fedora:        sudo dnf install chromium",
  "  macOS:         brew install --cask chromium",
  "Or point CHROME_PATH at a Chromium or Chrome binary.",
].join("\n");

export function findChromium(): string | null {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/** Flags every launch needs on these machines: no background traffic, no first-run UI. */
export const BASE_ARGS = [
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--no-default-browser-check",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Root cannot use Chromium's sandbox. */
export function sandboxArgs(): string[] {
  return process.getuid?.() === 0 ? ["--no-sandbox"] : [];
}
