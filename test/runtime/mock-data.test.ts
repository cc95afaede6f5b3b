/**
 * Data generated from schemas (templates/runtime/mock-data.ts), checked by ajv (draft 2020-12, ajv-formats)
 * over many seeds: formats, patterns, bounds, lengths, items, enums, nullable types, allOf, oneOf (exactly
 * one branch), anyOf, discriminators, additionalProperties, recursion; and the engine's own validator agrees.
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { describe, expect, it } from "vitest";
import { gen, type GenContext } from "../../templates/runtime/mock-data.js";
import { fromPattern, random } from "../../templates/runtime/mock-random.js";
import { check, type MockDefs, type MockSchema } from "../../templates/runtime/mock-schema.js";

const addFormats = addFormatsModule.default;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);

const DEFS: MockDefs = {
  "#/components/schemas/Node": {
    type: "object",
    required: ["name"],
    properties: {
      name: { type: "string" },
      children: { type: "array", items: { $ref: "#/components/schemas/Node" } },
    },
  },
  "#/components/schemas/Cat": {
    allOf: [
      { $ref: "#/components/schemas/Pet" },
      { type: "object", properties: { indoor: { type: "boolean" } } },
    ],
  },
  "#/components/schemas/Dog": {
    allOf: [
      { $ref: "#/components/schemas/Pet" },
      { type: "object", required: ["bark"], properties: { bark: { enum: ["loud", "soft"] } } },
    ],
  },
  "#/components/schemas/Pet": {
    type: "object",
    required: ["petType", "name"],
    properties: { petType: { type: "string" }, name: { type: "string" } },
    discriminator: { propertyName: "petType" },
  },
};

/** The DEFS as a JSON Schema document ajv resolves `#/components/schemas/X` in. */
const root = (schema: MockSchema): object => ({
  ...schema,
  components: {
    schemas: Object.fromEntries(
      Object.entries(DEFS).map(([k, v]) => [k.slice(k.lastIndexOf("/") + 1), v]),
    ),
  },
});

const ctx = (seed: number): GenContext => ({
  defs: DEFS,
  r: random(seed),
  dir: "response",
  ids: { n: 0, seen: new Set() },
});

const CASES: [string, MockSchema][] = [
  ["date-time", { type: "string", format: "date-time" }],
  ["date", { type: "string", format: "date" }],
  ["time", { type: "string", format: "time" }],
  ["duration", { type: "string", format: "duration" }],
  ["email", { type: "string", format: "email" }],
  ["hostname", { type: "string", format: "hostname" }],
  ["uri", { type: "string", format: "uri" }],
  ["uri-reference", { type: "string", format: "uri-reference" }],
  ["uuid", { type: "string", format: "uuid" }],
  ["ipv4", { type: "string", format: "ipv4" }],
  ["ipv6", { type: "string", format: "ipv6" }],
  ["byte", { type: "string", format: "byte" }],
  ["pattern ISO currency", { type: "string", pattern: "^[A-Z]{3}$" }],
  ["pattern alternatives", { type: "string", pattern: "^(ord|inv)_[0-9a-f]{8}(-v\\d+)?$" }],
  ["pattern with lookahead", { type: "string", pattern: "(?=^.{1,12}$)^[a-z][a-z0-9-]*$" }],
  ["pattern and lengths", { type: "string", pattern: "^[a-z]+$", minLength: 5, maxLength: 6 }],
  ["lengths", { type: "string", minLength: 30, maxLength: 31 }],
  ["integer bounds", { type: "integer", minimum: -5, maximum: 5 }],
  ["exclusive bounds", { type: "number", exclusiveMinimum: 0, exclusiveMaximum: 1 }],
  ["multipleOf", { type: "number", minimum: 1, maximum: 2, multipleOf: 0.25 }],
  ["int32", { type: "integer", format: "int32" }],
  ["enum", { enum: ["a", 2, true] }],
  ["const", { const: { x: 1 } }],
  ["nullable type", { type: ["string", "null"], minLength: 2 }],
  ["unique items", { type: "array", items: { enum: [1, 2, 3] }, minItems: 3, uniqueItems: true }],
  [
    "prefixItems",
    { type: "array", prefixItems: [{ type: "integer" }, { type: "string" }], minItems: 2 },
  ],
  [
    "min properties map",
    { type: "object", additionalProperties: { type: "integer" }, minProperties: 3 },
  ],
  [
    "closed object",
    {
      type: "object",
      required: ["a"],
      properties: { a: { type: "string" }, b: { type: "integer" } },
      additionalProperties: false,
    },
  ],
  [
    "allOf",
    {
      allOf: [
        { type: "object", required: ["a"], properties: { a: { type: "integer", minimum: 3 } } },
        { required: ["b"], properties: { a: { maximum: 4 }, b: { type: "boolean" } } },
      ],
    },
  ],
  [
    "oneOf overlapping",
    { oneOf: [{ type: "integer" }, { type: "number", minimum: 0.5, maximum: 0.75 }] },
  ],
  [
    "oneOf objects",
    {
      oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }],
      discriminator: {
        propertyName: "petType",
        mapping: { cat: "#/components/schemas/Cat", dog: "#/components/schemas/Dog" },
      },
    },
  ],
  [
    "anyOf",
    {
      anyOf: [
        { type: "string", format: "email" },
        { type: "integer", minimum: 100 },
      ],
    },
  ],
  ["recursion", { $ref: "#/components/schemas/Node" }],
];

describe("mock data", () => {
  it.each(CASES)(
    "%s: 25 seeds give values valid for ajv and for the engine's validator",
    (_, schema) => {
      const validate = ajv.compile(root(schema));
      for (let seed = 1; seed <= 25; seed++) {
        const v = gen(schema, ctx(seed));
        expect([v, validate(v) ? [] : validate.errors]).toEqual([v, []]);
        expect(check(schema, v, DEFS, "response")).toEqual([]);
      }
    },
  );

  it("sets a discriminator to the mapping key, or the component name without a mapping", () => {
    const tags = new Set<unknown>();
    for (let seed = 1; seed <= 20; seed++)
      tags.add(
        (gen(CASES.find((c) => c[0] === "oneOf objects")![1], ctx(seed)) as { petType: unknown })
          .petType,
      );
    expect([...tags].sort()).toEqual(["cat"]); // a dog is always a valid cat too: only cats match exactly one branch
    const cat = gen({ $ref: "#/components/schemas/Cat" }, ctx(1)) as Record<string, unknown>;
    expect(cat["petType"]).toBe("Cat");
  });

  it("keeps recursion bounded and leaves readOnly out of requests and writeOnly out of responses", () => {
    const depth = (n: { children?: unknown[] }): number =>
      1 + Math.max(0, ...((n.children ?? []) as { children?: unknown[] }[]).map(depth));
    expect(
      depth(gen({ $ref: "#/components/schemas/Node" }, ctx(3)) as { children?: unknown[] }),
    ).toBeLessThanOrEqual(3);
    const schema: MockSchema = {
      type: "object",
      required: ["id", "password"],
      properties: {
        id: { type: "string", readOnly: true },
        password: { type: "string", writeOnly: true },
      },
    };
    expect(Object.keys(gen(schema, ctx(1)) as object)).toEqual(["id"]);
    expect(Object.keys(gen(schema, { ...ctx(1), dir: "request" }) as object)).toEqual(["password"]);
  });

  it("gives ids unique across one pool and the same values for the same seed", () => {
    const item: MockSchema = {
      type: "object",
      required: ["id", "ownerId"],
      properties: {
        id: { type: "string" },
        ownerId: { type: "integer", minimum: 1, maximum: 1000 },
      },
    };
    const c = ctx(9);
    const items = Array.from(
      { length: 200 },
      () => gen(item, c) as { id: string; ownerId: number },
    );
    expect(new Set(items.map((i) => i.id)).size).toBe(200);
    expect(new Set(items.map((i) => i.ownerId)).size).toBe(200);
    expect(JSON.stringify(gen(CASES[0]![1], ctx(5)))).toBe(
      JSON.stringify(gen(CASES[0]![1], ctx(5))),
    );
  });

  it("falls back to the example (and reports the pattern) when a pattern cannot be generated", () => {
    const unsatisfied: string[] = [];
    const schema: MockSchema = { type: "string", pattern: "^(a)\\1b$", example: "aab" };
    expect(gen(schema, { ...ctx(1), unsatisfied })).toBe("aab");
    expect(fromPattern("^(a)\\1b$", random(1))).toBeUndefined();
    expect(gen({ type: "string", pattern: "^(x)\\1$" }, { ...ctx(1), unsatisfied })).toBeTypeOf(
      "string",
    );
    expect(unsatisfied).toEqual(["^(x)\\1$"]);
  });
});
