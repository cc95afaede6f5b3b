/**
 * Shared pieces of the benchmark: paths, run counts from the environment, statistics, a child-process
 * timer (whole-process wall time and peak RSS) and Markdown table helpers.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** The shared real-world specs (env SPECS_DIR, default ../shared/specs next to the project). */
export const SPECS_DIR = path.resolve(PROJECT_ROOT, process.env["SPECS_DIR"] ?? "../shared/specs");
export const NODE_MODULES = path.join(PROJECT_ROOT, "node_modules");

/** `BENCH_QUICK=1`: one measured run, no warm-up, no ×16 scale-up — for trying the bench, not for figures. */
export const QUICK = process.env["BENCH_QUICK"] === "1";
/** Measured runs per figure (median taken): env BENCH_RUNS, default 5 (1 with BENCH_QUICK). */
export const RUNS = Math.max(1, Number(process.env["BENCH_RUNS"] ?? (QUICK ? 1 : 5)));
/** Unmeasured warm-up runs before the measured ones (fills OS file cache and tsx's transform cache). */
export const WARMUPS = QUICK ? 0 : 1;

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A fresh temporary directory with `node_modules` linked to the project's, so bare imports resolve. */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `ocg-bench-${prefix}-`));
  symlinkSync(NODE_MODULES, path.join(dir, "node_modules"), "dir");
  return dir;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export interface ProcessSample {
  /** Whole-process wall time, ms (spawn to exit, measured by the parent). */
  readonly wallMs: number;
  /** Peak resident set size, MB (from /usr/bin/time %M). */
  readonly rssMb: number;
  /** CPU time, user + system, ms (from /usr/bin/time %U %S; all threads). */
  readonly cpuMs: number;
  readonly exitCode: number;
  /** Last lines of stderr + stdout, for failure reports. */
  readonly tail: string;
  /** stdout + stderr (the last 20 000 characters). */
  readonly output: string;
}

const TIME_BIN = "/usr/bin/time";

/**
 * Runs `node <script> ...args` to completion under /usr/bin/time.
 * @param env Variables added to this process's environment.
 * @returns wall time (ms), peak RSS (MB), exit code and output tail. Never rejects on a non-zero exit.
 */
export function timeNode(
  script: string,
  args: readonly string[],
  cwd: string,
  env: Readonly<Record<string, string>> = {},
): Promise<ProcessSample> {
  const rssFile = path.join(
    os.tmpdir(),
    `ocg-bench-rss-${process.pid}-${Math.random().toString(36).slice(2)}`,
  );
  const useTime = existsSync(TIME_BIN);
  const argv = useTime
    ? ["-f", "%M %U %S", "-o", rssFile, process.execPath, script, ...args]
    : [script, ...args];
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(useTime ? TIME_BIN : process.execPath, argv, {
      cwd,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", ...env },
    });
    let output = "";
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString("utf8")).slice(-20000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.on("error", reject);
    child.on("close", (code) => {
      const wallMs = performance.now() - start;
      let rssKb = Number.NaN;
      let cpuMs = Number.NaN;
      if (useTime && existsSync(rssFile)) {
        const lines = readFileSync(rssFile, "utf8").trim().split("\n");
        const [rss, user, system] = (lines[lines.length - 1] ?? "").split(" ").map(Number);
        rssKb = rss ?? Number.NaN;
        cpuMs = ((user ?? Number.NaN) + (system ?? Number.NaN)) * 1000;
        rmSync(rssFile, { force: true });
      }
      resolve({
        wallMs,
        rssMb: rssKb / 1024,
        cpuMs,
        exitCode: code ?? 1,
        tail: output.trim().split("\n").slice(-3).join(" | "),
        output,
      });
    });
  });
}

export interface Contender<C> {
  readonly id: string;
  readonly label: string;
  readonly config: C;
}

/**
 * Runs every contender WARMUPS times, then RUNS times interleaved (A B C A B C …).
 * @param run one measured execution; `prepare` runs before it, untimed.
 * @param failed true for a sample showing the contender cannot handle the input: a warm-up failure is
 *   kept as its only sample and the contender is not run again.
 * @returns the samples per contender id, in run order.
 */
export async function interleave<C, S>(
  contenders: readonly Contender<C>[],
  run: (c: Contender<C>) => Promise<S>,
  prepare: (c: Contender<C>) => void | Promise<void> = () => {},
  failed: (sample: S) => boolean = () => false,
): Promise<Map<string, S[]>> {
  const samples = new Map<string, S[]>(contenders.map((c) => [c.id, []]));
  let active = [...contenders];
  for (let w = 0; w < WARMUPS; w++) {
    for (const c of active) {
      await prepare(c);
      const sample = await run(c);
      // A tool that fails on this input fails every time: keep the failure, skip its measured runs.
      if (failed(sample)) samples.get(c.id)!.push(sample);
    }
    active = active.filter((c) => samples.get(c.id)!.length === 0);
  }
  for (let r = 0; r < RUNS; r++) {
    for (const c of active) {
      await prepare(c);
      samples.get(c.id)!.push(await run(c));
    }
  }
  return samples;
}

/** A Markdown table from a header row and body rows. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(" | ")} |`;
  return [
    line(header),
    line(header.map((h, i) => (i === 0 ? "---" : "---:"))),
    ...rows.map(line),
  ].join("\n");
}

/** `value / ours` as `0.42×`, or `—` when either is missing. */
export function ratio(value: number | undefined, ours: number | undefined): string {
  if (
    value === undefined ||
    ours === undefined ||
    !Number.isFinite(value) ||
    !Number.isFinite(ours) ||
    ours === 0
  )
    return "—";
  return `${(value / ours).toFixed(2)}×`;
}

export function fixed(value: number | undefined, digits: number): string {
  return value === undefined || !Number.isFinite(value) ? "—" : value.toFixed(digits);
}
