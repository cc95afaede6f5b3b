/**
 * Peak memory of the client runtime reading huge or endless response bodies: each case runs one GET in a
 * fresh node process (test/bench/body-memory-client.ts, peak RSS of that process) against the loopback
 * scenario server in this process. Not a test: figures for the report.
 *
 * Cases: 1 KiB (the baseline: node, tsx and the runtime), 2 GiB with Content-Length, 2 GiB chunked (no
 * length), an endless 200 and an endless 500 body.
 * A process that dies (out of memory, string too long) is reported with its exit status and last words.
 *
 * Run: npx tsx test/bench/body-memory.ts [runtime dir, default templates/runtime] [timeoutMs, default 20000]
 * [only the cases whose name contains this text]
 * (to compare with an older runtime: `git archive <ref> templates/runtime | tar -x -C /tmp/old` and pass
 * /tmp/old/templates/runtime).
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { startScenarioServer } from "../helpers/scenario-server.js";
import { PROJECT_ROOT } from "./common.js";

const dir = path.resolve(process.argv[2] ?? path.join(PROJECT_ROOT, "templates/runtime"));
const timeoutMs = process.argv[3] ?? "20000";
const GIB2 = 2 ** 31;
const CASES: [string, string][] = [
  ["1 KiB (baseline)", "/stream/s?bytes=1024"],
  ["2 GiB, Content-Length", `/stream/a?bytes=${GIB2}&length=1`],
  ["2 GiB, chunked", `/stream/b?bytes=${GIB2}`],
  ["endless 200", "/stream/c"],
  ["endless 500", "/stream/d?status=500"],
];

/** Runs the client once; resolves to its JSON line, or its exit status and last stderr line. */
function runClient(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        path.join(PROJECT_ROOT, "test/bench/body-memory-client.ts"),
        dir,
        url,
        timeoutMs,
      ],
      { cwd: PROJECT_ROOT, stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      // V8's fatal errors print "# Fatal error …" / "# Fatal JavaScript …" lines; else the last error line
      const lines = err.split("\n").filter((l) => /^#\s*\S|error/i.test(l));
      const last = (
        lines.some((l) => l.startsWith("#")) ? lines.slice(0, 3) : lines.slice(-1)
      ).join(" ");
      resolve(out.trim() || `process died (${signal ?? `exit ${code}`}): ${last.slice(0, 120)}`);
    });
  });
}

const server = await startScenarioServer();
try {
  console.log(`runtime: ${path.relative(PROJECT_ROOT, dir) || dir}, timeoutMs ${timeoutMs}`);
  for (const [name, route] of CASES.filter(([n]) => n.includes(process.argv[4] ?? "")))
    console.log(`${name.padEnd(22)} ${await runClient(server.url + route)}`);
} finally {
  await server.close();
}
