import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { collectExamples, escapePointerToken, resolvePointer } from "../helpers/examples.js";
import { createSchemaValidator } from "../helpers/example-validator.js";

const root = fileURLToPath(new URL("../../", import.meta.url));

/** The project's specs and the fixtures Prism serves: every example in them must validate against its schema. */
const SPECS = [
  "spec/openapi.json",
  "spec/payout-provider.openapi.yaml",
  "test/fixtures/pagination-kinds.yaml",
] as const;

function loadSpec(file: string): Record<string, unknown> {
  const text = readFileSync(root + file, "utf8");
  return (file.endsWith(".json") ? JSON.parse(text) : parse(text)) as Record<string, unknown>;
}

function operationPointers(doc: Record<string, unknown>): string[] {
  const paths = (doc.paths ?? {}) as Record<string, Record<string, unknown>>;
  const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
  return Object.entries(paths).flatMap(([path, item]) =>
    methods.filter((m) => m in item).map((m) => `/paths/${escapePointerToken(path)}/${m}`),
  );
}

describe.each(SPECS)("examples in %s", (file) => {
  const doc = loadSpec(file);
  const examples = collectExamples(doc);
  const check = createSchemaValidator(doc);

  it("every operation has a 2xx response example", () => {
    const operations = operationPointers(doc);
    expect(operations.length).toBeGreaterThan(0);
    const missing = operations.filter(
      (op) =>
        !examples.some(
          (e) => e.pointer.startsWith(`${op}/responses/2`) && e.pointer.includes("/content/"),
        ),
    );
    expect(missing).toEqual([]);
  });

  it("every collected pointer points at the example value", () => {
    for (const e of examples) expect(resolvePointer(doc, e.pointer)).toEqual(e.value);
  });

  it.each(examples.map((e) => [`${e.pointer} against ${e.schemaPointer}`, e] as const))(
    "%s",
    (_name, e) => {
      const result = check(e.schemaPointer, e.value);
      expect(result.errors).toEqual([]);
      expect(result.valid).toBe(true);
    },
  );
});

/** Deep copy of an example, to break without touching the document. */
function copy<T>(value: T): T {
  return structuredClone(value);
}

describe("broken copies of examples are rejected", () => {
  it("spec/openapi.json: getPayout 200 with an unknown stage, a missing field and an extra field", () => {
    const doc = loadSpec("spec/openapi.json");
    const check = createSchemaValidator(doc);
    const media = "/paths/~1api~1v1~1payouts~1{id}/get/responses/200/content/application~1json";
    const original = resolvePointer(doc, `${media}/example`) as { data: Record<string, unknown> };
    expect(check(`${media}/schema`, original).valid).toBe(true);

    const broken = copy(original);
    broken.data.stage = "NOT_A_STAGE";
    delete broken.data.createdAt;
    broken.data.unexpected = true;
    const result = check(`${media}/schema`, broken);
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual(
      expect.arrayContaining([
        "/data must have required property 'createdAt'",
        "/data must NOT have additional properties",
        "/data/stage must be equal to one of the allowed values",
      ]),
    );
  });

  it("spec/openapi.json: updatePayout request body that is empty (minProperties: 1)", () => {
    const doc = loadSpec("spec/openapi.json");
    const check = createSchemaValidator(doc);
    const schema =
      "/paths/~1api~1v1~1payouts~1{id}/patch/requestBody/content/application~1json/schema";
    expect(check(schema, { stage: "PAID" }).valid).toBe(true);
    expect(check(schema, {}).errors).toEqual(["/ must NOT have fewer than 1 properties"]);
  });

  it("spec/payout-provider.openapi.yaml: list page with a boolean amount, a number timestamp and no payload", () => {
    const doc = loadSpec("spec/payout-provider.openapi.yaml");
    const check = createSchemaValidator(doc);
    const media = "/paths/~1api~1payout~1/get/responses/200/content/application~1json";
    const original = resolvePointer(doc, `${media}/example`) as {
      payload: Array<Record<string, unknown>>;
    };
    expect(check(`${media}/schema`, original).valid).toBe(true);

    const broken = copy(original);
    broken.payload[0]!.amount = true;
    broken.payload[0]!.created_at = 1707384569939;
    expect(check(`${media}/schema`, broken).errors).toEqual(
      expect.arrayContaining([
        "/payload/0/amount must be number",
        "/payload/0/amount must be string",
        "/payload/0/created_at must be string",
      ]),
    );
    const { payload: _dropped, ...withoutPayload } = copy(original);
    expect(check(`${media}/schema`, withoutPayload).errors).toEqual([
      "/ must have required property 'payload'",
    ]);
  });

  it("spec/payout-provider.openapi.yaml: amount is a number or a decimal string, status a code 0–7", () => {
    const doc = loadSpec("spec/payout-provider.openapi.yaml");
    const check = createSchemaValidator(doc);
    for (const ok of [2000, -1800, "2200", "12.50"])
      expect(check("/components/schemas/Amount", ok).valid).toBe(true);
    for (const bad of ["2,200", "", null])
      expect(check("/components/schemas/Amount", bad).valid).toBe(false);
    expect(check("/components/schemas/PayoutStatusCode", 7).valid).toBe(true);
    expect(check("/components/schemas/PayoutStatusCode", 8).valid).toBe(false);
    expect(check("/components/schemas/PayoutStatusCode", "3").valid).toBe(false);
  });

  it("spec/payout-provider.openapi.yaml: error envelope without a code", () => {
    const doc = loadSpec("spec/payout-provider.openapi.yaml");
    const check = createSchemaValidator(doc);
    const media = "/paths/~1api~1payout~1{id}/get/responses/404/content/application~1json";
    const original = resolvePointer(doc, `${media}/example`) as {
      error: Array<Record<string, unknown>>;
    };
    const broken = copy(original);
    delete broken.error[0]!.code;
    expect(check(`${media}/schema`, broken).errors).toEqual([
      "/error/0 must have required property 'code'",
    ]);
  });
});
