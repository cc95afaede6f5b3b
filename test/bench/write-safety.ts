/**
 * The write stage's safety figures (issue 12 item 8): kill loops and a concurrency loop over one output directory.
 * `npx tsx test/bench/write-safety.ts` prints, per loop, the runs, what the output was after each kill (a complete
 * tree by spec version, missing within the documented window, or broken), and after a final uninterrupted run
 * the leftovers next to the output and whether the output is missing; then the exit codes of concurrent CLI runs.
 * Env: KILL_RUNS (kills of the write stage alone, default 200), CLI_KILL_RUNS (kills of the CLI, default 20),
 * CONCURRENT (concurrent CLI runs, default 16), CLI_BIN (the CLI's bin.ts, e.g. of another checkout, to measure an
 * older version: with it the write-stage loop is skipped). Never part of `npm test` (the test runs a few of each).
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { PROJECT_ROOT } from "../helpers/specs-dir.js";
import {
  classify,
  completed,
  duringWrite,
  killLoop,
  leftovers,
  makeTrees,
  randomly,
  startCli,
  startWriter,
  type KillFigures,
  type KillPoint,
} from "../helpers/write-loop.js";

const KILL_RUNS = Number(process.env["KILL_RUNS"] ?? 200);
const CLI_KILL_RUNS = Number(process.env["CLI_KILL_RUNS"] ?? 20);
const CONCURRENT = Number(process.env["CONCURRENT"] ?? 16);
const CLI_BIN = process.env["CLI_BIN"];
const cli = (dir: string, input: string): ReturnType<typeof startCli> =>
  CLI_BIN === undefined ? startCli(dir, input) : startCli(dir, input, path.resolve(CLI_BIN));

async function scratch(prefix: string): Promise<string> {
  const base = path.join(PROJECT_ROOT, "test", ".tmp");
  await mkdir(base, { recursive: true });
  return mkdtemp(path.join(base, `${prefix}-`));
}

function line(name: string, f: KillFigures): string {
  const complete = Object.entries(f.complete)
    .map(([version, n]) => `${version}: ${n}`)
    .join(", ");
  return (
    `${name}: ${f.runs} runs killed; left beside the output by the kills: ${JSON.stringify(f.beside)}; output after the kill: complete ${complete || "0"}, ` +
    `missing within the swap window (recovered by the next run) ${f.window}, missing or torn otherwise ${f.broken}; ` +
    `after a final run: leftovers ${f.leftovers}, missing outputs ${f.missingAfter}`
  );
}

const dir = await scratch("write-safety");
try {
  const trees = await makeTrees(dir);
  await writeFile(path.join(dir, "trees.json"), JSON.stringify(trees));
  if (CLI_BIN === undefined)
    console.log(
      line(
        "write stage alone (SIGKILL 0–100 ms into a loop writing two trees in turn)",
        await killLoop(
          dir,
          KILL_RUNS,
          () => startWriter(dir, "loop"),
          randomly(100),
          () => startWriter(dir, "0"),
        ),
      ),
    );
  await rm(path.join(dir, "out"), { recursive: true, force: true });
  const t = performance.now();
  await completed(cli(dir, "a.yaml"));
  const cliMs = performance.now() - t;
  const cliLoop = (killAt: KillPoint): Promise<KillFigures> =>
    killLoop(
      dir,
      CLI_KILL_RUNS,
      (i) => cli(dir, i % 2 === 0 ? "b.yaml" : "a.yaml"),
      killAt,
      () => cli(dir, "a.yaml"),
    );
  console.log(
    line(
      `CLI (SIGKILL 0–${Math.round(cliMs)} ms after spawn, a full run's time)`,
      await cliLoop(randomly(cliMs)),
    ),
  );
  console.log(
    line(
      "CLI (SIGKILL 0–30 ms after the new tree appears beside the output)",
      await cliLoop(duringWrite(dir, 30)),
    ),
  );
  const runs = Array.from({ length: CONCURRENT }, (_, i) =>
    cli(dir, i % 2 === 0 ? "a.yaml" : "b.yaml"),
  );
  const results = await Promise.all(runs.map((r) => r.exited));
  const codes: Record<string, number> = {};
  for (const r of results) codes[String(r.code)] = (codes[String(r.code)] ?? 0) + 1;
  const waited = results.filter((r) => r.stderr.includes("waiting for another run")).length;
  const failures = results.filter((r) => r.code !== 0).map((r) => r.stderr.trim());
  console.log(
    `concurrency: ${CONCURRENT} CLI runs into one output at once; exit codes ${JSON.stringify(codes)}, ` +
      `${waited} waited for the lock; output after: ${await classify(path.join(dir, "out"))}, ` +
      `leftovers ${(await leftovers(path.join(dir, "out"))).length}`,
  );
  for (const failure of failures) console.log(`  failed: ${failure}`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
