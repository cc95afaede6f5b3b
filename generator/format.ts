/**
 * format: prettier with pinned options (never the user's config), so output is the same everywhere.
 *
 * `startFormatter()` formats on a pool of worker threads (format-worker.js): each has its own heap, the
 * pool starts while the spec is still loading, and a large TypeScript file is cut at top-level statements
 * into chunks formatted in parallel and joined. The joined text equals prettier on the whole file:
 * prettier prints top-level statements independently and keeps at most one blank line between them,
 * which `joinChunks` reproduces (test/unit/format.test.ts checks it against whole-file formatting).
 */
import os from "node:os";
import { Worker } from "node:worker_threads";
import { format as prettierFormat, type Options } from "prettier";

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

const MARKDOWN_OPTIONS = { ...PRETTIER_OPTIONS, parser: "markdown", proseWrap: "preserve" } as const;
/**
 * What the pool formats TypeScript with: prettier's `babel-ts` parser is ~30% faster than `typescript` on
 * generated code and prints the same bytes (test/bench/verify-format.ts checks every shared spec); the
 * worker falls back to `typescript` when `babel-ts` cannot parse a source.
 */
const POOL_TYPESCRIPT_OPTIONS = { ...PRETTIER_OPTIONS, parser: "babel-ts" } as const;

/** Formats TypeScript source. @throws {Error} when `source` is not valid TypeScript (a generator bug). */
export async function formatTypeScript(source: string): Promise<string> {
  return prettierFormat(source, PRETTIER_OPTIONS);
}

/** Formats Markdown with the same pinned options. */
export async function formatMarkdown(source: string): Promise<string> {
  return prettierFormat(source, MARKDOWN_OPTIONS);
}

/**
 * Offsets where `source` may be cut into independently formattable pieces: starts of lines at column 0
 * that open a top-level `export` statement or its JSDoc, right after a line that closed a statement
 * (`}`, `;` or `]` at the end) or a blank line. Generated types and operations have this shape;
 * anything else simply yields fewer cut points.
 */
export function topLevelCuts(source: string): number[] {
  const cuts: number[] = [];
  let previous = "";
  let offset = 0;
  let inComment = false;
  while (offset < source.length) {
    const end = source.indexOf("\n", offset);
    const lineEnd = end === -1 ? source.length : end;
    const line = source.slice(offset, lineEnd).trimEnd();
    const opensStatement = line.startsWith("export ") || line.startsWith("/**");
    const closedBefore = previous === "" || (/^\S/.test(previous) && /[};\]]$/.test(previous));
    if (offset > 0 && !inComment && opensStatement && closedBefore) cuts.push(offset);
    if (!inComment && line.startsWith("/**") && !line.includes("*/")) inComment = true;
    else if (inComment && line.includes("*/")) inComment = false;
    previous = line;
    offset = lineEnd + 1;
  }
  return cuts;
}

/** Cuts `source` at up to `pieces − 1` of its top-level cut points into pieces of similar length. */
export function splitTopLevel(source: string, pieces: number): string[] {
  const cuts = topLevelCuts(source);
  const chunks: string[] = [];
  let start = 0;
  for (let i = 1; i < pieces; i++) {
    const target = (source.length * i) / pieces;
    const cut = cuts.find((c) => c > start && c >= target) ?? cuts.filter((c) => c > start).pop();
    if (cut === undefined || cut <= start) break;
    chunks.push(source.slice(start, cut));
    start = cut;
  }
  chunks.push(source.slice(start));
  return chunks.filter((c) => c.trim() !== "");
}

/** Joins formatted pieces: one blank line between two pieces when the source had at least one there. */
export function joinChunks(sources: readonly string[], formatted: readonly string[]): string {
  let text = "";
  formatted.forEach((piece, i) => {
    if (i > 0) text += /\n[ \t]*\n\s*$/.test(sources[i - 1]!) ? "\n" : "";
    text += piece;
  });
  return text;
}

export interface Formatter {
  /** Formats TypeScript (see `formatTypeScript`). */
  typescript(source: string): Promise<string>;
  /** Formats Markdown (see `formatMarkdown`). */
  markdown(source: string): Promise<string>;
  /** Stops the worker threads. */
  close(): Promise<void>;
}

/** Sources at least this long (UTF-16 units) are cut into pieces for the pool. */
const SPLIT_THRESHOLD = 150_000;
/** Target piece length when cutting a large source. */
const PIECE_LENGTH = 250_000;

/**
 * Starts the formatting pool: `workers` threads (default: available parallelism, 1–4).
 * Results are identical to `formatTypeScript`/`formatMarkdown`; only the time differs.
 * @throws {Error} from `typescript()`/`markdown()` when the source does not parse (a generator bug).
 */
export function startFormatter(workers = Math.max(1, Math.min(4, os.availableParallelism()))): Formatter {
  const pool: Worker[] = [];
  const pending = new Map<number, { resolve: (text: string) => void; reject: (error: Error) => void; length: number }>();
  /** Characters queued per worker: each job goes to the least loaded one. */
  const load = new Map<Worker, number>();
  let nextId = 0;
  for (let i = 0; i < workers; i++) {
    const worker = new Worker(new URL("./format-worker.js", import.meta.url), { workerData: { warmOptions: POOL_TYPESCRIPT_OPTIONS } });
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
  }
  const run = (source: string, options: Options): Promise<string> => {
    const worker = pool.reduce((best, w) => ((load.get(w) ?? 0) < (load.get(best) ?? 0) ? w : best), pool[0]!);
    load.set(worker, (load.get(worker) ?? 0) + source.length);
    const id = nextId++;
    return new Promise<string>((resolve, reject) => {
      pending.set(id, { resolve, reject, length: source.length });
      worker.postMessage({ id, source, options });
    });
  };
  return {
    async typescript(source) {
      if (source.length < SPLIT_THRESHOLD) return run(source, POOL_TYPESCRIPT_OPTIONS);
      const pieces = splitTopLevel(source, Math.max(2, Math.ceil(source.length / PIECE_LENGTH)));
      const formatted: string[] = [];
      const largestFirst = pieces.map((_, i) => i).sort((a, b) => pieces[b]!.length - pieces[a]!.length);
      await Promise.all(largestFirst.map(async (i) => (formatted[i] = await run(pieces[i]!, POOL_TYPESCRIPT_OPTIONS))));
      return joinChunks(pieces, formatted);
    },
    markdown: (source) => run(source, MARKDOWN_OPTIONS),
    async close() {
      await Promise.all(pool.map((w) => w.terminate()));
    },
  };
}
