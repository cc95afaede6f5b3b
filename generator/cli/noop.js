// @ts-check
/**
 * Instant no-op: remembers, per target, the spec files' hash and the manifest written, keyed by the generator's
 * fingerprint and the target's options; a later run with the same key verifies the spec bytes and every output file
 * against the manifest and skips generation. Plain JavaScript so `bin.js` can decide before loading tsx or any
 * heavy module. Records live in `node_modules/.cache/openapi-client-gen/` under the working directory (never
 * committed; a fresh clone regenerates once), or in `$OPENAPI_CLIENT_GEN_CACHE_DIR`.
 */
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const MANIFEST_FILE = "manifest.json";
/** Flags that always run the full CLI. */
const SLOW_FLAGS = new Set(["--check", "--force", "--watch", "--help", "-h"]);

/** @param {string} dir @param {string} rel @param {string[]} out */
function walk(dir, rel, out) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const child = rel === "" ? entry.name : `${rel}/${entry.name}`;
    if (entry.isDirectory()) walk(path.join(dir, entry.name), child, out);
    else out.push(child);
  }
  return out;
}

/** @param {string} a @param {string} b */
const byCodeUnit = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * SHA-256 (hex) over the generator's own sources (generator/, templates/), package.json and package-lock.json:
 * any change to the code that shapes the output, or to its pinned dependencies, changes it.
 * @returns {string}
 */
export function generatorFingerprint() {
  const hash = createHash("sha256");
  for (const top of ["generator", "templates"]) {
    const dir = path.join(ROOT, top);
    if (!existsSync(dir)) continue;
    for (const rel of walk(dir, "", []).sort(byCodeUnit)) {
      hash
        .update(`${top}/${rel}\0`)
        .update(readFileSync(path.join(dir, rel)))
        .update("\0");
    }
  }
  for (const file of ["package.json", "package-lock.json"]) {
    const full = path.join(ROOT, file);
    if (existsSync(full)) hash.update(`${file}\0`).update(readFileSync(full)).update("\0");
  }
  return hash.digest("hex");
}

/** @param {...string} parts @returns {string} */
export function keyOf(...parts) {
  return createHash("sha256").update(parts.join("\0")).digest("hex");
}

/** @param {string} cwd @returns {string} */
export function cacheDir(cwd) {
  return (
    process.env["OPENAPI_CLIENT_GEN_CACHE_DIR"] ??
    path.join(cwd, "node_modules", ".cache", "openapi-client-gen")
  );
}

/**
 * SHA-256 (hex) of the spec files' bytes, in order; undefined when one cannot be read.
 * @param {string} cwd @param {readonly string[]} files paths relative to cwd
 * @returns {string | undefined}
 */
export function specFilesHash(cwd, files) {
  const hash = createHash("sha256");
  try {
    for (const file of files)
      hash
        .update(`${file}\0`)
        .update(readFileSync(path.resolve(cwd, file)))
        .update("\0");
  } catch {
    return undefined;
  }
  return hash.digest("hex");
}

/**
 * @typedef {{ output: string, specFiles: string[], specHash: string, manifestHash: string }} TargetRecord
 *   What one target's last generation read and wrote (paths relative to the working directory).
 */

/** @param {string} cwd @param {string} key @returns {unknown} */
function readRecord(cwd, key) {
  try {
    return JSON.parse(readFileSync(path.join(cacheDir(cwd), `${key}.json`), "utf8"));
  } catch {
    return undefined;
  }
}

/**
 * Saves a record (atomically); silently skipped when the cache directory cannot be written (the cache is an optimisation).
 * @param {string} cwd @param {string} key @param {unknown} value
 */
export function writeRecord(cwd, key, value) {
  const dir = cacheDir(cwd);
  try {
    mkdirSync(dir, { recursive: true });
    const temp = path.join(dir, `${key}.${process.pid}.tmp`);
    writeFileSync(temp, `${JSON.stringify(value)}\n`);
    renameSync(temp, path.join(dir, `${key}.json`));
  } catch {
    // no cache: every run regenerates
  }
}

/** @param {unknown} v @returns {v is TargetRecord} */
function isTargetRecord(v) {
  const r = /** @type {Record<string, unknown>} */ (v);
  return (
    typeof v === "object" &&
    v !== null &&
    typeof r["output"] === "string" &&
    Array.isArray(r["specFiles"]) &&
    typeof r["specHash"] === "string" &&
    typeof r["manifestHash"] === "string"
  );
}

/**
 * True when `outputDir` holds exactly the files its manifest lists, with the listed hashes; when `manifestHash` is
 * given, the manifest's own bytes must hash to it too.
 * @param {string} outputDir @param {string} [manifestHash]
 * @returns {boolean}
 */
export function verifyOutput(outputDir, manifestHash) {
  try {
    const manifestBytes = readFileSync(path.join(outputDir, MANIFEST_FILE));
    if (
      manifestHash !== undefined &&
      createHash("sha256").update(manifestBytes).digest("hex") !== manifestHash
    )
      return false;
    const files =
      /** @type {{ files?: Record<string, string> }} */ (JSON.parse(manifestBytes.toString("utf8")))
        .files ?? {};
    const present = walk(outputDir, "", []).filter((f) => f !== MANIFEST_FILE);
    if (present.length !== Object.keys(files).length) return false;
    for (const file of present) {
      const expected = files[file];
      if (expected === undefined) return false;
      if (
        createHash("sha256")
          .update(readFileSync(path.join(outputDir, file)))
          .digest("hex") !== expected
      )
        return false;
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * True when the target's spec files still hash to the recorded value and its output directory holds exactly the
 * manifest's files with the manifest's hashes.
 * @param {string} cwd @param {unknown} record
 * @returns {boolean}
 */
export function verifyTarget(cwd, record) {
  if (!isTargetRecord(record)) return false;
  if (specFilesHash(cwd, record.specFiles) !== record.specHash) return false;
  return verifyOutput(path.resolve(cwd, record.output), record.manifestHash);
}

/** This generator's version (package.json), as the manifest records it. @returns {string | undefined} */
export function generatorVersion() {
  try {
    return JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).version;
  } catch {
    return undefined;
  }
}

/** @param {string} cwd @param {string} output */
function outputKey(cwd, output) {
  return keyOf("output", cwd, path.resolve(cwd, output));
}

/**
 * Remembers which generator fingerprint last wrote (or verified) `output` on this machine.
 * @param {string} cwd @param {string} output @param {string} fingerprint
 */
export function recordOutputFingerprint(cwd, output, fingerprint) {
  writeRecord(cwd, outputKey(cwd, output), { fingerprint });
}

/**
 * The no-op check from the committed manifest alone, for a fresh clone without cache records: the manifest must
 * name this generator version and options hash, its spec files (relative to the spec's directory) must hash to
 * `spec.filesSha256`, and the output must verify. Refused when this machine's record shows that another generator
 * fingerprint wrote the output (the generator's sources changed since: regenerate even at the same version).
 * @param {string} cwd @param {string} input @param {string} output paths relative to cwd
 * @param {string} fingerprint @param {string} optionsHash
 * @returns {string[] | undefined} The spec files relative to cwd when up to date.
 */
export function manifestNoop(cwd, input, output, fingerprint, optionsHash) {
  try {
    const seen = /** @type {{ fingerprint?: unknown } | undefined} */ (
      readRecord(cwd, outputKey(cwd, output))
    );
    if (seen !== undefined && seen.fingerprint !== fingerprint) return undefined;
    const manifest = JSON.parse(readFileSync(path.resolve(cwd, output, MANIFEST_FILE), "utf8"));
    if (manifest.generatorVersion !== generatorVersion() || manifest.optionsSha256 !== optionsHash)
      return undefined;
    const files = manifest.spec?.files;
    if (!Array.isArray(files) || files.length === 0 || !files.every((f) => typeof f === "string"))
      return undefined;
    const specDir = path.dirname(path.resolve(cwd, input));
    if (path.resolve(specDir, files[0]) !== path.resolve(cwd, input)) return undefined;
    if (specFilesHash(specDir, files) !== manifest.spec.filesSha256) return undefined;
    if (!verifyOutput(path.resolve(cwd, output))) return undefined;
    return files.map((f) => path.relative(cwd, path.resolve(specDir, f)).split(path.sep).join("/"));
  } catch {
    return undefined;
  }
}

/**
 * Key of one CLI invocation: the raw arguments, the config file's bytes and the generator fingerprint.
 * @param {string} cwd @param {readonly string[]} argv @param {string} fingerprint
 * @returns {string}
 */
export function invocationKey(cwd, argv, fingerprint) {
  const config = [
    "openapi-client-gen.config.ts",
    "openapi-client-gen.config.mjs",
    "openapi-client-gen.config.json",
  ]
    .map((name) =>
      existsSync(path.join(cwd, name))
        ? `${name}:${keyOf(readFileSync(path.join(cwd, name), "utf8"))}`
        : "",
    )
    .join("|");
  return keyOf("invocation", cwd, JSON.stringify(argv), config, fingerprint);
}

/**
 * Key of one target: the generator fingerprint and the resolved options (hash from `optionsHash`) and output.
 * @param {string} cwd @param {string} fingerprint @param {string} optionsHash @param {string} output
 */
export function targetKey(cwd, fingerprint, optionsHash, output) {
  return keyOf("target", cwd, fingerprint, optionsHash, output);
}

/**
 * The `bin.js` fast path: when this exact invocation was seen before and every target it built verifies, returns the
 * lines to print; otherwise undefined (run the full CLI). Never throws.
 * @param {readonly string[]} argv @param {string} cwd
 * @returns {string | undefined}
 */
export function fastNoop(argv, cwd) {
  try {
    if (
      argv[0] !== "generate" ||
      argv.some((a) => SLOW_FLAGS.has(a) || a.startsWith("--config") || a === "-c")
    )
      return undefined;
    const stamp = readRecord(cwd, invocationKey(cwd, argv, generatorFingerprint()));
    const targets = /** @type {{ targets?: unknown }} */ (stamp ?? {}).targets;
    if (!Array.isArray(targets) || targets.length === 0) return undefined;
    const lines = [];
    for (const key of targets) {
      const record = typeof key === "string" ? readRecord(cwd, key) : undefined;
      if (!verifyTarget(cwd, record)) return undefined;
      lines.push(
        `${/** @type {TargetRecord} */ (record).output} is up to date (spec, config and generator unchanged; --force regenerates)`,
      );
    }
    return lines.join("\n");
  } catch {
    return undefined;
  }
}

/**
 * Records a successful invocation: the target keys it built (each saved with `writeRecord`).
 * @param {string} cwd @param {readonly string[]} argv @param {readonly string[]} targetKeys
 */
export function recordInvocation(cwd, argv, targetKeys) {
  writeRecord(cwd, invocationKey(cwd, argv, generatorFingerprint()), { targets: targetKeys });
}

/**
 * The stored record for a target key, if it still verifies.
 * @param {string} cwd @param {string} key
 * @returns {TargetRecord | undefined}
 */
export function verifiedTarget(cwd, key) {
  const record = readRecord(cwd, key);
  return verifyTarget(cwd, record) ? /** @type {TargetRecord} */ (record) : undefined;
}
