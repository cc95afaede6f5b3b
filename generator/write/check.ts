/**
 * Check mode: compares the files a generation would write with the output directory, without writing, and shows
 * the first differences as a short unified diff (jsdiff).
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { formatPatch, structuredPatch, FILE_HEADERS_ONLY } from "diff";
import type { GeneratedFile } from "./write.js";

export interface CheckResult {
  readonly stale: readonly string[];
  readonly missing: readonly string[];
  readonly extra: readonly string[];
  /** Short unified diffs of the first differing files (at most `DIFFED_FILES`), "" when none. */
  readonly diff: string;
}

/** How many stale or missing files `compareOutput` shows a diff for. */
export const DIFFED_FILES = 3;
/** Most edits jsdiff looks for before giving up on a file (its cost grows with them). */
const MAX_EDITS = 500;

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

async function listFiles(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = `${prefix}${entry.name}`;
    if (entry.isDirectory()) out.push(...(await listFiles(path.join(dir, entry.name), `${rel}/`)));
    else out.push(rel);
  }
  return out.sort(byCodeUnit);
}

/**
 * The first hunk of the unified diff from the file on disk to the generated text, with 3 lines of context.
 * @param file Path shown in the `---`/`+++` lines.
 * @param expected The text the generator would write (`+` lines).
 * @param actual The text on disk (`-` lines), undefined when the file is missing.
 * @param maxLines Most changed (`-` and `+`) lines shown; the rest are counted. @default 12
 * @returns The diff text ending in a newline, or "" when the texts are equal.
 */
export function shortDiff(
  file: string,
  expected: string,
  actual: string | undefined,
  maxLines = 12,
): string {
  if (expected === actual) return "";
  const oldName = `${file} (on disk${actual === undefined ? ": missing" : ""})`;
  const newName = `${file} (generated)`;
  const patch = structuredPatch(oldName, newName, actual ?? "", expected, undefined, undefined, {
    context: 3,
    maxEditLength: MAX_EDITS,
  });
  const hunk = patch?.hunks[0];
  if (patch === undefined || hunk === undefined)
    return `--- ${oldName}\n+++ ${newName}\n… more than ${MAX_EDITS} changed lines\n`;
  const changed = (line: string): boolean => line.startsWith("-") || line.startsWith("+");
  const lines: string[] = [];
  let shown = 0;
  for (const line of hunk.lines) {
    if (changed(line) && shown === maxLines) break;
    if (changed(line)) shown++;
    lines.push(line);
  }
  const all = patch.hunks.flatMap((h) => h.lines).filter(changed).length;
  const count = (skip: string): number =>
    lines.filter((l) => !l.startsWith(skip) && !l.startsWith("\\")).length;
  const first = { ...hunk, lines, oldLines: count("+"), newLines: count("-") };
  const text = formatPatch({ ...patch, hunks: [first] }, FILE_HEADERS_ONLY);
  return all > shown ? `${text}… ${all - shown} more changed lines\n` : text;
}

/**
 * Compares `files` with what is in `dir`, without writing; paths in the result are sorted.
 * @param label How `dir` is named in the diffs (e.g. as the user gave it). @default dir
 */
export async function compareOutput(
  dir: string,
  files: readonly GeneratedFile[],
  label = dir,
): Promise<CheckResult> {
  const present = await listFiles(dir).catch(() => [] as string[]);
  const wanted = new Map(files.map((f) => [f.path, f.contents]));
  const stale: string[] = [];
  const missing: string[] = [];
  const diffs: string[] = [];
  for (const [file, contents] of [...wanted].sort(([a], [b]) => byCodeUnit(a, b))) {
    const actual = await readFile(path.join(dir, ...file.split("/")), "utf8").catch(
      () => undefined,
    );
    if (actual === undefined) missing.push(file);
    else if (actual !== contents) stale.push(file);
    else continue;
    if (diffs.length < DIFFED_FILES) diffs.push(shortDiff(`${label}/${file}`, contents, actual));
  }
  const extra = present.filter((f) => !wanted.has(f));
  return { stale, missing, extra, diff: diffs.join("") };
}
