/**
 * emit/types.ts: openapi-typescript through `openapiTS()` (redocly configured by emit/redocly.ts) leaves the
 * model's document as it was, and keys named like Object.prototype members generate (or, where redocly still
 * fails on them, give a clear error).
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { emitOpenApiNodes } from "../../generator/emit/types.js";
import { load } from "../../generator/load/load.js";
import { normalize } from "../../generator/model/normalize.js";
import { generate } from "../../generator/pipeline.js";
import { SpecError } from "../../generator/util/issues.js";
import { validate } from "../../generator/validate/validate.js";
import { PROJECT_ROOT } from "../helpers/specs-dir.js";

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "types-emit-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const run = async (spec: object) => {
  const input = path.join(dir, "spec.json");
  await writeFile(input, JSON.stringify(spec));
  return generate(
    { input, output: path.join(dir, "out"), name: "Api" },
    { cwd: PROJECT_ROOT, formatCache: false },
  );
};

it("openapi-typescript's changes to discriminated schemas stay out of the model and spec.normalized.json", async () => {
  const input = path.join(PROJECT_ROOT, "test/fixtures/composition.yaml");
  const validation = validate((await load(input, { cwd: PROJECT_ROOT })).document);
  const model = normalize(validation.document!, { input, output: "out", name: "Api" });
  const before = JSON.stringify(model.typesDocument);
  expect(before).toContain('"discriminator"');
  await emitOpenApiNodes(model);
  expect(JSON.stringify(model.typesDocument)).toBe(before);

  const result = await generate(
    { input, output: path.join(dir, "composition"), name: "Api" },
    { cwd: PROJECT_ROOT, formatCache: false },
  );
  const normalized = result.files.find((f) => f.path === "spec.normalized.json")!.contents;
  expect(normalized).not.toMatch(/by openapi-typescript/);
  expect(result.files.find((f) => f.path === "types.ts")!.contents).toMatch(/petType: "cat"/);
});

const spec = (extra: Record<string, unknown> = {}) => ({
  openapi: "3.1.0",
  info: { title: "T", version: "1" },
  security: [{ constructor: [] }],
  paths: {
    "/a": {
      get: {
        operationId: "getA",
        responses: {
          "200": {
            description: "ok",
            headers: { hasOwnProperty: { schema: { type: "string" } } },
            content: { "application/json": { schema: { $ref: "#/components/schemas/valueOf" } } },
          },
        },
      },
    },
  },
  components: {
    securitySchemes: { constructor: { type: "apiKey", in: "header", name: "x-key" } },
    schemas: {
      valueOf: {
        type: "object",
        required: ["isPrototypeOf"],
        properties: { isPrototypeOf: { type: "string" }, toLocaleString: { type: "integer" } },
      },
    },
  },
  ...extra,
});

it("keys named like Object.prototype members (schemas, properties, headers, security schemes) generate", async () => {
  const types = (await run(spec())).files.find((f) => f.path === "types.ts")!.contents;
  expect(types).toMatch(/\n {4}valueOf: ValueOf;\n/);
  expect(types).toMatch(
    /\nexport type ValueOf = \{\n {2}isPrototypeOf: string;\n {2}toLocaleString\?: number;\n\};/,
  );
});

it("such a key inside an x- extension is a clear error naming it", async () => {
  const error = await run(spec({ "x-settings": { nested: { hasOwnProperty: true } } })).catch(
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SpecError);
  expect((error as SpecError).issues).toMatchObject([
    { code: "prototype-key", pointer: "/x-settings/nested/hasOwnProperty" },
  ]);
});
