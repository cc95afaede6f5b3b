/**
 * The on-disk cache of formatted segments: prettier's output for a segment's text, keyed by the SHA-256 of
 * prettier's version, the options and the text. Regenerating after a spec change formats only the segments whose
 * text changed. The cache only saves time: an entry that is missing, unreadable or corrupt is formatted again,
 * and output never depends on whether an entry was found.
 *
 * Layout: `<dir>/<first 2 hex digits>/<rest of the key>`, each file the SHA-256 of its text, a newline, the text.
 * Writes go to a temporary file renamed into place (atomic, so concurrent runs never see half an entry). Reads
 * touch the entry's mtime; when a run has written entries and the directory exceeds its size cap, the least
 * recently used entries are removed until it is at 80% of the cap.
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readdir, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";

export interface FormatCache {
  /** The text stored under `key`, or undefined when there is none (or it is unreadable or corrupt). */
  get(key: string): string | undefined;
  /** Stores `text` under `key` in the background; failures are ignored (the entry is formatted again next time). */
  set(key: string, text: string): void;
  /** Waits for pending writes, then prunes the cache if this run wrote to it. Never throws. */
  close(): Promise<void>;
}

/** Default size cap of a cache directory, in bytes (about 30 generations of a 1.5 MB client). */
export const DEFAULT_CACHE_BYTES = 50 * 1024 * 1024;

const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

/** The cache key of prettier's output for `text` with `options` under prettier `version`. */
export function cacheKey(version: string, options: object, text: string): string {
  return createHash("sha256")
    .update(`${version}\0${JSON.stringify(options)}\0`)
    .update(text)
    .digest("hex");
}

/**
 * Where the format cache of a run lives.
 * @param cwd The directory the generator runs in (the project being generated into).
 * @param env `OPENAPI_CLIENT_GEN_CACHE=off` (or `0`, `false`) disables the cache;
 *   `OPENAPI_CLIENT_GEN_CACHE_DIR` replaces `<cwd>/node_modules/.cache/openapi-client-gen` (relative to `cwd`).
 * @returns The directory (created on first write), or undefined: disabled, or `cwd` has no node_modules.
 */
export function formatCacheDir(
  cwd: string,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  if (/^(?:0|false|off|no)$/i.test(env["OPENAPI_CLIENT_GEN_CACHE"] ?? "")) return undefined;
  const root = env["OPENAPI_CLIENT_GEN_CACHE_DIR"];
  if (root !== undefined && root !== "") return path.resolve(cwd, root, "format");
  const modules = path.join(cwd, "node_modules");
  return existsSync(modules)
    ? path.join(modules, ".cache", "openapi-client-gen", "format")
    : undefined;
}

/**
 * Opens (lazily: nothing is created until the first write) the cache in `dir`.
 * @param maxBytes Size cap in bytes. @default DEFAULT_CACHE_BYTES
 */
export function openFormatCache(dir: string, maxBytes = DEFAULT_CACHE_BYTES): FormatCache {
  const pending = new Set<Promise<void>>();
  let wrote = false;
  const track = (work: Promise<unknown>): void => {
    const done = work.then(
      () => undefined,
      () => undefined,
    );
    pending.add(done);
    void done.then(() => pending.delete(done));
  };
  const entry = (key: string): string => path.join(dir, key.slice(0, 2), key.slice(2));
  return {
    get(key) {
      const file = entry(key);
      let stored: string;
      try {
        stored = readFileSync(file, "utf8");
      } catch {
        return undefined;
      }
      const newline = stored.indexOf("\n");
      const text = stored.slice(newline + 1);
      if (newline !== 64 || stored.slice(0, 64) !== sha256(text)) return undefined;
      const now = new Date();
      track(utimes(file, now, now));
      return text;
    },
    set(key, text) {
      const file = entry(key);
      const temp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
      wrote = true;
      track(
        (async () => {
          try {
            await mkdir(path.dirname(file), { recursive: true });
            await writeFile(temp, `${sha256(text)}\n${text}`);
            await rename(temp, file);
          } catch (error) {
            await rm(temp, { force: true });
            throw error;
          }
        })(),
      );
    },
    async close() {
      while (pending.size > 0) await Promise.all(pending);
      if (wrote) await prune(dir, maxBytes).catch(() => undefined);
    },
  };
}

/** Removes least recently used entries (and temporary files older than an hour) until `dir` is at 80% of `maxBytes`. */
async function prune(dir: string, maxBytes: number): Promise<void> {
  const entries: { file: string; size: number; mtime: number }[] = [];
  const hourAgo = Date.now() - 3_600_000;
  for (const sub of await readdir(dir)) {
    const names = await readdir(path.join(dir, sub)).catch(() => [] as string[]);
    await Promise.all(
      names.map(async (name) => {
        const file = path.join(dir, sub, name);
        const info = await stat(file).catch(() => undefined);
        if (info === undefined) return;
        if (name.endsWith(".tmp")) {
          if (info.mtimeMs < hourAgo) await rm(file, { force: true });
          return;
        }
        entries.push({ file, size: info.size, mtime: info.mtimeMs });
      }),
    );
  }
  let total = entries.reduce((sum, e) => sum + e.size, 0);
  if (total <= maxBytes) return;
  entries.sort((a, b) => a.mtime - b.mtime || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  for (const e of entries) {
    if (total <= maxBytes * 0.8) break;
    await rm(e.file, { force: true });
    total -= e.size;
  }
}
