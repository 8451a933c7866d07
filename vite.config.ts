// Builds the extension (manifest, service worker, devtools page, panel) into dist/chrome with crxjs.

import { crx } from "@crxjs/vite-plugin";
import preact from "@preact/preset-vite";
import { defineConfig } from "vite";
import manifest from "./manifest.json" with { type: "json" };

export default defineConfig({
  plugins: [preact(), crx({ manifest })],
  build: {
    outDir: "dist/chrome",
    emptyOutDir: true,
    target: "chrome120",
    rollupOptions: {
      // The panel page is not named in the manifest (DevTools opens it), so list it here.
      input: { panel: "panel/index.html" },
    },
  },
  server: { strictPort: true },
});
