// ESLint: TypeScript-aware recommended rules for the engine, extension, panel, tests and scripts.

import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "bench/results/", "test-results/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  {
    files: ["test/lab/lab.js", "test/lab/static/*.js"],
    languageOptions: {
      sourceType: "script",
      globals: {
        ...globals.browser,
        ...globals.worker,
        ...globals.serviceworker,
        call: "readonly",
        permissionState: "readonly",
      },
    },
  },
  {
    files: ["test/fixtures/**/*.js"],
    languageOptions: { sourceType: "script", globals: { ...globals.serviceworker, chrome: "readonly" } },
  },
  {
    // Defines `call` and `permissionState` for the lab page, frames and workers that load it.
    files: ["test/lab/static/caller.js"],
    rules: { "@typescript-eslint/no-unused-vars": "off", "no-redeclare": "off" },
  },
);
