/**
 * Named types for operation types (part of normalize): where a schema is a `$ref` to a component (or an array of
 * one), operations.ts writes the component's alias (`Image`, `Image[]`) instead of an indexed access into
 * openapi-typescript's `operations`, so declarations and hovers read as names. The expression is exactly the type
 * openapi-typescript gives the schema (it ignores a `$ref`'s siblings); any other shape gets none.
 */
import { asRecord, derefRecord, type JsonRecord } from "../util/document.js";
import { parsePointer } from "../util/issues.js";

/** Keywords that make an array schema's type more than `Item[]` (or that openapi-typescript reads first). */
const NOT_PLAIN = [
  "allOf",
  "anyOf",
  "oneOf",
  "enum",
  "const",
  "prefixItems",
  "properties",
  "additionalProperties",
  "$defs",
];

/** The alias of a `$ref` to `#/components/schemas/<key>`, or undefined. */
function componentAlias(
  schema: JsonRecord | undefined,
  aliasByKey: ReadonlyMap<string, string>,
): string | undefined {
  const ref = schema?.["$ref"];
  if (typeof ref !== "string") return undefined;
  const tokens = parsePointer(ref);
  if (tokens.length !== 3 || tokens[0] !== "components" || tokens[1] !== "schemas")
    return undefined;
  return aliasByKey.get(tokens[2]!);
}

/**
 * `Alias` for `{ $ref: "#/components/schemas/X" }`, `Alias[]` for an array of them (`| null` when nullable), or
 * undefined when the schema has another shape.
 */
export function namedType(
  value: unknown,
  aliasByKey: ReadonlyMap<string, string>,
): string | undefined {
  const schema = asRecord(value);
  if (schema === undefined) return undefined;
  if ("$ref" in schema) return componentAlias(schema, aliasByKey);
  const type = schema["type"];
  const types: unknown[] = Array.isArray(type) ? type : [type];
  const nullable = schema["nullable"] === true || types.includes("null");
  const onlyArray = types.filter((t) => t !== "null");
  if (onlyArray.length !== 1 || onlyArray[0] !== "array") return undefined;
  if (NOT_PLAIN.some((k) => k in schema) || schema["format"] === "binary") return undefined;
  const item = componentAlias(asRecord(schema["items"]), aliasByKey);
  if (item === undefined) return undefined;
  return nullable ? `${item}[] | null` : `${item}[]`;
}

/**
 * The alias of the items of a paginated response: the array at `path` in the response body (following `$ref`s
 * through `properties`) whose `items` is a `$ref` to a component; undefined otherwise.
 */
export function namedItemType(
  doc: JsonRecord,
  responseSchema: unknown,
  path: readonly string[],
  aliasByKey: ReadonlyMap<string, string>,
): string | undefined {
  let schema = derefRecord(doc, responseSchema);
  for (const key of path) schema = derefRecord(doc, asRecord(schema?.["properties"])?.[key]);
  if (schema === undefined || NOT_PLAIN.some((k) => k in schema)) return undefined;
  const type = schema["type"];
  const isArray = type === "array" || (Array.isArray(type) && type.includes("array"));
  return isArray ? componentAlias(asRecord(schema["items"]), aliasByKey) : undefined;
}
