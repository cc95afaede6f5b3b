// @ts-check
// Lint rules for the project's own code (generator/, templates/, test/): typescript-eslint's type-checked
// recommendations, plus the layering of generator/ (DESIGN.md: imports run one way, cli → pipeline → stages →
// model/util; a stage never imports a later stage) and "public APIs only" (no dependency's dist/ internals).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** generator/'s folders, earliest first: each may import only the folders before it (and itself). */
const LAYERS = [
  "util",
  "config",
  "load",
  "validate",
  "model",
  "changelog",
  "emit",
  "format",
  "write",
];

/** A dependency's build output, e.g. `openapi-typescript/dist/lib/ts.js`. */
const DIST_IMPORT = {
  regex: "^(?!\\.|ajv/dist/2020)(?:@[^/]+/)?[^/]+/(?:dist|lib|build)/",
  message: "Import a dependency through its public entry points, not its build output.",
};

/** @param {string[]} later @param {string} up the relative prefix that leaves the folder (`../`, or `./` from the root) */
function layerRule(later, up, extra = []) {
  const names = later.join("|");
  return {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          DIST_IMPORT,
          ...(later.length > 0
            ? [
                {
                  regex: `^${up.replace(/\./g, "\\.")}(?:${names})/`,
                  message: "A stage never imports a later stage (DESIGN.md: imports run one way).",
                },
              ]
            : []),
          ...extra,
        ],
      },
    ],
  };
}

const TOP = {
  regex: "^\\.\\./(?:pipeline|index)\\.js$",
  message: "Stages do not import the pipeline.",
};
const CLI = { regex: "^\\.\\./cli/", message: "Only the CLI imports the CLI." };

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      "dist/**",
      "generated/**",
      "test/.tmp/**",
      "test/snapshot/__snapshots__/**",
      "test/fixtures/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ["*.js", "generator/*/*.js"] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "no-restricted-imports": ["error", { patterns: [DIST_IMPORT] }],
    },
  },
  ...LAYERS.map((layer, i) => ({
    files: [`generator/${layer}/**`],
    rules: layerRule(LAYERS.slice(i + 1), "../", [TOP, CLI]),
  })),
  { files: ["generator/pipeline.ts", "generator/index.ts"], rules: layerRule(["cli"], "./") },
  {
    files: ["templates/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: "^(?!\\./|\\.\\./)", message: "The runtime has zero dependencies." },
            { regex: "generator/", message: "The runtime never imports the generator." },
          ],
        },
      ],
    },
  },
  {
    // Tests: vitest's asymmetric matchers (expect.any, expect.objectContaining) are typed `any`, and fakes
    // implement async interfaces without awaiting.
    files: ["test/**"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/require-await": "off",
      // Fakes reject as fetch does, with the abort signal's reason; bodies under test are stringified as sent.
      "@typescript-eslint/prefer-promise-reject-errors": "off",
      "@typescript-eslint/no-base-to-string": "off",
    },
  },
  { files: ["**/*.js"], ...tseslint.configs.disableTypeChecked },
  {
    files: ["**/*.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
  },
);
