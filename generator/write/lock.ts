/**
 * One lock per output directory, so that runs writing the same output take turns: a file `.<name>.lock` next to
 * the output, holding the owner's pid, host name and a random token. A lock whose process is gone (killed, or
 * crashed) is stale and the next run takes it over; a live owner is waited for.
 */
import { randomUUID } from "node:crypto";
import { link, mkdir, readFile, rmdir, stat, unlink, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { SpecError } from "../util/issues.js";

/** Who holds a lock, as written in the lock file. */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly token: string;
}

export interface LockOptions {
  /** How `output` is named in messages. */
  readonly label: string;
  /** Longest wait for a live owner before giving up with `output-locked`, in ms. @default 600000 */
  readonly timeoutMs?: number;
  /** Called once, when another live process holds the lock and this one starts waiting. */
  readonly onWait?: (holder: LockHolder) => void;
}

export interface OutputLock {
  /** The lock file. */
  readonly file: string;
  /** Removes the lock file if it is still this process's. Never throws. */
  release(): Promise<void>;
}

/** Default of `LockOptions.timeoutMs`: ten minutes, well above the generation of the largest spec we know. */
export const LOCK_TIMEOUT_MS = 600_000;
/** A takeover guard older than this (ms) was left by a process killed while breaking a stale lock. */
const GUARD_STALE_MS = 2_000;

/** The lock file of the output directory `dir` (an absolute, resolved path). */
export function lockFile(dir: string): string {
  return path.join(path.dirname(dir), `.${path.basename(dir)}.lock`);
}

/**
 * The guard directory of breaking a stale lock of `dir`. A run killed while holding it leaves it behind; the lock's
 * next owner removes it (a run racing on an older stale lock text then compares it with the live one and does
 * nothing, with or without the guard).
 */
export function takeoverGuard(dir: string): string {
  return `${lockFile(dir)}.takeover`;
}

/** Matches the name of a lock candidate (`.<name>.lock.<pid>-<8 hex>`) of output `base`; group 1 is the pid. */
export function candidatePattern(base: string): RegExp {
  const escaped = base.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^\\.${escaped}\\.lock\\.(\\d+)-[0-9a-f]{8}$`);
}

/** True unless `pid` is known to be gone. Processes on another host cannot be checked: they count as alive. */
export function isAlive(holder: Pick<LockHolder, "pid" | "host">): boolean {
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (typeof value.pid === "number" && typeof value.host === "string") return value as LockHolder;
  } catch {
    // not a lock this generator wrote: stale
  }
  return undefined;
}

const code = (error: unknown): string | undefined => (error as NodeJS.ErrnoException).code;

/**
 * Takes the lock of output directory `dir`, waiting while another live process holds it. The lock file is
 * created complete (written under a unique name, then hard-linked into place, which fails if it exists), so a
 * reader never sees a half-written lock.
 * @throws {SpecError} code `output-locked` when a live owner still holds it after `timeoutMs`.
 */
export async function lockOutput(dir: string, options: LockOptions): Promise<OutputLock> {
  const file = lockFile(dir);
  const me: LockHolder = { pid: process.pid, host: hostname(), token: randomUUID() };
  const text = `${JSON.stringify(me)}\n`;
  const candidate = `${file}.${process.pid}-${me.token.slice(0, 8)}`;
  // The parent may vanish between resolving the output and here: a first run into a new folder that failed removes
  // the folders it created.
  await writeFile(candidate, text).catch(async (error: unknown) => {
    if (code(error) !== "ENOENT") throw error;
    await mkdir(path.dirname(candidate), { recursive: true });
    await writeFile(candidate, text);
  });
  const deadline = performance.now() + (options.timeoutMs ?? LOCK_TIMEOUT_MS);
  let waiting = false;
  let delay = 10;
  try {
    for (;;) {
      try {
        await link(candidate, file);
        return { file, release: () => release(file, text) };
      } catch (error) {
        if (code(error) !== "EEXIST") throw error;
      }
      const current = await readFile(file, "utf8").catch(() => undefined);
      if (current === undefined) continue;
      const holder = parseHolder(current);
      if (holder === undefined || !isAlive(holder)) {
        await breakStale(file, current);
        continue;
      }
      if (performance.now() > deadline) throw lockedError(options.label, holder, file);
      if (!waiting) options.onWait?.(holder);
      waiting = true;
      await sleep(delay + Math.random() * delay);
      delay = Math.min(delay * 2, 200);
    }
  } finally {
    await unlink(candidate).catch(() => undefined);
  }
}

async function release(file: string, text: string): Promise<void> {
  try {
    if ((await readFile(file, "utf8")) === text) await unlink(file);
  } catch {
    // already gone
  }
}

/**
 * Removes the lock file if it still holds `staleText`. Several runs may find the same stale lock at once: the
 * check and the removal happen under a guard directory (mkdir is atomic), so that a run never removes the fresh
 * lock another run has just taken.
 */
async function breakStale(file: string, staleText: string): Promise<void> {
  const guard = `${file}.takeover`;
  try {
    await mkdir(guard);
  } catch (error) {
    if (code(error) !== "EEXIST") throw error;
    const info = await stat(guard).catch(() => undefined);
    if (info !== undefined && Date.now() - info.mtimeMs > GUARD_STALE_MS)
      await rmdir(guard).catch(() => undefined);
    await sleep(5);
    return;
  }
  try {
    if ((await readFile(file, "utf8").catch(() => undefined)) === staleText) await unlink(file);
  } finally {
    await rmdir(guard).catch(() => undefined);
  }
}

function lockedError(label: string, holder: LockHolder, file: string): SpecError {
  return new SpecError([
    {
      code: "output-locked",
      severity: "error",
      pointer: "",
      file: label,
      message:
        `another run (pid ${holder.pid} on ${holder.host}) is writing --output '${label}' and still holds its lock; ` +
        `wait for it to finish, or if no such run exists, delete '${path.basename(file)}' next to the output.`,
    },
  ]);
}
