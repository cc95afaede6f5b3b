/**
 * Snapshot tests of a committed client: the generated/<api> directory is the snapshot. Generating the target in
 * memory must give exactly its files, byte for byte (run `npx vitest -u` or `npm run generate` after an intended
 * change), and two generations must be identical with no absolute path or date in them.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/index.js";
import { PROJECT_ROOT } from "./specs-dir.js";

/** A generation target, paths relative to the project root. */
export interface CommittedTarget {
  readonly input: string;
  readonly output: string;
  readonly name: string;
}

/** Relative paths of every file under `dir`, sorted. */
function listFiles(dir: string, prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory()
        ? listFiles(path.join(dir, e.name), `${prefix}${e.name}/`)
        : [`${prefix}${e.name}`],
    )
    .sort();
}

/** Registers the snapshot and determinism tests for `target` (call at the top level of a test file). */
export function describeCommittedOutput(target: CommittedTarget): void {
  describe(target.output, () => {
    it(`is what the generator produces for ${target.input}, file by file`, async () => {
      const { files } = await generate({ ...target }, { cwd: PROJECT_ROOT });
      expect(files.map((f) => f.path).sort()).toEqual(
        listFiles(path.join(PROJECT_ROOT, target.output)),
      );
      for (const file of files) {
        await expect(file.contents).toMatchFileSnapshot(
          path.join(PROJECT_ROOT, target.output, file.path),
        );
      }
    });

    it("is deterministic: two generations are byte-identical", async () => {
      const first = await generate({ ...target }, { cwd: PROJECT_ROOT });
      const second = await generate({ ...target }, { cwd: PROJECT_ROOT });
      expect(second.files).toEqual(first.files);
      for (const file of first.files) {
        expect(file.contents).not.toContain(PROJECT_ROOT); // no absolute paths
        expect(file.contents).not.toContain(new Date().toISOString().slice(0, 10)); // no timestamps
      }
    });
  });
}
