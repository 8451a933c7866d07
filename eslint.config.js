// ESLint: TypeScript-aware recommended rules for the engine, extension, panel, tests and scripts.

import js from "@eslint/js";
import { createNodeResolver, importX } from "eslint-plugin-import-x";
import globals from "globals";
import tseslint from "typescript-eslint";

/**
 * The engine's data flow, upstream first (DESIGN.md, "Data flows one way"): a folder of src/ may import its own
 * layer and the layers above it, never one below, so type imports cannot close a circle between layers either.
 */
const LAYERS = [
  ["cors"],
  ["capture", "net"],
  ["diagnose"],
  ["audit"],
  ["store"],
  ["fixes"],
  ["report"],
  ["whatif", "protocol"],
  ["cli"],
];

const layerZones = LAYERS.flatMap((layer, i) =>
  layer.map((dir) => ({
    target: `src/${dir}`,
    from: "src",
    except: LAYERS.slice(0, i + 1)
      .flat()
      .map((d) => `./${d}`),
    message: `src/${dir} may import only ${LAYERS.slice(0, i + 1)
      .flat()
      .join(", ")} (src/): dependencies follow the data flow, see LAYERS in eslint.config.js.`,
  })),
);

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
    files: ["src/**/*.{ts,tsx}", "panel/**/*.{ts,tsx}", "extension/**/*.{ts,tsx}", "test/**/*.ts", "scripts/**/*.ts"],
    plugins: { "import-x": importX },
    settings: {
      "import-x/resolver-next": [createNodeResolver({ extensions: [".ts", ".tsx", ".js", ".json"] })],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx"] },
    },
    rules: {
      // No import circles at run time anywhere; the layer zones below also keep type-only imports one way, and
      // test/unit/import-cycles.test.ts finds type-only circles too. Packages cannot import us back: not walking
      // into node_modules takes the rule from ~25 s to ~5 s of `eslint .`.
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "import-x/no-restricted-paths": [
        "error",
        {
          zones: [
            ...layerZones,
            {
              target: "src",
              from: ["extension", "panel", "test", "scripts", "bench"],
              message: "src/ is the engine: the extension, the panel, tests and scripts use it, never the reverse.",
            },
            { target: "extension", from: "panel", message: "The panel talks to the extension, not the other way." },
            {
              target: ["extension", "panel"],
              from: "src/cli",
              message: "src/cli is the Node command; the extension and the panel must not load it.",
            },
          ],
        },
      ],
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
