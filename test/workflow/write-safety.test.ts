/**
 * The write stage under kills and concurrency (issue 12 item 8): the lock per output directory, the recovery of
 * every state a killed run can leave (built on disk here exactly as such a run leaves it, including today's
 * `.tmp-XXXXXX` directories), and small kill and concurrency loops with real processes. test/bench/write-safety.ts
 * runs the same loops at full size and prints the counts.
 */
import { spawnSync } from "node:child_process";
import { cp, mkdir, readdir, rename, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateToDisk } from "../../generator/index.js";
import { SpecError } from "../../generator/util/issues.js";
import { lockOutput } from "../../generator/write/lock.js";
import { openOutput, writeOutput, type GeneratedFile } from "../../generator/write/write.js";
import {
  classify,
  completed,
  killLoop,
  leftovers,
  makeTrees,
  randomly,
  startCli,
  startWriter,
} from "../helpers/write-loop.js";
import { tempDir } from "./helpers.js";

let root = "";
let cleanup = async (): Promise<void> => {};
let trees: [GeneratedFile[], GeneratedFile[]];
let caseNo = 0;

beforeAll(async () => {
  ({ dir: root, cleanup } = await tempDir("write-safety"));
  trees = await makeTrees(root);
  await writeFile(path.join(root, "trees.json"), JSON.stringify(trees));
});
afterAll(() => cleanup());

/** A fresh case folder holding a complete output `out` of tree `tree`. */
async function withOutput(tree: 0 | 1 = 0): Promise<{ dir: string; out: string }> {
  const dir = path.join(root, `case-${++caseNo}`);
  await mkdir(dir);
  const out = path.join(dir, "out");
  await writeOutput(out, trees[tree], { label: "out" });
  return { dir, out };
}

/** A pid that belonged to a process which has exited. */
const deadPid = (): number => spawnSync(process.execPath, ["-e", ""]).pid;

describe("the lock per output directory", () => {
  it("takes over a lock whose process is gone, and removes it when done", async () => {
    const { dir, out } = await withOutput();
    const holder = { pid: deadPid(), host: hostname(), token: "x" };
    await writeFile(path.join(dir, ".out.lock"), JSON.stringify(holder));
    await writeOutput(out, trees[1], { label: "out" });
    expect(await classify(out)).toBe("2.0.0");
    expect(await leftovers(out)).toEqual([]);
  });

  it("waits for a live owner, then writes once it releases", async () => {
    const { out } = await withOutput();
    const held = await lockOutput(out, { label: "out" });
    const waitedFor: number[] = [];
    const writing = writeOutput(out, trees[1], {
      label: "out",
      onLockWait: (holder) => {
        waitedFor.push(holder.pid);
        void held.release();
      },
    });
    await writing;
    expect(waitedFor).toEqual([process.pid]);
    expect(await classify(out)).toBe("2.0.0");
  });

  it("gives up after lockTimeoutMs with output-locked, the output untouched", async () => {
    const { dir, out } = await withOutput();
    await writeFile(path.join(dir, "spec.yaml"), "x"); // never read: the lock comes first
    const held = await lockOutput(out, { label: "out" });
    try {
      const attempt = generateToDisk(
        { input: "spec.yaml", output: "out", name: "Demo" },
        { cwd: dir, lockTimeoutMs: 100 },
      );
      await expect(attempt).rejects.toBeInstanceOf(SpecError);
      const error = (await attempt.catch((e: unknown) => e)) as SpecError;
      expect(error.issues.map((i) => i.code)).toEqual(["output-locked"]);
      expect(error.issues[0]!.message).toContain(`another run (pid ${process.pid} on `);
      expect(await classify(out)).toBe("1.0.0");
    } finally {
      await held.release();
    }
    expect(await leftovers(out)).toEqual([]);
  });
});

describe("recovery from a killed run, before anything else", () => {
  async function recover(out: string): Promise<{ recovered: readonly string[]; state: string }> {
    const session = await openOutput(out, { label: "out" });
    try {
      return { recovered: session.recovered, state: await classify(out) };
    } finally {
      await session.close();
    }
  }

  it("killed between the swap's renames: the complete new tree is moved into place", async () => {
    const { dir, out } = await withOutput(0);
    const other = await withOutput(1);
    await cp(other.out, path.join(dir, ".out.new"), { recursive: true });
    await rename(out, path.join(dir, ".out.old"));
    expect(await classify(out)).toBe("missing");
    expect(await recover(out)).toEqual({
      recovered: [
        "restored out from .out.new, left by an interrupted run",
        "removed .out.old, left by an interrupted run",
      ],
      state: "2.0.0",
    });
    expect(await leftovers(out)).toEqual([]);
  });

  it("with the old tree aside and no new one, the old tree is moved back", async () => {
    const { dir, out } = await withOutput(0);
    await rename(out, path.join(dir, ".out.old"));
    expect(await recover(out)).toEqual({
      recovered: ["restored out from .out.old, left by an interrupted run"],
      state: "1.0.0",
    });
  });

  it("the two renames of earlier versions: a missing output comes back from .out.tmp-XXXXXX.old", async () => {
    const { dir, out } = await withOutput(0);
    await mkdir(path.join(dir, ".out.tmp-AbC123/runtime"), { recursive: true });
    await rename(out, path.join(dir, ".out.tmp-XyZ789.old"));
    await writeFile(path.join(dir, ".out.tmp-AbC123/types.ts"), "// half written");
    const { recovered, state } = await recover(out);
    expect(state).toBe("1.0.0");
    expect(recovered).toEqual([
      "restored out from .out.tmp-XyZ789.old, left by an interrupted run",
      "removed .out.tmp-AbC123, left by an interrupted run",
    ]);
    expect(await leftovers(out)).toEqual([]);
  });

  it("a half-written new tree, an old tree being deleted, lock candidates and a takeover guard are removed", async () => {
    const { dir, out } = await withOutput(1);
    await mkdir(path.join(dir, ".out.new/runtime"), { recursive: true });
    await mkdir(path.join(dir, ".out.trash"));
    await mkdir(path.join(dir, ".out.lock.takeover"));
    await writeFile(path.join(dir, `.out.lock.${deadPid()}-0123abcd`), "{}");
    await writeFile(path.join(dir, ".out.lockfile-of-someone-else"), "kept");
    const { recovered, state } = await recover(out);
    expect(state).toBe("2.0.0");
    expect(recovered).toEqual([
      "removed .out.new, left by an interrupted run",
      "removed .out.trash, left by an interrupted run",
    ]);
    expect(await leftovers(out)).toEqual([".out.lockfile-of-someone-else"]);
  });
});

describe("real processes: killed at random points, and many at once", () => {
  it("SIGKILL at random points of a write loop never leaves the output missing or torn, nor leftovers", async () => {
    const dir = path.join(root, "kill-loop");
    await mkdir(dir);
    await cp(path.join(root, "trees.json"), path.join(dir, "trees.json"));
    const figures = await killLoop(
      dir,
      12,
      () => startWriter(dir, "loop"),
      randomly(100),
      () => startWriter(dir, "1"),
    );
    expect(figures.broken).toBe(0);
    expect(figures.window + Object.values(figures.complete).reduce((a, b) => a + b, 0)).toBe(12);
    expect([figures.leftovers, figures.missingAfter]).toEqual([0, 0]);
    expect(await classify(path.join(dir, "out"))).toBe("2.0.0");
  }, 120_000);

  it("16 writers and 3 CLI runs into one output at once all succeed, taking turns", async () => {
    const dir = path.join(root, "concurrent");
    await mkdir(dir);
    await cp(path.join(root, "trees.json"), path.join(dir, "trees.json"));
    for (const spec of ["a.yaml", "b.yaml"]) await cp(path.join(root, spec), path.join(dir, spec));
    const writers = Array.from({ length: 16 }, (_, i) => startWriter(dir, String(i % 2)));
    await Promise.all(writers.map(completed));
    expect(["1.0.0", "2.0.0"]).toContain(await classify(path.join(dir, "out")));
    const clis = ["a.yaml", "b.yaml", "a.yaml"].map((spec) => startCli(dir, spec));
    const results = await Promise.all(clis.map((c) => c.exited));
    expect(results.map((r) => r.code)).toEqual([0, 0, 0]);
    for (const r of results)
      expect(r.stderr).toMatch(
        /^(openapi-client-gen: waiting for another run \(pid \d+\) writing out…\n)?$/,
      );
    expect(["1.0.0", "2.0.0"]).toContain(await classify(path.join(dir, "out")));
    expect(await leftovers(path.join(dir, "out"))).toEqual([]);
    expect((await readdir(dir)).sort()).toEqual(["a.yaml", "b.yaml", "cache", "out", "trees.json"]);
  }, 120_000);
});
