/**
 * Random schema shapes for the "generation never throws" property test: every JSON Schema / OpenAPI keyword,
 * with well-formed values and values of the wrong JSON type (`properties: "x"`, `required: true`, `type: 5`,
 * `items: []`, `allOf: {}`), booleans where schemas go, `$ref`s to components (or to nothing usable), and
 * discriminators whose mappings point anywhere. A document places three such schemas where schemas are read: a
 * component, a path parameter, a query parameter, a request body, a response body and a response header.
 */
import fc from "fast-check";

/** A value of any JSON type, for `type`, `enum`, `properties` and the like to hold by mistake. */
const odd = fc.constantFrom(null, "string", 7, true, false, [], ["x"], {});
/** Values for `enum`, `const`, `default` and `example`. */
const value = fc.oneof(
  fc.constantFrom("a", "", "global", 0, 1.5, -3, true, false, null, { a: 1 }, [1], {}),
);

const TYPES = ["object", "string", "integer", "number", "boolean", "array", "null"] as const;

/** A schema nested at most `depth` levels. */
export function schemaShape(depth: number): fc.Arbitrary<unknown> {
  const sub: fc.Arbitrary<unknown> =
    depth <= 0
      ? fc.oneof(
          fc.constantFrom({ type: "string" }, { type: "object" }, {}, true, {
            $ref: "#/components/schemas/Ref",
          }),
          odd,
        )
      : fc.constant(null).chain(() => schemaShape(depth - 1));
  const field = <T>(key: fc.Arbitrary<string>, v: fc.Arbitrary<T>): fc.Arbitrary<[string, T]> =>
    fc.tuple(key, v);
  const fields: fc.Arbitrary<[string, unknown]>[] = [
    field(
      fc.constant("type"),
      fc.oneof(
        fc.constantFrom(...TYPES, "file", "date", "any"),
        fc.constantFrom(["string", "null"], ["object", "null"], [], ["string", 5], ["strin"]),
        odd,
      ),
    ),
    field(fc.constant("enum"), fc.oneof(fc.array(value, { maxLength: 3 }), odd)),
    field(fc.constant("const"), value),
    field(
      fc.constant("properties"),
      fc.oneof(fc.dictionary(fc.constantFrom("a", "b", "kind"), sub, { maxKeys: 3 }), odd),
    ),
    field(fc.constant("required"), fc.oneof(fc.constantFrom(["a"], ["a", "z"], ["kind"]), odd)),
    field(fc.constant("items"), fc.oneof(sub, fc.array(sub, { maxLength: 2 }))),
    field(fc.constant("prefixItems"), fc.oneof(fc.array(sub, { maxLength: 2 }), odd)),
    field(fc.constant("additionalProperties"), fc.oneof(sub, odd)),
    field(
      fc.constant("patternProperties"),
      fc.oneof(fc.dictionary(fc.constantFrom("^a", "["), sub, { maxKeys: 2 }), odd),
    ),
    field(
      fc.constantFrom("allOf", "anyOf", "oneOf"),
      fc.oneof(fc.array(sub, { maxLength: 2 }), odd),
    ),
    field(fc.constantFrom("not", "if", "then", "contains", "unevaluatedProperties"), sub),
    field(fc.constant("nullable"), fc.oneof(fc.boolean(), odd)),
    field(fc.constant("format"), fc.oneof(fc.constantFrom("binary", "date-time", "int64"), odd)),
    field(fc.constant("pattern"), fc.oneof(fc.constantFrom("^a$", "[", "(?<x>a)"), odd)),
    field(
      fc.constantFrom("description", "title", "summary"),
      fc.oneof(fc.constantFrom("", " ", "d"), odd),
    ),
    field(fc.constantFrom("default", "example"), value),
    field(
      fc.constant("discriminator"),
      fc.oneof(
        fc.record(
          {
            propertyName: fc.oneof(fc.constantFrom("kind", "a"), odd),
            mapping: fc.oneof(
              fc.dictionary(
                fc.constantFrom("x", "y"),
                fc.constantFrom<unknown>("#/components/schemas/Ref", "Ref", "Nope", "#/nope", 5),
              ),
              odd,
            ),
          },
          { requiredKeys: [] },
        ),
        odd,
      ),
    ),
    field(fc.constantFrom("readOnly", "writeOnly", "deprecated"), fc.oneof(fc.boolean(), odd)),
    field(fc.constantFrom("minItems", "maxItems"), fc.oneof(fc.integer({ min: -1, max: 3 }), odd)),
    field(
      fc.constant("$defs"),
      fc.oneof(fc.dictionary(fc.constant("D"), sub, { maxKeys: 1 }), odd),
    ),
    field(fc.constant("x-enum-varnames"), fc.oneof(fc.constant(["A"]), odd)),
    field(
      fc.constant("$ref"),
      fc.constantFrom<unknown>("#/components/schemas/Ref", "#/components/schemas/A", 5),
    ),
  ];
  const object = fc
    .array(fc.oneof(...fields), { maxLength: 4 })
    .map((kv) => Object.fromEntries(kv) as Record<string, unknown>);
  return fc.oneof({ arbitrary: object, weight: 6 }, { arbitrary: odd, weight: 1 });
}

export interface ShapeDocument {
  readonly version: "3.0.3" | "3.1.0";
  readonly a: unknown;
  readonly b: unknown;
  readonly p: unknown;
}

export const shapeDocument: fc.Arbitrary<ShapeDocument> = fc.record({
  version: fc.constantFrom("3.0.3" as const, "3.1.0" as const),
  a: schemaShape(2),
  b: schemaShape(2),
  p: schemaShape(2),
});

/** The OpenAPI document placing the three shapes wherever schemas are read. */
export function shapeSpec({ version, a, b, p }: ShapeDocument): Record<string, unknown> {
  return {
    openapi: version,
    info: { title: "Shapes", version: "1" },
    paths: {
      "/things/{id}": {
        post: {
          operationId: "postThing",
          parameters: [
            { name: "id", in: "path", required: true, schema: p },
            { name: "q", in: "query", schema: b },
          ],
          requestBody: { content: { "application/json": { schema: b } } },
          responses: {
            "200": {
              description: "",
              headers: { "X-Total": { schema: p } },
              content: { "application/json": { schema: a } },
            },
            "400": {
              description: "Bad",
              content: { "application/json": { schema: { type: "object", properties: { e: b } } } },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        A: a,
        B: b,
        Ref: { type: "object", required: ["kind"], properties: { kind: { type: "string" }, p } },
      },
    },
  };
}
