/**
 * The generated mock over every feature fixture and the real-spec subset: each operation is called through
 * the generated client with valid params (paginated ones page by page) and every answer is checked by ajv
 * against the operation's response schema in the document; one crafted bad call per operation must be refused
 * (400 naming the problem, or 401 without credentials); the same seed gives byte-identical answers.
 * Operations that accept every input (nothing to violate) are listed in the test's output.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, expect, it } from "vitest";
import { generate } from "../../generator/index.js";
import type { ApiModel } from "../../generator/model/model.js";
import { listFixtures } from "../helpers/fixtures.js";
import { badCall, credentials, validParams } from "../helpers/mock-calls.js";
import { openapiValidator, responseSchemaPointer } from "../helpers/openapi-ajv.js";
import { PROJECT_ROOT, SPECS_DIR, hasSpecs } from "../helpers/specs-dir.js";
import { writeFiles } from "../helpers/typecheck.js";

const REAL = [
  "oai/petstore-expanded.yaml",
  "openapi-typescript/digital-ocean-api/DigitalOcean-public.v2.yaml",
  "apis-guru/amazonaws.com__appmesh__2019-01-25.yaml",
];
const targets = [
  ...listFixtures().map((f) => [f.name, f.input] as const),
  ...(hasSpecs ? REAL.map((s) => [s, path.join(SPECS_DIR, s)] as const) : []),
];

type Fn = (client: unknown, params?: unknown, options?: unknown) => Call;
interface Call extends PromiseLike<unknown> {
  withResponse(): Promise<{ data: unknown; response: Response }>;
  safe(): Promise<{ ok: boolean; error?: { status?: number; message: string } }>;
  pages?(): AsyncIterable<unknown>;
}
type ClientModule = Record<string, Fn> & { createClient(config: object): unknown };
type MockModule = { createMockFetch(options?: object): typeof fetch };

let tmp: string | undefined;
afterAll(async () => {
  if (tmp !== undefined) await rm(tmp, { recursive: true, force: true });
});

/** Calls every operation with valid params; returns each answer as JSON and what ajv found wrong. */
async function callAll(
  model: ApiModel,
  client: ClientModule,
  mock: MockModule,
  doc: Record<string, unknown>,
  seed: number,
) {
  const check = openapiValidator(doc);
  const fetch = mock.createMockFetch({ seed });
  let config: object = { ...credentials(model), fetch, maxRetries: 0 };
  let c: unknown;
  try {
    c = client.createClient(config);
  } catch {
    // no server with an absolute URL
    config = { ...config, baseUrl: "http://mock.test" };
    c = client.createClient(config);
  }
  const answers: string[] = [];
  const problems: string[] = [];
  for (const [i, o] of model.operations.entries()) {
    const success = o.success[0];
    const validate = (data: unknown): void => {
      answers.push(JSON.stringify(data) ?? "undefined");
      if (o.responseKind !== "json" || success?.mediaType === undefined) return;
      const pointer = responseSchemaPointer(
        doc,
        o.path,
        o.method.toLowerCase(),
        success.status,
        success.mediaType,
      );
      const errors = pointer === undefined ? [] : check(pointer, data);
      if (errors.length)
        problems.push(
          `${o.name}: ${errors.slice(0, 3).join("; ")} in ${JSON.stringify(data).slice(0, 300)}`,
        );
    };
    const params = validParams(model, i, seed * 1000 + i);
    try {
      const call = client[o.name]!(c, params, o.pagination ? { maxPages: 4 } : undefined);
      if (o.pagination) for await (const page of call.pages!()) validate(page);
      else validate((await call.withResponse()).data);
    } catch (e) {
      problems.push(`${o.name}: ${String(e)}`);
    }
  }
  return { answers, problems, config, c };
}

it.each(targets)(
  "%s: every operation answers valid data, refuses a bad call, repeats with its seed",
  async (name, input) => {
    const result = await generate(
      { input, output: `generated/${name}`, name: "Mocked" },
      { cwd: PROJECT_ROOT },
    );
    tmp ??= await mkdtemp(path.join(os.tmpdir(), "mock-specs-"));
    const dir = path.join(tmp, name.replace(/[^A-Za-z0-9]+/g, "-"));
    await writeFiles(dir, result.files);
    const client = (await import(pathToFileURL(path.join(dir, "index.ts")).href)) as ClientModule;
    const mock = (await import(pathToFileURL(path.join(dir, "mock.ts")).href)) as MockModule;
    const doc = JSON.parse(
      result.files.find((f) => f.path === "spec.normalized.json")!.contents,
    ) as Record<string, unknown>;
    const model = result.model;

    const first = await callAll(model, client, mock, doc, 1);
    expect(first.problems).toEqual([]);
    const again = await callAll(model, client, mock, doc, 1);
    expect(again.answers).toEqual(first.answers);

    const accepted: string[] = [];
    const open: string[] = [];
    for (const [i, o] of model.operations.entries()) {
      const bad = badCall(model, i, validParams(model, i, 1000 + i));
      if (bad === undefined) {
        open.push(o.name);
        continue;
      }
      const c = bad.anonymous
        ? client.createClient({
            ...first.config,
            ...Object.fromEntries(model.securitySchemes.map((s) => [s.configKey, undefined])),
          })
        : first.c;
      let status: number | string | undefined;
      try {
        const r = await client[o.name]!(c, bad.params).safe();
        status = r.ok ? "ok" : r.error?.status;
      } catch (e) {
        status = String(e);
      }
      if (status !== bad.status) accepted.push(`${o.name} ${bad.what}: ${status}`);
    }
    expect(accepted).toEqual([]);
    console.info(
      `${name}: ${model.operations.length} operations answered valid data; ${model.operations.length - open.length} bad calls refused; ${open.length} accept every input${open.length ? ` (${open.join(", ")})` : ""}`,
    );
  },
);
