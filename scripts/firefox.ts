// Where the Firefox tests find Firefox (FIREFOX_PATH, else Debian's firefox-esr), and how to install it.

import { existsSync } from "node:fs";

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? "/usr/bin/firefox-esr";

export const FIREFOX_INSTALL_HINT = [
  "The Firefox tests need Firefox 140 or later (they are run on Debian's firefox-esr 153).",
  "  Debian/Ubuntu: bash test/firefox/install.sh   (apt-get install firefox-esr)",
  "Or point FIREFOX_PATH at a Firefox binary.",
].join("\n");

export function firefoxFound(): boolean {
  return existsSync(FIREFOX_PATH);
}
