/**
 * Public API of openapi-client-gen: `generate()` (in memory), `generateToDisk()`, `check()`, `defineConfig()`.
 * Every call takes the directory its relative paths start from (`{ cwd }`); nothing reads `process.cwd()`.
 */
import path from "node:path";
import type { GenerateOptions } from "./config/config.js";
import { generate, type GenerateResult } from "./pipeline.js";
import { compareOutput, type CheckResult } from "./write/check.js";
import { openOutput, readPrevious, type LockHolder } from "./write/write.js";

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
export type { LockHolder } from "./write/write.js";
export { SpecError, formatIssue } from "./util/issues.js";
export type { Issue, ApiModel } from "./model/model.js";
export { diffSpecs } from "./changelog/diff.js";
export { buildChangelog } from "./changelog/render.js";
export type { Changelog, SpecChange, SemverBump } from "./changelog/types.js";

/** Where `generateToDisk` runs and how it treats the existing output. */
export interface DiskContext {
  /** The directory `options.input` and `options.output` are relative to. */
  readonly cwd: string;
  /** Overwrite generated files that were edited by hand (they are refused otherwise). @default false */
  readonly force?: boolean;
  /** Write nothing when the spec changed in a way that breaks client code (`written: false`). @default false */
  readonly failOnBreaking?: boolean;
  /** Longest wait for another run writing the same output, in ms. @default 600000 */
  readonly lockTimeoutMs?: number;
  /** Called once when another run holds the output's lock and this one starts waiting for it. */
  readonly onLockWait?: (holder: LockHolder) => void;
}

export interface DiskResult extends GenerateResult {
  /** False only when `failOnBreaking` refused a breaking change: the output was left as it was. */
  readonly written: boolean;
  /** Time spent writing, ms (0 when nothing was written). */
  readonly writeMs: number;
  /** Generated files that had been edited by hand and were overwritten (`force`), sorted. */
  readonly overwritten: readonly string[];
  /** What the recovery from interrupted runs did before generating, one line per action. */
  readonly recovered: readonly string[];
}

/**
 * Generates and writes the client to `options.output`, holding the output's lock from reading the previous output
 * to the swap, so concurrent runs take turns. When the output holds a previous generation whose spec differs, the
 * result carries a `changelog` and CHANGELOG.md's entry for the spec's `info.version` is added or updated
 * (only for changes client code sees). The output path holds the old or the new complete
 * tree (see generator/write/write.ts for the one exception and its recovery).
 * @returns The result of `generate()`, whether it was written, and what was overwritten or recovered.
 * @throws {SpecError} on invalid input, or when the output is not writable, locked past `lockTimeoutMs`, not a
 * directory, holds files the generator did not write, or (without `force`) generated files edited by hand. The
 * output is unchanged then.
 */
export async function generateToDisk(
  options: GenerateOptions,
  context: DiskContext,
): Promise<DiskResult> {
  const { cwd, force = false, failOnBreaking = false } = context;
  const session = await openOutput(path.resolve(cwd, options.output), {
    label: options.output,
    force,
    ...(context.lockTimeoutMs !== undefined ? { lockTimeoutMs: context.lockTimeoutMs } : {}),
    ...(context.onLockWait !== undefined ? { onLockWait: context.onLockWait } : {}),
  });
  try {
    const result = await generate(options, { cwd, previous: session.previous });
    const recovered = session.recovered;
    if (failOnBreaking && (result.changelog?.breaking ?? 0) > 0)
      return { ...result, written: false, writeMs: 0, overwritten: [], recovered };
    const t = performance.now();
    await session.write(result.files);
    const writeMs = Math.round((performance.now() - t) * 10) / 10;
    return { ...result, written: true, writeMs, overwritten: session.edited, recovered };
  } finally {
    await session.close();
  }
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
