/**
 * `generator/bin.js` runs the esbuild-precompiled CLI with one TypeScript compiler (shareTypeScript) and the large
 * CommonJS packages (typescript, ts-morph, openapi-typescript) loaded with `require`, their CommonJS builds. Its
 * output must be byte for byte the library's (ES module imports, two compilers), which runs here in process.
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashTree, runCli } from "../helpers/cli-run.js";
import { describeWithSpecs, PROJECT_ROOT, SPECS_DIR } from "../helpers/specs-dir.js";

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "bin-compiled-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** Generates `input` through bin.js and through the in-process CLI; returns both trees' hashes and bin.js's stderr. */
async function bothWays(
  input: string,
  name: string,
): Promise<{ bin: string; library: string; stderr: string }> {
  const viaBin = path.join(tmp, `${name}-bin`, "out");
  const viaLibrary = path.join(tmp, `${name}-lib`, "out");
  const argv = ["generate", "--input", input, "--force"];
  const bin = spawnSync(
    process.execPath,
    [
      path.join(PROJECT_ROOT, "generator", "cli", "bin.js"),
      ...argv,
      "--verbose",
      "--output",
      viaBin,
    ],
    { cwd: PROJECT_ROOT, encoding: "utf8" },
  );
  expect(bin.status, bin.stderr).toBe(0);
  // The precompiled CLI ran (a failed esbuild build falls back to tsx silently, unless --verbose).
  expect(bin.stderr).not.toMatch(/precompiling the CLI failed/);
  const library = await runCli([...argv, "--output", viaLibrary]);
  expect(library.code, library.stderr).toBe(0);
  return { bin: await hashTree(viaBin), library: await hashTree(viaLibrary), stderr: bin.stderr };
}

describe("bin.js writes what the library writes", () => {
  it.each(["swagger2.yaml"])(
    "%s",
    async (fixture) => {
      const { bin, library } = await bothWays(
        path.join(PROJECT_ROOT, "test/fixtures", fixture),
        fixture,
      );
      expect(bin).toBe(library);
    },
    60_000,
  );
});

describeWithSpecs("bin.js on openai.yaml", () => {
  it("writes what the library writes", async () => {
    const { bin, library, stderr } = await bothWays(
      path.join(SPECS_DIR, "large/openai.yaml"),
      "openai",
    );
    expect(bin).toBe(library);
    expect(stderr).toMatch(/openai\.yaml:\d+:\d+: warning \[renamed-schema\]/);
  }, 120_000);
});
