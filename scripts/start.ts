// `npm start`: builds the extension, starts the CORS lab, opens Chromium with CORS Lens and DevTools on the lab page.

import { join, resolve } from "node:path";
import { build } from "vite";
import { PANEL_TITLE } from "../extension/panel-title";
import { DevtoolsDriver } from "../test/e2e/devtools";
import { launch, type Session } from "../test/e2e/harness";
import { startLab } from "../test/lab/server";
import { findChromium, INSTALL_HINT } from "./chromium";

const ROOT = resolve(import.meta.dirname, "..");
const EXTENSION = join(ROOT, "dist/chrome");

const chromePath = findChromium();
if (!chromePath) {
  console.error(`No Chromium found.\n\n${INSTALL_HINT}`);
  process.exit(1);
}

console.log("Building the extension…");
await build({ root: ROOT, logLevel: "warn" });

const lab = await startLab({
  pagePort: Number(process.env.LAB_PAGE_PORT ?? 5173),
  apiPort: Number(process.env.LAB_API_PORT ?? 5174),
  publicPort: Number(process.env.LAB_PUBLIC_PORT ?? 5175),
  framePort: Number(process.env.LAB_FRAME_PORT ?? 5176),
  fallbackToFreePort: true,
});

console.log("Opening Chromium with CORS Lens…");
let stopping = false;
let session: Session | undefined = undefined;
async function stop(code = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  await session?.close().catch(() => {});
  await lab.close();
  process.exit(code);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
const headed = process.platform === "darwin" || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
// The lab's Local Network Access page needs Chromium to count its port as public (only that port; the rest stays loopback).
session = await launch({
  devtools: true,
  headless: !headed,
  executablePath: chromePath,
  extraArgs: lab.localNetworkArgs,
});
const page = session.context.pages()[0] ?? (await session.context.newPage());
await page.goto(`${lab.pageOrigin}/`);
// Show the CORS tab instead of Elements (DevTools has no setting for an extension panel to open first).
const driver = await DevtoolsDriver.connect(session);
try {
  await driver.showPanel(await driver.frontEnd(), PANEL_TITLE);
} catch {
  if (!stopping)
    console.log("(Could not switch DevTools to the CORS tab: pick it in DevTools' tab bar, or under », yourself.)");
}

console.log(`
CORS lab:   ${lab.pageOrigin}/   (API at ${lab.apiOrigin} and ${lab.altOrigin})
Local Network Access: ${lab.publicOrigin}/   (Chromium counts it as a public site, so its calls to the lab need permission)
Extension:  ${EXTENSION}
Chromium:   ${chromePath}${headed ? "" : "  (no display found: running headless)"}

DevTools is open on the CORS tab. Click a button on the lab page to make a call; blocked ones appear
in the CORS tab with the header at fault. Press Ctrl-C to stop everything.`);

session.context.on("close", () => {
  if (!stopping) console.log("Chromium closed.");
  void stop();
});
