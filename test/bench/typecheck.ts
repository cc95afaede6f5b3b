/**
 * Type-check cost of each tool's output: `tsc --noEmit --extendedDiagnostics` on a small file that
 * calls three operations of the OpenAI spec (listModels, retrieveModel, createEmbedding).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type Contender, NODE_MODULES, interleave, median, timeNode } from "./common.js";

const BODY = `{ model: "text-embedding-3-small", input: "Say hi" }`;
/** openapi-typescript's CLI default (defaultNonNullable) makes properties with a default required. */
const OTS_BODY = `{ model: "text-embedding-3-small", input: "Say hi", encoding_format: "float" }`;

/** The app per tool, given the tool's output directory. */
const APPS: Record<string, (out: string) => string> = {
  ours: (
    out,
  ) => `import { createClient, listModels, retrieveModel, createEmbedding } from "${out}/index.js";
const client = createClient({ bearerToken: "sk-test" });
export async function main(): Promise<string> {
  const models = await listModels(client);
  const model = await retrieveModel(client, { model: models.data[0]!.id });
  const embedding = await createEmbedding(client, { body: ${BODY} });
  return model.id + embedding.data.length;
}`,
  hey: (out) => `import { listModels, retrieveModel, createEmbedding } from "${out}/index.js";
export async function main(): Promise<string> {
  const models = await listModels({ throwOnError: true });
  const model = await retrieveModel({ path: { model: models.data.data[0]!.id }, throwOnError: true });
  const embedding = await createEmbedding({ body: ${BODY}, throwOnError: true });
  return model.data.id + embedding.data.data.length;
}`,
  "openapi-fetch": (out) => `import createClient from "openapi-fetch";
import type { paths } from "${out}/schema.js";
const client = createClient<paths>({ baseUrl: "https://api.openai.com/v1" });
export async function main(): Promise<string> {
  const models = await client.GET("/models");
  if (models.data === undefined) throw new Error("no models");
  const model = await client.GET("/models/{model}", { params: { path: { model: models.data.data[0]!.id } } });
  const embedding = await client.POST("/embeddings", { body: ${OTS_BODY} });
  return (model.data?.id ?? "") + (embedding.data?.data.length ?? 0);
}`,
  ots: (out) => `import type { paths } from "${out}/schema.js";
type Json<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { responses: { 200: { content: { "application/json": infer T } } } } ? T : never;
export type Models = Json<"/models", "get">;
export type Model = Json<"/models/{model}", "get">;
export type Embedding = Json<"/embeddings", "post">;
export function describe(model: Model, embedding: Embedding): string {
  return model.id + embedding.data.length;
}`,
};

const TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    lib: ["ES2022", "DOM", "DOM.Iterable"],
    module: "ESNext",
    moduleResolution: "Bundler",
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  },
  files: ["app.ts"],
};

export interface TypecheckFigure {
  readonly checkS?: number;
  readonly totalS?: number;
  readonly types?: number;
  /** tsc's own "Memory used", MB. */
  readonly memoryMb?: number;
  readonly wallMs?: number;
  readonly errors?: string;
}

/**
 * Type-checks an app per tool against `outputs` (tool id → output directory), interleaved.
 * @returns median check time (s), total time (s), types count, tsc memory (MB) and wall time (ms) per tool.
 */
export async function benchTypecheck(
  outputs: ReadonlyMap<string, string>,
  scratch: string,
): Promise<Map<string, TypecheckFigure>> {
  const contenders: Contender<string>[] = [];
  for (const [id, out] of outputs) {
    const app = APPS[id];
    if (app === undefined) continue;
    const dir = path.join(scratch, `typecheck-${id}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "app.ts"), `${app(out)}\n`);
    writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2));
    contenders.push({ id, label: id, config: dir });
  }
  const tsc = path.join(NODE_MODULES, "typescript/lib/tsc.js");
  const samples = await interleave(contenders, (c) =>
    timeNode(tsc, ["-p", c.config, "--extendedDiagnostics"], c.config),
  );
  const figures = new Map<string, TypecheckFigure>();
  for (const c of contenders) {
    const list = samples.get(c.id) ?? [];
    const errors = list[0]?.output.split("\n").filter((l) => /error TS\d+/.test(l));
    const stat = (name: string): number | undefined => {
      const values = list
        .map((s) => diagnostic(s.output, name))
        .filter((v): v is number => v !== undefined);
      return values.length > 0 ? median(values) : undefined;
    };
    const memoryK = stat("Memory used");
    figures.set(c.id, {
      ...(stat("Check time") !== undefined ? { checkS: stat("Check time")! } : {}),
      ...(stat("Total time") !== undefined ? { totalS: stat("Total time")! } : {}),
      ...(stat("Types") !== undefined ? { types: stat("Types")! } : {}),
      ...(memoryK !== undefined ? { memoryMb: memoryK / 1024 } : {}),
      wallMs: median(list.map((s) => s.wallMs)),
      ...(errors !== undefined && errors.length > 0
        ? { errors: `${errors.length} errors, first: ${errors[0]!.trim()}` }
        : {}),
    });
  }
  return figures;
}

function diagnostic(output: string, name: string): number | undefined {
  const match = new RegExp(`^${name}:\\s+([\\d.]+)(s|K)?\\s*$`, "m").exec(output);
  return match === null ? undefined : Number(match[1]);
}
