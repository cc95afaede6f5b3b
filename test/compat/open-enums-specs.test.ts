/**
 * `openEnums` on real-world specs (SPECS_DIR, default ../shared/specs; skipped with a notice without it): the OpenAI
 * document (65 discriminators, many enums) and Adyen's Checkout API (many enums)
 * generate with the option on, open something, and their clients type-check strictly together.
 * Type-check time off vs on: `npx tsx test/bench/open-enums.ts` (figures in test/bench/RESULTS.md).
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { generate } from "../../generator/index.js";
import { PROJECT_ROOT, SPECS_DIR, describeWithSpecs } from "../helpers/specs-dir.js";
import { typecheckDirs, writeFiles } from "../helpers/typecheck.js";
import { specClientName } from "./specs.js";

const SPECS = ["large/openai.yaml", "apis-guru/adyen.com__CheckoutService__41.yaml"] as const;

let tmp: string | undefined;
afterAll(async () => {
  if (tmp !== undefined) await rm(tmp, { recursive: true, force: true });
});

describeWithSpecs("real-world specs with openEnums", () => {
  const dirs: string[] = [];

  it.each(SPECS)("%s generates with open enums", async (spec) => {
    tmp ??= await mkdtemp(path.join(os.tmpdir(), "openapi-client-gen-open-enums-"));
    const dir = path.join(tmp, specClientName(spec));
    const result = await generate(
      {
        input: path.join(SPECS_DIR, spec),
        output: dir,
        name: specClientName(spec),
        openEnums: true,
      },
      { cwd: PROJECT_ROOT },
    );
    expect(result.model.openTypes).toBe(true);
    const types = result.files.find((f) => f.path === "types.ts")!.contents;
    expect(types).toMatch(/\$Open<"/);
    await writeFiles(dir, result.files);
    dirs.push(dir);
  });

  it("type-check clean together (strict, noUncheckedIndexedAccess, exactOptionalPropertyTypes)", async () => {
    expect(dirs).toHaveLength(SPECS.length);
    const result = await typecheckDirs(path.join(tmp!, "check"), dirs);
    expect([...result.other, ...[...result.errors.values()].flat()]).toEqual([]);
  });
});
