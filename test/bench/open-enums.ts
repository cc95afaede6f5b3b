/**
 * Type-check cost of `openEnums`: `npx tsx test/bench/open-enums.ts [runs] [spec…]` generates each spec (relative
 * to SPECS_DIR; default the OpenAI and DigitalOcean documents) with the option off and on, and type-checks each
 * whole client strictly (test/helpers/typecheck.ts: one `tsc --noEmit`, every generated file), `runs` times
 * interleaved (off on off on …; default 3). Prints the median wall time (ms) and whether the check was clean.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { generate } from "../../generator/index.js";
import { PROJECT_ROOT, SPECS_DIR, hasSpecs } from "../helpers/specs-dir.js";
import { typecheckDirs, writeFiles } from "../helpers/typecheck.js";

const DEFAULT_SPECS = [
  "large/openai.yaml",
  "openapi-typescript/digital-ocean-api/DigitalOcean-public.v2.yaml",
];

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

async function main(): Promise<void> {
  if (!hasSpecs) {
    console.log(`skipped: SPECS_DIR ${SPECS_DIR} not found; set SPECS_DIR to run it`);
    return;
  }
  const runs = Number(process.argv[2] ?? 3);
  const specs = process.argv.length > 3 ? process.argv.slice(3) : DEFAULT_SPECS;
  const tmp = await mkdtemp(path.join(os.tmpdir(), "open-enums-bench-"));
  try {
    console.log("| spec | openEnums | opened | tsc wall (ms, median) | errors |");
    console.log("| --- | --- | --- | ---: | ---: |");
    for (const spec of specs) {
      const times: Record<string, number[]> = { off: [], on: [] };
      const errors: Record<string, number> = {};
      const opened: Record<string, boolean> = {};
      const dirs: Record<string, string> = {};
      for (const mode of ["off", "on"] as const) {
        const dir = path.join(tmp, `${path.basename(spec)}-${mode}`);
        const result = await generate(
          {
            input: path.join(SPECS_DIR, spec),
            output: dir,
            name: "Bench",
            openEnums: mode === "on",
          },
          { cwd: PROJECT_ROOT, formatCache: false },
        );
        await writeFiles(dir, result.files);
        dirs[mode] = dir;
        opened[mode] = result.model.openTypes;
      }
      for (let i = 0; i < runs; i++) {
        for (const mode of ["off", "on"] as const) {
          const check = await typecheckDirs(path.join(tmp, `check-${mode}`), [dirs[mode]!]);
          times[mode]!.push(check.ms);
          errors[mode] = [...check.errors.values()].flat().length + check.other.length;
        }
      }
      for (const mode of ["off", "on"] as const)
        console.log(
          `| ${spec} | ${mode} | ${opened[mode]} | ${median(times[mode]!)} | ${errors[mode]} |`,
        );
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

await main();
