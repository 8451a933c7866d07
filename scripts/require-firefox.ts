// Stops `npm run test:firefox` at once, saying how to install Firefox, when there is none (it installs nothing).

import { FIREFOX_INSTALL_HINT, FIREFOX_PATH, firefoxFound } from "./firefox";

if (!firefoxFound()) {
  console.error(`No Firefox at ${FIREFOX_PATH}.\n\n${FIREFOX_INSTALL_HINT}`);
  process.exit(1);
}
