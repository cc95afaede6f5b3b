/**
 * Remote `$ref`s (with allowRemoteRefs) are bounded: a loopback server that hangs, streams without end, or declares
 * a body over the limit fails the load with a coded error naming the URL and the limit, within seconds.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { load, MAX_INPUT_BYTES, type LoadOptions } from "../../generator/load/load.js";
import { SpecError, type Issue } from "../../generator/util/issues.js";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const CHUNK = Buffer.alloc(64 * 1024, "a");

/** Writes CHUNK after CHUNK for as long as the client reads. */
const endless: Handler = (_req, res) => {
  res.writeHead(200, { "content-type": "application/yaml" });
  const pump = (): void => {
    while (!res.destroyed && res.write(CHUNK));
    if (!res.destroyed) res.once("drain", pump);
  };
  pump();
};

const HANDLERS: Record<string, Handler> = {
  // Headers never sent.
  "/hang.yaml": () => undefined,
  // Headers sent, then the body never comes.
  "/stall.yaml": (_req, res) => {
    res.writeHead(200, { "content-type": "application/yaml" });
    res.write("type: object\n");
  },
  "/endless.yaml": endless,
  // Declares a body one byte over the limit, and sends a little of it.
  "/oversized.yaml": (_req, res) => {
    res.writeHead(200, {
      "content-type": "application/yaml",
      "content-length": String(MAX_INPUT_BYTES + 1),
    });
    res.write("type: object\n");
  },
  "/pet.yaml": (_req, res) => {
    res.writeHead(200, { "content-type": "application/yaml" });
    res.end("type: object\nproperties:\n  id: { type: string }\n");
  },
};

let server: Server;
let base = "";
let dir = "";

beforeAll(async () => {
  server = createServer((req, res) => {
    const handler = HANDLERS[req.url ?? ""];
    if (handler !== undefined) handler(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = await mkdtemp(path.join(os.tmpdir(), "remote-refs-"));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

/** Loads a spec whose one response schema (line 11, column 15) is `$ref: <base><name>`. */
async function loadWithRef(name: string, options: Omit<LoadOptions, "cwd">): Promise<Issue[]> {
  const file = path.join(dir, `${name.slice(1)}.spec.yaml`);
  await writeFile(
    file,
    `openapi: 3.1.0\ninfo: { title: T, version: "1" }\npaths:\n  /a:\n    get:\n      responses:\n        "200":\n          description: ok\n          content:\n            application/json:\n              schema: { $ref: "${base}${name}" }\n`,
  );
  try {
    await load(file, { allowRemoteRefs: true, ...options, cwd: dir });
    return [];
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    return [...error.issues];
  }
}

describe("remote $refs are fetched within a time limit and a size limit", () => {
  it("a fetch within the limits gives the document", async () => {
    expect(await loadWithRef("/pet.yaml", { remoteTimeoutMs: 2_000 })).toEqual([]);
  });

  it.each(["/hang.yaml", "/stall.yaml"])(
    "%s: a server that does not finish in time → remote-ref-timeout",
    async (name) => {
      const started = performance.now();
      const issues = await loadWithRef(name, { remoteTimeoutMs: 300 });
      expect(performance.now() - started).toBeLessThan(3_000);
      expect(issues).toMatchObject([
        { code: "remote-ref-timeout", severity: "error", file: `${name.slice(1)}.spec.yaml` },
      ]);
      expect([issues[0]!.line, issues[0]!.column]).toEqual([11, 15]);
      expect(issues[0]!.message).toContain(
        `remote $ref '${base}${name}' did not arrive within 300 ms (the limit for each remote $ref)`,
      );
    },
    10_000,
  );

  it("a body streaming without end stops at the byte limit → remote-ref-too-large", async () => {
    const issues = await loadWithRef("/endless.yaml", {
      remoteTimeoutMs: 5_000,
      remoteMaxBytes: 1024 * 1024,
    });
    expect(issues).toMatchObject([{ code: "remote-ref-too-large", line: 11, column: 15 }]);
    expect(issues[0]!.message).toContain(
      `remote $ref '${base}/endless.yaml' is over 1048576 bytes (the download was stopped); the limit for each file is 1048576 bytes`,
    );
  }, 10_000);

  it("by default the byte limit is the local files' MAX_INPUT_BYTES", async () => {
    const endlessIssues = await loadWithRef("/endless.yaml", { remoteTimeoutMs: 8_000 });
    expect(endlessIssues).toMatchObject([{ code: "remote-ref-too-large" }]);
    expect(endlessIssues[0]!.message).toContain(
      `the limit for each file is ${MAX_INPUT_BYTES} bytes`,
    );
    // A declared Content-Length over the limit is refused before the body is read.
    const declared = await loadWithRef("/oversized.yaml", { remoteTimeoutMs: 8_000 });
    expect(declared).toMatchObject([{ code: "remote-ref-too-large" }]);
    expect(declared[0]!.message).toContain(
      `is ${MAX_INPUT_BYTES + 1} bytes; the limit for each file is ${MAX_INPUT_BYTES} bytes`,
    );
  }, 20_000);

  it("an unreachable server names the URL → unresolved-ref", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const saved = base;
    base = `http://127.0.0.1:${port}`;
    try {
      const issues = await loadWithRef("/pet.yaml", { remoteTimeoutMs: 2_000 });
      expect(issues).toMatchObject([{ code: "unresolved-ref", line: 11, column: 15 }]);
      expect(issues[0]!.message).toContain(
        `cannot fetch remote $ref 'http://127.0.0.1:${port}/pet.yaml'`,
      );
    } finally {
      base = saved;
    }
  });
});
