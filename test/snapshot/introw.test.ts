/**
 * The committed client is the snapshot: generating spec/openapi.json in memory must give exactly the files in
 * generated/introw (run `npx vitest -u` or `npm run generate` after an intended change). Also determinism:
 * two generations are byte-identical.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/index.js";
import { PROJECT_ROOT } from "../helpers/specs-dir.js";

const target = { input: "spec/openapi.json", output: "generated/introw", name: "Introw" };

function listFiles(dir: string, prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .sort();
}

describe("generated/introw", () => {
  it("is what the generator produces for spec/openapi.json, file by file", async () => {
    const cwd = process.cwd();
    process.chdir(PROJECT_ROOT);
    try {
      const { files } = await generate(target);
      expect(files.map((f) => f.path).sort()).toEqual(listFiles(path.join(PROJECT_ROOT, target.output)));
      for (const file of files) {
        await expect(file.contents).toMatchFileSnapshot(path.join(PROJECT_ROOT, target.output, file.path));
      }
    } finally {
      process.chdir(cwd);
    }
  });

  it("is deterministic: two generations are byte-identical", async () => {
    const first = await generate(target);
    const second = await generate(target);
    expect(second.files).toEqual(first.files);
    for (const file of first.files) {
      expect(file.contents).not.toContain(PROJECT_ROOT); // no absolute paths
      expect(file.contents).not.toContain(new Date().toISOString().slice(0, 10)); // no timestamps
    }
  });
});
