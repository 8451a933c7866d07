// Builds the command line into one self-contained Node ESM file, dist/cli/cors-lens.mjs (package.json's bin).

import { chmodSync } from "node:fs";
import { join } from "node:path";
import { defineConfig, type Plugin } from "vite";

const OUT_DIR = "dist/cli";
const FILE = "cors-lens.mjs";

/** Executable, so `./dist/cli/cors-lens.mjs` runs through its shebang as well as with `node`. */
function executable(): Plugin {
  return {
    name: "cors-lens-executable",
    apply: "build",
    writeBundle() {
      chmodSync(join(OUT_DIR, FILE), 0o755);
    },
  };
}

export default defineConfig({
  // No public/ copy and no HTML: this build is one script for Node.
  publicDir: false,
  plugins: [executable()],
  // Bundle whatwg-mimetype and the rest, so the file runs without node_modules; Node built-ins stay imports.
  ssr: { noExternal: true, target: "node" },
  build: {
    ssr: "src/cli/cors-lens.ts",
    outDir: OUT_DIR,
    // Empties dist/cli only: dist/chrome belongs to the extension build.
    emptyOutDir: true,
    target: "node20",
    minify: false,
    rolldownOptions: {
      output: {
        format: "es",
        entryFileNames: FILE,
        banner: "#!/usr/bin/env node",
        codeSplitting: false,
      },
    },
  },
});
