/**
 * Finds, loads and checks `openapi-client-gen.config.{ts,mjs,json}`, and resolves CLI flags against it into
 * the list of targets to build. `.ts` configs load through tsx's `tsImport` (no build step).
 */
import { createHash } from "node:crypto";
import { access, readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import {
  CONFIG_FILES,
  DEFAULTS,
  type GenerateOptions,
  type TargetConfig,
  type UserConfig,
} from "./config.js";
import { SpecError, type Issue } from "../util/issues.js";

/** A loaded config file. */
export interface LoadedConfig {
  /** Config file path relative to the working directory. */
  readonly file: string;
  readonly config: UserConfig;
}

/** Flags that override or replace the config (undefined when not given on the command line). */
export interface TargetFlags {
  readonly target?: string | undefined;
  readonly input?: string | undefined;
  readonly output?: string | undefined;
  readonly name?: string | undefined;
  readonly strict?: boolean | undefined;
  readonly allowRemoteRefs?: boolean | undefined;
}

/** One resolved target: its name (`cli` for an ad-hoc `--input` run) and the options for `generate()`. */
export interface ResolvedTarget {
  readonly target: string;
  readonly options: GenerateOptions;
}

const TARGET_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function configError(file: string, message: string, pointer = ""): SpecError {
  return new SpecError([{ code: "invalid-config", severity: "error", pointer, file, message }]);
}

/**
 * The config file to use: `explicit` (relative to `cwd`) or the first of CONFIG_FILES present in `cwd`.
 * @returns The path relative to `cwd`, or undefined when there is none.
 * @throws {SpecError} code `config-not-found` when `explicit` does not exist.
 */
export async function findConfig(cwd: string, explicit?: string): Promise<string | undefined> {
  if (explicit !== undefined) {
    const ok = await access(path.resolve(cwd, explicit)).then(
      () => true,
      () => false,
    );
    if (!ok)
      throw new SpecError([
        {
          code: "config-not-found",
          severity: "error",
          pointer: "",
          file: explicit,
          message: `no config file at '${explicit}'.`,
        },
      ]);
    return path.relative(cwd, path.resolve(cwd, explicit));
  }
  for (const name of CONFIG_FILES) {
    if (
      await access(path.join(cwd, name)).then(
        () => true,
        () => false,
      )
    )
      return name;
  }
  return undefined;
}

let reloads = 0;

/**
 * Loads and checks a config file. Every call evaluates the file afresh (watch mode reloads it).
 * @param file Path relative to `cwd` (`.ts`, `.mts`, `.mjs`, `.js` or `.json`).
 * @throws {SpecError} code `invalid-config` when the file cannot be evaluated or its shape is wrong (every problem listed).
 */
export async function loadConfig(cwd: string, file: string): Promise<LoadedConfig> {
  const absolute = path.resolve(cwd, file);
  let value: unknown;
  try {
    if (file.endsWith(".json")) {
      value = JSON.parse(await readFile(absolute, "utf8")) as unknown;
    } else {
      const url = `${pathToFileURL(absolute).href}?reload=${++reloads}`;
      const module = /\.[cm]?ts$/.test(file)
        ? ((await (await import("tsx/esm/api")).tsImport(url, import.meta.url)) as {
            default?: unknown;
          })
        : ((await import(url)) as { default?: unknown });
      value = module.default;
    }
  } catch (error) {
    throw configError(
      file,
      `cannot load the config file: ${(error as Error).message.split("\n")[0] ?? ""}`,
    );
  }
  return { file, config: checkConfig(value, file) };
}

/**
 * Checks the shape of a config value; collects every problem before failing.
 * @throws {SpecError} code `invalid-config`.
 */
export function checkConfig(value: unknown, file: string): UserConfig {
  const issues: Issue[] = [];
  const problem = (pointer: string, message: string): void => {
    issues.push({ code: "invalid-config", severity: "error", pointer, file, message });
  };
  const isRecord = (v: unknown): v is Record<string, unknown> =>
    typeof v === "object" && v !== null && !Array.isArray(v);
  if (!isRecord(value) || !isRecord(value["targets"])) {
    problem(
      "",
      "the config must export default `defineConfig({ targets: { <name>: { input, output, name } } })`.",
    );
    throw new SpecError(issues);
  }
  for (const key of Object.keys(value))
    if (key !== "targets") problem(`/${key}`, `unknown config key '${key}'.`);
  const targets = value["targets"];
  if (Object.keys(targets).length === 0)
    problem("/targets", "`targets` is empty; add at least one target.");
  for (const [name, target] of Object.entries(targets)) {
    const at = `/targets/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`;
    if (!TARGET_NAME.test(name))
      problem(at, `target name '${name}' must use letters, digits, '-', '_' and '.' only.`);
    if (!isRecord(target)) {
      problem(at, "a target must be an object `{ input, output, name }`.");
      continue;
    }
    for (const key of ["input", "output", "name"] as const) {
      if (typeof target[key] !== "string" || target[key] === "")
        problem(`${at}/${key}`, `\`${key}\` must be a non-empty string.`);
    }
    if (
      target["defaultServer"] !== undefined &&
      (typeof target["defaultServer"] !== "string" || target["defaultServer"] === "")
    ) {
      problem(`${at}/defaultServer`, '`defaultServer` must be a server name, e.g. "staging".');
    }
    for (const key of ["strict", "allowRemoteRefs"] as const) {
      if (target[key] !== undefined && typeof target[key] !== "boolean")
        problem(`${at}/${key}`, `\`${key}\` must be a boolean.`);
    }
    for (const key of ["pagination", "enumNames"] as const) {
      if (target[key] !== undefined && !isRecord(target[key]))
        problem(`${at}/${key}`, `\`${key}\` must be an object keyed by operationId or pointer.`);
    }
    const known = new Set([
      "input",
      "output",
      "name",
      "strict",
      "allowRemoteRefs",
      "pagination",
      "enumNames",
      "defaultServer",
    ]);
    for (const key of Object.keys(target))
      if (!known.has(key)) problem(`${at}/${key}`, `unknown target option '${key}'.`);
  }
  if (issues.length > 0) throw new SpecError(issues);
  return value as unknown as UserConfig;
}

/**
 * The targets to build: every config target (or the one `--target` names), with flags overriding its options;
 * without a config, or with `--input` and no `--target`, one ad-hoc target `cli` from the flags.
 * Config paths are taken relative to the config file and returned relative to `cwd`.
 * @throws {Error} with a usage message when the flags cannot be resolved (unknown target, missing --output…).
 */
export function resolveTargets(
  cwd: string,
  loaded: LoadedConfig | undefined,
  flags: TargetFlags,
): ResolvedTarget[] {
  const common = {
    ...(flags.strict === true ? { strict: true } : {}),
    ...(flags.allowRemoteRefs === true ? { allowRemoteRefs: true } : {}),
  };
  if (loaded === undefined || (flags.target === undefined && flags.input !== undefined)) {
    if (flags.target !== undefined)
      throw new Error(
        `--target '${flags.target}' needs a config file (${CONFIG_FILES.join(", ")})`,
      );
    if (flags.input === undefined)
      throw new Error(
        `no config file (${CONFIG_FILES.join(", ")}) in ${cwd}; pass --input and --output`,
      );
    if (flags.output === undefined)
      throw new Error("--input needs --output (or a config target via --target)");
    return [
      {
        target: "cli",
        options: {
          input: flags.input,
          output: flags.output,
          name: flags.name ?? DEFAULTS.name,
          ...common,
        },
      },
    ];
  }
  const entries = Object.entries(loaded.config.targets);
  const picked =
    flags.target === undefined ? entries : entries.filter(([name]) => name === flags.target);
  if (picked.length === 0) {
    throw new Error(
      `unknown target '${flags.target ?? ""}'; ${loaded.file} defines ${entries.map(([n]) => n).join(", ")}`,
    );
  }
  if (picked.length > 1 && (flags.output !== undefined || flags.name !== undefined)) {
    throw new Error(
      `--output and --name apply to one target; add --target (${entries.map(([n]) => n).join(", ")})`,
    );
  }
  const base = path.dirname(path.resolve(cwd, loaded.file));
  const rel = (p: string): string =>
    path.relative(cwd, path.resolve(base, p)).split(path.sep).join("/") || ".";
  return picked.map(([target, t]: [string, TargetConfig]) => ({
    target,
    options: {
      ...t,
      input: flags.input ?? rel(t.input),
      output: flags.output ?? rel(t.output),
      name: flags.name ?? t.name,
      ...common,
    },
  }));
}

/** SHA-256 (hex) of the options that shape the output, keys sorted: recorded in the manifest. */
export function optionsHash(options: GenerateOptions): string {
  const sorted = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sorted);
    if (typeof v !== "object" || v === null) return v;
    const keys = Object.keys(v).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(keys.map((k) => [k, sorted((v as Record<string, unknown>)[k])]));
  };
  const { output: _output, ...shaping } = options;
  return createHash("sha256")
    .update(JSON.stringify(sorted({ ...DEFAULTS, ...shaping })))
    .digest("hex");
}
