/**
 * Where an output goes and how the new tree takes the old one's place: symbolic links followed to the real
 * directory, permissions checked before anything moves, the new tree given the old one's modes and owners,
 * then swapped in by two renames.
 */
import {
  access,
  chmod,
  chown,
  constants,
  lstat,
  mkdir,
  readlink,
  realpath,
} from "node:fs/promises";
import { rename, rm, rmdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { SpecError } from "../util/issues.js";
import type { OutputState } from "./inspect.js";
import { siblings } from "./recover.js";

const code = (error: unknown): string | undefined => (error as NodeJS.ErrnoException).code;

/** A `SpecError` about the output directory. */
export function outputError(codeName: string, label: string, message: string): SpecError {
  return new SpecError([{ code: codeName, severity: "error", pointer: "", file: label, message }]);
}

/** The real output directory, and the first parent directory `resolveOutput` had to create (if any). */
export interface ResolvedOutput {
  readonly dir: string;
  readonly created: string | undefined;
}

/**
 * The real directory that `output` names: symbolic links (the output's own, and its parents') are followed, so
 * the generator writes into a link's target and the link stays. Creates missing parent directories.
 * @throws {SpecError} `output-not-directory` on a symbolic link loop; `output-not-writable` when a parent cannot be created.
 */
export async function resolveOutput(output: string, label: string): Promise<ResolvedOutput> {
  let target = path.resolve(output);
  for (let hops = 0; ; hops++) {
    const info = await lstat(target).catch(() => undefined);
    if (info?.isSymbolicLink() !== true) break;
    if (hops === 40)
      throw outputError(
        "output-not-directory",
        label,
        `--output '${label}' is a loop of symbolic links.`,
      );
    target = path.resolve(path.dirname(target), await readlink(target));
  }
  const parent = path.dirname(target);
  let created: string | undefined;
  try {
    created = await mkdir(parent, { recursive: true });
  } catch (error) {
    throw notWritable(label, `its parent directory cannot be created (${code(error)})`);
  }
  const real = await realpath(parent);
  return {
    dir: path.join(real, path.basename(target)),
    created: created === undefined ? undefined : path.join(real, path.relative(parent, created)),
  };
}

/**
 * Removes the empty parent directories of `dir` that `resolveOutput` created, up to `created`, after a run that
 * wrote nothing. Never throws: a directory another run uses meanwhile is not empty and stays.
 */
export async function removeCreatedParents(dir: string, created: string): Promise<void> {
  for (let p = path.dirname(dir); ; p = path.dirname(p)) {
    if (
      !(await rmdir(p).then(
        () => true,
        () => false,
      ))
    )
      return;
    if (p === created || path.dirname(p) === p) return;
  }
}

function notWritable(label: string, why: string): SpecError {
  return outputError(
    "output-not-writable",
    label,
    `cannot write --output '${label}': ${why}. Nothing was changed; fix the permissions or choose another output path.`,
  );
}

async function writable(dir: string): Promise<string | undefined> {
  try {
    await access(dir, constants.W_OK | constants.X_OK);
    return undefined;
  } catch (error) {
    return code(error);
  }
}

/**
 * Checks that the run can create its lock and working directories next to `dir`.
 * @throws {SpecError} `output-not-writable`.
 */
export async function checkParent(dir: string, label: string): Promise<void> {
  const problem = await writable(path.dirname(dir));
  if (problem !== undefined)
    throw notWritable(label, `the directory holding it is not writable (${problem})`);
}

/**
 * Checks that the existing output can be replaced, and keep its owner: every directory of it writable (the old
 * tree is deleted), and, unless the run is root's, owned by the user running.
 * @throws {SpecError} `output-not-writable`, naming the directory at fault.
 */
export async function checkReplaceable(
  state: OutputState,
  dir: string,
  label: string,
): Promise<void> {
  const uid = process.getuid?.();
  const owner = state.meta.get("")?.uid;
  if (uid !== undefined && uid !== 0 && owner !== undefined && owner !== uid)
    throw notWritable(
      label,
      `it belongs to another user (uid ${owner}), whom a new tree could not keep as its owner`,
    );
  for (const rel of state.dirs) {
    const problem = await writable(path.join(dir, ...rel.split("/").filter((s) => s !== "")));
    if (problem !== undefined)
      throw notWritable(
        label,
        `${rel === "" ? "it" : `'${label}/${rel}'`} is not writable (${problem})`,
      );
  }
}

/**
 * Writes `files` as a new tree at `.<name>.new` with default permissions (0755 directories, 0644 files, less the
 * umask), then gives every entry that replaces an existing one that entry's mode and owner, and new entries the
 * output directory's owner.
 */
export async function buildTree(
  fresh: string,
  files: readonly { readonly path: string; readonly contents: string }[],
  state: OutputState,
): Promise<void> {
  await rm(fresh, { recursive: true, force: true });
  try {
    await writeTree(fresh, files, state);
  } catch (error) {
    await rm(fresh, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  }
}

async function writeTree(
  fresh: string,
  files: readonly { readonly path: string; readonly contents: string }[],
  state: OutputState,
): Promise<void> {
  await mkdir(fresh);
  const dirs = new Set<string>([""]);
  for (const file of files) {
    const parts = file.path.split("/");
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join("/"));
    const target = path.join(fresh, ...parts);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.contents);
  }
  if (!state.exists) return;
  const root = state.meta.get("")!;
  const uid = process.getuid?.();
  // Files first, then directories deepest first: a directory made read-only last does not block its entries.
  const entries = [...files.map((f) => f.path), ...[...dirs].sort().reverse()];
  for (const rel of entries) {
    const full = path.join(fresh, ...rel.split("/").filter((s) => s !== ""));
    const now = await stat(full);
    // What replaces a file is a file, and a directory a directory; otherwise the entry is new.
    const before = state.meta.get(rel);
    const old = before?.isDirectory === now.isDirectory() ? before : undefined;
    const owner = old ?? root;
    if (uid !== undefined && (now.uid !== owner.uid || now.gid !== owner.gid)) {
      // Only root may give a file away; others may still change its group to one they belong to.
      await chown(full, uid === 0 ? owner.uid : now.uid, owner.gid).catch((error: unknown) => {
        if (code(error) !== "EPERM") throw error;
      });
    }
    if (old !== undefined && old.mode !== (now.mode & 0o7777)) await chmod(full, old.mode);
  }
}

/**
 * Puts the new tree at `dir`. With an existing output: rename it to `.<name>.old`, rename `.<name>.new` to `dir`,
 * then delete the old tree (renamed to `.<name>.trash` first). Between the two renames `dir` does not exist;
 * `recoverOutput` completes a swap interrupted there.
 */
export async function swapIn(dir: string, exists: boolean): Promise<void> {
  const { fresh, old, trash } = siblings(dir);
  if (!exists) {
    await rename(fresh, dir);
    return;
  }
  await rename(dir, old);
  try {
    await rename(fresh, dir);
  } catch (error) {
    await rename(old, dir);
    throw error;
  }
  await rename(old, trash);
  await rm(trash, { recursive: true, force: true });
}
