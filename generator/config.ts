/**
 * Generator options and every default, in one place.
 */
import type { PaginationSpec } from "../templates/runtime/types.js";

/** Per-operation pagination override, keyed by operationId (or derived operation name). `false` turns detection off. */
export type PaginationOverride = PaginationSpec | false;

/** One generation target: a spec and where its client goes. */
export interface TargetConfig {
  /** Path to the OpenAPI document (JSON or YAML; the entry file of a multi-file spec). */
  readonly input: string;
  /** Output directory, e.g. `generated/introw`. */
  readonly output: string;
  /** API name used in the client's config type and docs (`Introw` → `IntrowClientConfig`). */
  readonly name: string;
  /** Pagination overrides by operationId; the document's `x-pagination` extension wins over detection too. */
  readonly pagination?: Readonly<Record<string, PaginationOverride>>;
  /** Names for inline enums, keyed by JSON pointer of the schema holding `enum`. */
  readonly enumNames?: Readonly<Record<string, string>>;
}

/** Options for one `generate()` call. */
export interface GenerateOptions extends TargetConfig {
  /** Treat every warning as an error. @default false */
  readonly strict?: boolean;
  /** Allow `$ref`s to `http(s)` URLs (network access while loading). @default false */
  readonly allowRemoteRefs?: boolean;
}

export const DEFAULTS = {
  strict: false,
  allowRemoteRefs: false,
} as const;

/** The project's own default target, used by `npm run generate` when no flags are given. */
export const DEFAULT_TARGET: TargetConfig = {
  input: "spec/openapi.json",
  output: "generated/introw",
  name: "Introw",
};

/** Identity function that gives config files type checking: `export default defineConfig({ ... })`. */
export function defineConfig<T extends TargetConfig | { targets: readonly (TargetConfig & { target?: string })[] }>(
  config: T,
): T {
  return config;
}
