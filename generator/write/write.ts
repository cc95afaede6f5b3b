/**
 * write: the only stage that writes the disk. Atomic (temp dir, then swap), refuses to delete files the
 * generator did not write. Comparing without writing (`--check`) is in check.ts.
 */
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { SpecError } from "../util/issues.js";

export interface GeneratedFile {
  /** Path relative to the output directory, `/`-separated. */
  readonly path: string;
  readonly contents: string;
}

export const MANIFEST_FILE = "manifest.json";
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

async function listFiles(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) out.push(...(await listFiles(path.join(dir, entry.name), rel)));
    else out.push(rel);
  }
  return out.sort();
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

/** Reads the previous normalized spec, changelog base and changelog of `output`, when the manifest lists them. */
export async function readPrevious(output: string): Promise<PreviousOutput> {
  const files = await readManifestFiles(output);
  if (files === undefined) return {};
  const read = async (name: string): Promise<string | undefined> =>
    name in files
      ? await readFile(path.join(output, name), "utf8").catch(() => undefined)
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

/** Files listed in the manifest of an existing output directory, or undefined when there is none. */
export async function readManifestFiles(
  output: string,
): Promise<Record<string, string> | undefined> {
  try {
    const manifest = JSON.parse(await readFile(path.join(output, MANIFEST_FILE), "utf8")) as {
      files?: Record<string, string>;
    };
    return manifest.files ?? {};
  } catch {
    return undefined;
  }
}

/**
 * Refuses to replace `output` when it holds files the generator did not write (per its manifest).
 * @param label How `output` is named in messages.
 * @throws {SpecError} code `output-has-foreign-files`, listing them.
 */
async function guardOutput(output: string, label: string): Promise<void> {
  const info = await stat(output).catch(() => undefined);
  if (info === undefined) return;
  if (!info.isDirectory()) {
    throw new SpecError([
      {
        code: "output-not-directory",
        severity: "error",
        pointer: "",
        file: label,
        message: `--output '${label}' exists and is not a directory; choose another output path.`,
      },
    ]);
  }
  const present = await listFiles(output);
  if (present.length === 0) return;
  const known = await readManifestFiles(output);
  const foreign = present.filter(
    (f) => f !== MANIFEST_FILE && (known === undefined || !(f in known)),
  );
  if (foreign.length > 0) {
    const list =
      foreign.slice(0, 10).join(", ") +
      (foreign.length > 10 ? `, … (${foreign.length} in all)` : "");
    throw new SpecError([
      {
        code: "output-has-foreign-files",
        severity: "error",
        pointer: "",
        file: label,
        message: `--output '${label}' holds files the generator did not write (${list}); refusing to delete them. Move them away or choose an empty directory.`,
      },
    ]);
  }
}

/**
 * Writes `files` to `output` atomically: a temp directory next to it, then a rename swap.
 * @param output The output directory (absolute, or relative to the process's directory).
 * @param label How `output` is named in messages. @default output
 * @throws {SpecError} when `output` is not a directory or holds files the generator did not write.
 */
export async function writeOutput(
  output: string,
  files: readonly GeneratedFile[],
  label = output,
): Promise<void> {
  await guardOutput(output, label);
  const parent = path.dirname(path.resolve(output));
  await mkdir(parent, { recursive: true });
  const temp = await mkdtemp(path.join(parent, `.${path.basename(output)}.tmp-`));
  try {
    for (const file of files) {
      const target = path.join(temp, ...file.path.split("/"));
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, file.contents);
    }
    const old = `${temp}.old`;
    const hadOutput = await stat(output).then(
      () => true,
      () => false,
    );
    if (hadOutput) await rename(output, old);
    try {
      await rename(temp, output);
    } catch (error) {
      if (hadOutput) await rename(old, output);
      throw error;
    }
    if (hadOutput) await rm(old, { recursive: true, force: true });
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}
