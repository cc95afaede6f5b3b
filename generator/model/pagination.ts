/**
 * Cursor pagination per operation: configured (`x-pagination` on the operation, or the target's
 * `pagination` config, which wins), else detected from a cursor query parameter plus a response
 * body with an items array and a next-cursor field (or a `has_more` flag with cursor-from-last-item).
 */
import type { CursorPagination } from "../../templates/runtime/types.js";
import type { PaginationOverride } from "../config/config.js";
import {
  asArray,
  asRecord,
  asString,
  derefRecord,
  entries,
  type JsonRecord,
} from "../util/document.js";
import type { Issue } from "../util/issues.js";

/** Query parameter names recognised as "the cursor to send", in priority order. */
const CURSOR_PARAMS = [
  "cursor",
  "page_token",
  "pageToken",
  "starting_after",
  "startingAfter",
  "after",
  "next_token",
  "nextToken",
  "continuation_token",
  "continuationToken",
  "lastkey",
  "last_key",
  "lastKey",
  "page_cursor",
  "marker",
];
/** Response fields recognised as "the next cursor", in priority order. */
const NEXT_FIELDS = [
  "nextCursor",
  "next_cursor",
  "next_page_token",
  "nextPageToken",
  "next_token",
  "nextToken",
  "continuation_token",
  "continuationToken",
  "lastkey",
  "last_key",
  "lastKey",
  "next_marker",
  "nextMarker",
  "cursor",
  "after",
  "next",
];
const HAS_MORE_FIELDS = ["has_more", "hasMore", "has_next", "hasNext"];
const ITEM_FIELDS = ["data", "items", "results", "records", "entries", "list"];

export interface PaginationInput {
  readonly doc: JsonRecord;
  readonly name: string;
  readonly operationId?: string;
  readonly pointer: string;
  readonly operation: JsonRecord;
  /** Query parameter keys (flat params object) by wire name. */
  readonly queryKeys: ReadonlyMap<string, string>;
  /** The JSON schema of the first 2xx JSON response, if any. */
  readonly responseSchema: unknown;
  readonly overrides?: Readonly<Record<string, PaginationOverride>>;
}

/** Returns the operation's pagination, or undefined when it is not paginated. Invalid `x-pagination` becomes a warning. */
export function detectPagination(
  input: PaginationInput,
  issues: Issue[],
): CursorPagination | undefined {
  const override =
    input.overrides?.[input.operationId ?? input.name] ?? input.overrides?.[input.name];
  if (override === false) return undefined;
  if (override !== undefined) return override;
  const extension = input.operation["x-pagination"];
  if (extension === false) return undefined;
  if (extension !== undefined) {
    const parsed = parseExtension(extension, input.queryKeys);
    if (parsed !== undefined) return parsed;
    issues.push({
      code: "invalid-x-pagination",
      severity: "warning",
      pointer: `${input.pointer}/x-pagination`,
      message:
        "x-pagination needs { cursorParam, nextCursor, items } (dotted paths) with cursorParam a query parameter; pagination is detected instead.",
    });
  }
  return detect(input);
}

function toPath(value: unknown): string[] | undefined {
  if (typeof value === "string" && value.length > 0) return value.split(".");
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === "string"))
    return value as string[];
  return undefined;
}

function parseExtension(
  value: unknown,
  queryKeys: ReadonlyMap<string, string>,
): CursorPagination | undefined {
  const ext = asRecord(value);
  const param = asString(ext?.["cursorParam"]);
  const items = toPath(ext?.["items"]);
  const next = toPath(ext?.["nextCursor"]);
  const key = param !== undefined ? queryKeys.get(param) : undefined;
  if (ext === undefined || key === undefined || items === undefined) return undefined;
  const hasMore = toPath(ext["hasMore"]);
  const fromLast = toPath(ext["nextCursorFromLastItem"]);
  if (next === undefined && fromLast === undefined) return undefined;
  return {
    cursorParam: key,
    nextCursor: next ?? [],
    items,
    ...(hasMore !== undefined ? { hasMore } : {}),
    ...(fromLast !== undefined ? { nextCursorFromLastItem: fromLast } : {}),
  };
}

/** Properties of an object schema, following `$ref` and merging `allOf` members. */
export function objectProperties(
  doc: JsonRecord,
  schema: unknown,
  depth = 0,
): Map<string, JsonRecord> {
  const out = new Map<string, JsonRecord>();
  const record = derefRecord(doc, schema);
  if (record === undefined || depth > 8) return out;
  for (const member of asArray(record["allOf"])) {
    for (const [k, v] of objectProperties(doc, member, depth + 1)) out.set(k, v);
  }
  for (const [k, v] of entries(asRecord(record["properties"]))) {
    const prop = derefRecord(doc, v);
    if (prop !== undefined) out.set(k, prop);
  }
  return out;
}

function isArraySchema(schema: JsonRecord): boolean {
  const type = schema["type"];
  return (
    type === "array" ||
    (Array.isArray(type) && type.includes("array")) ||
    (schema["items"] !== undefined && type === undefined)
  );
}

function findItems(doc: JsonRecord, props: Map<string, JsonRecord>): string[] | undefined {
  const arrays = [...props.entries()].filter(([, s]) => isArraySchema(s)).map(([k]) => k);
  const preferred = ITEM_FIELDS.find((f) => arrays.includes(f));
  if (preferred !== undefined) return [preferred];
  if (arrays.length === 1) return [arrays[0]!];
  return undefined;
}

function findField(
  doc: JsonRecord,
  props: Map<string, JsonRecord>,
  names: readonly string[],
): string[] | undefined {
  for (const name of names) if (props.has(name)) return [name];
  for (const [key, schema] of props) {
    const inner = objectProperties(doc, schema);
    for (const name of names) if (inner.has(name)) return [key, name];
  }
  return undefined;
}

function detect(input: PaginationInput): CursorPagination | undefined {
  const cursorName = CURSOR_PARAMS.find((p) => input.queryKeys.has(p));
  if (cursorName === undefined) return undefined;
  const cursorParam = input.queryKeys.get(cursorName)!;
  const props = objectProperties(input.doc, input.responseSchema);
  let items = findItems(input.doc, props);
  let envelope: string[] = [];
  if (items === undefined) {
    // One level of envelope: { payload: { items: [...], lastkey } }.
    for (const [key, schema] of props) {
      const inner = objectProperties(input.doc, schema);
      const found = findItems(input.doc, inner);
      if (found !== undefined) {
        items = [key, ...found];
        envelope = [key];
        break;
      }
    }
  }
  if (items === undefined) return undefined;
  const scope = envelope.length > 0 ? objectProperties(input.doc, props.get(envelope[0]!)) : props;
  const next = findField(input.doc, scope, NEXT_FIELDS);
  if (next !== undefined) return { cursorParam, nextCursor: [...envelope, ...next], items };
  const hasMore = findField(input.doc, scope, HAS_MORE_FIELDS);
  if (hasMore === undefined) return undefined;
  const lastId = scope.has("last_id") ? ["last_id"] : scope.has("lastId") ? ["lastId"] : undefined;
  if (lastId !== undefined)
    return {
      cursorParam,
      nextCursor: [...envelope, ...lastId],
      items,
      hasMore: [...envelope, ...hasMore],
    };
  return {
    cursorParam,
    nextCursor: [],
    items,
    hasMore: [...envelope, ...hasMore],
    nextCursorFromLastItem: ["id"],
  };
}
