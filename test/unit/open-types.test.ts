/**
 * model/open-types.ts: which enums and unions `openEnums` opens in the document openapi-typescript types, and how
 * emit/open-types.ts types the markers.
 */
import type { SchemaObject } from "openapi-typescript";
import { describe, expect, it } from "vitest";
import { OPEN_ENUM, OPEN_UNION, openTypes } from "../../generator/model/open-types.js";
import { openType } from "../../generator/emit/open-types.js";
import { astToString } from "../../generator/emit/openapi-typescript.js";

const doc = (schemas: Record<string, unknown>, paths: Record<string, unknown> = {}) => ({
  openapi: "3.1.0",
  info: { title: "t", version: "1" },
  paths,
  components: { schemas },
});

const schemas = (d: Record<string, unknown>) =>
  (d["components"] as { schemas: Record<string, Record<string, unknown>> }).schemas;

describe("openTypes", () => {
  it("opens an enum of two or more strings or numbers, keeping its other keywords", () => {
    const input = doc({
      Status: { type: "string", description: "d", enum: ["A", "B"] },
      Level: { type: "integer", enum: [1, 2] },
      Untyped: { enum: ["x", "y"] },
    });
    const { document, opened } = openTypes(input);
    expect(opened).toBe(true);
    expect(schemas(document)["Status"]).toEqual({
      type: "string",
      description: "d",
      [OPEN_ENUM]: ["A", "B"],
    });
    expect(schemas(document)["Level"]).toEqual({ type: "integer", [OPEN_ENUM]: [1, 2] });
    expect(schemas(document)["Untyped"]).toEqual({ type: "string", [OPEN_ENUM]: ["x", "y"] });
    expect(schemas(input)["Status"]!["enum"]).toEqual(["A", "B"]);
  });

  it("keeps null as nullable (3.0) or in the type array (3.1)", () => {
    const { document } = openTypes(
      doc({
        A: { type: "string", enum: ["a", "b", null] },
        B: { type: ["string", "null"], enum: ["a", "b", null] },
        C: { type: ["string"], enum: ["a", "b", null] },
      }),
    );
    expect(schemas(document)["A"]).toEqual({
      type: "string",
      nullable: true,
      [OPEN_ENUM]: ["a", "b"],
    });
    expect(schemas(document)["B"]).toEqual({ type: ["string", "null"], [OPEN_ENUM]: ["a", "b"] });
    expect(schemas(document)["C"]).toEqual({ type: ["string", "null"], [OPEN_ENUM]: ["a", "b"] });
  });

  it("leaves one-value, boolean, mixed and object enums closed, and returns the document itself when nothing opens", () => {
    const input = doc({
      Const: { type: "string", enum: ["EUR"] },
      NullOnly: { type: "string", enum: ["EUR", null] },
      Flag: { type: "boolean", enum: [true, false] },
      Mixed: { enum: ["a", 1] },
      Obj: { type: "object", enum: [{ a: 1 }, { a: 2 }] },
    });
    const result = openTypes(input);
    expect(result.opened).toBe(false);
    expect(result.document).toBe(input);
  });

  it("opens enums in properties, items, parameters, request bodies and response headers", () => {
    const e = () => ({ type: "string", enum: ["a", "b"] });
    const { document } = openTypes(
      doc(
        { Obj: { type: "object", properties: { p: { type: "array", items: e() } } } },
        {
          "/x": {
            parameters: [{ name: "q", in: "query", schema: e() }],
            get: {
              responses: {
                "200": {
                  description: "ok",
                  headers: { "X-H": { schema: e() } },
                  content: { "application/json": { schema: e(), example: e() } },
                },
              },
            },
          },
        },
      ),
    );
    const text = JSON.stringify(document);
    expect(text.match(new RegExp(OPEN_ENUM, "g"))).toHaveLength(4);
    // an example is data, not a schema
    expect(text).toContain('"example":{"type":"string","enum":["a","b"]}');
  });

  it("adds an unknown-variant member to a discriminated union and keeps its variants' tags closed", () => {
    const { document } = openTypes(
      doc({
        Pet: {
          oneOf: [
            { $ref: "#/components/schemas/Cat" },
            {
              type: "object",
              properties: { kind: { type: "string", enum: ["dog", "puppy"] } },
            },
          ],
          // a mapped schema name arrives as its `$ref`: validate rewrites it (invalid-discriminator)
          discriminator: { propertyName: "kind", mapping: { lion: "#/components/schemas/Lion" } },
        },
        Cat: { allOf: [{ $ref: "#/components/schemas/Animal" }] },
        Animal: {
          type: "object",
          properties: {
            kind: { type: "string", enum: ["cat", "kitten"] },
            mood: { type: "string", enum: ["calm", "wild"] },
          },
        },
        Lion: { type: "object", properties: { kind: { type: "string", enum: ["lion", "cub"] } } },
        Plain: { anyOf: [{ type: "string" }, { type: "number" }] },
      }),
    );
    const s = schemas(document);
    expect(s["Pet"]!["oneOf"]).toHaveLength(3);
    expect((s["Pet"]!["oneOf"] as unknown[])[2]).toEqual({ type: "object", [OPEN_UNION]: "kind" });
    const props = (name: string) => s[name]!["properties"] as Record<string, unknown>;
    expect(props("Animal")["kind"]).toEqual({ type: "string", enum: ["cat", "kitten"] });
    expect(props("Animal")["mood"]).toEqual({ type: "string", [OPEN_ENUM]: ["calm", "wild"] });
    expect(props("Lion")["kind"]).toEqual({ type: "string", enum: ["lion", "cub"] });
    const inline = (s["Pet"]!["oneOf"] as { properties: Record<string, unknown> }[])[1]!;
    expect(inline.properties["kind"]).toEqual({ type: "string", enum: ["dog", "puppy"] });
    // a union without a discriminator gets no unknown variant
    expect(s["Plain"]!["anyOf"]).toHaveLength(2);
  });
});

describe("openType", () => {
  const print = (schema: Record<string, unknown>) => {
    const node = openType(schema as SchemaObject);
    return node === undefined ? undefined : astToString(node).trim();
  };
  it("types the markers", () => {
    expect(print({ type: "string", [OPEN_ENUM]: ["A", "it's"] })).toBe(`$Open<"A" | "it's">`);
    expect(print({ type: "number", [OPEN_ENUM]: [-1, 0.5] })).toBe("$Open<-1 | 0.5>");
    expect(print({ type: ["string", "null"], [OPEN_ENUM]: ["a", "b"] })).toBe(
      `$Open<"a" | "b"> | null`,
    );
    expect(print({ type: "object", [OPEN_UNION]: "kind" })).toBe(`$OpenUnion<"kind">`);
    expect(print({ type: "string" })).toBeUndefined();
  });
});
