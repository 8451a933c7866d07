// Builds the extension (manifest, service worker, devtools page, panel) into dist/chrome with crxjs.

import { crx } from "@crxjs/vite-plugin";
import preact from "@preact/preset-vite";
import { defineConfig, type Plugin } from "vite";
import manifest from "./manifest.json" with { type: "json" };

/** The MAIN-world page hook is injected as a classic script, so it is emitted as one self-contained file. */
function pageHook(): Plugin {
  return {
    name: "cors-lens-page-hook",
    apply: "build",
    buildStart() {
      this.emitFile({ type: "chunk", id: "extension/page-hook.ts", fileName: "page-hook.js" });
    },
  };
}

export default defineConfig({
  plugins: [preact(), crx({ manifest }), pageHook()],
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
