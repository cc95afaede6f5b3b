/**
 * write: the only stage that writes the disk. One output directory is written by one run at a time (a lock file
 * next to it), and a run first repairs what killed runs left behind. The new tree is written complete beside the
 * output, then swapped in by two renames, so the output path holds the old complete tree or the new one: the
 * only exception is the instant between the two renames, when the path is missing and `.<name>.old` holds the old
 * tree; a run killed exactly there leaves it so, and the next run (or `recoverOutput`) puts a complete tree back
 * before anything else. The guarantee covers processes that are killed or crash, not power loss (nothing is
 * fsync'ed). Files the generator did not write are never deleted; generated files edited by hand are overwritten
 * only with `force`. Comparing without writing (`--check`) is in check.ts.
 */
import { createHash } from "node:crypto";
import { readFile, realpath } from "node:fs/promises";
import path from "node:path";
import { inspectOutput, MANIFEST_FILE, type OutputState } from "./inspect.js";
import { lockOutput, type LockHolder } from "./lock.js";
import {
  buildTree,
  checkParent,
  checkReplaceable,
  outputError,
  removeCreatedParents,
  resolveOutput,
  swapIn,
} from "./place.js";
import { recoverOutput, siblings } from "./recover.js";

export { MANIFEST_FILE };
export type { LockHolder };

export interface GeneratedFile {
  /** Path relative to the output directory, `/`-separated. */
  readonly path: string;
  readonly contents: string;
}

/** The spec the output was generated from, bundled and validated, keys sorted: the baseline for the changelog. */
export const NORMALIZED_SPEC_FILE = "spec.normalized.json";

/**
 * Deterministic JSON: object keys sorted by code unit at every level, two-space indent, trailing newline.
 * @throws {TypeError} when `value` is cyclic.
 */
export function sortedJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (typeof v !== "object" || v === null) return v;
    const record = v as Record<string, unknown>;
    // The default sort compares UTF-16 code units, like `a < b` (and runs natively).
    const keys = Object.keys(record).sort();
    return Object.fromEntries(keys.map((k) => [k, sort(record[k])]));
  };
  return `${JSON.stringify(sort(value), null, 2)}\n`;
}

export function sha256(text: string | Buffer): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Name of the changelog the generator maintains in each output directory. */
export const CHANGELOG_FILE = "CHANGELOG.md";
/**
 * The spec (sorted JSON) the current `info.version` started from: CHANGELOG.md's entry for that version is
 * recomputed against it on every regeneration, so saves under one version merge into one entry.
 */
export const CHANGELOG_BASE_FILE = "spec.changelog-base.json";

/** What a previous generation left in the output directory that the next one builds on. */
export interface PreviousOutput {
  /** Text of the previous normalized spec (the changelog's baseline). */
  readonly normalizedSpec?: string;
  /** Text of the spec the current `info.version` started from (`CHANGELOG_BASE_FILE`). */
  readonly changelogBase?: string;
  /** Text of the existing CHANGELOG.md. */
  readonly changelog?: string;
}

async function previousOf(dir: string, state: OutputState): Promise<PreviousOutput> {
  const files = state.manifest;
  if (files === undefined) return {};
  const read = async (name: string): Promise<string | undefined> =>
    Object.hasOwn(files, name)
      ? await readFile(path.join(dir, name), "utf8").catch(() => undefined)
      : undefined;
  const [normalizedSpec, changelogBase, changelog] = await Promise.all([
    read(NORMALIZED_SPEC_FILE),
    read(CHANGELOG_BASE_FILE),
    read(CHANGELOG_FILE),
  ]);
  return {
    ...(normalizedSpec !== undefined ? { normalizedSpec } : {}),
    ...(changelogBase !== undefined ? { changelogBase } : {}),
    ...(changelog !== undefined ? { changelog } : {}),
  };
}

/**
 * Reads the previous normalized spec and changelog of `output` (symbolic links followed) without locking it, when
 * its manifest is the generator's and lists them (for `check`).
 */
export async function readPrevious(output: string): Promise<PreviousOutput> {
  const dir = await realpath(output).catch(() => output);
  return previousOf(dir, await inspectOutput(dir));
}

const listed = (names: readonly string[]): string =>
  names.slice(0, 10).join(", ") + (names.length > 10 ? `, … (${names.length} in all)` : "");

/** Refuses an output that is not a directory, holds foreign entries, or (without `force`) edited files. */
function guard(state: OutputState, label: string, force: boolean): void {
  if (state.notDirectory)
    throw outputError(
      "output-not-directory",
      label,
      `--output '${label}' exists and is not a directory; choose another output path.`,
    );
  if (state.foreign.length > 0) {
    const why = state.foreignManifest
      ? ` (its manifest.json is not the generator's: it lacks "generator": "openapi-client-gen" or a valid "files" table)`
      : "";
    throw outputError(
      "output-has-foreign-files",
      label,
      `--output '${label}' holds files the generator did not write (${listed(state.foreign)})${why}; refusing to delete them. Move them away or choose an empty directory.`,
    );
  }
  if (state.edited.length > 0 && !force)
    throw outputError(
      "output-edited",
      label,
      `--output '${label}' has generated files that were edited since they were generated (${listed(state.edited)}); refusing to overwrite the edits. Move them elsewhere (generated files are replaced on every run), or run with --force to overwrite them.`,
    );
}

export interface OpenOutputOptions {
  /** How the output is named in messages (e.g. as the user gave it). */
  readonly label: string;
  /** Overwrite generated files that were edited by hand. @default false */
  readonly force?: boolean;
  /** Longest wait for another run's lock, in ms. @default 600000 (LOCK_TIMEOUT_MS) */
  readonly lockTimeoutMs?: number;
  /** Called once when another live run holds the lock and this one starts waiting for it. */
  readonly onLockWait?: (holder: LockHolder) => void;
}

/** An output directory held under its lock, checked, and ready to be written once. */
export interface OutputSession {
  /** The real directory written (symbolic links followed). */
  readonly dir: string;
  /** What the previous generation left (its normalized spec and changelog), when the output is the generator's. */
  readonly previous: PreviousOutput;
  /** Generated files edited by hand that `write` overwrites (only with `force`; sorted). */
  readonly edited: readonly string[];
  /** What the recovery from interrupted runs did, one line per action. */
  readonly recovered: readonly string[];
  /** Writes `files` as the new content of the output (a complete tree, swapped in). */
  write(files: readonly GeneratedFile[]): Promise<void>;
  /** Releases the lock. Never throws. */
  close(): Promise<void>;
}

/**
 * Opens output directory `output` for writing: follows symbolic links, checks that it can be written, takes its
 * lock (waiting for another run), recovers from interrupted runs, and checks that everything in it is the
 * generator's. Nothing in the output changes before `write`. Call `close` in a `finally`.
 * @param output The output directory (absolute, or relative to the process's directory).
 * @throws {SpecError} `output-not-writable`, `output-locked`, `output-not-directory`, `output-has-foreign-files`,
 * or `output-edited` (without `force`).
 */
export async function openOutput(
  output: string,
  options: OpenOutputOptions,
): Promise<OutputSession> {
  const { label, force = false } = options;
  const { dir, created } = await resolveOutput(output, label);
  // A run that writes nothing (an error, or --fail-on-breaking) leaves no new parent directories behind either.
  const tidy = (): Promise<void> =>
    created === undefined ? Promise.resolve() : removeCreatedParents(dir, created);
  await checkParent(dir, label);
  const lock = await lockOutput(dir, {
    label,
    ...(options.lockTimeoutMs !== undefined ? { timeoutMs: options.lockTimeoutMs } : {}),
    ...(options.onLockWait !== undefined ? { onWait: options.onLockWait } : {}),
  }).catch(async (error: unknown) => {
    await tidy();
    throw error;
  });
  try {
    const recovered = await recoverOutput(dir);
    const state = await inspectOutput(dir);
    guard(state, label, force);
    if (state.exists) await checkReplaceable(state, dir, label);
    const previous = await previousOf(dir, state);
    let written = false;
    return {
      dir,
      previous,
      edited: state.edited,
      recovered,
      write: async (files) => {
        if (written) throw new Error("an OutputSession writes once");
        written = true;
        await buildTree(siblings(dir).fresh, files, state);
        await swapIn(dir, state.exists);
      },
      close: async () => {
        await lock.release();
        if (!written) await tidy();
      },
    };
  } catch (error) {
    await lock.release();
    await tidy();
    throw error;
  }
}

/**
 * Writes `files` to `output` in one go: `openOutput`, `write`, `close`.
 * @throws {SpecError} as `openOutput`.
 */
export async function writeOutput(
  output: string,
  files: readonly GeneratedFile[],
  options: OpenOutputOptions,
): Promise<void> {
  const session = await openOutput(output, options);
  try {
    await session.write(files);
  } finally {
    await session.close();
  }
}
