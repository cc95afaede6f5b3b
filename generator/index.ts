/**
 * Public API of openapi-client-gen: `generate()` (in memory), `generateToDisk()`, `check()`, `defineConfig()`.
 * Every call takes the directory its relative paths start from (`{ cwd }`); nothing reads `process.cwd()`.
 */
import path from "node:path";
import type { GenerateOptions } from "./config/config.js";
import { generate, type GenerateResult } from "./pipeline.js";
import { compareOutput, type CheckResult } from "./write/check.js";
import { readPrevious, writeOutput } from "./write/write.js";

export {
  defineConfig,
  type GenerateOptions,
  type TargetConfig,
  type UserConfig,
} from "./config/config.js";
export {
  findConfig,
  loadConfig,
  resolveTargets,
  type ResolvedTarget,
} from "./config/load-config.js";
export { generate, type GenerateContext, type GenerateResult } from "./pipeline.js";
export type { CheckResult } from "./write/check.js";
export { SpecError, formatIssue } from "./util/issues.js";
export type { Issue, ApiModel } from "./model/model.js";
export { diffSpecs } from "./changelog/diff.js";
export { buildChangelog } from "./changelog/render.js";
export type { Changelog, SpecChange, SemverBump } from "./changelog/types.js";

/**
 * Generates and writes the client atomically to `options.output`. When the output holds a previous generation
 * whose spec differs in a way client code sees, the result carries a `changelog` and CHANGELOG.md's entry for the
 * spec's `info.version` is added or updated.
 * @param context.cwd The directory `options.input` and `options.output` are relative to.
 * @returns The result of `generate()` and the time spent writing (`writeMs`, ms).
 * @throws {SpecError} on invalid input, or when the output directory holds files the generator did not write.
 */
export async function generateToDisk(
  options: GenerateOptions,
  { cwd }: { readonly cwd: string },
): Promise<GenerateResult & { writeMs: number }> {
  const output = path.resolve(cwd, options.output);
  const result = await generate(options, { cwd, previous: await readPrevious(output) });
  const t = performance.now();
  await writeOutput(output, result.files, options.output);
  return { ...result, writeMs: Math.round((performance.now() - t) * 10) / 10 };
}

/**
 * Regenerates in memory (building on the previous output's spec and changelog, as `generateToDisk` would) and
 * compares with `options.output` without writing.
 * @param context.cwd The directory `options.input` and `options.output` are relative to.
 * @returns The result of `generate()` and the stale, missing and extra files with a short diff.
 * @throws {SpecError} on invalid input.
 */
export async function check(
  options: GenerateOptions,
  { cwd }: { readonly cwd: string },
): Promise<GenerateResult & CheckResult> {
  const output = path.resolve(cwd, options.output);
  const result = await generate(options, { cwd, previous: await readPrevious(output) });
  return { ...result, ...(await compareOutput(output, result.files, options.output)) };
}
