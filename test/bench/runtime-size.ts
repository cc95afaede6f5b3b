/**
 * Bundle size of the generated client's runtime, as an app sees it.
 *
 * Bundles (esbuild: bundle, minify, ESM, tree-shaking, browser platform) a tiny app that imports
 * createClientCore + request + one hand-written OperationSpec and calls it, then the same app
 * iterating a paginated operation, and the one-call app over the mock `fetch` (what the test kit adds).
 * Reports minified and gzip bytes and which runtime modules ended up in each bundle.
 *
 * Run: npx tsx test/bench/runtime-size.ts
 */
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const runtimeDir = fileURLToPath(new URL("../../templates/runtime/", import.meta.url));

const clientSpec = `const clientSpec = {
  servers: [{ name: "production", url: "https://api.introw.io" }],
  securitySchemes: { ApiKeyAuth: { type: "apiKey", in: "header", name: "x-api-key" } },
  rateLimitHeaders: ["x-ratelimit-limit-minute", "x-ratelimit-remaining-minute"],
};
const client = createClientCore(clientSpec, { auth: { ApiKeyAuth: "key" } });`;

/** The apps measured: one call, one call plus pagination, one call over the mock. */
export const APPS = {
  oneCall: `import { createClientCore } from "./client.js";
import { request } from "./request.js";
${clientSpec}
const getPayoutSpec = { id: "getPayout", method: "GET", path: "/api/v1/payouts/{id}",
  params: [{ name: "id", in: "path" }], response: "json", security: [["ApiKeyAuth"]] };
const getPayout = (c, params, options) => request(c, getPayoutSpec, params, options);
console.log(await getPayout(client, { id: "po_1" }));`,
  withPagination: `import { createClientCore } from "./client.js";
import { request } from "./request.js";
import { paginate } from "./pagination.js";
${clientSpec}
const getPayoutSpec = { id: "getPayout", method: "GET", path: "/api/v1/payouts/{id}",
  params: [{ name: "id", in: "path" }], response: "json", security: [["ApiKeyAuth"]] };
const listPayoutsSpec = { id: "listPayouts", method: "GET", path: "/api/v1/payouts",
  params: [{ name: "stage", in: "query" }, { name: "cursor", in: "query" }], response: "json", security: [["ApiKeyAuth"]],
  pagination: { cursorParam: "cursor", nextCursor: ["pagination", "nextCursor"], items: ["data"] } };
console.log(await request(client, getPayoutSpec, { id: "po_1" }));
for await (const p of paginate(client, listPayoutsSpec, { stage: "PENDING_REVIEW" })) console.log(p);`,
  /**
   * The one-call app in a test, over the mock engine (`templates/runtime/mock*.ts`) with one operation's data,
   * as `generated/<api>/mock.ts` declares it: what the mock adds to an app that imports it (the client's own budget,
   * `oneCall`, does not count it).
   */
  withMock: `import { createClientCore } from "./client.js";
import { request } from "./request.js";
import { createMockFetchCore } from "./mock.js";
const api = {
  schemas: { "#/components/schemas/Payout": { type: "object", required: ["id", "stage"], properties: {
    id: { type: "string" }, stage: { type: "string", enum: ["PENDING_REVIEW", "APPROVED"] },
    createdAt: { type: "string", format: "date-time" } } } },
  operations: [{ id: "getPayout", method: "GET", path: "/api/v1/payouts/{id}",
    params: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
    responses: [{ status: "200", mediaType: "application/json", schema: { $ref: "#/components/schemas/Payout" } }],
    security: [["ApiKeyAuth"]] }],
  securitySchemes: { ApiKeyAuth: { type: "apiKey", in: "header", name: "x-api-key" } },
};
const mock = createMockFetchCore(api, { seed: 1 });
${clientSpec.replace('{ auth: { ApiKeyAuth: "key" } }', '{ auth: { ApiKeyAuth: "key" }, fetch: mock }')}
const getPayoutSpec = { id: "getPayout", method: "GET", path: "/api/v1/payouts/{id}",
  params: [{ name: "id", in: "path" }], response: "json", security: [["ApiKeyAuth"]] };
console.log(await request(client, getPayoutSpec, { id: "po_1" }), mock.calls("getPayout"));`,
} as const;

export interface SizeReport {
  minified: number;
  gzip: number;
  /** Runtime modules with bytes in the bundle (file names). */
  modules: string[];
}

/** Bundles one app source (resolved against templates/runtime/) and measures it. */
export async function measure(source: string): Promise<SizeReport> {
  const result = await build({
    stdin: { contents: source, resolveDir: runtimeDir, loader: "ts", sourcefile: "app.ts" },
    bundle: true,
    minify: true,
    format: "esm",
    treeShaking: true,
    platform: "browser",
    target: "es2022",
    write: false,
    metafile: true,
    legalComments: "none",
  });
  const code = result.outputFiles[0]!.contents;
  const output = Object.values(result.metafile.outputs)[0]!;
  const modules = Object.entries(output.inputs)
    .filter(
      ([path, v]) =>
        v.bytesInOutput > 0 && path.includes("templates/runtime/") && !path.endsWith("app.ts"),
    )
    .map(([path]) => path.slice(path.lastIndexOf("/") + 1))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { minified: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength, modules };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const sizes: Record<string, SizeReport> = {};
  for (const [name, source] of Object.entries(APPS)) {
    const r = (sizes[name] = await measure(source));
    console.log(
      `${name.padEnd(15)} minified ${String(r.minified).padStart(6)} B   gzip ${String(r.gzip).padStart(5)} B   modules: ${r.modules.join(", ")}`,
    );
  }
  const [mock, one] = [sizes["withMock"]!, sizes["oneCall"]!];
  console.log(
    `the mock adds    minified ${String(mock.minified - one.minified).padStart(6)} B   gzip ${String(mock.gzip - one.gzip).padStart(5)} B   (withMock − oneCall; not in the client's budget)`,
  );
}
