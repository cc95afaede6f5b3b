/**
 * Runtime benchmarks of the clients on the Introw spec: per-call overhead (an in-process fetch stub
 * returning a canned JSON Response; getPayout 100 000 times, in a fresh node process per run) and
 * bundle size (esbuild minified + gzip of a one-call app, measured by runtime-size.ts's `measure`).
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { type Contender, PROJECT_ROOT, interleave, median, timeNode } from "./common.js";
import { measure, type SizeReport } from "./runtime-size.js";

/** Calls per measured loop, and unmeasured calls before it (JIT warm-up). */
export const CALLS = Number(process.env["BENCH_CALLS"] ?? 100_000);
const WARM_CALLS = 20_000;

/** The getPayout 200 example from spec/openapi.json: the canned response body. */
function cannedBody(): string {
  const spec = JSON.parse(readFileSync(path.join(PROJECT_ROOT, "spec/openapi.json"), "utf8")) as {
    paths: Record<
      string,
      { get?: { responses?: Record<string, { content?: Record<string, { example?: unknown }> }> } }
    >;
  };
  const example =
    spec.paths["/api/v1/payouts/{id}"]?.get?.responses?.["200"]?.content?.["application/json"]
      ?.example;
  return JSON.stringify(example ?? { data: { id: "pay_1", stage: "PENDING_REVIEW" } });
}

/** Per client: imports + client construction (with `fetch: stub`) and one `call` expression. */
const CLIENTS: Record<string, (out: string) => { setup: string; call: string }> = {
  ours: (out) => ({
    setup: `import { createClient, getPayout } from "${out}/index.js";
const client = createClient({ apiKey: "key", fetch: stub });`,
    call: `getPayout(client, { id: "pay_1" })`,
  }),
  hey: (out) => ({
    setup: `import { createClient, createConfig } from "${out}/client/index.js";
import { getPayout } from "${out}/sdk.gen.js";
const client = createClient(createConfig({ baseUrl: "https://api.introw.io", fetch: stub, auth: () => "key" }));`,
    call: `getPayout({ client, path: { id: "pay_1" }, throwOnError: true }).then((r) => r.data)`,
  }),
  "openapi-fetch": () => ({
    setup: `import createClient from "openapi-fetch";
const client = createClient({ baseUrl: "https://api.introw.io", fetch: stub, headers: { "x-api-key": "key" } });`,
    call: `client.GET("/api/v1/payouts/{id}", { params: { path: { id: "pay_1" } } }).then((r) => { if (r.error !== undefined) throw r.error; return r.data; })`,
  }),
  raw: () => ({
    setup: ``,
    call: `stub("https://api.introw.io/api/v1/payouts/" + encodeURIComponent("pay_1"), { headers: { "x-api-key": "key" } }).then(async (r) => { if (!r.ok) throw new Error(String(r.status)); return JSON.parse(await r.text()); })`,
  }),
};

function overheadApp(id: string, out: string): string {
  const { setup, call } = CLIENTS[id]!(out);
  return `const body = ${JSON.stringify(cannedBody())};
const stub = async (_input, _init) => new Response(body, { status: 200, headers: { "content-type": "application/json" } });
${setup}
const calls = Number(process.argv[2]);
const warm = Number(process.argv[3]);
let sink = 0;
for (let i = 0; i < warm; i++) sink += (await ${call}) === undefined ? 0 : 1;
const start = performance.now();
for (let i = 0; i < calls; i++) sink += (await ${call}) === undefined ? 0 : 1;
const us = ((performance.now() - start) * 1000) / calls;
if (sink !== calls + warm) throw new Error("a call returned nothing");
console.log(JSON.stringify({ us }));
`;
}

export interface ClientFigure {
  /** Median µs per call, and the same minus raw fetch + JSON.parse. */
  readonly usPerCall?: number;
  readonly overheadUs?: number;
  readonly size?: SizeReport;
  readonly failure?: string;
}

/**
 * Measures overhead and size per client. `outputs`: tool id → its Introw output directory
 * (ours: our client; hey: hey-api's; openapi-fetch and raw need none).
 */
export async function benchClients(
  outputs: ReadonlyMap<string, string>,
  scratch: string,
): Promise<Map<string, ClientFigure>> {
  const ids = ["ours", "hey", "openapi-fetch", "raw"].filter(
    (id) => id === "raw" || id === "openapi-fetch" || outputs.has(id),
  );
  const contenders: Contender<string>[] = [];
  const figures = new Map<string, ClientFigure>();
  for (const id of ids) {
    const out = outputs.get(id) ?? "";
    const file = path.join(scratch, `overhead-${id}.mjs`);
    const result = await build({
      stdin: {
        contents: overheadApp(id, out),
        resolveDir: scratch,
        loader: "ts",
        sourcefile: `overhead-${id}.ts`,
      },
      bundle: true,
      format: "esm",
      platform: "node",
      target: "node20",
      write: false,
      logLevel: "silent",
    });
    writeFileSync(file, result.outputFiles[0]!.text);
    contenders.push({ id, label: id, config: file });
    const { setup, call } = CLIENTS[id]!(out);
    const size = await measure(
      `const stub = globalThis.fetch;\n${setup}\nconsole.log(await ${call});\n`,
    );
    figures.set(id, { size });
  }
  const samples = await interleave(contenders, (c) =>
    timeNode(c.config, [String(CALLS), String(WARM_CALLS)], scratch),
  );
  const perCall = new Map<string, number>();
  for (const c of contenders) {
    const list = samples.get(c.id) ?? [];
    const values = list
      .filter((s) => s.exitCode === 0)
      .map((s) => (JSON.parse(s.output.trim().split("\n").pop()!) as { us: number }).us);
    if (values.length === 0)
      figures.set(c.id, { ...figures.get(c.id), failure: list[0]?.tail ?? "no runs" });
    else perCall.set(c.id, median(values));
  }
  const raw = perCall.get("raw");
  for (const [id, us] of perCall) {
    figures.set(id, {
      ...figures.get(id),
      usPerCall: us,
      ...(raw !== undefined ? { overheadUs: us - raw } : {}),
    });
  }
  return figures;
}
