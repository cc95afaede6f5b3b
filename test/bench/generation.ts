/**
 * Generation benchmark: each tool's CLI run as a whole process on one spec, cold (output directory
 * removed before every run) or as a no-op regeneration (output left from the previous run).
 */
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import {
  type Contender,
  type ProcessSample,
  NODE_MODULES,
  PROJECT_ROOT,
  interleave,
  median,
  removeDir,
  timeNode,
} from "./common.js";

export interface GenerationTool {
  /** Script run with node, and its arguments for (spec, output directory, API name). */
  readonly script: string;
  readonly args: (spec: string, out: string, name: string) => string[];
  /** Working directory: peers run in a scratch directory so no project config file is picked up. */
  readonly cwd: (scratch: string) => string;
  /** Environment variables for the run. */
  readonly env?: (scratch: string) => Record<string, string>;
}

/**
 * Our format cache in the benchmark: a scratch directory (not the project's node_modules/.cache), emptied before
 * each cold run, so "cold" means an empty cache.
 */
export const formatCacheDir = (scratch: string): string => path.join(scratch, "format-cache");

export const GENERATION_TOOLS: readonly Contender<GenerationTool>[] = [
  {
    id: "ours",
    label: "openapi-client-gen (ours, formatted)",
    config: {
      // The built CLI (`npm run bench` builds it first).
      script: path.join(PROJECT_ROOT, "dist/generator/cli/bin.js"),
      args: (spec, out, name) => ["generate", "--input", spec, "--output", out, "--name", name],
      cwd: () => PROJECT_ROOT,
      env: (scratch) => ({ OPENAPI_CLIENT_GEN_CACHE_DIR: formatCacheDir(scratch) }),
    },
  },
  {
    id: "hey",
    label: "@hey-api/openapi-ts 0.95 (types + SDK + fetch client)",
    config: {
      script: path.join(NODE_MODULES, "@hey-api/openapi-ts/bin/run.js"),
      args: (spec, out) => ["--input", spec, "--output", out, "--silent", "--no-log-file"],
      cwd: (scratch) => scratch,
    },
  },
  {
    id: "ots",
    label: "openapi-typescript 7 (types only; openapi-fetch needs no generation)",
    config: {
      script: path.join(NODE_MODULES, "openapi-typescript/bin/cli.js"),
      args: (spec, out) => [spec, "--output", path.join(out, "schema.ts")],
      cwd: (scratch) => scratch,
    },
  },
  {
    id: "orval",
    label: "orval 7.9 (default axios client)",
    config: {
      script: path.join(NODE_MODULES, "orval/dist/bin/orval.js"),
      args: (spec, out) => ["--input", spec, "--output", path.join(out, "api.ts")],
      cwd: (scratch) => scratch,
    },
  },
];

export interface GenerationFigure {
  readonly wallMs?: number;
  readonly rssMb?: number;
  /** Median CPU time (user + system, all threads), ms. */
  readonly cpuMs?: number;
  /** Set when the tool failed on this spec (every run, or the warm-up). */
  readonly failure?: string;
}

/** Output directory of one tool for one spec under `scratch` (kept after the run for later sections). */
export function outputDir(scratch: string, toolId: string, specId: string): string {
  return path.join(scratch, "out", specId, toolId);
}

/** Runs one tool once on `spec` (output kept under `scratch`). */
export async function generateOnce(
  spec: { id: string; file: string; name: string },
  scratch: string,
  tool: Contender<GenerationTool>,
): Promise<ProcessSample> {
  const out = outputDir(scratch, tool.id, spec.id);
  mkdirSync(path.dirname(out), { recursive: true });
  const sample = await timeNode(
    tool.config.script,
    tool.config.args(spec.file, out, spec.name),
    tool.config.cwd(scratch),
    tool.config.env?.(scratch),
  );
  // orval reports some spec errors and still exits 0: no output means the run failed.
  const wroteOutput = existsSync(out) && readdirSync(out).length > 0;
  return sample.exitCode === 0 && !wroteOutput
    ? { ...sample, exitCode: 1, tail: `exit 0 without output: ${sample.tail}` }
    : sample;
}

/**
 * Times every tool on `spec`, interleaved; medians of the successful runs.
 * @param mode "cold" removes the output (and our format cache) before each run; "noop" first generates once, then
 *   never removes it.
 */
export async function benchGeneration(
  spec: { id: string; file: string; name: string },
  scratch: string,
  mode: "cold" | "noop",
  tools: readonly Contender<GenerationTool>[] = GENERATION_TOOLS,
): Promise<Map<string, GenerationFigure>> {
  const run = (c: Contender<GenerationTool>): Promise<ProcessSample> =>
    generateOnce(spec, scratch, c);
  if (mode === "noop") for (const c of tools) await run(c);
  const prepare = (c: Contender<GenerationTool>): void => {
    if (mode === "cold") {
      removeDir(outputDir(scratch, c.id, spec.id));
      removeDir(formatCacheDir(scratch));
    }
  };
  const samples = await interleave(tools, run, prepare, (s) => s.exitCode !== 0);
  const figures = new Map<string, GenerationFigure>();
  for (const c of tools) {
    const list = samples.get(c.id) ?? [];
    const ok = list.filter((s) => s.exitCode === 0);
    if (ok.length === 0) {
      figures.set(c.id, { failure: `exit ${list[0]?.exitCode ?? "?"}: ${list[0]?.tail ?? ""}` });
      continue;
    }
    figures.set(c.id, {
      wallMs: median(ok.map((s) => s.wallMs)),
      rssMb: median(ok.map((s) => s.rssMb)),
      cpuMs: median(ok.map((s) => s.cpuMs)),
    });
  }
  return figures;
}
