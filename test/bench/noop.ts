/**
 * Measures the instant no-op: generates a client for a large spec once into a temp directory, then runs the CLI
 * repeatedly with the same arguments (hyperfine-style: warm-up, then N timed runs, wall clock of the whole
 * process, tsx startup included) through `generator/cli/bin.js` (the plain-JS fast path) and through
 * `tsx generator/cli/main.ts` (the full CLI's own no-op check, after loading the config and tsx).
 *
 *   npx tsx test/bench/noop.ts [spec] [runs]     default spec: $SPECS_DIR/large/openai.yaml, runs: 20
 *
 * The last line runs each time with an empty cache (a fresh clone in CI): the no-op then comes from the manifest.
 * Also prints a bare `node -e` startup as the floor, and `fastNoop()` timed in process (what bin.js adds to it).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fastNoop } from "../../generator/cli/noop.js";
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

let freshCache = false;
let freshCount = 0;

function runOnce(command: string[]): { ms: number; stdout: string; status: number | null } {
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
  return { ms, stdout: r.stdout, status: r.status };
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
  const ms = noops.map((t) => t.ms).sort((a, b) => a - b);
  const mean = ms.reduce((a, b) => a + b, 0) / ms.length;
  const median = ms[Math.floor(ms.length / 2)]!;
  console.log(
    `${label}: median ${median.toFixed(0)} ms, mean ${mean.toFixed(0)} ms, min ${ms[0]!.toFixed(0)} ms, max ${ms[ms.length - 1]!.toFixed(0)} ms (${ms.length} runs)`,
  );
}

try {
  const first = runOnce(["node", "generator/cli/bin.js", ...args]);
  console.log(`first generation of ${spec}: ${(first.ms / 1000).toFixed(1)} s`);
  stats("no-op via node generator/cli/bin.js", ["node", "generator/cli/bin.js", ...args]);
  stats("baseline: bare node startup (node -e 'console.log(\"is up to date\")')", [
    "node",
    "-e",
    'console.log("is up to date")',
  ]);
  process.env["OPENAPI_CLIENT_GEN_CACHE_DIR"] = env.OPENAPI_CLIENT_GEN_CACHE_DIR;
  const inProcess = Array.from({ length: runs }, () => {
    const start = performance.now();
    if (fastNoop(args, PROJECT_ROOT) === undefined)
      throw new Error("fastNoop did not recognise the unchanged output");
    return performance.now() - start;
  }).sort((a, b) => a - b);
  console.log(
    `fastNoop() in process (fingerprint + spec and output hashing): median ${inProcess[Math.floor(runs / 2)]!.toFixed(1)} ms`,
  );
  stats("no-op via tsx generator/cli/main.ts", [
    path.join(PROJECT_ROOT, "node_modules/.bin/tsx"),
    "generator/cli/main.ts",
    ...args,
  ]);
  freshCache = true;
  stats(
    "no-op via node generator/cli/bin.js, fresh clone (no cache record: config + manifest check under tsx)",
    ["node", "generator/cli/bin.js", ...args],
  );
} finally {
  rmSync(temp, { recursive: true, force: true });
}
