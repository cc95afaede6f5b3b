/**
 * What `generate` does with an existing output directory: folders that are not the generator's are refused
 * (issue 12 item 9), hand-edited files are refused without --force (issue 13 item 11), --fail-on-breaking writes
 * nothing (issue 13 item 8), and modes, owners and symbolic links are kept (issue 12 item 10). The CLI runs
 * in-process, and as another user (`nobody`) in a child process where permissions matter.
 */
import { spawn, spawnSync } from "node:child_process";
import { chmod, chown, lstat, mkdir, readFile, readlink, rm, stat } from "node:fs/promises";
import { symlink, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fastNoop } from "../../generator/cli/up-to-date.js";
import { hashTree, runCli, STACK_LINE, type CliResult } from "../helpers/cli-run.js";
import { PROJECT_ROOT } from "../helpers/specs-dir.js";
import { demoSpec, leftovers } from "../helpers/write-loop.js";
import { tempDir } from "./helpers.js";

let root = "";
let cleanup = async (): Promise<void> => {};
const savedCache = process.env["OPENAPI_CLIENT_GEN_CACHE_DIR"];
const NOBODY = 65534;
const isRoot = process.getuid?.() === 0;

beforeAll(async () => {
  ({ dir: root, cleanup } = await tempDir("output-dir"));
  await chmod(root, 0o755);
  process.env["OPENAPI_CLIENT_GEN_CACHE_DIR"] = path.join(root, "cache");
  await writeFile(path.join(root, "v1.yaml"), demoSpec("1.0.0"));
  await writeFile(path.join(root, "v2.yaml"), demoSpec("2.0.0", false));
});
afterAll(async () => {
  if (savedCache === undefined) delete process.env["OPENAPI_CLIENT_GEN_CACHE_DIR"];
  else process.env["OPENAPI_CLIENT_GEN_CACHE_DIR"] = savedCache;
  await cleanup();
});

const gen = (output: string, ...extra: string[]): Promise<CliResult> =>
  runCli(["generate", "-i", "v1.yaml", "-o", output, "-n", "Demo", ...extra], root);

async function files(dir: string, tree: Record<string, string>): Promise<void> {
  for (const [name, text] of Object.entries(tree)) {
    const full = path.join(root, dir, name);
    await mkdir(name.endsWith("/") ? full : path.dirname(full), { recursive: true });
    if (!name.endsWith("/")) await writeFile(full, text);
  }
}

const modeOf = async (p: string): Promise<number> => (await stat(p)).mode & 0o7777;

describe("an output directory that is not the generator's is refused and kept (issue 12 item 9)", () => {
  it.each([
    [
      "a web app's manifest.json and empty folders",
      { "manifest.json": '{ "name": "My App", "icons": [] }\n', "icons/": "", "assets/fonts/": "" },
      "assets/, icons/, manifest.json",
    ],
    [
      "a manifest.json with a files table but without the generator's marker",
      { "manifest.json": '{ "files": { "notes.txt": "x" } }\n', "notes.txt": "mine\n" },
      "manifest.json, notes.txt",
    ],
    [
      "the marker with a files table naming a path outside the output",
      {
        "manifest.json": `{ "generator": "openapi-client-gen", "files": { "../v1.yaml": "${"0".repeat(64)}" } }\n`,
      },
      "manifest.json",
    ],
  ])("%s", async (name, tree, listed) => {
    const dir = `foreign-${name.length}`;
    await files(dir, tree);
    const before = await hashTree(path.join(root, dir));
    const result = await gen(dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${dir}: error [output-has-foreign-files] --output '${dir}' holds files the generator did not write (${listed})`,
    );
    expect(result.stderr).toMatch(/refusing to delete them\. Move them away/);
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(await hashTree(path.join(root, dir))).toBe(before);
  });
});

describe("generated files edited by hand (issue 13 item 11)", () => {
  it("a plain generate refuses naming them and --force; --force overwrites them and says which", async () => {
    expect((await gen("edited")).code).toBe(0);
    const generated = await hashTree(path.join(root, "edited"));
    await writeFile(path.join(root, "edited/client.ts"), "// my fix\n");
    await writeFile(path.join(root, "edited/README.md"), "# notes\n");
    const edited = await hashTree(path.join(root, "edited"));
    const plain = await gen("edited");
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain(
      "edited: error [output-edited] --output 'edited' has generated files that were edited since they were generated (README.md, client.ts); refusing to overwrite the edits.",
    );
    expect(plain.stderr).toContain("run with --force to overwrite them");
    expect(await hashTree(path.join(root, "edited"))).toBe(edited);
    const forced = await gen("edited", "--force");
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stderr).toBe(
      "notice: overwrote generated files that had been edited by hand (--force): edited/README.md, edited/client.ts\n",
    );
    expect(await hashTree(path.join(root, "edited"))).toBe(generated);
  });

  it("a generated file that was deleted is written again without --force", async () => {
    expect((await gen("deleted")).code).toBe(0);
    const generated = await hashTree(path.join(root, "deleted"));
    await rm(path.join(root, "deleted/types.ts"));
    const again = await gen("deleted");
    expect([again.code, again.stderr]).toEqual([0, ""]);
    expect(await hashTree(path.join(root, "deleted"))).toBe(generated);
  });
});

describe("leftovers of a killed run (issue 12 item 8)", () => {
  it("are not taken for an up-to-date output: the next plain generate removes them", async () => {
    const argv = ["generate", "-i", "v1.yaml", "-o", "killed", "-n", "Demo"];
    expect((await gen("killed")).code).toBe(0);
    expect((await gen("killed")).stdout).toContain("killed is up to date");
    expect(fastNoop(argv, root)).toBeDefined();
    await mkdir(path.join(root, ".killed.new/runtime"), { recursive: true });
    const dead = spawnSync(process.execPath, ["-e", ""]).pid;
    await writeFile(
      path.join(root, ".killed.lock"),
      JSON.stringify({ pid: dead, host: hostname(), token: "t" }),
    );
    expect(fastNoop(argv, root)).toBeUndefined();
    const next = await gen("killed");
    expect([next.code, next.stderr]).toEqual([
      0,
      "notice: removed .killed.new, left by an interrupted run\n",
    ]);
    expect(next.stdout).toContain("files written to killed");
    expect(await leftovers(path.join(root, "killed"))).toEqual([]);
    expect(fastNoop(argv, root)).toBeDefined();
  });
});

describe("a run that fails", () => {
  it("leaves no folders behind that it created for a new output", async () => {
    await writeFile(path.join(root, "bad.yaml"), "[1]\n");
    const result = await runCli(["generate", "-i", "bad.yaml", "-o", "new/deep/out"], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("error [root-not-object]");
    expect(await lstat(path.join(root, "new")).catch(() => "none")).toBe("none");
  });
});

describe("--fail-on-breaking (issue 13 item 8)", () => {
  it("leaves the output and CHANGELOG.md untouched when it fails, so a second run fails too", async () => {
    expect((await gen("breaking")).code).toBe(0);
    const before = await hashTree(path.join(root, "breaking"));
    const v2 = ["generate", "-i", "v2.yaml", "-o", "breaking", "-n", "Demo"];
    for (const attempt of [1, 2]) {
      const failed = await runCli([...v2, "--fail-on-breaking"], root);
      expect(failed.code, `attempt ${attempt}`).toBe(1);
      expect(failed.stdout).toContain("nothing written to breaking");
      expect(failed.stdout).toContain("1 change (1 breaking)");
      expect(failed.stderr).toBe(
        "openapi-client-gen: 1 breaking change(s) in v2.yaml (--fail-on-breaking); the output directory was left unchanged.\n",
      );
      expect(await hashTree(path.join(root, "breaking"))).toBe(before);
    }
    const accepted = await runCli(v2, root);
    expect(accepted.code).toBe(0);
    expect(await readFile(path.join(root, "breaking/CHANGELOG.md"), "utf8")).toContain("## 2.0.0");
  });
});

describe("permissions, owners and symbolic links (issue 12 item 10)", () => {
  it("creates a new output with 0755 directories and 0644 files, less the umask", async () => {
    expect((await gen("fresh")).code).toBe(0);
    const umask = process.umask();
    expect(await modeOf(path.join(root, "fresh"))).toBe(0o777 & ~umask);
    expect(await modeOf(path.join(root, "fresh/runtime"))).toBe(0o777 & ~umask);
    expect(await modeOf(path.join(root, "fresh/client.ts"))).toBe(0o666 & ~umask);
  });

  it("keeps the modes of an existing output, its folders and files, and (run by root) their owners", async () => {
    expect((await gen("kept")).code).toBe(0);
    const kept = path.join(root, "kept");
    const owned = ["", "runtime", "client.ts", "runtime/client.ts"];
    if (isRoot) for (const p of owned) await chown(path.join(kept, p), NOBODY, NOBODY);
    await chmod(kept, 0o750);
    await chmod(path.join(kept, "runtime"), 0o710);
    await chmod(path.join(kept, "client.ts"), 0o600);
    await rm(path.join(kept, "index.ts"));
    const again = await gen("kept", "--force");
    expect([again.code, again.stderr]).toEqual([0, ""]);
    expect(await modeOf(kept)).toBe(0o750);
    expect(await modeOf(path.join(kept, "runtime"))).toBe(0o710);
    expect(await modeOf(path.join(kept, "client.ts"))).toBe(0o600);
    expect(await modeOf(path.join(kept, "types.ts"))).toBe(0o666 & ~process.umask());
    if (isRoot) {
      const uid = async (p: string): Promise<number> => (await stat(path.join(kept, p))).uid;
      for (const p of owned) expect(await uid(p), p).toBe(NOBODY);
      // A file that was not there takes the output directory's owner; one that was keeps its own.
      expect(await uid("index.ts")).toBe(NOBODY);
      expect(await uid("types.ts")).toBe(0);
    }
  });

  it("writes through a symbolic link to its target, first run and later runs, and keeps the link", async () => {
    await mkdir(path.join(root, "real"), { recursive: true });
    await symlink("real/client", path.join(root, "linked"));
    for (const run of [1, 2]) {
      const result = await gen("linked", "--force");
      expect([result.code, result.stderr], `run ${run}`).toEqual([0, ""]);
      expect((await lstat(path.join(root, "linked"))).isSymbolicLink()).toBe(true);
      expect(await readlink(path.join(root, "linked"))).toBe("real/client");
      expect((await lstat(path.join(root, "real/client/client.ts"))).isFile()).toBe(true);
      expect(await leftovers(path.join(root, "real/client"))).toEqual([]);
    }
    // --check reads the previous spec and changelog through the link too.
    const v2 = ["generate", "-i", "v2.yaml", "-o", "linked", "-n", "Demo"];
    expect((await runCli(v2, root)).code).toBe(0);
    const check = await runCli([...v2, "--check"], root);
    expect([check.code, check.stderr]).toEqual([0, ""]);
  });
});

interface ChildResult {
  readonly code: number | null;
  readonly stderr: string;
}

/** Runs the CLI as user `nobody` (root only), through tsx, in `root`. */
function runAsNobody(argv: readonly string[]): Promise<ChildResult> {
  const bin = path.join(PROJECT_ROOT, "generator", "cli", "bin.ts");
  const child = spawn(process.execPath, ["--import", "tsx", bin, ...argv], {
    cwd: root,
    uid: NOBODY,
    gid: NOBODY,
    env: { ...process.env, OPENAPI_CLIENT_GEN_CACHE_DIR: path.join(root, "nobody-cache") },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stderr })));
}

describe.skipIf(!isRoot)("run by another user (as nobody; needs root to switch users)", () => {
  const asNobody = (output: string): Promise<ChildResult> =>
    runAsNobody(["generate", "-i", "v1.yaml", "-o", output, "-n", "Demo", "--force"]);

  beforeAll(async () => {
    await mkdir(path.join(root, "users"));
    await chown(path.join(root, "users"), NOBODY, NOBODY);
  });

  it("refuses a read-only output with output-not-writable before anything moves", async () => {
    const first = await asNobody("users/readonly");
    expect(first.code, first.stderr).toBe(0);
    const out = path.join(root, "users/readonly");
    await chmod(out, 0o555);
    const before = await hashTree(out);
    const result = await asNobody("users/readonly");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^users\/readonly: error \[output-not-writable\] cannot write --output 'users\/readonly': it is not writable \(EACCES\)\. Nothing was changed/m,
    );
    expect(result.stderr).not.toContain("internal error");
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(await hashTree(out)).toBe(before);
    expect(await modeOf(out)).toBe(0o555);
    expect(await leftovers(out)).toEqual([]);
  });

  it("refuses an output that belongs to another user, keeping it and its owner", async () => {
    expect((await gen("users/theirs")).code).toBe(0);
    const out = path.join(root, "users/theirs");
    const before = await hashTree(out);
    const result = await asNobody("users/theirs");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^users\/theirs: error \[output-not-writable\] .*it belongs to another user \(uid 0\)/m,
    );
    expect(await hashTree(out)).toBe(before);
    expect((await stat(out)).uid).toBe(0);
    expect(await leftovers(out)).toEqual([]);
  });

  it("refuses an output whose parent directory is not writable", async () => {
    await mkdir(path.join(root, "locked-parent"), { mode: 0o755 });
    const result = await asNobody("locked-parent/client");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^locked-parent\/client: error \[output-not-writable\] .*the directory holding it is not writable \(EACCES\)/m,
    );
  });
});
