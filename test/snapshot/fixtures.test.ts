/**
 * One fixture per feature (test/fixtures): each generates in memory, and every emitted file except the
 * runtime (identical for every fixture, covered by generated/introw) and manifest.json (hashes of the other
 * files and of the generator, which would churn with every runtime change) is compared with its file snapshot in
 * __snapshots__/<fixture>/, warnings included (`warnings.txt`). Then all fixture clients are type-checked in one
 * strict tsc program, each with its type assertions from test/fixtures/assertions/<fixture>.ts copied beside
 * it (`@ts-expect-error` lines there prove the types are precise, not merely permissive).
 * A fixture of an opt-in feature is generated with its options (test/helpers/fixtures.ts).
 * Update snapshots after an intended change with `npx vitest run test/snapshot/fixtures.test.ts -u`.
 */
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/index.js";
import { FIXTURES_DIR, listFixtures } from "../helpers/fixtures.js";
import { readmeBlocks } from "../helpers/readme.js";
import { PROJECT_ROOT } from "../helpers/specs-dir.js";
import { typecheckDirs, writeFiles } from "../helpers/typecheck.js";

const fixtures = listFixtures();
/** README sections whose examples (the ```ts blocks importing "./index.js") are type-checked against a fixture's client. */
const README_SECTIONS: Readonly<Record<string, string>> = {
  "open-enums": "Forward-compatible enums and unions",
};
const SNAPSHOTS = path.join(PROJECT_ROOT, "test", "snapshot", "__snapshots__");
const outputs = new Map<string, readonly { path: string; contents: string }[]>();
let tmp: string | undefined;

afterAll(async () => {
  if (tmp !== undefined) await rm(tmp, { recursive: true, force: true });
});

/** `oas30-nullable` → `Oas30Nullable` (the API name the fixture client is generated with). */
function apiName(fixture: string): string {
  return fixture.replace(/(^|[^A-Za-z0-9]+)([A-Za-z0-9])/g, (_, _sep: string, c: string) =>
    c.toUpperCase(),
  );
}

describe("fixtures", () => {
  it.each(fixtures.map((f) => [f.name, f.input, f.options] as const))(
    "%s",
    async (name, input, options) => {
      const result = await generate(
        { input, output: `generated/${name}`, name: apiName(name), ...options },
        { cwd: PROJECT_ROOT },
      );
      outputs.set(name, result.files);
      const warnings = result.issues.map(
        (i) =>
          `${i.severity} [${i.code}] ${i.pointer}${i.line !== undefined ? ` (line ${i.line})` : ""}: ${i.message}`,
      );
      await expect(`${warnings.join("\n")}\n`).toMatchFileSnapshot(
        path.join(SNAPSHOTS, name, "warnings.txt"),
      );
      for (const file of result.files) {
        if (file.path.startsWith("runtime/") || file.path === "manifest.json") continue;
        await expect(file.contents).toMatchFileSnapshot(path.join(SNAPSHOTS, name, file.path));
      }
    },
  );

  it("generate deterministically: renames, hoisted $defs and enums are the same on a second run", async () => {
    for (const name of ["naming", "oas31-types", "enums"]) {
      const fixture = fixtures.find((f) => f.name === name)!;
      const again = await generate(
        { input: fixture.input, output: `generated/${name}`, name: apiName(name) },
        { cwd: PROJECT_ROOT },
      );
      expect(again.files).toEqual(outputs.get(name));
    }
  });

  it("type-check together under strict, noUncheckedIndexedAccess and exactOptionalPropertyTypes, with their type assertions", async () => {
    expect(outputs.size).toBe(fixtures.length);
    tmp = await mkdtemp(path.join(os.tmpdir(), "openapi-client-gen-fixtures-"));
    const dirs: string[] = [];
    for (const [name, files] of outputs) {
      const dir = path.join(tmp, "clients", name);
      const assertions = path.join(FIXTURES_DIR, "assertions", `${name}.ts`);
      const extra = existsSync(assertions)
        ? [{ path: "assertions.ts", contents: readFileSync(assertions, "utf8") }]
        : [];
      const section = README_SECTIONS[name];
      if (section !== undefined)
        readmeBlocks(section)
          .filter((block) => block.includes('from "./index.js"'))
          .forEach((block, i) => extra.push({ path: `readme-${i}.ts`, contents: block }));
      await writeFiles(dir, [...files, ...extra]);
      dirs.push(dir);
    }
    const result = await typecheckDirs(path.join(tmp, "check"), dirs);
    const errors = [...result.other, ...[...result.errors.values()].flat()].map((l) =>
      l.replace(tmp! + path.sep, ""),
    );
    expect(errors).toEqual([]);
  });
});
