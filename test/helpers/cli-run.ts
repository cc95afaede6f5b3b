/**
 * Runs the CLI in-process (`main(argv, { cwd, out, err })`) or as a child process, and hashes output trees, for the
 * bad-input and hostile-spec tests.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { lstat, readdir, readFile, readlink } from "node:fs/promises";
import path from "node:path";
import { Writable } from "node:stream";
import { main } from "../../generator/cli/main.js";
import { PROJECT_ROOT } from "./specs-dir.js";

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function capture(): { stream: Writable; text: () => string } {
  let text = "";
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      text += chunk.toString();
      callback();
    },
  });
  return { stream, text: () => text };
}

/** Runs `main(argv)` in this process, with `cwd` as the CLI's working directory. */
export async function runCli(argv: readonly string[], cwd: string): Promise<CliResult> {
  const out = capture();
  const err = capture();
  const code = await main(argv, { cwd, out: out.stream, err: err.stream });
  return { code, stdout: out.text(), stderr: err.text() };
}

export interface ChildResult extends CliResult {
  /** Peak resident set size of the child, bytes (`process.resourceUsage().maxRSS`). */
  readonly maxRssBytes: number;
  /** Wall time, ms. */
  readonly ms: number;
}

const RSS_REPORTER = `data:text/javascript,${encodeURIComponent(
  'import fs from "node:fs"; process.on("exit", () => fs.writeSync(2, "\\n@@maxrss " + process.resourceUsage().maxRSS + "\\n"));',
)}`;

/**
 * Runs the CLI as `node [nodeArgs] generator/cli/bin.ts argv` (through tsx) in `cwd`: real exit code, real stack limit.
 * @returns exit code, output (the RSS report line removed) and peak RSS in bytes.
 */
export async function runCliChild(
  argv: readonly string[],
  cwd: string,
  nodeArgs: readonly string[] = [],
): Promise<ChildResult> {
  const tsx = path.join(PROJECT_ROOT, "node_modules", "tsx", "dist", "esm", "index.mjs");
  const cli = path.join(PROJECT_ROOT, "generator", "cli", "bin.ts");
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...nodeArgs, "--import", RSS_REPORTER, "--import", tsx, cli, ...argv],
      { cwd, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      const rss = /\n@@maxrss (\d+)\n/.exec(stderr);
      resolve({
        code: code ?? (signal !== null ? 128 : -1),
        stdout,
        stderr: stderr.replace(/\n@@maxrss \d+\n/, ""),
        maxRssBytes: rss !== null ? Number(rss[1]) * 1024 : 0,
        ms: Math.round(performance.now() - started),
      });
    });
  });
}

/** SHA-256 over every entry under `dir` (relative path, kind, bytes or link target), in code-unit order. */
export async function hashTree(dir: string): Promise<string> {
  const hash = createHash("sha256");
  const walk = async (rel: string): Promise<void> => {
    const names = (await readdir(path.join(dir, rel))).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const name of names) {
      const relPath = rel === "" ? name : `${rel}/${name}`;
      const full = path.join(dir, relPath);
      const info = await lstat(full);
      if (info.isSymbolicLink()) hash.update(`L ${relPath} ${await readlink(full)}\n`);
      else if (info.isDirectory()) {
        hash.update(`D ${relPath}\n`);
        await walk(relPath);
      } else hash.update(`F ${relPath} ${info.size}\n`).update(await readFile(full));
    }
  };
  await walk("");
  return hash.digest("hex");
}

/** A line of a JavaScript stack trace (`    at fn (file:1:2)`). */
export const STACK_LINE = /^\s+at .+(:\d+:\d+\)?|\(native\))$/m;
