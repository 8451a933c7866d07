// Firefox tests: Debian's firefox-esr over WebDriver BiDi with the built extension (one browser at a time).

import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/firefox/**/*.test.ts"],
    environment: "node",
    reporters: ["default", "json"],
    outputFile: { json: "test-results/firefox.json" },
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
