/**
 * What the CLI does once its arguments are parsed: resolve the config targets, then for each target check,
 * skip (instant no-op), or generate and report. Prints to the given streams; returns the exit code.
 * SpecErrors propagate to main.ts, which prints them.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { CliArgs } from "./argv.js";
import type { GenerateOptions } from "../config/config.js";
import {
  findConfig,
  loadConfig,
  optionsHash,
  resolveTargets,
  type ResolvedTarget,
} from "../config/load-config.js";
import { formatIssue } from "../util/issues.js";
import { specFilesHash } from "../util/spec-files-hash.js";
import { generatorFingerprint } from "./fingerprint.js";
import {
  manifestNoop,
  recordInvocation,
  recordOutputFingerprint,
  targetKey,
  upToDate,
  verifiedTarget,
  writeRecord,
} from "./up-to-date.js";
import { MANIFEST_FILE, sha256 } from "../write/write.js";

type Stream = NodeJS.WritableStream;

/** The working directory and output streams of one CLI run. */
export interface RunIo {
  readonly cwd: string;
  readonly out: Stream;
  readonly err: Stream;
}

/**
 * Resolves the targets for `args` in `cwd` (loads the config file unless `--input` replaces it).
 * @returns The targets, or a usage message (exit 2) when the flags and config do not fit together.
 * @throws {SpecError} when the config file is missing (with --config) or invalid.
 */
export async function targetsFor(
  args: CliArgs,
  cwd: string,
): Promise<{ targets: ResolvedTarget[]; configFile: string | undefined } | { usage: string }> {
  const adHoc =
    args.flags.input !== undefined && args.flags.target === undefined && args.config === undefined;
  const configFile = adHoc ? undefined : await findConfig(cwd, args.config);
  const loaded = configFile === undefined ? undefined : await loadConfig(cwd, configFile);
  try {
    return { targets: resolveTargets(cwd, loaded, args.flags), configFile };
  } catch (error) {
    return { usage: (error as Error).message };
  }
}

function timingLine(timings: Readonly<Record<string, number>>): string {
  return Object.entries(timings)
    .map(([stage, ms]) => `${stage} ${ms} ms`)
    .join(", ");
}

/**
 * Generates one target unless the no-op record says it is up to date.
 * @param fingerprint The generator's fingerprint (`generatorFingerprint()`), computed once per run.
 * @param onSpecFiles Receives the spec's files (relative to cwd) once known: watch mode watches them.
 * @returns code 0, or 1 when `--fail-on-breaking` and the spec changed in a breaking way (nothing written then);
 * key: the target's no-op record key.
 * @throws {SpecError} when the spec is invalid or the output cannot be written (see `generateToDisk`).
 */
export async function generateTarget(
  options: GenerateOptions,
  args: Pick<CliArgs, "force" | "verbose" | "failOnBreaking">,
  fingerprint: string,
  { cwd, out, err }: RunIo,
  onSpecFiles?: (files: readonly string[]) => void,
): Promise<{ code: number; key: string }> {
  const key = targetKey(cwd, fingerprint, optionsHash(options), options.output);
  const record = args.force ? undefined : verifiedTarget(cwd, key);
  const fromManifest =
    args.force || record !== undefined
      ? undefined
      : manifestNoop(cwd, options.input, options.output, fingerprint, optionsHash(options));
  if (record !== undefined || fromManifest !== undefined) {
    const specFiles = record?.specFiles ?? fromManifest ?? [];
    onSpecFiles?.(specFiles);
    if (record === undefined) saveRecord(cwd, key, options, specFiles, fingerprint);
    out.write(`${upToDate(options.output)}\n`);
    return { code: 0, key };
  }
  const { generateToDisk } = await import("../index.js");
  const result = await generateToDisk(options, {
    cwd,
    force: args.force,
    failOnBreaking: args.failOnBreaking,
    onLockWait: (holder) =>
      err.write(
        `openapi-client-gen: waiting for another run (pid ${holder.pid}) writing ${options.output}…\n`,
      ),
  });
  onSpecFiles?.(result.loaded.files);
  for (const note of result.recovered) err.write(`notice: ${note}\n`);
  for (const notice of result.loaded.notices) err.write(`notice: ${notice}\n`);
  const warnings = result.issues.filter((i) => i.severity === "warning");
  const shown = args.verbose ? warnings : warnings.slice(0, 20);
  for (const w of shown) err.write(`${formatIssue(w)}\n`);
  if (shown.length < warnings.length)
    err.write(`… and ${warnings.length - shown.length} more warnings (--verbose shows all)\n`);
  if (result.overwritten.length > 0)
    err.write(
      `notice: overwrote generated files that had been edited by hand (--force): ${result.overwritten.map((f) => `${options.output}/${f}`).join(", ")}\n`,
    );
  const m = result.model;
  const outcome = result.written
    ? `${result.files.length} files written to ${options.output}`
    : `nothing written to ${options.output}`;
  out.write(
    `${m.name}: ${m.operations.length} operations, ${m.schemaAliases.length} schemas, ${warnings.length} warnings; ` +
      `${outcome}\n` +
      `  ${timingLine({ ...result.timings, write: result.writeMs })}\n`,
  );
  if (result.changelog !== undefined) out.write(result.changelog.summary);
  if (!result.written) {
    // Only --fail-on-breaking leaves a valid generation unwritten: the output stays as it was, so a second run
    // fails the same way.
    err.write(
      `openapi-client-gen: ${result.changelog?.breaking ?? 0} breaking change(s) in ${options.input} (--fail-on-breaking); the output directory was left unchanged.\n`,
    );
    return { code: 1, key };
  }
  saveRecord(cwd, key, options, result.loaded.files, fingerprint);
  return { code: 0, key };
}

/** Records what a target read and wrote, for the next run's no-op check (never for specs with remote refs). */
function saveRecord(
  cwd: string,
  key: string,
  options: GenerateOptions,
  specFiles: readonly string[],
  fingerprint: string,
): void {
  recordOutputFingerprint(cwd, options.output, fingerprint);
  const specHash = specFilesHash(cwd, specFiles);
  if (specHash === undefined || (options.allowRemoteRefs ?? false)) return;
  try {
    const manifest = readFileSync(path.resolve(cwd, options.output, MANIFEST_FILE));
    writeRecord(cwd, key, {
      output: options.output,
      specFiles,
      specHash,
      manifestHash: sha256(manifest),
    });
  } catch {
    // no manifest to record: the next run regenerates
  }
}

/**
 * Compares one target's output with a fresh in-memory generation.
 * @returns 0 when identical, 1 when files are stale, missing or extra (listed, with a short diff of the first differences).
 */
export async function checkTarget(
  options: GenerateOptions,
  { cwd, out, err }: RunIo,
): Promise<number> {
  const { check } = await import("../index.js");
  const result = await check(options, { cwd });
  const differs = result.stale.length + result.missing.length + result.extra.length > 0;
  if (!differs) {
    out.write(`${options.output} is up to date (${result.files.length} files).\n`);
    return 0;
  }
  for (const [label, list] of [
    ["stale", result.stale],
    ["missing", result.missing],
    ["extra", result.extra],
  ] as const) {
    for (const file of list) err.write(`${label}: ${options.output}/${file}\n`);
  }
  if (result.diff !== "") err.write(result.diff);
  err.write(
    `${options.output} is out of date: run 'openapi-client-gen generate' and commit the result.\n`,
  );
  return 1;
}

/**
 * Runs `generate` (or `--check`, or `--watch`) for every resolved target.
 * @returns The exit code: the worst of the targets'.
 * @throws {SpecError} on invalid config or spec (main.ts prints it).
 */
export async function runCli(args: CliArgs, argv: readonly string[], io: RunIo): Promise<number> {
  const { cwd, err } = io;
  const resolved = await targetsFor(args, cwd);
  if ("usage" in resolved) {
    err.write(`openapi-client-gen: ${resolved.usage}\n`);
    return 2;
  }
  if (args.watch) {
    const { watchTargets } = await import("./watch.js");
    return watchTargets(args, resolved.configFile, io);
  }
  let code = 0;
  if (args.check) {
    for (const { options } of resolved.targets)
      code = Math.max(code, await checkTarget(options, io));
    return code;
  }
  const fingerprint = generatorFingerprint();
  const keys: string[] = [];
  for (const { options } of resolved.targets) {
    const done = await generateTarget(options, args, fingerprint, io);
    code = Math.max(code, done.code);
    keys.push(done.key);
  }
  if (code === 0) recordInvocation(cwd, argv, keys, fingerprint);
  return code;
}
