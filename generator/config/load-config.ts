/**
 * Finds, loads and checks `openapi-client-gen.config.{ts,mjs,json}`, and resolves CLI flags against it into
 * the list of targets to build. `.ts` configs load through tsx's `tsImport` (no build step); every config is
 * checked against the JSON Schema in schema.ts (ajv).
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
import { Ajv, type ErrorObject } from "ajv";
import { SpecError, parsePointer, pointerToken, type Issue } from "../util/issues.js";
import { CONFIG_SCHEMA } from "./schema.js";

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

/** What a value is, for "must be X, not Y" messages. */
function kind(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string")
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

const article = (type: unknown): string =>
  (Array.isArray(type) ? type : [type])
    .map((t) => (t === "object" || t === "array" ? `an ${String(t)}` : `a ${String(t)}`))
    .join(" or ");

/** One ajv error as a config issue: where (JSON pointer), what is wrong and what is expected. */
function configIssue(error: ErrorObject, file: string): Issue | undefined {
  const { keyword, instancePath, params, data } = error;
  const parent = (error.parentSchema ?? {}) as {
    title?: string;
    description?: string;
    properties?: Record<string, { description?: string }>;
  };
  const name = instancePath === "" ? "the config" : `\`${parsePointer(instancePath).pop()}\``;
  const expected = parent.description !== undefined ? `; expected ${parent.description}` : "";
  const issue = (pointer: string, message: string): Issue => ({
    code: "invalid-config",
    severity: "error",
    pointer,
    file,
    message,
  });
  const param = (key: string): string => String((params as Record<string, unknown>)[key]);
  switch (keyword) {
    case "required": {
      const missing = param("missingProperty");
      const what = parent.properties?.[missing]?.description ?? "it";
      return issue(
        `${instancePath}/${pointerToken(missing)}`,
        `\`${missing}\` is missing; add ${what}.`,
      );
    }
    case "additionalProperties": {
      const extra = param("additionalProperty");
      const known = Object.keys(parent.properties ?? {}).join(", ");
      return issue(
        `${instancePath}/${pointerToken(extra)}`,
        `unknown key '${extra}'; ${parent.title ?? name} takes ${known}.`,
      );
    }
    case "propertyNames": {
      const bad = param("propertyName");
      const rule = (error.schema as { description?: string }).description ?? "another name";
      return issue(`${instancePath}/${pointerToken(bad)}`, `'${bad}' is not allowed; use ${rule}.`);
    }
    case "type": {
      const type = (params as { type: unknown }).type;
      // An object's or array's description says what goes in it; a scalar's type says enough.
      const hint = [type].flat().some((t) => t === "object" || t === "array") ? expected : "";
      return issue(instancePath, `${name} must be ${article(type)}, not ${kind(data)}${hint}.`);
    }
    case "const":
      return issue(
        instancePath,
        `${name} must be ${JSON.stringify((params as { allowedValue: unknown }).allowedValue)}, not ${kind(data)}${expected}.`,
      );
    case "enum":
      return issue(
        instancePath,
        `${name} must be one of ${(params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(", ")}, not ${kind(data)}.`,
      );
    case "minLength":
    case "minItems":
    case "minProperties":
      return issue(instancePath, `${name} is empty${expected}.`);
    case "if":
      return undefined; // the failing branch's own errors say what is wrong
    default:
      if (error.propertyName !== undefined) return undefined; // reported as `propertyNames`
      return issue(instancePath, `${name} ${error.message ?? "is invalid"}${expected}.`);
  }
}

/**
 * Checks a config value against the config schema (schema.ts); collects every problem before failing.
 * @param file The config file, as messages name it.
 * @throws {SpecError} code `invalid-config`, one issue per problem: its JSON pointer, what is wrong and what is expected.
 */
export function checkConfig(value: unknown, file: string): UserConfig {
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
  const validate = ajv.compile<UserConfig>(CONFIG_SCHEMA);
  if (validate(value)) return value;
  const issues = (validate.errors ?? []).flatMap((e) => configIssue(e, file) ?? []);
  throw new SpecError(issues);
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
