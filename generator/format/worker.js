// @ts-check
/**
 * Worker thread of pool.ts: formats sources with prettier off the main thread (its own heap, so prettier's
 * garbage does not slow the generator's, and files format in parallel).
 * Messages in: `{ id, source, options }`; out: `{ id, text }` or `{ id, error }`. Plain JavaScript so the
 * worker needs no TypeScript loader.
 */
import { parentPort, workerData } from "node:worker_threads";
import { format } from "prettier";

if (parentPort === null) throw new Error("format/worker.js runs only as a worker thread");
const port = parentPort;

/**
 * Loads the parser plugins and compiles the hot paths while the main thread is still reading the spec: TypeScript
 * (every generated .ts file's segments) and Markdown (README.md, with a TypeScript code block in it).
 */
const warm = Promise.all([
  format("export const warm = { a: [1, 2] } as const;\n", workerData.warmOptions),
  format("# Warm\n\n| a | b |\n| - | - |\n\n```ts\nconst a = 1;\n```\n", {
    ...workerData.warmOptions,
    parser: "markdown",
  }),
]).catch(() => "");

/**
 * prettier with `options`; when the `babel-ts` parser rejects the source, the `typescript` parser decides.
 * @param {string} source @param {import("prettier").Options} options
 */
async function formatWithFallback(source, options) {
  try {
    return await format(source, options);
  } catch (error) {
    if (options.parser !== "babel-ts") throw error;
    return format(source, { ...options, parser: "typescript" });
  }
}

port.on(
  "message",
  async (
    /** @type {{ id: number, source: string, options: import("prettier").Options }} */ message,
  ) => {
    await warm;
    try {
      port.postMessage({
        id: message.id,
        text: await formatWithFallback(message.source, message.options),
      });
    } catch (error) {
      port.postMessage({
        id: message.id,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  },
);
