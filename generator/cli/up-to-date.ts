/**
 * The up-to-date (no-op) check: remembers, per target, the spec files' hash and the manifest written, keyed by
 * the generator's fingerprint and the target's options; a later run with the same key verifies the spec bytes and
 * every output file against the manifest and skips generation. Records live in
 * `node_modules/.cache/openapi-client-gen/` under the working directory (never committed; a fresh clone
 * regenerates once, or takes the no-op from the committed manifest), or in `$OPENAPI_CLIENT_GEN_CACHE_DIR`.
 * Only `node:` imports and small modules: bin.ts runs `fastNoop` before anything heavy loads.
 */
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { CONFIG_FILES } from "../config/config.js";
import { specFilesHash } from "../util/spec-files-hash.js";
import { generatorFingerprint, generatorVersion, listFiles } from "./fingerprint.js";

const MANIFEST_FILE = "manifest.json";
/** Flags that always run the full CLI (`--config` names a file the invocation key does not cover). */
const SLOW_FLAGS = new Set(["--check", "--force", "--watch", "--help", "-h", "-c"]);

/** What one target's last generation read and wrote (paths relative to the working directory). */
export interface TargetRecord {
  readonly output: string;
  readonly specFiles: readonly string[];
  readonly specHash: string;
  readonly manifestHash: string;
}

const sha256 = (data: string | Buffer): string => createHash("sha256").update(data).digest("hex");

/** SHA-256 (hex) of the parts joined by NUL: a record's file name. */
export function keyOf(...parts: string[]): string {
  return sha256(parts.join("\0"));
}

/** Where records are kept for a working directory. */
export function cacheDir(cwd: string): string {
  return (
    process.env["OPENAPI_CLIENT_GEN_CACHE_DIR"] ??
    path.join(cwd, "node_modules", ".cache", "openapi-client-gen")
  );
}

function readRecord(cwd: string, key: string): unknown {
  try {
    return JSON.parse(readFileSync(path.join(cacheDir(cwd), `${key}.json`), "utf8")) as unknown;
  } catch {
    return undefined;
  }
}

/** Saves a record atomically; skipped silently when the cache cannot be written (it is an optimisation). */
export function writeRecord(cwd: string, key: string, value: unknown): void {
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

function isTargetRecord(v: unknown): v is TargetRecord {
  if (typeof v !== "object" || v === null) return false;
  const r = v as Record<string, unknown>;
  return (
    typeof r["output"] === "string" &&
    Array.isArray(r["specFiles"]) &&
    r["specFiles"].every((f) => typeof f === "string") &&
    typeof r["specHash"] === "string" &&
    typeof r["manifestHash"] === "string"
  );
}

/**
 * True when a run is writing `outputDir` or a killed one left its working entries beside it (`.<name>.lock`,
 * `.new`, `.old`, `.trash`, earlier versions' `.tmp-XXXXXX`; see generator/write/): then only a real run, which
 * waits for the lock and removes the leftovers, will do.
 */
function beingWritten(outputDir: string): boolean {
  const real = realpathSync(outputDir);
  const prefix = `.${path.basename(real)}.`;
  return readdirSync(path.dirname(real)).some(
    (n) =>
      n.startsWith(prefix) &&
      /^(new|old|trash|lock(\..*)?|tmp-[A-Za-z0-9]{6}(\.old)?)$/.test(n.slice(prefix.length)),
  );
}

/**
 * True when `outputDir` holds exactly the files its manifest lists, with the listed hashes; when `manifestHash`
 * is given, the manifest's own bytes must hash to it too; and no run is writing it or left working entries beside it.
 * Never throws.
 */
export function verifyOutput(outputDir: string, manifestHash?: string): boolean {
  try {
    if (beingWritten(outputDir)) return false;
    const manifestBytes = readFileSync(path.join(outputDir, MANIFEST_FILE));
    if (manifestHash !== undefined && sha256(manifestBytes) !== manifestHash) return false;
    const manifest = JSON.parse(manifestBytes.toString("utf8")) as {
      files?: Record<string, string>;
    };
    const files = manifest.files ?? {};
    const present = listFiles(outputDir).filter((f) => f !== MANIFEST_FILE);
    if (present.length !== Object.keys(files).length) return false;
    return present.every(
      (file) =>
        Object.hasOwn(files, file) &&
        sha256(readFileSync(path.join(outputDir, file))) === files[file],
    );
  } catch {
    return false;
  }
}

/** True when the record's spec files still hash to its value and its output verifies against the manifest. */
export function verifyTarget(cwd: string, record: unknown): record is TargetRecord {
  if (!isTargetRecord(record)) return false;
  if (specFilesHash(cwd, record.specFiles) !== record.specHash) return false;
  return verifyOutput(path.resolve(cwd, record.output), record.manifestHash);
}

function outputKey(cwd: string, output: string): string {
  return keyOf("output", cwd, path.resolve(cwd, output));
}

/** Remembers which generator fingerprint last wrote (or verified) `output` on this machine. */
export function recordOutputFingerprint(cwd: string, output: string, fingerprint: string): void {
  writeRecord(cwd, outputKey(cwd, output), { fingerprint });
}

/**
 * The no-op check from the committed manifest alone, for a fresh clone without cache records: the manifest must
 * name this generator version and options hash, its spec files (relative to the spec's directory) must hash to
 * `spec.filesSha256`, and the output must verify. Refused when this machine's record shows that another
 * generator fingerprint wrote the output (the generator changed since: regenerate even at the same version).
 * @param input The spec, relative to `cwd`. @param output The output directory, relative to `cwd`.
 * @returns The spec files relative to `cwd` when up to date, else undefined. Never throws.
 */
export function manifestNoop(
  cwd: string,
  input: string,
  output: string,
  fingerprint: string,
  optionsHash: string,
): string[] | undefined {
  try {
    const seen = readRecord(cwd, outputKey(cwd, output)) as { fingerprint?: unknown } | undefined;
    if (seen !== undefined && seen.fingerprint !== fingerprint) return undefined;
    const manifest = JSON.parse(readFileSync(path.resolve(cwd, output, MANIFEST_FILE), "utf8")) as {
      generatorVersion?: unknown;
      optionsSha256?: unknown;
      spec?: { files?: unknown; filesSha256?: unknown };
    };
    if (manifest.generatorVersion !== generatorVersion()) return undefined;
    if (manifest.optionsSha256 !== optionsHash) return undefined;
    const files = manifest.spec?.files;
    if (!Array.isArray(files) || files.length === 0) return undefined;
    if (!files.every((f): f is string => typeof f === "string")) return undefined;
    const entry = path.resolve(cwd, input);
    const specDir = path.dirname(entry);
    if (path.resolve(specDir, files[0]!) !== entry) return undefined;
    if (specFilesHash(specDir, files) !== manifest.spec?.filesSha256) return undefined;
    if (!verifyOutput(path.resolve(cwd, output))) return undefined;
    return files.map((f) => path.relative(cwd, path.resolve(specDir, f)).split(path.sep).join("/"));
  } catch {
    return undefined;
  }
}

/** Key of one CLI invocation: the raw arguments, the config file's bytes and the generator fingerprint. */
export function invocationKey(cwd: string, argv: readonly string[], fingerprint: string): string {
  const config = CONFIG_FILES.map((name) => {
    const file = path.join(cwd, name);
    return existsSync(file) ? `${name}:${sha256(readFileSync(file))}` : "";
  }).join("|");
  return keyOf("invocation", cwd, JSON.stringify(argv), config, fingerprint);
}

/** Key of one target: the generator fingerprint, the resolved options' hash and the output. */
export function targetKey(
  cwd: string,
  fingerprint: string,
  optionsHash: string,
  output: string,
): string {
  return keyOf("target", cwd, fingerprint, optionsHash, output);
}

/**
 * bin.ts's fast path: when this exact invocation was recorded before and every target it built verifies,
 * returns the lines to print; otherwise undefined (run the full CLI). Never throws.
 * @param argv The arguments after the command name, e.g. `["generate", "--target", "introw"]`.
 */
export function fastNoop(argv: readonly string[], cwd: string): string | undefined {
  try {
    if (argv[0] !== "generate" || argv.some((a) => SLOW_FLAGS.has(a) || a.startsWith("--config")))
      return undefined;
    const stamp = readRecord(cwd, invocationKey(cwd, argv, generatorFingerprint())) as
      { targets?: unknown } | undefined;
    const targets = stamp?.targets;
    if (!Array.isArray(targets) || targets.length === 0) return undefined;
    const lines: string[] = [];
    for (const key of targets) {
      const record = typeof key === "string" ? readRecord(cwd, key) : undefined;
      if (!verifyTarget(cwd, record)) return undefined;
      lines.push(upToDate(record.output));
    }
    return lines.join("\n");
  } catch {
    return undefined;
  }
}

/** The line printed for a target that needs no work. */
export function upToDate(output: string): string {
  return `${output} is up to date (spec, config and generator unchanged; --force regenerates)`;
}

/** Records a successful invocation: the target keys it built (each saved with `writeRecord`). */
export function recordInvocation(
  cwd: string,
  argv: readonly string[],
  targetKeys: readonly string[],
  fingerprint: string,
): void {
  writeRecord(cwd, invocationKey(cwd, argv, fingerprint), { targets: targetKeys });
}

/** The stored record for a target key, if it still verifies. */
export function verifiedTarget(cwd: string, key: string): TargetRecord | undefined {
  const record = readRecord(cwd, key);
  return verifyTarget(cwd, record) ? record : undefined;
}
