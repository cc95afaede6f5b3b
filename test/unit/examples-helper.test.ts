import { describe, expect, it } from "vitest";
import { collectExamples, resolvePointer } from "../helpers/examples.js";
import { createSchemaValidator } from "../helpers/example-validator.js";

/** A tiny document with one example in every location the collector covers. */
const doc = {
  openapi: "3.1.0",
  info: { title: "fixture", version: "1" },
  paths: {
    "/things/{id}": {
      parameters: [
        { name: "id", in: "path", required: true, schema: { type: "string" }, example: "t_1" },
      ],
      post: {
        parameters: [
          { $ref: "#/components/parameters/Limit" },
          {
            name: "filter",
            in: "query",
            content: { "application/json": { schema: { type: "object" }, example: { a: 1 } } },
          },
        ],
        requestBody: {
          content: {
            "application/json": {
              schema: { $ref: "#/components/schemas/Thing" },
              examples: {
                inline: { value: { name: "a" } },
                shared: { $ref: "#/components/examples/SharedThing" },
                external: { externalValue: "https://example.com/thing.json" },
              },
            },
          },
        },
        responses: {
          "200": {
            description: "ok",
            headers: {
              "x-count": { schema: { type: "integer" }, examples: { one: { value: 1 } } },
            },
            content: {
              "application/json": {
                schema: { $ref: "#/components/schemas/Thing" },
                example: { name: "b" },
              },
            },
          },
          "404": { $ref: "#/components/responses/NotFound" },
        },
      },
    },
  },
  components: {
    schemas: {
      Thing: {
        type: "object",
        properties: {
          name: { type: "string", example: "c" },
          tags: { type: "array", items: { type: "string", examples: ["x", "y"] } },
        },
        required: ["name"],
        additionalProperties: false,
        "x-internal": true,
      },
    },
    parameters: {
      Limit: { name: "limit", in: "query", schema: { type: "integer", maximum: 10 }, example: 5 },
    },
    responses: {
      NotFound: {
        description: "nf",
        content: { "application/json": { schema: { type: "object" }, example: {} } },
      },
    },
    examples: { SharedThing: { value: { name: "shared" } } },
  },
};

describe("collectExamples", () => {
  const examples = collectExamples(doc);

  it("finds every example in document order, with the schema each must satisfy", () => {
    expect(examples.map((e) => [e.pointer, e.schemaPointer])).toEqual([
      ["/paths/~1things~1{id}/parameters/0/example", "/paths/~1things~1{id}/parameters/0/schema"],
      [
        "/paths/~1things~1{id}/post/parameters/1/content/application~1json/example",
        "/paths/~1things~1{id}/post/parameters/1/content/application~1json/schema",
      ],
      [
        "/paths/~1things~1{id}/post/requestBody/content/application~1json/examples/inline/value",
        "/paths/~1things~1{id}/post/requestBody/content/application~1json/schema",
      ],
      [
        "/components/examples/SharedThing/value",
        "/paths/~1things~1{id}/post/requestBody/content/application~1json/schema",
      ],
      [
        "/paths/~1things~1{id}/post/responses/200/headers/x-count/examples/one/value",
        "/paths/~1things~1{id}/post/responses/200/headers/x-count/schema",
      ],
      [
        "/paths/~1things~1{id}/post/responses/200/content/application~1json/example",
        "/paths/~1things~1{id}/post/responses/200/content/application~1json/schema",
      ],
      [
        "/components/schemas/Thing/properties/name/example",
        "/components/schemas/Thing/properties/name",
      ],
      [
        "/components/schemas/Thing/properties/tags/items/examples/0",
        "/components/schemas/Thing/properties/tags/items",
      ],
      [
        "/components/schemas/Thing/properties/tags/items/examples/1",
        "/components/schemas/Thing/properties/tags/items",
      ],
      ["/components/parameters/Limit/example", "/components/parameters/Limit/schema"],
      [
        "/components/responses/NotFound/content/application~1json/example",
        "/components/responses/NotFound/content/application~1json/schema",
      ],
    ]);
  });

  it("returns the value found at each pointer", () => {
    for (const e of examples) expect(resolvePointer(doc, e.pointer)).toEqual(e.value);
  });

  it("finds nothing in a document without examples", () => {
    expect(
      collectExamples({ openapi: "3.1.0", paths: { "/a": { get: { responses: {} } } } }),
    ).toEqual([]);
  });
});

describe("createSchemaValidator", () => {
  const check = createSchemaValidator(doc);
  const body = "/paths/~1things~1{id}/post/requestBody/content/application~1json/schema";

  it("accepts every example of the fixture", () => {
    for (const e of collectExamples(doc))
      expect(check(e.schemaPointer, e.value)).toEqual({ valid: true, errors: [] });
  });

  it("follows $refs into components and reports what is wrong", () => {
    expect(check(body, { name: 1, extra: true })).toEqual({
      valid: false,
      errors: ["/ must NOT have additional properties", "/name must be string"],
    });
    expect(check("/components/parameters/Limit/schema", 11).errors).toEqual(["/ must be <= 10"]);
  });

  it("throws when the pointer does not lead to a schema", () => {
    expect(() => check("/components/schemas/Missing", {})).toThrow();
  });
});
