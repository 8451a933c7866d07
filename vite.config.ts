// Builds the extension (manifest, service worker, devtools page, panel) into dist/chrome with crxjs.

import { crx } from "@crxjs/vite-plugin";
import preact from "@preact/preset-vite";
import { defineConfig, type Plugin } from "vite";
import manifest from "./manifest.json" with { type: "json" };

/**
 * The MAIN-world page hook and its ISOLATED-world relay are injected as classic scripts, so each is emitted as one
 * self-contained file. The hook wraps fetch, so Chrome would name it as the caller of every call; its source map
 * (inlined: the build makes maps only to give it one) lists it in `x_google_ignoreList`, so DevTools skips it and
 * shows the page's own line instead.
 */
function pageHook(): Plugin {
  return {
    name: "cors-lens-page-hook",
    apply: "build",
    buildStart() {
      this.emitFile({ type: "chunk", id: "extension/page-hook.ts", fileName: "page-hook.js" });
      this.emitFile({ type: "chunk", id: "extension/worker-relay.ts", fileName: "worker-relay.js" });
    },
    generateBundle(_options, bundle) {
      for (const [name, file] of Object.entries(bundle)) {
        if (name === "page-hook.js" && file.type === "chunk" && file.map) {
          const map = { ...file.map, x_google_ignoreList: file.map.sources.map((_, i) => i) };
          file.code += `\n//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(map)).toString("base64")}\n`;
        }
        if (name.endsWith(".map")) delete bundle[name];
      }
    },
  };
}

export default defineConfig({
  plugins: [preact(), crx({ manifest }), pageHook()],
  build: {
    outDir: "dist/chrome",
    emptyOutDir: true,
    target: "chrome120",
    // Maps are made for the page hook alone (see pageHook); none is shipped as a file.
    sourcemap: "hidden",
    rollupOptions: {
      // The panel page is not named in the manifest (DevTools opens it), so list it here.
      input: { panel: "panel/index.html" },
    },
  },
  server: { strictPort: true },
});
