/**
 * format: prettier with pinned options (never the user's config), so output is the same everywhere. Every
 * generated TypeScript file arrives as segments (emit/segments.ts) that format on a pool of worker threads
 * (pool.ts) and are joined (join.ts) into exactly prettier's output for the whole file; each segment's output is
 * kept in an on-disk cache (cache.ts), so a regeneration formats only the segments whose text changed.
 */
import { createRequire } from "node:module";
import os from "node:os";
import type { Options } from "prettier";
import type { Segment } from "../emit/segments.js";
import { cacheKey, type FormatCache } from "./cache.js";
import { joinSegments } from "./join.js";
import { startPool } from "./pool.js";

/** The options every generated file is formatted with. */
export const PRETTIER_OPTIONS = {
  parser: "typescript",
  printWidth: 100,
  tabWidth: 2,
  useTabs: false,
  semi: true,
  singleQuote: false,
  trailingComma: "all",
  bracketSpacing: true,
  arrowParens: "always",
  endOfLine: "lf",
} as const;

const MARKDOWN_OPTIONS = {
  ...PRETTIER_OPTIONS,
  parser: "markdown",
  proseWrap: "preserve",
} as const;

/**
 * What the pool formats TypeScript with: prettier's `babel-ts` parser is faster than `typescript` on generated
 * code and prints the same bytes for it; the worker falls back to `typescript` when `babel-ts` cannot parse a
 * source (test/unit/format.test.ts compares with the `typescript` parser).
 */
const POOL_TYPESCRIPT_OPTIONS = { ...PRETTIER_OPTIONS, parser: "babel-ts" } as const;

/** Formats TypeScript source in this thread. @throws {Error} when `source` is not valid TypeScript. */
export async function formatTypeScript(source: string): Promise<string> {
  const { format } = await import("prettier");
  return format(source, PRETTIER_OPTIONS);
}

/** Formats Markdown in this thread, with the same pinned options. */
export async function formatMarkdown(source: string): Promise<string> {
  const { format } = await import("prettier");
  return format(source, MARKDOWN_OPTIONS);
}

/** Counters a caller passes to the formatter: segments formatted, and how many of them came from the cache. */
export interface FormatStats {
  segments: number;
  cached: number;
}

export interface Formatter {
  /**
   * Formats one TypeScript file given as segments; the result equals `formatTypeScript` of the whole file.
   * @param stats Counters to add this file's segments to.
   * @throws {Error} when a segment does not parse or cannot be joined (a generator bug).
   */
  typescript(segments: readonly Segment[], stats?: FormatStats): Promise<string>;
  /** Formats Markdown (see `formatMarkdown`); one segment in `stats`. */
  markdown(source: string, stats?: FormatStats): Promise<string>;
  /** Stops the worker threads and waits for the cache's writes. */
  close(): Promise<void>;
}

export interface FormatterOptions {
  /** Where formatted segments are kept between runs; none: everything is formatted. */
  readonly cache?: FormatCache;
  /**
   * Worker threads at most. @default available parallelism less one (the generator's own thread needs a core: a
   * worker more only competes with it), 1–4
   */
  readonly workers?: number;
}

const prettierVersion = (): string =>
  (createRequire(import.meta.url)("prettier/package.json") as { version: string }).version;

/**
 * Starts a formatter: its first worker thread starts now (call it before loading the spec, so prettier loads
 * meanwhile). Results are identical to `formatTypeScript`/`formatMarkdown`; only the time differs.
 */
export function startFormatter(options: FormatterOptions = {}): Formatter {
  const { cache } = options;
  const pool = startPool(
    options.workers ?? Math.max(1, Math.min(4, os.availableParallelism() - 1)),
    POOL_TYPESCRIPT_OPTIONS,
  );
  const version = prettierVersion();
  const format = async (
    text: string,
    prettierOptions: Options,
    stats: FormatStats = { segments: 0, cached: 0 },
  ): Promise<string> => {
    stats.segments++;
    const key = cache !== undefined ? cacheKey(version, prettierOptions, text) : "";
    const stored = cache?.get(key);
    if (stored !== undefined) {
      stats.cached++;
      return stored;
    }
    const formatted = await pool.format(text, prettierOptions);
    cache?.set(key, formatted);
    return formatted;
  };
  return {
    async typescript(segments, stats) {
      const formatted = await Promise.all(
        segments.map((s) => format(s.text, POOL_TYPESCRIPT_OPTIONS, stats)),
      );
      return joinSegments(segments, formatted);
    },
    markdown: (source, stats) => format(source, MARKDOWN_OPTIONS, stats),
    async close() {
      await Promise.all([pool.close(), cache?.close()]);
    },
  };
}
