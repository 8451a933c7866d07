// Real servers: each stack's broken and fixed configuration in Chromium, and the fix snippets' syntax checks.
// Needs the Debian packages of test/servers/install.sh (CI installs them first).

import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/servers/**/*.test.ts", "test/e2e/real-servers.e2e.ts"],
    environment: "node",
    reporters: ["default", "json"],
    outputFile: { json: "test-results/servers.json" },
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
