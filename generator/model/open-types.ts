/**
 * `openEnums` (part of normalize): marks, in the document openapi-typescript types, every enum and discriminated
 * union a server may extend, for emit/types to type as `$Open<…>` and `$OpenUnion<…>`. The markers are vendor
 * extensions because openapi-typescript types an `enum` before its `transform` hook runs.
 *
 * - An enum of two or more strings or numbers becomes `{ type, [OPEN_ENUM]: values }` (a `null` value is kept as
 *   `nullable: true`). Booleans and one-value enums (constants, often a variant's tag) stay closed.
 * - A schema with a `discriminator` and `oneOf`/`anyOf` gets one more member `{ type: "object", [OPEN_UNION]: name }`.
 * - The discriminator property of a union's variants stays closed, so `switch` narrows on it.
 *
 * Every schema is marked, requests' included: `Writable<…>` closes them again where the client sends them. Pure.
 */
import {
  asArray,
  asRecord,
  asString,
  entries,
  getPointer,
  isRecord,
  type JsonRecord,
} from "../util/document.js";

/** The enum's values, on a schema whose `enum` was taken away (an array of strings and numbers). */
export const OPEN_ENUM = "x-openapi-client-gen-open-enum";
/** The discriminator's property name, on the extra member of a discriminated union. */
export const OPEN_UNION = "x-openapi-client-gen-open-union";

/** Keywords whose value is a schema, an array of schemas or a map of schemas (the ones openapi-typescript types). */
const SCHEMA = new Set(["items", "additionalProperties", "not"]);
const SCHEMA_LISTS = new Set(["allOf", "oneOf", "anyOf", "prefixItems"]);
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "$defs"]);

const skipped = (key: string): boolean =>
  key === "example" || key === "examples" || key === "default" || key.startsWith("x-");

/**
 * A local `$ref` (`#/components/schemas/Cat`) resolved in `doc`. Discriminator mappings are `$ref`s too: validate
 * has turned mapped schema names into them (see `invalid-discriminator`).
 */
function resolve(doc: JsonRecord, ref: unknown): JsonRecord | undefined {
  return typeof ref === "string" ? asRecord(getPointer(doc, ref)) : undefined;
}

/** Every schema object in `doc` (iterative): under a `schema`/`itemSchema` key, `components.schemas`, or nested. */
function eachSchema(doc: JsonRecord, visit: (schema: JsonRecord) => void): void {
  const stack: { node: unknown; schema: boolean }[] = [{ node: doc, schema: false }];
  const componentSchemas = asRecord(asRecord(doc["components"])?.["schemas"]);
  while (stack.length > 0) {
    const { node, schema } = stack.pop()!;
    if (Array.isArray(node)) {
      for (const item of node) stack.push({ node: item, schema });
      continue;
    }
    if (!isRecord(node)) continue;
    if (schema) visit(node);
    for (const [key, value] of entries(node)) {
      if (skipped(key)) continue;
      if (schema) {
        if (SCHEMA.has(key) || SCHEMA_LISTS.has(key)) stack.push({ node: value, schema: true });
        else if (SCHEMA_MAPS.has(key))
          for (const [, child] of entries(asRecord(value)))
            stack.push({ node: child, schema: true });
      } else if (node === componentSchemas) {
        stack.push({ node: value, schema: true });
      } else {
        stack.push({ node: value, schema: key === "schema" || key === "itemSchema" });
      }
    }
  }
}

/**
 * The discriminator property names of every union variant (and of every schema it extends by `allOf`), by schema
 * object: their enums stay closed.
 */
function variantTags(doc: JsonRecord): Map<JsonRecord, Set<string>> {
  const tags = new Map<JsonRecord, Set<string>>();
  const tag = (schema: JsonRecord | undefined, name: string, depth: number): void => {
    if (schema === undefined || depth > 64) return;
    const target = "$ref" in schema ? resolve(doc, schema["$ref"]) : schema;
    if (target === undefined) return;
    const names = tags.get(target) ?? new Set<string>();
    if (names.has(name)) return;
    tags.set(target, names.add(name));
    for (const part of asArray(target["allOf"])) tag(asRecord(part), name, depth + 1);
  };
  eachSchema(doc, (schema) => {
    const discriminator = asRecord(schema["discriminator"]);
    const name = discriminator?.["propertyName"];
    if (typeof name !== "string") return;
    tag(schema, name, 0);
    for (const key of ["oneOf", "anyOf"])
      for (const member of asArray(schema[key])) tag(asRecord(member), name, 0);
    for (const [, ref] of entries(asRecord(discriminator?.["mapping"])))
      tag(resolve(doc, ref), name, 0);
  });
  return tags;
}

/** The open form of an enum schema, or undefined when it stays closed. */
function openEnum(schema: JsonRecord): JsonRecord | undefined {
  const values = schema["enum"];
  if (!Array.isArray(values) || schema["type"] === "object" || "properties" in schema)
    return undefined;
  const listed = values.filter((v) => v !== null);
  if (new Set(listed).size < 2) return undefined;
  const strings = listed.every((v) => typeof v === "string");
  if (!strings && !listed.every((v) => typeof v === "number")) return undefined;
  const { enum: _enum, ...rest } = schema;
  const type = Array.isArray(schema["type"])
    ? schema["type"]
    : (schema["type"] ?? (strings ? "string" : "number"));
  return {
    ...rest,
    type,
    ...(listed.length < values.length && !Array.isArray(type) ? { nullable: true } : {}),
    ...(listed.length < values.length && Array.isArray(type) && !type.includes("null")
      ? { type: [...(type as unknown[]), "null"] }
      : {}),
    [OPEN_ENUM]: listed,
  };
}

/**
 * `doc` (the document openapi-typescript types) with its open enums and unions marked; `opened` is false when
 * nothing was, and `document` is then `doc` itself.
 */
export function openTypes(doc: JsonRecord): { document: JsonRecord; opened: boolean } {
  const copy = structuredClone(doc);
  const tags = variantTags(copy);
  let opened = false;
  const closedProps = new Set<JsonRecord>();
  for (const [schema, names] of tags)
    for (const name of names) {
      const prop = asRecord(asRecord(schema["properties"])?.[name]);
      if (prop !== undefined) closedProps.add(prop);
    }
  const enums: JsonRecord[] = [];
  eachSchema(copy, (schema) => {
    if (!closedProps.has(schema) && openEnum(schema) !== undefined) enums.push(schema);
    const name = asString(asRecord(schema["discriminator"])?.["propertyName"]);
    if (name === undefined) return;
    for (const key of ["oneOf", "anyOf"]) {
      const members = schema[key];
      if (Array.isArray(members) && members.length > 0) {
        members.push({ type: "object", [OPEN_UNION]: name });
        opened = true;
      }
    }
  });
  for (const schema of enums) {
    const open = openEnum(schema)!;
    for (const key of Object.keys(schema)) delete schema[key];
    Object.assign(schema, open);
    opened = true;
  }
  return opened ? { document: copy, opened } : { document: doc, opened };
}
