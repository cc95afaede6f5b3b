/**
 * The generator's fingerprint: a no-op record made under another fingerprint is stale. Only `node:` imports:
 * the no-op path computes it before loading anything heavy.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { packageRoot } from "../util/package-root.js";

/** The generator's code: generator/ when run from the sources, dist/generator/ when built. */
const CODE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** The package root (package.json, templates/). */
export const PACKAGE_ROOT = packageRoot(import.meta.url);

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Every file under `dir`, as `/`-separated paths relative to it, sorted by code unit. */
export function listFiles(dir: string, prefix = ""): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = `${prefix}${entry.name}`;
    if (entry.isDirectory()) out.push(...listFiles(path.join(dir, entry.name), `${rel}/`));
    else out.push(rel);
  }
  return out.sort(byCodeUnit);
}

/** The installed version of each of the package's `dependencies`, found the way Node finds them. */
function dependencyVersions(manifest: { dependencies?: Record<string, string> }): string[] {
  return Object.keys(manifest.dependencies ?? {})
    .sort(byCodeUnit)
    .map((name) => {
      for (let dir = PACKAGE_ROOT; ; dir = path.dirname(dir)) {
        const file = path.join(dir, "node_modules", name, "package.json");
        if (existsSync(file))
          return `${name}@${(JSON.parse(readFileSync(file, "utf8")) as { version?: string }).version ?? "?"}`;
        if (path.dirname(dir) === dir) return `${name}@missing`;
      }
    });
}

/**
 * SHA-256 (hex) over what shapes the output: the generator's code (every file under generator/, or the build
 * under dist/generator/), templates/, package.json, package-lock.json when present (a checkout) and the installed
 * version of every runtime dependency (an installed package has no lock file).
 * @throws {Error} when package.json cannot be read.
 */
export function generatorFingerprint(): string {
  const hash = createHash("sha256");
  const trees: [string, string][] = [
    ["code", CODE_DIR],
    ["templates", path.join(PACKAGE_ROOT, "templates")],
  ];
  for (const [label, dir] of trees) {
    for (const rel of listFiles(dir))
      hash
        .update(`${label}/${rel}\0`)
        .update(readFileSync(path.join(dir, rel)))
        .update("\0");
  }
  const manifest = readFileSync(path.join(PACKAGE_ROOT, "package.json"));
  hash.update(manifest).update("\0");
  const lock = path.join(PACKAGE_ROOT, "package-lock.json");
  if (existsSync(lock)) hash.update(readFileSync(lock)).update("\0");
  const versions = dependencyVersions(JSON.parse(manifest.toString("utf8")) as object);
  return hash.update(versions.join("\n")).digest("hex");
}

/** This generator's version (package.json), as the manifest records it; undefined when unreadable. */
export function generatorVersion(): string | undefined {
  try {
    const manifest = readFileSync(path.join(PACKAGE_ROOT, "package.json"), "utf8");
    return (JSON.parse(manifest) as { version?: string }).version;
  } catch {
    return undefined;
  }
}
