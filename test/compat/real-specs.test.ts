/**
 * A representative subset of the real-world specs `npm run compat` covers (SPECS_DIR, default ../shared/specs):
 * a small 3.0 document, the multi-file DigitalOcean spec (2,000 files, relative $refs) and a large APIs.guru
 * document (AWS App Mesh: $ref siblings, invalid patterns). Each generates with unique operation names, and all clients type-check strictly in one tsc run.
 * The whole list runs with `npm run compat`.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { generate } from "../../generator/index.js";
import { PROJECT_ROOT, SPECS_DIR, describeWithSpecs } from "../helpers/specs-dir.js";
import { typecheckDirs, writeFiles } from "../helpers/typecheck.js";
import { specClientName } from "./specs.js";

const SUBSET = [
  { spec: "oai/petstore-expanded.yaml", operations: 4 },
  { spec: "openapi-typescript/digital-ocean-api/DigitalOcean-public.v2.yaml", operations: 408 },
  { spec: "apis-guru/amazonaws.com__appmesh__2019-01-25.yaml", operations: 28 },
] as const;

let tmp: string | undefined;
afterAll(async () => {
  if (tmp !== undefined) await rm(tmp, { recursive: true, force: true });
});

describeWithSpecs("real-world specs (subset of npm run compat)", () => {
  const dirs: string[] = [];

  it.each(SUBSET)("$spec generates $operations operations", async ({ spec, operations }) => {
    tmp ??= await mkdtemp(path.join(os.tmpdir(), "openapi-client-gen-real-"));
    const dir = path.join(tmp, specClientName(spec));
    const result = await generate(
      {
        input: path.join(SPECS_DIR, spec),
        output: dir,
        name: specClientName(spec),
      },
      { cwd: PROJECT_ROOT },
    );
    expect(result.model.operations).toHaveLength(operations);
    expect(new Set(result.model.operations.map((o) => o.name)).size).toBe(operations);
    await writeFiles(dir, result.files);
    dirs.push(dir);
  });

  it("type-check clean together (strict, noUncheckedIndexedAccess, exactOptionalPropertyTypes)", async () => {
    expect(dirs).toHaveLength(SUBSET.length);
    const result = await typecheckDirs(path.join(tmp!, "check"), dirs);
    expect([...result.other, ...[...result.errors.values()].flat()]).toEqual([]);
  });
});
