/**
 * A pool of worker threads running prettier (worker.js): each has its own heap, so prettier's garbage does not
 * slow the generator's thread, and sources format in parallel.
 */
import { Worker } from "node:worker_threads";
import type { Options } from "prettier";

export interface Pool {
  /** Formats `source` with prettier and `options` on the least loaded worker. @throws {Error} prettier's. */
  format(source: string, options: Options): Promise<string>;
  /** Stops the workers. */
  close(): Promise<void>;
}

/** Queued characters above which another worker is started (below it, one worker keeps up). */
const GROW_AT = 50_000;

/**
 * Starts one worker at once (it loads prettier while the spec loads) and up to `size` in all, the others only when
 * enough work queues up: a regeneration served from the cache does not pay for threads it cannot use.
 * @param warmOptions Options the workers format a small sample with at start-up (loads the parser plugins).
 */
export function startPool(size: number, warmOptions: Options): Pool {
  const workers: Worker[] = [];
  const pending = new Map<
    number,
    {
      resolve: (text: string) => void;
      reject: (error: Error) => void;
      worker: Worker;
      size: number;
    }
  >();
  /** Characters queued per worker. */
  const queued = new Map<Worker, number>();
  let nextId = 0;
  /** Takes a worker that failed or exited out of the pool, failing the jobs it held. */
  const retire = (worker: Worker, error: Error): void => {
    const index = workers.indexOf(worker);
    if (index !== -1) workers.splice(index, 1);
    queued.delete(worker);
    for (const [id, job] of pending)
      if (job.worker === worker) {
        pending.delete(id);
        job.reject(error);
      }
  };
  const spawn = (): void => {
    const worker = new Worker(new URL("./worker.js", import.meta.url), {
      workerData: { warmOptions },
    });
    worker.on("message", (message: { id: number; text?: string; error?: string }) => {
      const job = pending.get(message.id);
      if (job === undefined) return;
      pending.delete(message.id);
      queued.set(worker, (queued.get(worker) ?? 0) - job.size);
      if (message.text !== undefined) job.resolve(message.text);
      else job.reject(new Error(message.error ?? "prettier failed"));
    });
    worker.on("error", (error) => retire(worker, error));
    worker.on("exit", (code) =>
      retire(worker, new Error(`format: a prettier worker thread exited (code ${code})`)),
    );
    workers.push(worker);
    queued.set(worker, 0);
  };
  spawn();
  return {
    format(source, options) {
      const total = [...queued.values()].reduce((a, b) => a + b, 0);
      if (workers.length === 0 || (workers.length < size && total > GROW_AT)) spawn();
      const worker = workers.reduce((best, w) => (queued.get(w)! < queued.get(best)! ? w : best));
      queued.set(worker, queued.get(worker)! + source.length);
      const id = nextId++;
      return new Promise<string>((resolve, reject) => {
        pending.set(id, { resolve, reject, worker, size: source.length });
        worker.postMessage({ id, source, options });
      });
    },
    async close() {
      await Promise.all([...workers].map((w) => w.terminate()));
    },
  };
}
