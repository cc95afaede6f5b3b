/**
 * The hash of a spec's files that the manifest records (`spec.filesSha256`) and the CLI's up-to-date check
 * compares. Only `node:` imports: the CLI's no-op path loads it before anything heavy.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * SHA-256 (hex) over the files' names and bytes, in the order given.
 * @param dir Directory the names are relative to (absolute, or relative to the process's directory).
 * @param files `/`-separated paths relative to `dir`, the entry file first.
 * @returns The hash, or undefined when a file cannot be read.
 */
export function specFilesHash(dir: string, files: readonly string[]): string | undefined {
  const hash = createHash("sha256");
  try {
    for (const file of files)
      hash
        .update(`${file}\0`)
        .update(readFileSync(path.resolve(dir, file)))
        .update("\0");
  } catch {
    return undefined;
  }
  return hash.digest("hex");
}
