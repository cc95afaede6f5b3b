/**
 * Measures the no-op (up-to-date) check: builds the CLI (`tsc -b tsconfig.build.json`), generates a client for a
 * large spec once into a temp directory, then runs the CLI repeatedly with the same arguments (warm-up, then N
 * timed runs, wall clock of the whole process) through the built `dist/generator/cli/bin.js` and through the
 * sources (`node --import tsx generator/cli/bin.ts`).
 *
 *   npx tsx test/bench/noop.ts [spec] [runs]     default spec: $SPECS_DIR/large/openai.yaml, runs: 20
 *
 * Also prints a bare `node -e` startup as the floor, and `fastNoop()` of the build timed in process (what the
 * check adds to it). The last line runs each time with an empty cache (a fresh clone in CI): the no-op then comes
 * from the committed manifest, after the config is loaded.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PROJECT_ROOT, SPECS_DIR } from "../helpers/specs-dir.js";

const spec = path.relative(
  PROJECT_ROOT,
  path.resolve(process.argv[2] ?? path.join(SPECS_DIR, "large", "openai.yaml")),
);
const runs = Number(process.argv[3] ?? 20);
const temp = mkdtempSync(path.join(os.tmpdir(), "ocg-noop-"));
const output = path.join(temp, "out");
const env = { ...process.env, OPENAPI_CLIENT_GEN_CACHE_DIR: path.join(temp, "cache") };
const args = ["generate", "-i", spec, "-o", output, "-n", "OpenAI"];
const built = ["node", "dist/generator/cli/bin.js", ...args];

let freshCache = false;
let freshCount = 0;

function runOnce(command: string[]): { ms: number; stdout: string } {
  // With freshCache, every run gets an empty cache directory: the no-op must come from the manifest (a fresh clone).
  const runEnv = freshCache
    ? { ...env, OPENAPI_CLIENT_GEN_CACHE_DIR: path.join(temp, `fresh-${freshCount++}`) }
    : env;
  const start = process.hrtime.bigint();
  const r = spawnSync(command[0]!, command.slice(1), {
    cwd: PROJECT_ROOT,
    env: runEnv,
    encoding: "utf8",
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${command.join(" ")} exited ${r.status}: ${r.stderr}`);
  return { ms, stdout: r.stdout };
}

function summary(label: string, ms: readonly number[]): void {
  const sorted = [...ms].sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  console.log(
    `${label}: median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} ms, mean ${mean.toFixed(1)} ms, min ${sorted[0]!.toFixed(1)} ms, max ${sorted[sorted.length - 1]!.toFixed(1)} ms (${sorted.length} runs)`,
  );
}

function stats(label: string, command: string[]): void {
  runOnce(command);
  const times = Array.from({ length: runs }, () => runOnce(command));
  // A run regenerates only when something changed meanwhile (e.g. someone edited generator/ or templates/,
  // which changes the generator fingerprint): report it, and time the no-op runs.
  const noops = times.filter((t) => t.stdout.includes("is up to date"));
  if (noops.length === 0)
    throw new Error(`${label}: every run regenerated:\n${times.map((t) => t.stdout).join("")}`);
  if (noops.length < times.length)
    console.log(
      `${label}: ${times.length - noops.length} of ${runs} runs regenerated (inputs changed during the run); timing the others`,
    );
  summary(
    label,
    noops.map((t) => t.ms),
  );
}

try {
  execFileSync(path.join(PROJECT_ROOT, "node_modules/.bin/tsc"), ["-b", "tsconfig.build.json"], {
    cwd: PROJECT_ROOT,
    stdio: "inherit",
  });
  const first = runOnce(built);
  console.log(`first generation of ${spec}: ${(first.ms / 1000).toFixed(1)} s`);
  stats("no-op via node dist/generator/cli/bin.js (the built CLI)", built);
  stats("baseline: bare node startup (node -e 'console.log(\"is up to date\")')", [
    "node",
    "-e",
    'console.log("is up to date")',
  ]);
  process.env["OPENAPI_CLIENT_GEN_CACHE_DIR"] = env.OPENAPI_CLIENT_GEN_CACHE_DIR;
  // The build's own module: its fingerprint (of dist/generator/) is the one the records above were made with.
  const { fastNoop } = (await import(
    pathToFileURL(path.join(PROJECT_ROOT, "dist/generator/cli/up-to-date.js")).href
  )) as typeof import("../../generator/cli/up-to-date.js");
  const inProcess = Array.from({ length: runs }, () => {
    const start = performance.now();
    if (fastNoop(args, PROJECT_ROOT) === undefined)
      throw new Error("fastNoop did not recognise the unchanged output");
    return performance.now() - start;
  });
  summary("fastNoop() in process (fingerprint + spec and output hashing)", inProcess);
  stats("no-op via node --import tsx generator/cli/bin.ts (the sources)", [
    "node",
    "--import",
    "tsx",
    "generator/cli/bin.ts",
    ...args,
  ]);
  freshCache = true;
  stats("no-op via the built CLI, fresh clone (no cache record: config + manifest check)", built);
} finally {
  rmSync(temp, { recursive: true, force: true });
}
