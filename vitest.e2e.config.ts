// Browser tests: Debian's Chromium with the built extension, one file at a time (two cores, one browser).

import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/e2e/**/*.e2e.ts"],
    // Real servers need Debian packages beyond the README's prerequisites: `npm run test:servers` runs them.
    exclude: ["test/e2e/real-servers.e2e.ts"],
    environment: "node",
    reporters: ["default", "json"],
    outputFile: { json: "test-results/e2e.json" },
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
