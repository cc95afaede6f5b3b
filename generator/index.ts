/**
 * Public API of openapi-client-gen: `generate()` (in memory), `generateToDisk()`, `check()`, `defineConfig()`.
 */
import type { GenerateOptions } from "./config.js";
import { generate, type GenerateResult } from "./generate.js";
import { compareOutput, writeOutput, type CheckResult } from "./write.js";

export { defineConfig, type GenerateOptions, type TargetConfig, type UserConfig } from "./config.js";
export { findConfig, loadConfig, resolveTargets, type ResolvedTarget } from "./config-load.js";
export { generate, type GenerateResult } from "./generate.js";
export { SpecError, formatIssue } from "./issues.js";
export type { Issue, ApiModel } from "./model.js";

/**
 * Generates and writes the client atomically to `options.output`.
 * @throws {SpecError} on invalid input, or when the output directory holds files the generator did not write.
 */
export async function generateToDisk(options: GenerateOptions): Promise<GenerateResult & { writeMs: number }> {
  const result = await generate(options);
  const t = performance.now();
  await writeOutput(options.output, result.files);
  return { ...result, writeMs: Math.round((performance.now() - t) * 10) / 10 };
}

/** Regenerates in memory and compares with `options.output` without writing. */
export async function check(options: GenerateOptions): Promise<GenerateResult & CheckResult> {
  const result = await generate(options);
  return { ...result, ...(await compareOutput(options.output, result.files)) };
}
