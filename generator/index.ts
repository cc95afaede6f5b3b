/**
 * Public API of openapi-client-gen: `generate()` (in memory), `generateToDisk()`, `check()`, `defineConfig()`.
 */
import type { GenerateOptions } from "./config/config.js";
import { generate, type GenerateResult } from "./pipeline.js";
import { compareOutput, readPrevious, writeOutput, type CheckResult } from "./write/write.js";

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
export { generate, type GenerateResult } from "./pipeline.js";
export { SpecError, formatIssue } from "./util/issues.js";
export type { Issue, ApiModel } from "./model/model.js";
export { diffSpecs } from "./changelog/diff.js";
export { buildChangelog } from "./changelog/render.js";
export type { Changelog, SpecChange, SemverBump } from "./changelog/types.js";

/**
 * Generates and writes the client atomically to `options.output`. When the output holds a previous generation
 * whose spec differs, the result carries a `changelog` and CHANGELOG.md gains an entry.
 * @throws {SpecError} on invalid input, or when the output directory holds files the generator did not write.
 */
export async function generateToDisk(
  options: GenerateOptions,
): Promise<GenerateResult & { writeMs: number }> {
  const result = await generate(options, await readPrevious(options.output));
  const t = performance.now();
  await writeOutput(options.output, result.files);
  return { ...result, writeMs: Math.round((performance.now() - t) * 10) / 10 };
}

/**
 * Regenerates in memory (building on the previous output's spec and changelog, as `generateToDisk` would) and
 * compares with `options.output` without writing.
 * @throws {SpecError} on invalid input.
 */
export async function check(options: GenerateOptions): Promise<GenerateResult & CheckResult> {
  const result = await generate(options, await readPrevious(options.output));
  return { ...result, ...(await compareOutput(options.output, result.files)) };
}
