/**
 * `npx tsx test/compat/dump.ts <out-dir>`: generates a client for every spec the project knows — the
 * committed specs (spec/), every feature fixture (test/fixtures/) and every real-world spec under SPECS_DIR — and
 * writes each one under `<out-dir>/<group>/<spec path>/`, with the warnings of each in `warnings.txt` and a failed
 * generation's issues in `error.txt`. Comparing two dumps (`diff -r before after`) proves a refactoring
 * byte-identical: the output depends only on the inputs (paths are relative to the project root, never absolute).
 * Generation runs with the project root as its `cwd`, so spec paths and issue locations are relative to it.
 */
import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { generate } from "../../generator/index.js";
import { SpecError, formatIssue } from "../../generator/index.js";
import { PROJECT_ROOT, SPECS_DIR, hasSpecs } from "../helpers/specs-dir.js";
import { writeFiles } from "../helpers/typecheck.js";
import { listSpecs, specClientName } from "./specs.js";

async function topLevelSpecs(dir: string): Promise<string[]> {
  const names = await readdir(dir, { withFileTypes: true });
  const specs = names
    .filter((e) => e.isFile() && /\.(ya?ml|json)$/.test(e.name))
    .map((e) => e.name);
  // A fixture folder holding an openapi.yaml is one multi-file spec.
  for (const e of names.filter((n) => n.isDirectory())) {
    const inner = await readdir(path.join(dir, e.name));
    const entry = inner.find((n) => /^openapi\.(ya?ml|json)$/.test(n));
    if (entry !== undefined) specs.push(`${e.name}/${entry}`);
  }
  return specs.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

async function main(): Promise<number> {
  const out = process.argv[2];
  if (out === undefined) {
    console.error("usage: npx tsx test/compat/dump.ts <out-dir>");
    return 2;
  }
  const outDir = path.resolve(out);
  await rm(outDir, { recursive: true, force: true });
  const groups: [string, string, string[]][] = [
    ["spec", "spec", await topLevelSpecs(path.join(PROJECT_ROOT, "spec"))],
    ["fixtures", "test/fixtures", await topLevelSpecs(path.join(PROJECT_ROOT, "test/fixtures"))],
    [
      "hostile",
      "test/fixtures/hostile",
      await topLevelSpecs(path.join(PROJECT_ROOT, "test/fixtures/hostile")),
    ],
  ];
  if (hasSpecs)
    groups.push(["shared", path.relative(PROJECT_ROOT, SPECS_DIR), listSpecs(SPECS_DIR)]);
  else
    console.error(`dump: SPECS_DIR ${SPECS_DIR} not found; dumping the project's own specs only.`);
  let count = 0;
  for (const [group, base, specs] of groups) {
    for (const spec of specs) {
      const dir = path.join(outDir, group, spec);
      await mkdir(dir, { recursive: true });
      try {
        const result = await generate(
          {
            input: path.join(base, spec),
            output: `out/${specClientName(spec)}`,
            name: specClientName(spec),
          },
          { cwd: PROJECT_ROOT },
        );
        await writeFiles(dir, result.files);
        await writeFile(
          path.join(dir, "warnings.txt"),
          result.issues.map((i) => `${formatIssue(i)}\n`).join(""),
        );
      } catch (error) {
        const text =
          error instanceof SpecError
            ? error.issues.map((i) => `${formatIssue(i)}\n`).join("")
            : `${String(error)}\n`;
        await writeFile(path.join(dir, "error.txt"), text);
      }
      count++;
    }
  }
  console.log(`dumped ${count} specs to ${outDir}`);
  return 0;
}

process.exitCode = await main();
