/**
 * The kill loop and the concurrency loop over one output directory, shared by test/workflow/write-safety.test.ts
 * (few iterations, asserting the invariants) and test/bench/write-safety.ts (many, printing the counts).
 * Children are real processes: `write-child.ts` (the write stage alone, writing two prepared trees in turn) or the
 * CLI (`generator/cli/bin.ts` through tsx). The output is judged from the disk with code of its own, not the
 * generator's: a complete tree is a manifest with the marker whose files all exist with their hashes, nothing else.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { watch } from "node:fs";
import { createHash } from "node:crypto";
import { lstat, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { generate } from "../../generator/pipeline.js";
import type { GeneratedFile } from "../../generator/write/write.js";
import { PROJECT_ROOT } from "./specs-dir.js";

/** A small spec at `version`; `label` false drops a response field (a breaking change). */
export function demoSpec(version: string, label = true): string {
  return `openapi: 3.1.0
info: { title: Demo API, version: "${version}" }
paths:
  /things/{id}:
    get:
      operationId: getThing
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      responses:
        "200":
          description: ok
          content: { application/json: { schema: { $ref: "#/components/schemas/Thing" } } }
components:
  schemas:
    Thing:
      type: object
      required: [id]
      properties:
        id: { type: string }
${label ? "        label: { type: string }\n" : ""}`;
}

/** Writes specs `a.yaml` (1.0.0) and `b.yaml` (2.0.0) into `dir` and returns their generated trees, in memory. */
export async function makeTrees(dir: string): Promise<[GeneratedFile[], GeneratedFile[]]> {
  await writeFile(path.join(dir, "a.yaml"), demoSpec("1.0.0"));
  await writeFile(path.join(dir, "b.yaml"), demoSpec("2.0.0", false));
  const tree = async (input: string): Promise<GeneratedFile[]> => [
    ...(await generate({ input, output: "out", name: "Demo" }, { cwd: dir })).files,
  ];
  return [await tree("a.yaml"), await tree("b.yaml")];
}

const sha256 = (data: Buffer): string => createHash("sha256").update(data).digest("hex");

async function filesUnder(dir: string, rel = ""): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(path.join(dir, rel), { withFileTypes: true })) {
    const child = rel === "" ? entry.name : `${rel}/${entry.name}`;
    if (entry.isDirectory()) out.push(...(await filesUnder(dir, child)));
    else out.push(child);
  }
  return out;
}

/**
 * What is at output `dir`: `missing`; `torn` (anything but a complete tree); or the complete tree's spec version
 * (its manifest's `spec.version`, every listed file present with its hash, no other file).
 */
export async function classify(dir: string): Promise<string> {
  if ((await lstat(dir).catch(() => undefined)) === undefined) return "missing";
  try {
    const manifest = JSON.parse(await readFile(path.join(dir, "manifest.json"), "utf8")) as {
      generator?: string;
      spec?: { version?: string };
      files?: Record<string, string>;
    };
    const listed = manifest.files ?? {};
    const present = (await filesUnder(dir)).filter((f) => f !== "manifest.json");
    if (manifest.generator !== "openapi-client-gen") return "torn";
    if (present.length !== Object.keys(listed).length) return "torn";
    for (const file of present) {
      if (sha256(await readFile(path.join(dir, file))) !== listed[file]) return "torn";
    }
    return manifest.spec?.version ?? "torn";
  } catch {
    return "torn";
  }
}

/** Entries next to output `dir` that a write creates (`.<name>.*`): what interrupted runs left behind. */
export async function leftovers(dir: string): Promise<string[]> {
  const prefix = `.${path.basename(dir)}.`;
  return (await readdir(path.dirname(dir))).filter((n) => n.startsWith(prefix)).sort();
}

const CHILD = path.join(PROJECT_ROOT, "test", "helpers", "write-child.ts");
const BIN = path.join(PROJECT_ROOT, "generator", "cli", "bin.ts");

export interface Child {
  readonly process: ChildProcess;
  /** Resolves when the child has loaded its modules and starts working (write-child prints `ready`); the CLI at once. */
  readonly ready: Promise<void>;
  /** Resolves with the exit code (null when killed) and the child's stderr. */
  readonly exited: Promise<{ code: number | null; stderr: string }>;
}

function start(args: readonly string[], cwd: string, announces: boolean): Child {
  const child = spawn(process.execPath, ["--import", "tsx", ...args], {
    cwd,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, OPENAPI_CLIENT_GEN_CACHE_DIR: path.join(cwd, "cache") },
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const ready = announces
    ? new Promise<void>((resolve) => {
        child.stdout.on("data", (d: Buffer) => {
          if (d.toString().includes("ready")) resolve();
        });
        child.on("exit", () => resolve());
      })
    : Promise.resolve();
  child.stdout.resume();
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.on("close", (code) => resolve({ code, stderr })),
  );
  return { process: child, ready, exited };
}

/**
 * Starts the write stage in a child (`write-child.ts`) on output `out` of `dir`, with the trees in `trees.json`:
 * `mode` "loop" writes tree 0 and tree 1 in turn until killed; "0" or "1" writes that tree once.
 */
export function startWriter(dir: string, mode: string): Child {
  return start(
    [CHILD, path.join(dir, "out"), path.join(dir, "trees.json"), mode],
    PROJECT_ROOT,
    true,
  );
}

/**
 * Starts the CLI in `dir` (inside the project, so `--import tsx` resolves): `generate -i <input> -o out -n Demo
 * --force`. @param bin The CLI's entry. @default generator/cli/bin.ts of this checkout
 */
export function startCli(dir: string, input: string, bin = BIN): Child {
  return start([bin, "generate", "-i", input, "-o", "out", "-n", "Demo", "--force"], dir, false);
}

/** When to kill a child: resolves at the moment to send SIGKILL. */
export type KillPoint = (child: Child) => Promise<void>;

/** A random point 0–`ms` after the child is ready. */
export function randomly(ms: number): KillPoint {
  return async (child) => {
    await child.ready;
    await sleep(Math.random() * ms);
  };
}

/**
 * A random point 0–`ms` after the child starts writing output `out` of `dir`: when `.out.new` (or an earlier
 * version's `.out.tmp-XXXXXX`) appears beside it. At once if the child exits first.
 */
export function duringWrite(dir: string, ms: number): KillPoint {
  return async (child) => {
    const watcher = watch(dir);
    try {
      await new Promise<void>((resolve) => {
        watcher.on("change", (_event, name) => {
          if (/^\.out\.(new|tmp-)/.test(String(name))) resolve();
        });
        child.process.on("exit", () => resolve());
      });
    } finally {
      watcher.close();
    }
    await sleep(Math.random() * ms);
  };
}

/** Counts of one kill loop. */
export interface KillFigures {
  runs: number;
  /** Outputs found complete after a kill, by spec version. */
  complete: Record<string, number>;
  /** Kills that left the output missing with `.out.old` beside it: the documented window. */
  window: number;
  /** How often each working entry (`.out.lock`, `.out.new`, …) was left beside the output by a kill. */
  beside: Record<string, number>;
  /** Kills that left the output missing with nothing to restore, or torn: must stay 0. */
  broken: number;
  /** After the final, uninterrupted run: entries left next to the output, and whether it is missing/torn. */
  leftovers: number;
  missingAfter: number;
}

/**
 * Runs one child to completion (so an old tree exists), then kills `runs` children at random points and judges the
 * output after each, then runs one child to completion again.
 * @param begin Starts one child. @param killAt Resolves when to send the child SIGKILL.
 */
export async function killLoop(
  dir: string,
  runs: number,
  begin: (i: number) => Child,
  killAt: KillPoint,
  finish: () => Child,
): Promise<KillFigures> {
  const out = path.join(dir, "out");
  const figures: KillFigures = {
    runs,
    complete: {},
    window: 0,
    beside: {},
    broken: 0,
    leftovers: 0,
    missingAfter: 0,
  };
  await completed(finish());
  for (let i = 0; i < runs; i++) {
    const child = begin(i);
    await killAt(child);
    child.process.kill("SIGKILL");
    await child.exited;
    const state = await classify(out);
    for (const name of await leftovers(out)) {
      const kind = name.replace(/\.lock\.\d+-[0-9a-f]+$/, ".lock.<pid>");
      figures.beside[kind] = (figures.beside[kind] ?? 0) + 1;
    }
    if (state === "missing" && (await leftovers(out)).includes(".out.old")) figures.window++;
    else if (state === "missing" || state === "torn") figures.broken++;
    else figures.complete[state] = (figures.complete[state] ?? 0) + 1;
  }
  await completed(finish());
  figures.leftovers = (await leftovers(out)).length;
  figures.missingAfter = ["missing", "torn"].includes(await classify(out)) ? 1 : 0;
  return figures;
}

/** Waits for a child that must succeed. @throws {Error} with its stderr when it exits non-zero. */
export async function completed(child: Child): Promise<void> {
  const { code, stderr } = await child.exited;
  if (code !== 0) throw new Error(`a run that must succeed exited ${code}: ${stderr}`);
}
