// Stops `npm test` at once, with install instructions, when no Chromium is on the machine.

import { findChromium, INSTALL_HINT } from "./chromium";

const found = findChromium();
if (!found) {
  const env = process.env.CHROME_PATH;
  console.error(
    env ? `CHROME_PATH=${env} does not exist.\n\n${INSTALL_HINT}` : `No Chromium found.\n\n${INSTALL_HINT}`,
  );
  process.exit(1);
}
