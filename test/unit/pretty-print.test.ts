/**
 * emit/pretty-types.ts and emit/pretty-structures.ts: types.ts and operations.ts printed in prettier's layout (plus
 * prettier for the pieces they leave) are byte-identical to prettier on the whole unformatted file — on every
 * fixture, the two specs, some shared specs, crafted layouts at the width limit, and random strings for the quote
 * and comment rules. test/bench/verify-format.ts runs the same comparison over every shared spec.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { format } from "prettier";
import { afterAll, describe, expect, it } from "vitest";
import { createPrinter } from "../../generator/emit/print.js";
import { operationsStatements } from "../../generator/emit/operations.js";
import { blockComment, prettierString, type Segment } from "../../generator/emit/pretty-common.js";
import { prettyStructures } from "../../generator/emit/pretty-structures.js";
import { readOperationTemplate } from "../../generator/emit/template.js";
import { loadTemplates } from "../../generator/load/templates.js";
import { emitTypes } from "../../generator/emit/types.js";
import { PRETTIER_OPTIONS, startFormatter } from "../../generator/format/format.js";
import { load } from "../../generator/load/load.js";
import { normalize } from "../../generator/model/normalize.js";
import { validate } from "../../generator/validate/validate.js";
import { SPECS_DIR, describeWithSpecs } from "../helpers/specs-dir.js";

const formatter = startFormatter(2);
afterAll(() => formatter.close());

const ROOT = new URL("../../", import.meta.url).pathname;

/** types.ts of `document` (a parsed spec or a file): joined segments, prettier's whole-file output, piece count. */
async function both(
  input: string | object,
  file: "types.ts" | "operations.ts" = "types.ts",
): Promise<{ joined: string; whole: string; pieces: number; printed: number }> {
  let document: unknown = input;
  if (typeof input === "string") document = (await load(input, { cwd: ROOT })).document;
  const validation = validate(document);
  if (validation.document === undefined)
    throw new Error(`invalid: ${JSON.stringify(validation.issues.slice(0, 2))}`);
  const model = normalize(validation.document, { input: "spec.yaml", output: "out", name: "Api" });
  const printer = createPrinter();
  let segments: readonly Segment[];
  let source: string;
  if (file === "types.ts") {
    const types = emitTypes(model, printer);
    segments = types.segments;
    source = types.source();
  } else {
    const statements = operationsStatements(
      model,
      readOperationTemplate(printer, (await loadTemplates()).operation),
    );
    segments = prettyStructures(statements, (s) => printer.print([s]))!;
    source = printer.print(statements);
  }
  const whole = await format(source, PRETTIER_OPTIONS);
  const joined = await formatter.segments(segments, () => "/* whole-file fallback used */");
  const pieces = segments.filter((s) => "piece" in s).length;
  return { joined, whole, pieces, printed: segments.length - pieces };
}

const FIXTURES = readdirSync(path.join(ROOT, "test/fixtures")).filter((f) =>
  /\.(ya?ml|json)$/.test(f),
);

describe("fixtures and specs", () => {
  it.each([
    ...FIXTURES.map((f) => `test/fixtures/${f}`),
    "test/fixtures/multi-file/openapi.yaml",
    "spec/openapi.json",
    "spec/payout-provider.openapi.yaml",
  ])("%s", async (file) => {
    for (const output of ["types.ts", "operations.ts"] as const) {
      const { joined, whole } = await both(path.join(ROOT, file), output);
      expect(joined, output).toBe(whole);
    }
  });
});

describeWithSpecs("shared specs", () => {
  it.each([
    "oai/petstore-expanded.yaml",
    "apis-guru/googleapis.com__androidmanagement__v1.yaml",
    "apis-guru/adyen.com__CheckoutService__41.yaml",
  ])(
    "%s",
    async (file) => {
      for (const output of ["types.ts", "operations.ts"] as const) {
        const { joined, whole, printed } = await both(path.join(SPECS_DIR, file), output);
        expect(printed).toBeGreaterThan(0);
        expect(joined, output).toBe(whole);
      }
    },
    60_000,
  );
});

/** A document whose one schema `S` has `properties`. */
const withSchema = (schema: object): object => ({
  openapi: "3.1.0",
  info: { title: "T", version: "1" },
  paths: {},
  components: { schemas: { S: schema } },
});

describe("layouts around the 100-column limit", () => {
  const enumOf = (n: number, width: number): string[] =>
    Array.from({ length: n }, (_, i) => `${String(i).padStart(width, "v")}`);
  const cases: Record<string, object> = {
    // `      a?: "x…x" | "y…y";` is 6 + 4 + 2 + 41 + 3 + 2 + 41 + 1 = 100 columns: on one line; one more character breaks it.
    "union exactly at the width": {
      type: "object",
      properties: { a: { type: "string", enum: ["x".repeat(41), "y".repeat(41)] } },
    },
    "union one column over the width": {
      type: "object",
      properties: { a: { type: "string", enum: ["x".repeat(41), "y".repeat(42)] } },
    },
    "union of eight over the width": {
      type: "object",
      properties: { abcdefgh: { type: "string", enum: enumOf(8, 9) } },
    },
    "long union, one member per line": {
      type: "object",
      properties: { a: { type: "string", enum: enumOf(30, 6) } },
    },
    "union that fits on the next line": {
      type: "object",
      properties: {
        aVeryLongPropertyNameThatPushesTheUnion: { type: "string", enum: enumOf(6, 9) },
      },
    },
    "object or null": {
      type: ["object", "null"],
      properties: { a: { type: ["object", "null"], properties: { b: { type: "string" } } } },
    },
    "array of objects": {
      type: "object",
      properties: {
        a: { type: "array", items: { type: "object", properties: { b: { type: "integer" } } } },
      },
    },
    "union of objects and references": {
      type: "object",
      properties: {
        a: {
          oneOf: [
            { type: "object", properties: { b: { type: "string" } } },
            { $ref: "#/components/schemas/S" },
            { type: "array", items: { type: "object", properties: { c: { type: "number" } } } },
          ],
        },
      },
    },
    "reference and object": {
      allOf: [
        { $ref: "#/components/schemas/S" },
        { type: "object", properties: { b: { type: "string" } } },
      ],
    },
    "quotes and escapes": {
      type: "object",
      properties: {
        "a-b": { type: "string", enum: ["it's", 'say "hi"', "back\\slash", "é", "tab\there"] },
        é: { type: "string" },
      },
    },
    comments: {
      type: "object",
      description: "Line one\nline two with */ inside\n\n  indented",
      properties: {
        a: { type: "string", description: "x".repeat(140), example: { nested: [1, 2] } },
      },
    },
    "numbers and tuples": {
      type: "object",
      properties: {
        a: { enum: [1, -2, 1.5, 1e21, 0.000001] },
        b: { type: "array", prefixItems: [{ type: "string" }, { type: "number" }] },
      },
    },
    "nested unions in arrays": {
      type: "array",
      items: {
        anyOf: [
          { type: "string", enum: enumOf(12, 8) },
          { type: "array", items: { type: "string", enum: ["x", "y"] } },
        ],
      },
    },
  };
  /** Cases with a shape the printer leaves to prettier (non-ASCII keys, 1e21, a union inside an array's union). */
  const leftToPrettier = new Set([
    "quotes and escapes",
    "numbers and tuples",
    "nested unions in arrays",
  ]);
  it.each(Object.entries(cases))("%s", async (name, schema) => {
    const { joined, whole, pieces } = await both(withSchema(schema));
    // Printed entirely by pretty-types (a fallback would hide a wrong layout), except where prettier is expected.
    if (leftToPrettier.has(name)) expect(pieces).toBeGreaterThan(0);
    else expect(pieces).toBe(0);
    expect(joined).toBe(whole);
  });
});

it("prettierString quotes and escapes exactly like prettier", async () => {
  // JSON.stringify content, as openapi-typescript writes string literal types.
  const chars = fc.constantFrom("a", "'", '"', "\\", "é", "\n", "\t", " ", "b");
  await fc.assert(
    fc.asyncProperty(
      fc.array(chars, { maxLength: 12 }).map((a) => a.join("")),
      async (value) => {
        const content = JSON.stringify(value).slice(1, -1);
        const formatted = await format(`type A = "${content}";\n`, PRETTIER_OPTIONS);
        expect(`type A = ${prettierString(content)};\n`).toBe(formatted);
      },
    ),
    { numRuns: 200, seed: 7 },
  );
});

it("leaves unsupported shapes to prettier and still matches (helper types, mapped types)", async () => {
  const { joined, whole, pieces } = await both(
    withSchema({
      type: "object",
      required: ["a"],
      allOf: [{ $ref: "#/components/schemas/S" }],
      properties: { a: { type: "string" } },
      additionalProperties: { type: "object", properties: { z: { type: "string" } } },
    }),
  );
  expect(pieces).toBeGreaterThan(0);
  expect(joined).toBe(whole);
});

it("blockComment re-indents JSDoc exactly like prettier (trailing spaces, hard breaks, single lines)", async () => {
  const line = fc
    .array(fc.constantFrom("a", " ", "*", "b", "  ", "\t"), { maxLength: 6 })
    .map((a) => a.join(""));
  await fc.assert(
    fc.asyncProperty(
      fc.array(line, { minLength: 1, maxLength: 4 }),
      fc.boolean(),
      async (lines, jsdoc) => {
        const value =
          lines.length === 1
            ? `${jsdoc ? "*" : ""} ${lines[0]} `
            : `${jsdoc ? "*" : ""}\n${lines.map((l) => `   * ${l}`).join("\n")}\n   `;
        fc.pre(!value.includes("*/") && !value.startsWith("**") && !value.startsWith("*/"));
        const formatted = await format(
          `function f() {\n  /*${value}*/\n  return 1;\n}\n`,
          PRETTIER_OPTIONS,
        );
        const expected = formatted.split("\n").slice(1, -3);
        expect(blockComment(value, "  ")).toEqual(expected);
      },
    ),
    { numRuns: 200, seed: 11 },
  );
});

describe("operations.ts layouts", () => {
  const longName = "createAnExtremelyDetailedThingRecordNow";
  const document = (operation: object): object => ({
    openapi: "3.1.0",
    info: { title: "T", version: "1" },
    paths: {
      "/things/{thing_identifier_that_is_long}": { post: { operationId: longName, ...operation } },
    },
  });
  const cases: Record<string, object> = {
    "long parameter types, broken type arguments and a broken return type": {
      parameters: [
        {
          name: "thing_identifier_that_is_long",
          in: "path",
          required: true,
          schema: { type: "string" },
        },
        {
          name: "a_query_parameter_with_a_name_long_enough_to_break",
          in: "query",
          schema: { type: "string" },
        },
      ],
      responses: {
        "200": {
          description: "ok",
          headers: { "x-a": { schema: { type: "string" } } },
          content: { "application/json": { schema: { type: "object" } } },
        },
      },
    },
    "request body, several error bodies (a union per line)": {
      parameters: [
        {
          name: "thing_identifier_that_is_long",
          in: "path",
          required: true,
          schema: { type: "string" },
        },
      ],
      requestBody: {
        required: true,
        content: { "application/json": { schema: { type: "object" } } },
      },
      responses: Object.fromEntries(
        ["200", "400", "401", "404", "409", "422", "429", "500"].map((s) => [
          s,
          { description: s, content: { "application/json": { schema: { type: "object" } } } },
        ]),
      ),
    },
    "pagination and spec arrays broken one entry per line": {
      parameters: [
        {
          name: "thing_identifier_that_is_long",
          in: "path",
          required: true,
          schema: { type: "string" },
        },
        { name: "cursor", in: "query", schema: { type: "string" } },
        {
          name: "filter",
          in: "query",
          style: "deepObject",
          explode: true,
          schema: { type: "object" },
        },
      ],
      "x-pagination": { cursorParam: "cursor", nextCursor: "next", items: "data" },
      responses: {
        "200": {
          description: "ok",
          content: {
            "application/json": {
              schema: {
                type: "object",
                properties: {
                  next: { type: "string" },
                  data: { type: "array", items: { type: "object" } },
                },
              },
            },
          },
        },
      },
    },
  };
  it.each(Object.entries(cases))("%s", async (_, operation) => {
    const { joined, whole, pieces } = await both(document(operation), "operations.ts");
    expect(pieces).toBe(0);
    expect(joined).toBe(whole);
  });
});
