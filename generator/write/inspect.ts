/**
 * What an existing output directory holds, judged against its manifest: which files the generator wrote and
 * nobody changed since, which of them were edited by hand, and which entries are not the generator's at all.
 * A manifest is the generator's only when it carries the marker (`"generator": "openapi-client-gen"`) and a
 * well-formed `files` table of relative paths and SHA-256 hashes.
 */
import { createHash } from "node:crypto";
import { lstat, readdir, readFile } from "node:fs/promises";
import path from "node:path";

export const MANIFEST_FILE = "manifest.json";
/** The manifest's marker: the value of its `generator` key. */
export const MANIFEST_MARKER = "openapi-client-gen";

/** Mode and owner of one entry, to carry over to the entry that replaces it. */
export interface EntryMeta {
  readonly isDirectory: boolean;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
}

export interface OutputState {
  /** False when nothing is at the output path. */
  readonly exists: boolean;
  /** Something other than a directory is at the output path. */
  readonly notDirectory: boolean;
  /** The manifest's `files` (path → SHA-256), when the manifest is the generator's. */
  readonly manifest: Readonly<Record<string, string>> | undefined;
  /** A manifest.json is present but is not the generator's. */
  readonly foreignManifest: boolean;
  /** Entries the generator did not write, sorted (directories end in `/`). */
  readonly foreign: readonly string[];
  /** Files the manifest lists whose bytes no longer match its hash, sorted. */
  readonly edited: readonly string[];
  /** Subdirectories, relative, sorted (`""` is the output directory itself). */
  readonly dirs: readonly string[];
  /** Mode and owner of every entry by relative path (`""` is the output directory itself). */
  readonly meta: ReadonlyMap<string, EntryMeta>;
}

const sha256 = (data: Buffer): string => createHash("sha256").update(data).digest("hex");
const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A path the manifest may list: relative, `/`-separated, without `.`/`..` segments. */
function isSafePath(p: string): boolean {
  return (
    p !== "" && !p.includes("\\") && p.split("/").every((s) => s !== "" && s !== "." && s !== "..")
  );
}

/** The manifest's `files` table when `text` is the generator's manifest, else undefined. */
export function parseManifest(text: string): Record<string, string> | undefined {
  try {
    const value = JSON.parse(text) as { generator?: unknown; files?: unknown };
    if (value.generator !== MANIFEST_MARKER) return undefined;
    const files = value.files;
    if (typeof files !== "object" || files === null || Array.isArray(files)) return undefined;
    const entries = Object.entries(files as Record<string, unknown>);
    const valid = entries.every(
      ([p, h]) =>
        isSafePath(p) && p !== MANIFEST_FILE && typeof h === "string" && /^[0-9a-f]{64}$/.test(h),
    );
    return valid ? (files as Record<string, string>) : undefined;
  } catch {
    return undefined;
  }
}

interface Walk {
  readonly files: string[];
  readonly dirs: string[];
  readonly others: string[];
  readonly meta: Map<string, EntryMeta>;
}

async function walk(dir: string, rel: string, into: Walk): Promise<void> {
  const entries = await readdir(path.join(dir, rel), { withFileTypes: true });
  for (const entry of entries) {
    const child = rel === "" ? entry.name : `${rel}/${entry.name}`;
    const info = await lstat(path.join(dir, child));
    into.meta.set(child, {
      isDirectory: info.isDirectory(),
      mode: info.mode & 0o7777,
      uid: info.uid,
      gid: info.gid,
    });
    if (info.isDirectory()) {
      into.dirs.push(child);
      await walk(dir, child, into);
    } else if (info.isFile()) into.files.push(child);
    else into.others.push(child);
  }
}

/** Reads what output directory `dir` holds and sorts it into the generator's files, edited files and foreign ones. */
export async function inspectOutput(dir: string): Promise<OutputState> {
  const empty = { manifest: undefined, foreignManifest: false, foreign: [], edited: [], dirs: [] };
  const info = await lstat(dir).catch(() => undefined);
  if (info === undefined) return { exists: false, notDirectory: false, meta: new Map(), ...empty };
  const rootMeta = { isDirectory: true, mode: info.mode & 0o7777, uid: info.uid, gid: info.gid };
  const meta = new Map<string, EntryMeta>([["", rootMeta]]);
  if (!info.isDirectory()) return { exists: true, notDirectory: true, meta, ...empty };
  const found: Walk = { files: [], dirs: [], others: [], meta };
  await walk(dir, "", found);
  const manifestText = found.files.includes(MANIFEST_FILE)
    ? await readFile(path.join(dir, MANIFEST_FILE), "utf8")
    : undefined;
  const manifest = manifestText === undefined ? undefined : parseManifest(manifestText);
  const listed = manifest ?? {};
  const foreign: string[] = [];
  const edited: string[] = [];
  for (const file of found.files) {
    if (manifest !== undefined && file === MANIFEST_FILE) continue;
    if (!Object.hasOwn(listed, file)) foreign.push(file);
    else if (sha256(await readFile(path.join(dir, file))) !== listed[file]) edited.push(file);
  }
  foreign.push(...found.others);
  // A directory is the generator's when a file it lists lies inside; others are named unless a foreign entry inside
  // them already is (a user's empty folders must not vanish silently).
  const needed = (d: string): boolean => Object.keys(listed).some((f) => f.startsWith(`${d}/`));
  for (const d of found.dirs) {
    if (needed(d) || foreign.some((f) => f.startsWith(`${d}/`))) continue;
    if (!foreign.some((f) => f.endsWith("/") && d.startsWith(f))) foreign.push(`${d}/`);
  }
  return {
    exists: true,
    notDirectory: false,
    manifest,
    foreignManifest: manifestText !== undefined && manifest === undefined,
    foreign: foreign.sort(byCodeUnit),
    edited: edited.sort(byCodeUnit),
    dirs: ["", ...found.dirs.sort(byCodeUnit)],
    meta,
  };
}
