/**
 * Builds a fresh TypeScript project around a copy of a generated client (for the vendoring tests), and a
 * loopback mock of the Introw payout endpoint (127.0.0.1, port 0, CORS allowed) for the calls.
 */
import { spawn } from "node:child_process";
import { cp, mkdir, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { PROJECT_ROOT } from "../helpers/specs-dir.js";
import { STRICT_OPTIONS } from "../helpers/typecheck.js";

/** Compiler options of one module-resolution (or library) mode; the strict flags are added by `writeProject`. */
export const MODES = {
  bundler: { module: "esnext", moduleResolution: "bundler" },
  node16: { module: "node16", moduleResolution: "node16" },
  nodenext: { module: "nodenext", moduleResolution: "nodenext" },
  // What @tsconfig/node20 gives: ES2023 library and Node's types, no DOM lib (issue 13.3: BodyInit was missing).
  "node20-no-dom": { module: "node16", moduleResolution: "node16", lib: ["ES2023"] },
} as const;

/** Code that uses the client: a typed call, a compile-time misuse, and the error path. */
export const MAIN_TS = `import { createClient, getPayout, NotFoundError, type GetPayoutResponse } from "./introw/index.js";

const baseUrl = typeof process !== "undefined" ? process.argv[2] ?? "" : "";
const client = createClient({ apiKey: "test-key", baseUrl, maxRetries: 0 });
const payout: GetPayoutResponse = await getPayout(client, { id: "pay_1" });
const stage: string = payout.data.stage;
// @ts-expect-error: the id path parameter is required
void (() => getPayout(client, {}));
let error = "";
try {
  await getPayout(client, { id: "missing" });
} catch (e) {
  if (e instanceof NotFoundError) error = \`\${e.name} \${e.status}\`;
}
console.log(JSON.stringify({ id: payout.data.id, stage, amount: payout.data.amount.value, error }));
`;

/** Copies `generated/<api>` into `<dir>/src/<api>` and writes package.json, src/main.ts and one tsconfig per mode. */
export async function writeProject(dir: string, api = "introw"): Promise<void> {
  await mkdir(path.join(dir, "src"), { recursive: true });
  await cp(path.join(PROJECT_ROOT, "generated", api), path.join(dir, "src", api), {
    recursive: true,
  });
  await writeFile(
    path.join(dir, "package.json"),
    `${JSON.stringify({ name: "vendored-client-test", private: true, type: "module" })}\n`,
  );
  await writeFile(path.join(dir, "src", "main.ts"), MAIN_TS);
  // The same strict flags as every other generated-client check; module settings come from each mode.
  const {
    module: _module,
    moduleResolution: _resolution,
    noEmit: _noEmit,
    ...base
  } = STRICT_OPTIONS;
  const strict = {
    ...base,
    types: ["node"],
    typeRoots: [path.join(PROJECT_ROOT, "node_modules", "@types")],
  };
  for (const [mode, options] of Object.entries(MODES)) {
    const tsconfig = {
      compilerOptions: { ...strict, ...options, noEmit: true },
      include: ["src/**/*.ts"],
    };
    await writeFile(
      path.join(dir, `tsconfig.${mode}.json`),
      `${JSON.stringify(tsconfig, null, 2)}\n`,
    );
  }
  const emit = {
    compilerOptions: { ...strict, ...MODES.nodenext, outDir: "dist", rootDir: "src" },
    include: ["src/**/*.ts"],
  };
  await writeFile(path.join(dir, "tsconfig.emit.json"), `${JSON.stringify(emit, null, 2)}\n`);
}

/** Runs a command; resolves to its exit code and output. */
export function run(
  command: string,
  args: readonly string[],
  cwd: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

export const TSC = path.join(PROJECT_ROOT, "node_modules", "typescript", "bin", "tsc");

/** The payout the mock returns for `pay_1` (shape of the Introw PayoutResponse). */
export const PAYOUT = {
  data: {
    id: "pay_1",
    partner: { id: "ptn_1", name: "Acme Partners" },
    batchId: null,
    periodStart: "2026-01-01T00:00:00.000Z",
    periodEnd: "2026-03-31T23:59:59.000Z",
    amount: { value: "4250.00", currency: "USD" },
    stage: "PENDING_REVIEW",
    poNumber: null,
    createdAt: "2026-04-05T09:00:00.000Z",
    updatedAt: "2026-04-05T09:00:00.000Z",
  },
};

/**
 * Starts the mock on 127.0.0.1:0: `GET /api/v1/payouts/pay_1` → 200 PAYOUT, any other id → 404 PublicApiError;
 * answers CORS preflights and sets `Access-Control-Allow-Origin: *`. Records each request's `x-api-key`.
 */
export async function startMock(): Promise<{
  url: string;
  keys: (string | undefined)[];
  server: Server;
  close: () => Promise<void>;
}> {
  const keys: (string | undefined)[] = [];
  const server = createServer((req, res) => {
    res.setHeader("access-control-allow-origin", "*");
    res.setHeader("access-control-allow-headers", "*");
    res.setHeader("access-control-allow-methods", "GET, POST, PATCH, OPTIONS");
    if (req.method === "OPTIONS") {
      res.writeHead(204).end();
      return;
    }
    const key = req.headers["x-api-key"];
    keys.push(typeof key === "string" ? key : undefined);
    const match = /^\/api\/v1\/payouts\/([^/?]+)/.exec(req.url ?? "");
    const found = req.method === "GET" && match?.[1] === "pay_1";
    res.writeHead(found ? 200 : 404, { "content-type": "application/json" });
    res.end(
      JSON.stringify(
        found ? PAYOUT : { error: { code: "not_found", message: "Payout not found" } },
      ),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    keys,
    server,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
