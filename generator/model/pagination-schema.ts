/**
 * Schema reading for pagination detection: object properties (through `$ref` and `allOf`), types, and where a
 * response body keeps its array of items. Paths found here index the generated response type (the item type
 * is `Response["data"][number]`), so they only go through `properties` and `allOf`, which openapi-typescript
 * turns into one object type; `anyOf`/`oneOf` members are read only for fields the types never index.
 */
import { asArray, asRecord, derefRecord, entries, type JsonRecord } from "../util/document.js";

/** Array fields that hold a page's items, in priority order; otherwise the body's only array field. */
const ITEM_FIELDS = ["data", "items", "results", "records", "entries", "list"];

/**
 * Properties of an object schema, following `$ref` and merging `allOf` members; with `loose`, `anyOf` and
 * `oneOf` members too (a property any alternative may have).
 */
export function objectProperties(
  doc: JsonRecord,
  schema: unknown,
  loose = false,
  depth = 0,
): Map<string, JsonRecord> {
  const out = new Map<string, JsonRecord>();
  const record = derefRecord(doc, schema);
  if (record === undefined || depth > 8) return out;
  const members = [
    ...asArray(record["allOf"]),
    ...(loose ? [...asArray(record["anyOf"]), ...asArray(record["oneOf"])] : []),
  ];
  for (const member of members) {
    for (const [k, v] of objectProperties(doc, member, loose, depth + 1)) out.set(k, v);
  }
  for (const [k, v] of entries(asRecord(record["properties"]))) {
    const prop = derefRecord(doc, v);
    if (prop !== undefined) out.set(k, prop);
  }
  return out;
}

/** The schema's `type` as a list (`["integer", "null"]`); empty when it has none. */
function types(schema: JsonRecord | undefined): unknown[] {
  const type = schema?.["type"];
  return Array.isArray(type) ? type : type === undefined ? [] : [type];
}

export const isArraySchema = (schema: JsonRecord | undefined): boolean =>
  types(schema).includes("array") ||
  (schema?.["items"] !== undefined && schema["type"] === undefined);

/** An integer (or number) schema: a page number, offset or size. */
export const isIntegerSchema = (schema: JsonRecord | undefined): boolean =>
  types(schema).some((t) => t === "integer" || t === "number");

export const isStringSchema = (schema: JsonRecord | undefined): boolean =>
  types(schema).includes("string");

export const isBooleanSchema = (schema: JsonRecord | undefined): boolean =>
  types(schema).includes("boolean");

const URL_FORMATS = ["uri", "url", "uri-reference", "iri", "iri-reference"];

/** A string schema that may hold a URL: no `format`, or a URI format (not `date-time`, `uuid`…). */
export function isUrlSchema(schema: JsonRecord | undefined): boolean {
  const format = schema?.["format"];
  return (
    isStringSchema(schema) &&
    (format === undefined || (typeof format === "string" && URL_FORMATS.includes(format)))
  );
}

/** A string schema declared as a URI (`format: uri`…): a next-page link, not a cursor to send back. */
export const isUriSchema = (schema: JsonRecord | undefined): boolean =>
  isUrlSchema(schema) && schema?.["format"] !== undefined;

/** The items field among `props`: a preferred name, else the only array. */
function itemsField(props: Map<string, JsonRecord>): string | undefined {
  const arrays = [...props.entries()].filter(([, s]) => isArraySchema(s)).map(([k]) => k);
  return (
    ITEM_FIELDS.find((f) => arrays.includes(f)) ?? (arrays.length === 1 ? arrays[0] : undefined)
  );
}

/** Where a page's items are, and the object that holds them (for fields beside them: next, has_more). */
export interface ItemsLocation {
  /** Path to the array; `[]` when the body is the array. */
  readonly items: string[];
  /** Path to the object holding the items (`[]`: the body; `["payload"]`: an envelope). */
  readonly envelope: string[];
  /** Properties of that object (empty when the body is the array). */
  readonly scope: Map<string, JsonRecord>;
  /** Properties of the body. */
  readonly body: Map<string, JsonRecord>;
}

/**
 * The items array of a response body: the body itself when it is an array (only with `bodyArray`), an array
 * field of the body, or one of an object field (one envelope level: `{ payload: { items: [...] } }`).
 */
export function findItems(
  doc: JsonRecord,
  schema: unknown,
  bodyArray: boolean,
): ItemsLocation | undefined {
  const body = objectProperties(doc, schema);
  if (bodyArray && isArraySchema(derefRecord(doc, schema)))
    return { items: [], envelope: [], scope: new Map(), body };
  const direct = itemsField(body);
  if (direct !== undefined) return { items: [direct], envelope: [], scope: body, body };
  for (const [key, s] of body) {
    const inner = objectProperties(doc, s);
    const found = itemsField(inner);
    if (found !== undefined) return { items: [key, found], envelope: [key], scope: inner, body };
  }
  return undefined;
}

/**
 * The first of `names` among `props`, or one level down (`{ pagination: { nextCursor } }`), whose schema
 * passes `accept`.
 */
export function findField(
  doc: JsonRecord,
  props: Map<string, JsonRecord>,
  names: readonly string[],
  accept: (schema: JsonRecord) => boolean = () => true,
): string[] | undefined {
  for (const name of names) if (props.has(name) && accept(props.get(name)!)) return [name];
  for (const [key, schema] of props) {
    const inner = objectProperties(doc, schema);
    for (const name of names) if (inner.has(name) && accept(inner.get(name)!)) return [key, name];
  }
  return undefined;
}

/**
 * True when `path` leads through object properties (and `allOf`) of the 2xx body to an array, so the generated
 * item type (`Response["payload"]["rows"][number]`) exists; `[]` is the body itself.
 */
export function isItemsPath(doc: JsonRecord, schema: unknown, path: readonly string[]): boolean {
  let node = derefRecord(doc, schema);
  for (const key of path) node = objectProperties(doc, node).get(key);
  return isArraySchema(node);
}
