/**
 * Starts Prism (`prism mock <spec>`) on 127.0.0.1 on a free port and stops it.
 * Prism validates every request against the spec; with `--errors`, a request or response the spec does
 * not allow becomes an error response, so a client that sends something invalid fails its test.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { PROJECT_ROOT } from "./specs-dir.js";

export interface PrismServer {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  stop(): Promise<void>;
}

/** A port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts Prism for `spec` (relative to the project root) and resolves once it listens.
 * @throws {Error} when Prism exits or does not listen within `timeoutMs` (ms), with its output.
 */
export async function startPrism(spec: string, timeoutMs = 60_000): Promise<PrismServer> {
  const port = await freePort();
  const bin = path.join(PROJECT_ROOT, "node_modules/.bin/prism");
  const child: ChildProcess = spawn(
    bin,
    ["mock", spec, "-h", "127.0.0.1", "-p", String(port), "--errors"],
    {
      cwd: PROJECT_ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`prism did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (/Prism is listening/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`prism exited with code ${code}:\n${output}`));
    });
  });
  child.stdout?.resume();
  child.stderr?.resume();
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
