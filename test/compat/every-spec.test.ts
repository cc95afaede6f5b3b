/**
 * Every real-world spec under SPECS_DIR (test/compat/specs.ts lists them) generates, or is refused with a
 * SpecError: none ends in an internal error (issue 13). `npm run compat` also type-checks them; this test keeps the
 * "never throws" part in `npm test`. Skipped, visibly, when SPECS_DIR is absent.
 */
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { generate, SpecError } from "../../generator/index.js";
import { startFormatter } from "../../generator/format/format.js";
import { formatCacheDir, openFormatCache } from "../../generator/format/cache.js";
import { PROJECT_ROOT, SPECS_DIR, describeWithSpecs, hasSpecs } from "../helpers/specs-dir.js";
import { listSpecs, specClientName } from "./specs.js";

const specs = hasSpecs ? listSpecs(SPECS_DIR) : [];
// One pool of prettier workers for all specs, with the project's format cache (a warm run formats little).
const cache = formatCacheDir(PROJECT_ROOT, process.env);
const formatter = startFormatter(cache !== undefined ? { cache: openFormatCache(cache) } : {});
afterAll(() => formatter.close());

describeWithSpecs("every real-world spec", () => {
  it("is listed", () => {
    expect(specs.length).toBeGreaterThan(30);
  });

  it.each(specs)(
    "%s generates (or is refused with a SpecError)",
    async (spec) => {
      const outcome = await generate(
        {
          input: path.join(SPECS_DIR, spec),
          output: path.join("generated", specClientName(spec)),
          name: specClientName(spec),
        },
        { cwd: PROJECT_ROOT, formatter },
      ).then(
        (result) => `${result.model.operations.length} operations`,
        (error: unknown) => {
          if (error instanceof SpecError) return `refused: ${error.message}`;
          throw error;
        },
      );
      expect(outcome).toMatch(/operations|refused/);
    },
    120_000,
  );
});
