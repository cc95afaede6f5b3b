/**
 * Schema repairs (generator/validate/schemas.ts), one row per shape: the warning (code and pointer), the repaired
 * schema, and that openapi-typescript alone fails on the document as written (`crashes`) but types the repaired one.
 * Rows without `crashes` are shapes openapi-typescript types as a value nobody can write (`never`, `Record<string,
 * never>`). The fixtures test/fixtures/object-enum.yaml and schema-repairs.yaml show the generated clients.
 */
import { describe, expect, it } from "vitest";
import { openapiTS } from "../../generator/emit/openapi-typescript.js";
import { redoclyConfig } from "../../generator/emit/redocly.js";
import { validate } from "../../generator/validate/validate.js";
import type { OpenAPI3 } from "openapi-typescript";

interface Row {
  readonly name: string;
  readonly schema: unknown;
  readonly code: string;
  /** Pointer of the warning below `/components/schemas/X`. */
  readonly at: string;
  readonly repaired: unknown;
  readonly crashes: boolean;
}

const CAT = { type: "object", properties: { kind: { type: "string" } } };

const ROWS: readonly Row[] = [
  {
    name: "type object with an enum of strings",
    schema: { type: "object", enum: ["global"] },
    code: "object-enum",
    at: "/enum",
    repaired: { type: "string", enum: ["global"] },
    crashes: true,
  },
  {
    name: "type object with an enum of objects and properties",
    schema: { type: "object", properties: { a: { type: "string" } }, enum: [{ a: "x" }, "y"] },
    code: "object-enum",
    at: "/enum",
    repaired: { enum: [{ a: "x" }, "y"] },
    crashes: true,
  },
  {
    name: "a schema that is a string",
    schema: "string",
    code: "invalid-schema",
    at: "",
    repaired: {},
    crashes: true,
  },
  {
    name: "properties that are not an object",
    schema: { type: "object", properties: "id" },
    code: "invalid-keyword",
    at: "/properties",
    repaired: { type: "object" },
    crashes: true,
  },
  {
    name: "a property that is a type name",
    schema: { type: "object", properties: { id: "string" } },
    code: "invalid-schema",
    at: "/properties/id",
    repaired: { type: "object", properties: { id: {} } },
    crashes: true,
  },
  {
    name: "a property that is null",
    schema: { type: "object", properties: { id: null } },
    code: "invalid-schema",
    at: "/properties/id",
    repaired: { type: "object", properties: { id: {} } },
    crashes: true,
  },
  {
    name: "required: true (a Swagger 2 habit)",
    schema: { type: "object", required: true, properties: { id: { type: "string" } } },
    code: "invalid-keyword",
    at: "/required",
    repaired: { type: "object", properties: { id: { type: "string" } } },
    crashes: true,
  },
  {
    name: "allOf that is an object",
    schema: { allOf: { type: "object" } },
    code: "invalid-keyword",
    at: "/allOf",
    repaired: {},
    crashes: true,
  },
  {
    name: "a string in allOf",
    schema: { allOf: ["Cat", CAT] },
    code: "invalid-schema",
    at: "/allOf/0",
    repaired: { allOf: [CAT] },
    crashes: true,
  },
  {
    name: "a boolean in allOf",
    schema: { allOf: [true, CAT] },
    code: "invalid-schema",
    at: "/allOf/0",
    repaired: { allOf: [CAT] },
    crashes: true,
  },
  {
    name: "oneOf that is a string",
    schema: { oneOf: "Cat" },
    code: "invalid-keyword",
    at: "/oneOf",
    repaired: {},
    crashes: true,
  },
  {
    name: "items that is a type name",
    schema: { type: "array", items: "string" },
    code: "invalid-schema",
    at: "/items",
    repaired: { type: "array", items: {} },
    crashes: true,
  },
  {
    name: "prefixItems that is an object",
    schema: { type: "array", prefixItems: { type: "string" } },
    code: "invalid-keyword",
    at: "/prefixItems",
    repaired: { type: "array" },
    crashes: true,
  },
  {
    name: "additionalProperties that is a list",
    schema: { type: "object", additionalProperties: [{ type: "string" }] },
    code: "invalid-keyword",
    at: "/additionalProperties",
    repaired: { type: "object" },
    crashes: true,
  },
  {
    name: "a patternProperties value that is a type name",
    schema: { type: "object", patternProperties: { "^x-": "string" } },
    code: "invalid-schema",
    at: "/patternProperties/^x-",
    repaired: { type: "object", patternProperties: { "^x-": {} } },
    crashes: true,
  },
  {
    name: "enum that is a string",
    schema: { type: "object", enum: "global" },
    code: "invalid-keyword",
    at: "/enum",
    repaired: { type: "object" },
    crashes: true,
  },
  {
    name: "a $ref that is a number",
    schema: { $ref: 5, type: "string" },
    code: "invalid-keyword",
    at: "/$ref",
    repaired: { type: "string" },
    crashes: true,
  },
  {
    name: "a title that is a boolean",
    schema: { type: "string", title: true },
    code: "invalid-keyword",
    at: "/title",
    repaired: { type: "string" },
    crashes: true,
  },
  {
    name: "a discriminator mapping to nothing",
    schema: {
      oneOf: [{ $ref: "#/components/schemas/Cat" }],
      discriminator: { propertyName: "kind", mapping: { cat: "#/components/schemas/Gone" } },
    },
    code: "invalid-discriminator",
    at: "/discriminator/mapping/cat",
    repaired: {
      oneOf: [{ $ref: "#/components/schemas/Cat" }],
      discriminator: { propertyName: "kind", mapping: {} },
    },
    crashes: true,
  },
  {
    name: "a discriminator without propertyName",
    schema: { oneOf: [{ $ref: "#/components/schemas/Cat" }], discriminator: "kind" },
    code: "invalid-discriminator",
    at: "/discriminator",
    repaired: { oneOf: [{ $ref: "#/components/schemas/Cat" }] },
    crashes: false,
  },
  {
    name: "an unknown type name (typed Record<string, never> as written)",
    schema: { type: "file" },
    code: "unknown-type",
    at: "/type",
    repaired: {},
    crashes: false,
  },
  {
    name: "a type list with a number in it",
    schema: { type: ["string", 5] },
    code: "unknown-type",
    at: "/type",
    repaired: { type: ["string"] },
    crashes: false,
  },
  {
    name: "an empty enum (typed never as written)",
    schema: { type: "string", enum: [] },
    code: "empty-enum",
    at: "/enum",
    repaired: { type: "string" },
    crashes: false,
  },
  {
    name: "a format that is a number",
    schema: { type: "string", format: 5 },
    code: "invalid-keyword",
    at: "/format",
    repaired: { type: "string" },
    crashes: false,
  },
];

function documentWith(schema: unknown): Record<string, unknown> {
  return {
    openapi: "3.0.3",
    info: { title: "Repairs", version: "1" },
    paths: {
      "/x": {
        get: {
          operationId: "getX",
          responses: {
            "200": {
              description: "X",
              content: { "application/json": { schema: { $ref: "#/components/schemas/X" } } },
            },
          },
        },
      },
    },
    components: { schemas: { X: schema, Cat: CAT } },
  };
}

async function types(doc: unknown): Promise<void> {
  await openapiTS(structuredClone(doc) as OpenAPI3, {
    redocly: await redoclyConfig(),
    silent: true,
  });
}

describe("schema repairs", () => {
  it.each(ROWS)("$name: $code", async (row) => {
    const raw = documentWith(row.schema);
    const result = validate(raw);
    expect(result.issues.map((i) => `${i.code} ${i.pointer}`)).toEqual([
      `${row.code} /components/schemas/X${row.at}`,
    ]);
    const components = result.document!["components"] as { schemas: Record<string, unknown> };
    expect(components.schemas["X"]).toEqual(row.repaired);
    expect(raw["components"]).toEqual(documentWith(row.schema)["components"]); // the input is not changed
    if (row.crashes) await expect(types(raw)).rejects.toThrow();
    else await types(raw);
    await types(result.document);
  });

  it("a discriminator mapping by schema name becomes its $ref (the bundler reads a bare name as a file)", async () => {
    const raw = documentWith({
      oneOf: [{ $ref: "#/components/schemas/Cat" }],
      discriminator: { propertyName: "kind", mapping: { cat: "Cat" } },
    });
    await expect(types(raw)).rejects.toThrow(/resolve/);
    const result = validate(raw);
    expect(result.issues).toEqual([]);
    const components = result.document!["components"] as { schemas: Record<string, unknown> };
    expect(components.schemas["X"]).toMatchObject({
      discriminator: { mapping: { cat: "#/components/schemas/Cat" } },
    });
    await types(result.document);
  });

  it("blank descriptions, titles and summaries are dropped without a warning; data is left alone", () => {
    const raw = documentWith({
      type: "object",
      title: " ",
      description: "",
      properties: { a: { type: "string", description: "\n" } },
      example: { description: "" },
    });
    const paths = raw["paths"] as Record<string, Record<string, Record<string, unknown>>>;
    paths["/x"]!["get"]!["summary"] = "";
    const result = validate(raw);
    expect(result.issues).toEqual([]);
    const doc = result.document!;
    const components = doc["components"] as { schemas: Record<string, unknown> };
    expect(components.schemas["X"]).toEqual({
      type: "object",
      properties: { a: { type: "string" } },
      example: { description: "" },
    });
    const op = (doc.paths["/x"] as Record<string, Record<string, unknown>>)["get"]!;
    expect(op).not.toHaveProperty("summary");
    expect((op["responses"] as Record<string, unknown>)["200"]).toHaveProperty("description", "X");
  });

  it("a document without defects is returned as it is (same objects)", () => {
    const raw = documentWith(CAT);
    const result = validate(raw);
    expect(result.issues).toEqual([]);
    expect(result.document!["components"]).toBe(raw["components"]);
  });
});
