import { describe, expect, it } from "vitest";
import { isScalarSchema } from "../../generator/model/scalar.js";

const doc = {
  components: {
    schemas: {
      Status: { type: "string", enum: ["a", "b"] },
      Ids: { type: "array", items: { type: "string" } },
      Loop: { $ref: "#/components/schemas/Loop" },
    },
  },
};
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

describe("isScalarSchema (whether a parameter needs a style serializer)", () => {
  it.each<[string, unknown, boolean]>([
    ["string", { type: "string" }, true],
    ["integer with format", { type: "integer", format: "int64" }, true],
    ["boolean", { type: "boolean" }, true],
    ["3.1 type list with null", { type: ["string", "null"] }, true],
    ["date-time string", { type: "string", format: "date-time" }, true],
    ["$ref to a string enum", ref("Status"), true],
    ["untyped enum of scalars", { enum: [1, "x", null] }, true],
    ["const", { const: "v" }, true],
    ["allOf with one scalar member and a description", { allOf: [ref("Status"), {}] }, true],
    ["oneOf of scalars", { oneOf: [{ type: "string" }, { type: "integer" }] }, true],
    ["array", { type: "array", items: { type: "string" } }, false],
    ["$ref to an array", ref("Ids"), false],
    ["object", { type: "object" }, false],
    ["3.1 type list with array", { type: ["string", "array"] }, false],
    ["enum with an object value", { enum: ["a", { b: 1 }] }, false],
    ["oneOf with an array member", { oneOf: [{ type: "string" }, ref("Ids")] }, false],
    ["string type with an array enum (contradictory)", { type: "string", enum: [["a"]] }, false],
    ["untyped schema", {}, false],
    ["no schema", undefined, false],
    ["a $ref cycle", ref("Loop"), false],
  ])("%s → %s", (_, schema, expected) => {
    expect(isScalarSchema(doc, schema)).toBe(expected);
  });
});
