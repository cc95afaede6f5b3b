/**
 * `--watch`: regenerates every target when its spec (any file of a multi-file spec) or the config file changes.
 * Files are watched with chokidar, which follows editors that save by writing a new file and renaming it over
 * the old one. Changes are debounced so that saving several files rebuilds once. An invalid intermediate spec
 * prints its issues and keeps watching.
 */
import path from "node:path";
import { watch, type FSWatcher } from "chokidar";
import type { CliArgs } from "./argv.js";
import { formatIssue, SpecError } from "../util/issues.js";
import { generatorFingerprint } from "./fingerprint.js";
import { generateTarget, targetsFor, type RunIo } from "./run.js";

type Stream = NodeJS.WritableStream;

export interface WatchOptions extends RunIo {
  readonly args: CliArgs;
  /** Config file relative to `cwd`, if any. */
  readonly configFile: string | undefined;
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
  const { args, cwd, out, err } = options;
  let watcher: FSWatcher | undefined;
  let watched = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  const build = async (): Promise<{ files: Set<string>; failed: boolean }> => {
    const files = new Set<string>();
    let failed = false;
    if (options.configFile !== undefined) files.add(path.resolve(cwd, options.configFile));
    try {
      const resolved = await targetsFor(args, cwd);
      if ("usage" in resolved) throw new Error(resolved.usage);
      const fingerprint = generatorFingerprint();
      for (const { options: target } of resolved.targets) {
        files.add(path.resolve(cwd, target.input));
        try {
          await generateTarget(target, { ...args, force: false }, fingerprint, options, (read) => {
            for (const f of read) files.add(path.resolve(cwd, f));
          });
        } catch (error) {
          failed = true;
          report(error, err);
        }
      }
    } catch (error) {
      failed = true;
      report(error, err);
    }
    return { files, failed };
  };

  const cycle = async (): Promise<void> => {
    const { files, failed } = await build();
    // After a failure the spec's file list may be incomplete: keep watching what was watched before.
    if (failed) for (const f of watched) files.add(f);
    if (watcher === undefined) {
      watcher = watch([...files], { ignoreInitial: true });
      watcher.on("all", schedule);
      watcher.on("error", (error) => err.write(`openapi-client-gen: ${String(error)}\n`));
      const ready = watcher;
      await new Promise<void>((resolve) => ready.once("ready", resolve));
    } else {
      watcher.unwatch([...watched].filter((f) => !files.has(f)));
      watcher.add([...files].filter((f) => !watched.has(f)));
    }
    watched = files;
    out.write("watching for changes…\n");
    options.onCycle?.(
      [...files]
        .map((f) => path.relative(cwd, f).split(path.sep).join("/"))
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    );
  };

  function schedule(): void {
    if (stopped) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      running = running.then(cycle);
    }, options.debounceMs ?? 150);
  }

  running = cycle();
  await running;
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      void running.then(() => watcher?.close()).then(() => resolve());
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
  io: RunIo,
): Promise<number> {
  const controller = new AbortController();
  process.once("SIGINT", () => controller.abort());
  return watchFiles({ args, configFile, ...io, signal: controller.signal });
}
