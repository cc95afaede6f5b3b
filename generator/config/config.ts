/**
 * Generator options and every default, in one place; the typed shape of `openapi-client-gen.config.*`.
 * Kept free of heavy imports: config files import `defineConfig` from here, and the CLI loads it on every run.
 */
import type { PaginationSpec } from "../../templates/runtime/types.js";

/**
 * Per-operation pagination, keyed by operationId (or derived operation name): any `PaginationSpec` kind (cursor,
 * `kind: "page"`, `"offset"`, `"link"`, `"nextUrl"`), with parameters by name and paths as arrays. `false` turns
 * pagination off.
 */
export type PaginationOverride = PaginationSpec | false;

/** One generation target: a spec and where its client goes. */
export interface TargetConfig {
  /** Path to the OpenAPI document (JSON or YAML; the entry file of a multi-file spec). In a config file: relative to the config file. */
  readonly input: string;
  /** Output directory, e.g. `generated/introw`. In a config file: relative to the config file. */
  readonly output: string;
  /** API name used in the client's config type and docs (`Introw` → `IntrowClientConfig`). */
  readonly name: string;
  /** Pagination overrides by operationId: they win over the document's `x-pagination` extension, which wins over detection. */
  readonly pagination?: Readonly<Record<string, PaginationOverride>>;
  /** Names for inline enums, keyed by JSON pointer of the schema holding `enum`. */
  readonly enumNames?: Readonly<Record<string, string>>;
  /**
   * Name of the server (from the document's `servers`, as the generated `ServerName` spells it) that
   * `createClient` uses when the caller names none. @default the document's first server
   */
  readonly defaultServer?: string;
  /** Treat every warning as an error. @default false */
  readonly strict?: boolean;
  /** Allow `$ref`s to `http(s)` URLs (network access while loading). @default false */
  readonly allowRemoteRefs?: boolean;
  /**
   * Forward-compatible responses: an enum of two or more strings or numbers a response holds also accepts values the
   * document does not list yet (`"APPROVED" | "PAID" | (string & {})`), and a discriminated union (`oneOf`/`anyOf`
   * with a `discriminator`) a response holds gets a `$Unknown<"propertyName">` variant. Request bodies and parameters
   * keep the listed values only. @default false
   */
  readonly openEnums?: boolean;
}

/** Options for one `generate()` call (paths relative to the working directory). */
export type GenerateOptions = TargetConfig;

/** The contents of `openapi-client-gen.config.{ts,mjs,json}`: named targets, generated in key order. */
export interface UserConfig {
  /** Targets by name (`--target <name>` picks one); names are letters, digits, `-`, `_`, `.`. */
  readonly targets: Readonly<Record<string, TargetConfig>>;
}

export const DEFAULTS = {
  strict: false,
  allowRemoteRefs: false,
  /** API name when neither a config target nor `--name` gives one. */
  name: "Api",
} as const;

/** Config file names looked up in the working directory, in this order. */
export const CONFIG_FILES = [
  "openapi-client-gen.config.ts",
  "openapi-client-gen.config.mjs",
  "openapi-client-gen.config.json",
] as const;

/**
 * Identity function that gives config files type checking: `export default defineConfig({ targets: { … } })`.
 * @param config Targets by name.
 * @returns `config` unchanged.
 */
export function defineConfig(config: UserConfig): UserConfig {
  return config;
}
