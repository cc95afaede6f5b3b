/**
 * The names a write uses next to the output directory, and the recovery that a run performs (under the lock)
 * before anything else: a run killed part-way leaves one of a few known states, each put right here.
 */
import { lstat, readdir, rename, rm, unlink } from "node:fs/promises";
import path from "node:path";
import { hostname } from "node:os";
import { candidatePattern, isAlive, takeoverGuard } from "./lock.js";

/** The working names next to output directory `dir`: `.<name>.new`, `.<name>.old`, `.<name>.trash`. */
export interface Siblings {
  /** The new tree while it is being written. */
  readonly fresh: string;
  /** The previous tree, between the two renames of the swap. */
  readonly old: string;
  /** The previous tree while it is being deleted. */
  readonly trash: string;
}

export function siblings(dir: string): Siblings {
  const at = (suffix: string): string =>
    path.join(path.dirname(dir), `.${path.basename(dir)}.${suffix}`);
  return { fresh: at("new"), old: at("old"), trash: at("trash") };
}

const exists = (p: string): Promise<boolean> =>
  lstat(p).then(
    () => true,
    () => false,
  );

/** Temp directories of generator versions before the lock (`.<name>.tmp-XXXXXX`, and `….old` during a swap). */
function legacyPattern(base: string): RegExp {
  const escaped = base.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^\\.${escaped}\\.tmp-[A-Za-z0-9]{6}(\\.old)?$`);
}

/**
 * Recovers output directory `dir` from interrupted runs and removes their leftovers; call it holding the lock.
 * - `dir` missing while `.old` exists: a run was killed between the swap's two renames. `.new` is complete then
 *   (the old tree is moved aside only once the new one is written), so it is moved into place; without `.new`,
 *   `.old` is moved back. A missing `dir` next to an older version's `.tmp-XXXXXX.old` gets that tree back.
 * - `.new` (a tree being written), `.old` and `.trash` (old trees being deleted), older versions' temp
 *   directories, lock candidates of dead processes and a takeover guard left by a killed run are removed.
 * @returns One line per action taken, naming the entries relative to the output's parent.
 */
export async function recoverOutput(dir: string): Promise<string[]> {
  const parent = path.dirname(dir);
  const base = path.basename(dir);
  const { fresh, old, trash } = siblings(dir);
  const notes: string[] = [];
  const legacy = legacyPattern(base);
  if (!(await exists(dir))) {
    const names = await readdir(parent);
    const legacyOld = names.filter((n) => legacy.test(n) && n.endsWith(".old")).sort()[0];
    const from = (await exists(old))
      ? (await exists(fresh))
        ? fresh
        : old
      : legacyOld !== undefined
        ? path.join(parent, legacyOld)
        : undefined;
    if (from !== undefined) {
      await rename(from, dir);
      notes.push(`restored ${base} from ${path.basename(from)}, left by an interrupted run`);
    }
  }
  const candidates = candidatePattern(base);
  for (const name of await readdir(parent)) {
    const full = path.join(parent, name);
    const pid = candidates.exec(name)?.[1];
    if (pid !== undefined) {
      if (!isAlive({ pid: Number(pid), host: hostname() }))
        await unlink(full).catch(() => undefined);
    } else if (full === takeoverGuard(dir)) {
      await rm(full, { recursive: true, force: true });
    } else if ([fresh, old, trash].includes(full) || legacy.test(name)) {
      await rm(full, { recursive: true, force: true });
      notes.push(`removed ${name}, left by an interrupted run`);
    }
  }
  return notes;
}
