/**
 * `--watch`: regenerates every target when its spec (any file of a multi-file spec) or the config file changes,
 * debounced. An invalid intermediate spec prints its issues and keeps watching. Watches the files' directories
 * (editors often save by rename, which a watch on the file itself would lose).
 */
import { watch as fsWatch, type FSWatcher } from "node:fs";
import path from "node:path";
import type { CliArgs } from "./main.js";
import { formatIssue, SpecError } from "../util/issues.js";
import { generateTarget, targetsFor } from "./run.js";
import { generatorFingerprint } from "./noop.js";

type Stream = NodeJS.WritableStream;

export interface WatchOptions {
  readonly args: CliArgs;
  /** Config file relative to the working directory, if any. */
  readonly configFile: string | undefined;
  readonly out: Stream;
  readonly err: Stream;
  /** Quiet period after the last change before regenerating, in ms. @default 150 */
  readonly debounceMs?: number;
  /** Stops watching when aborted; the returned promise then resolves. */
  readonly signal?: AbortSignal;
  /** Called after every build cycle (the first included) with the files now watched, relative to cwd, sorted. */
  readonly onCycle?: (watched: readonly string[]) => void;
}

/**
 * Builds once, then rebuilds on changes until `signal` aborts (or SIGINT, from the CLI).
 * @returns 0 once stopped.
 */
export async function watchFiles(options: WatchOptions): Promise<number> {
  const { args, out, err } = options;
  const cwd = process.cwd();
  const watchers = new Map<string, FSWatcher>();
  let watched = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const cycle = async (): Promise<void> => {
    const files = new Set<string>();
    let failed = false;
    if (options.configFile !== undefined) files.add(path.resolve(cwd, options.configFile));
    try {
      const resolved = await targetsFor(args, cwd);
      if ("usage" in resolved) throw new Error(resolved.usage);
      for (const { options: target } of resolved.targets) {
        files.add(path.resolve(cwd, target.input));
        try {
          await generateTarget(
            target,
            { ...args, force: false },
            generatorFingerprint(),
            out,
            err,
            (read) => {
              for (const f of read) files.add(path.resolve(cwd, f));
            },
          );
        } catch (error) {
          failed = true;
          report(error, err);
        }
      }
    } catch (error) {
      failed = true;
      report(error, err);
    }
    // After a failure the spec's file list may be incomplete: keep watching what was watched before.
    if (failed) for (const f of watched) files.add(f);
    watched = files;
    for (const dir of new Set([...files].map((f) => path.dirname(f)))) {
      if (watchers.has(dir)) continue;
      try {
        watchers.set(
          dir,
          fsWatch(dir, (_event, name) => onEvent(dir, name)),
        );
      } catch {
        err.write(`openapi-client-gen: cannot watch ${path.relative(cwd, dir) || "."}\n`);
      }
    }
    out.write("watching for changes…\n");
    options.onCycle?.(
      [...files]
        .map((f) => path.relative(cwd, f).split(path.sep).join("/"))
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    );
  };

  const schedule = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      running = running.then(cycle);
    }, options.debounceMs ?? 150);
  };

  function onEvent(dir: string, name: string | Buffer | null): void {
    if (name === null) return schedule();
    if (watched.has(path.join(dir, name.toString()))) schedule();
  }

  running = cycle();
  await running;
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      if (timer !== undefined) clearTimeout(timer);
      for (const w of watchers.values()) w.close();
      void running.then(() => resolve());
    };
    if (options.signal?.aborted === true) stop();
    options.signal?.addEventListener("abort", stop, { once: true });
  });
  return 0;
}

function report(error: unknown, err: Stream): void {
  if (error instanceof SpecError) {
    for (const issue of error.issues) err.write(`${formatIssue(issue)}\n`);
    err.write(
      "openapi-client-gen: the spec has errors; keeping the previous output. Watching for changes…\n",
    );
  } else {
    err.write(`openapi-client-gen: ${(error as Error).message}\n`);
  }
}

/** The CLI's `--watch`: watches until SIGINT. */
export async function watchTargets(
  args: CliArgs,
  configFile: string | undefined,
  out: Stream,
  err: Stream,
): Promise<number> {
  const controller = new AbortController();
  process.once("SIGINT", () => controller.abort());
  return watchFiles({ args, configFile, out, err, signal: controller.signal });
}
