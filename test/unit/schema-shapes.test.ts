/**
 * Generation never throws an internal error, whatever shape a schema has (issue 13): fast-check builds documents
 * from random schema shapes (test/helpers/schema-shapes.ts: every keyword, with values of the right and of the
 * wrong JSON type, booleans, `$ref`s, discriminators) and `generate()` must either produce a client or throw a
 * `SpecError` (an issue with a code, never "internal error"). Every client produced then type-checks strictly in
 * one tsc run (types.ts and operations.ts, the files schemas shape), so a repair never leaves a type that does not
 * compile.
 * `npm test`: 120 runs, fixed seed. `npm run fuzz`: 2,000 runs (FUZZ_RUNS), random seed (FUZZ_SEED), printed.
 */
import fc from "fast-check";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { startFormatter } from "../../generator/format/format.js";
import { SpecError } from "../../generator/util/issues.js";
import { shapeDocument, shapeSpec } from "../helpers/schema-shapes.js";
import { typecheckDirs, writeFiles } from "../helpers/typecheck.js";

const FUZZING = process.env["npm_lifecycle_event"] === "fuzz";
const RUNS = Number(process.env["FUZZ_RUNS"] ?? (FUZZING ? 2_000 : 120));
const SEED = Number(
  process.env["FUZZ_SEED"] ?? (FUZZING ? Date.now() % 2_147_483_647 : 20_261_203),
);

const formatter = startFormatter({ workers: 2 });
let root = "";
let count = 0;
const clients: string[] = [];
const refused = new Map<string, number>();

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "schema-shapes-"));
  await mkdir(path.join(root, "specs"));
  await mkdir(path.join(root, "clients"));
});

afterAll(async () => {
  await formatter.close();
  if (root !== "") await rm(root, { recursive: true, force: true });
});

describe("random schema shapes", () => {
  it(
    `generate a client or refuse with a SpecError, never an internal error (fast-check, seed ${SEED}, ${RUNS} runs)`,
    async () => {
      if (FUZZING)
        console.info(`fuzz: ${RUNS} runs, seed ${SEED} (FUZZ_SEED=${SEED} repeats them)`);
      let runtime: string | undefined;
      await fc.assert(
        fc.asyncProperty(shapeDocument, async (shape) => {
          const n = count++;
          const file = path.join(root, "specs", `${n}.json`);
          await writeFile(file, JSON.stringify(shapeSpec(shape)));
          const dir = path.join(root, "clients", String(n));
          let files;
          try {
            ({ files } = await generate(
              { input: file, output: dir, name: "Shapes" },
              { cwd: root, formatter },
            ));
          } catch (error) {
            if (!(error instanceof SpecError)) throw error;
            for (const issue of error.issues.filter((i) => i.severity === "error"))
              refused.set(issue.code, (refused.get(issue.code) ?? 0) + 1);
            return;
          }
          // The runtime is the same for every client: written once, linked into the others (tsc checks it once).
          if (runtime === undefined) {
            runtime = path.join(root, "runtime");
            await writeFiles(
              runtime,
              files
                .filter((f) => f.path.startsWith("runtime/"))
                .map((f) => ({ ...f, path: f.path.slice("runtime/".length) })),
            );
          }
          // The files whose text depends on the schemas (client.ts and index.ts depend on servers and security).
          await writeFiles(
            dir,
            files.filter((f) => f.path === "types.ts" || f.path === "operations.ts"),
          );
          await symlink(runtime, path.join(dir, "runtime"));
          clients.push(dir);
        }),
        { seed: SEED, numRuns: RUNS },
      );
      // Refusals are the documented errors only (a `$ref` cycle made of `$ref`s alone, a `$ref` to nothing).
      expect([...refused.keys()].filter((c) => !["ref-cycle", "dangling-ref"].includes(c))).toEqual(
        [],
      );
      expect(clients.length).toBeGreaterThan(RUNS * 0.8);
    },
    Math.max(120_000, RUNS * 1_000),
  );

  it(
    "every client generated type-checks (strict tsc, one program)",
    async () => {
      const result = await typecheckDirs(path.join(root, "check"), clients);
      const failed = [...result.errors.entries()].filter(([, lines]) => lines.length > 0);
      expect(
        failed.slice(0, 3).map(([dir, lines]) => `${dir}\n${lines.slice(0, 5).join("\n")}`),
      ).toEqual([]);
      expect(result.other).toEqual([]);
    },
    Math.max(120_000, RUNS * 500),
  );
});
