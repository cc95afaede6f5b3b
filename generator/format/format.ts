/**
 * format: prettier with pinned options (never the user's config), so output is the same everywhere.
 *
 * `startFormatter()` formats on a pool of worker threads (worker.js): each has its own heap, the
 * pool starts while the spec is still loading, and a large TypeScript file is cut into pieces
 * (format-split.ts) formatted in parallel and joined into exactly prettier's output for the whole file
 * (test/unit/format.test.ts and test/bench/verify-format.ts check that).
 */
import os from "node:os";
import { Worker } from "node:worker_threads";
import type { Options } from "prettier";
import type { Segment } from "../emit/pretty-common.js";
import { joinPieces, splitSource, type Piece } from "../emit/format-split.js";

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
 * What the pool formats TypeScript with: prettier's `babel-ts` parser is ~30% faster than `typescript` on
 * generated code and prints the same bytes (test/bench/verify-format.ts checks every shared spec); the
 * worker falls back to `typescript` when `babel-ts` cannot parse a source.
 */
const POOL_TYPESCRIPT_OPTIONS = { ...PRETTIER_OPTIONS, parser: "babel-ts" } as const;

/** Formats TypeScript source. @throws {Error} when `source` is not valid TypeScript (a generator bug). */
export async function formatTypeScript(source: string): Promise<string> {
  const { format } = await import("prettier");
  return format(source, PRETTIER_OPTIONS);
}

/** Formats Markdown with the same pinned options. */
export async function formatMarkdown(source: string): Promise<string> {
  const { format } = await import("prettier");
  return format(source, MARKDOWN_OPTIONS);
}

export interface Formatter {
  /** Formats TypeScript (see `formatTypeScript`). */
  typescript(source: string): Promise<string>;
  /** Formats Markdown (see `formatMarkdown`). */
  markdown(source: string): Promise<string>;
  /**
   * Joins already-formatted text segments with the formatted pieces between them (emit/pretty-types.ts,
   * emit/pretty-structures.ts) into the file's text; when a piece's wrapper lines print differently than expected,
   * formats `whole()` (the unformatted file) instead, which gives the same bytes.
   * @throws {Error} when a piece does not parse as TypeScript (a generator bug).
   */
  segments(segments: readonly Segment[], whole: () => string): Promise<string>;
  /** Stops the worker threads. */
  close(): Promise<void>;
}

/**
 * Joins printed text segments with their pieces formatted by `format` (prettier on a piece's text, wrapper lines
 * included; they are removed again). When a wrapper printed differently than expected, returns `whole()` instead.
 */
export async function joinSegments(
  segments: readonly Segment[],
  format: (piece: Piece) => Promise<string>,
  whole: () => Promise<string>,
): Promise<string> {
  const formatted = await Promise.all(
    segments.map((s) => ("piece" in s ? format(s.piece) : undefined)),
  );
  let text = "";
  for (const [i, segment] of segments.entries()) {
    if ("text" in segment) {
      text += segment.text;
      continue;
    }
    const joined = joinPieces([segment.piece], [formatted[i]!]);
    if (joined === undefined) return whole();
    text += `${segment.piece.blankBefore ? "\n" : ""}${joined}`;
  }
  return text;
}

/** Sources at least this long (UTF-16 units) are cut into pieces for the pool. */
const SPLIT_THRESHOLD = 150_000;
/** Smallest piece length when cutting a large source (pieces are about a quarter of a worker's share). */
const PIECE_LENGTH = 60_000;

/**
 * Starts the formatting pool: up to `workers` threads (default: available parallelism, 1–4); one starts
 * at once, the others when the first source large enough to be cut arrives.
 * Results are identical to `formatTypeScript`/`formatMarkdown`; only the time differs.
 * @throws {Error} from `typescript()`/`markdown()` when the source does not parse (a generator bug).
 */
export function startFormatter(
  workers = Math.max(1, Math.min(4, os.availableParallelism())),
): Formatter {
  const pool: Worker[] = [];
  const pending = new Map<
    number,
    { resolve: (text: string) => void; reject: (error: Error) => void; length: number }
  >();
  /** Characters queued per worker: each job goes to the least loaded one. */
  const load = new Map<Worker, number>();
  let nextId = 0;
  const spawn = (): void => {
    const worker = new Worker(new URL("./worker.js", import.meta.url), {
      workerData: { warmOptions: POOL_TYPESCRIPT_OPTIONS },
    });
    worker.on("message", (message: { id: number; text?: string; error?: string }) => {
      const job = pending.get(message.id);
      pending.delete(message.id);
      load.set(worker, (load.get(worker) ?? 0) - (job?.length ?? 0));
      if (message.text !== undefined) job?.resolve(message.text);
      else job?.reject(new Error(message.error ?? "prettier failed"));
    });
    worker.on("error", (error) => {
      for (const job of pending.values()) job.reject(error);
      pending.clear();
    });
    pool.push(worker);
    load.set(worker, 0);
  };
  // One worker starts now (it loads prettier while the spec loads); the rest only when a large source
  // arrives, so a small spec does not pay for threads it cannot use.
  spawn();
  const grow = (): void => {
    while (pool.length < workers) spawn();
  };
  const run = (source: string, options: Options): Promise<string> => {
    const worker = pool.reduce(
      (best, w) => ((load.get(w) ?? 0) < (load.get(best) ?? 0) ? w : best),
      pool[0]!,
    );
    load.set(worker, (load.get(worker) ?? 0) + source.length);
    const id = nextId++;
    return new Promise<string>((resolve, reject) => {
      pending.set(id, { resolve, reject, length: source.length });
      worker.postMessage({ id, source, options });
    });
  };
  const typescript = async (source: string): Promise<string> => {
    if (source.length < SPLIT_THRESHOLD) return run(source, POOL_TYPESCRIPT_OPTIONS);
    grow();
    const pieces = splitSource(
      source,
      Math.max(PIECE_LENGTH, Math.ceil(source.length / (4 * workers))),
    );
    const formatted: string[] = [];
    const largestFirst = pieces
      .map((_, i) => i)
      .sort((a, b) => pieces[b]!.text.length - pieces[a]!.text.length);
    await Promise.all(
      largestFirst.map(
        async (i) => (formatted[i] = await run(pieces[i]!.text, POOL_TYPESCRIPT_OPTIONS)),
      ),
    );
    return joinPieces(pieces, formatted) ?? run(source, POOL_TYPESCRIPT_OPTIONS);
  };
  return {
    typescript,
    markdown: (source) => run(source, MARKDOWN_OPTIONS),
    // Pieces without wrapper lines are whole statements (possibly large: cut for the pool as usual).
    segments: (segments, whole) =>
      joinSegments(
        segments,
        (piece) =>
          piece.head.length === 0 && piece.tail.length === 0
            ? typescript(piece.text)
            : run(piece.text, POOL_TYPESCRIPT_OPTIONS),
        () => typescript(whole()),
      ),
    async close() {
      await Promise.all(pool.map((w) => w.terminate()));
    },
  };
}
