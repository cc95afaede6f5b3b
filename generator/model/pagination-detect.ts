/**
 * Pagination detected from the document alone, by general rules (never for one API). Each kind needs both a
 * request side (a query parameter, or for links the response itself) and an items array in the 2xx body (the
 * body itself when it is an array), because a false positive makes `for await` loop over a non-list. When
 * several kinds match, the most specific wins — the one where the server names the next page itself:
 *
 * 1. cursor: a cursor query parameter (`cursor`, `page_token`, `after`…, or a string-typed `page`) and a
 *    next-cursor field beside the items (`nextCursor`, `next_page`…, not a `format: uri` link), or a `has_more`
 *    flag with the cursor taken from `last_id` or the last item's `id`;
 * 2. nextUrl: a GET whose body has a next-page URL field (`next_url`, `nextLink`, `links.next`,
 *    `_links.next.href`, `links.pages.next`…: a string without a non-URI `format`; a bare top-level `next`
 *    only with `format: uri`, since it may be a cursor);
 * 3. link: a GET whose 2xx response declares a `Link` header;
 * 4. page: a GET with an integer page-number parameter (`page`, `page_number`, `pageNumber`, `page[number]`)
 *    and, when it has one, an integer size parameter (`per_page`, `page_size`, `limit`, `size`…);
 * 5. offset: a GET with an integer offset parameter (`offset`, `skip`, `start`…) and an integer limit
 *    parameter (`limit`, `count`, `top`…): both, since `start` alone is as often a time.
 * A `has_more`-style boolean beside the items becomes `hasMore` (iteration stops when it is false).
 */
import type { PaginationSpec } from "../../templates/runtime/types.js";
import type { ParameterModel } from "./model.js";
import { asRecord, derefRecord, entries, getPointer, type JsonRecord } from "../util/document.js";
import {
  findField,
  findItems,
  isBooleanSchema,
  isIntegerSchema,
  isStringSchema,
  isUriSchema,
  isUrlSchema,
  objectProperties,
  type ItemsLocation,
} from "./pagination-schema.js";

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
  "next_page",
  "nextPage",
];
const HAS_MORE_FIELDS = ["has_more", "hasMore", "has_next", "hasNext"];
/** Fields holding the next page's URL, at the top of the body or inside a links container. */
const NEXT_URL_FIELDS = [
  "next",
  "next_url",
  "nextUrl",
  "next_link",
  "nextLink",
  "@odata.nextLink",
  "odata.nextLink",
  "next_page_url",
  "nextPageUrl",
  "next_href",
  "nextHref",
];
/** Objects that may hold the next-page URL (`links.next`, `paging.next`, `links.pages.next`). */
const LINK_CONTAINERS = ["links", "_links", "link", "paging", "pagination", "pages", "meta"];
/** Containers whose fields are links by name (`links.next` is a URL; `pagination.next` may be a cursor). */
const URL_CONTAINERS = ["links", "_links", "link"];
const PAGE_PARAMS = ["page", "page_number", "pageNumber", "page[number]"];
const SIZE_PARAMS = ["per_page", "perPage", "page_size", "pageSize", "page[size]", "limit", "size"];
const OFFSET_PARAMS = ["offset", "skip", "$skip", "start", "page[offset]"];
const LIMIT_PARAMS = [
  "limit",
  "count",
  "top",
  "$top",
  "size",
  "page_size",
  "pageSize",
  "per_page",
  "page[limit]",
  "max_results",
  "maxResults",
];

/** What detection reads: the document, the operation and its normalized parameters. */
export interface DetectInput {
  readonly doc: JsonRecord;
  readonly method: string;
  readonly operation: JsonRecord;
  readonly parameters: readonly ParameterModel[];
  /** The JSON schema of the first 2xx JSON response, if any. */
  readonly responseSchema: unknown;
}

interface QueryParam {
  readonly key: string;
  readonly schema: JsonRecord | undefined;
  readonly defaultValue?: string;
}

/** The operation's query parameters by wire name, with their schemas. */
function queryParams(input: DetectInput): Map<string, QueryParam> {
  const out = new Map<string, QueryParam>();
  for (const p of input.parameters) {
    if (p.in !== "query") continue;
    const param = derefRecord(input.doc, getPointer(input.doc, p.pointer));
    const schema = derefRecord(input.doc, param?.["schema"]);
    out.set(p.name, {
      key: p.key,
      schema,
      ...(p.defaultValue !== undefined ? { defaultValue: p.defaultValue } : {}),
    });
  }
  return out;
}

/** The first of `names` that is a query parameter whose schema passes `accept`. */
function pick(
  params: Map<string, QueryParam>,
  names: readonly string[],
  accept: (schema: JsonRecord | undefined) => boolean,
): QueryParam | undefined {
  const name = names.find((n) => params.has(n) && accept(params.get(n)!.schema));
  return name !== undefined ? params.get(name) : undefined;
}

/** `hasMore` beside the items, when the body has a boolean "more pages" flag. */
function hasMore(doc: JsonRecord, at: ItemsLocation): { hasMore?: string[] } {
  const found = findField(doc, at.scope, HAS_MORE_FIELDS, isBooleanSchema);
  return found !== undefined ? { hasMore: [...at.envelope, ...found] } : {};
}

function detectCursor(
  input: DetectInput,
  params: Map<string, QueryParam>,
): PaginationSpec | undefined {
  // A string `page` is a page token (a page number is an integer: the page kind).
  const tokenPage = params.has("page") && isStringSchema(params.get("page")!.schema);
  const param =
    pick(params, CURSOR_PARAMS, () => true) ?? (tokenPage ? params.get("page") : undefined);
  if (param === undefined) return undefined;
  const at = findItems(input.doc, input.responseSchema, false);
  if (at === undefined) return undefined;
  const { items, envelope, scope } = at;
  const next = findField(input.doc, scope, NEXT_FIELDS, (s) => !isUriSchema(s));
  if (next !== undefined)
    return { cursorParam: param.key, nextCursor: [...envelope, ...next], items };
  const more = findField(input.doc, scope, HAS_MORE_FIELDS);
  if (more === undefined || param === params.get("page")) return undefined;
  const lastId = scope.has("last_id") ? ["last_id"] : scope.has("lastId") ? ["lastId"] : undefined;
  if (lastId !== undefined)
    return {
      cursorParam: param.key,
      nextCursor: [...envelope, ...lastId],
      items,
      hasMore: [...envelope, ...more],
    };
  return {
    cursorParam: param.key,
    nextCursor: [],
    items,
    hasMore: [...envelope, ...more],
    nextCursorFromLastItem: ["id"],
  };
}

/**
 * A next-page URL among `props` or inside link containers (up to three levels), as a path. Fields named as URLs
 * (`next_url`, `nextLink`, `href`…) need only be strings; a bare `next` could as well be a cursor, so it needs a
 * URI `format` or a `links`/`_links` container above it.
 */
function nextUrlField(
  doc: JsonRecord,
  props: Map<string, JsonRecord>,
  inLinks = false,
  depth = 0,
): string[] | undefined {
  for (const name of NEXT_URL_FIELDS) {
    const schema = props.get(name);
    if (schema === undefined) continue;
    if (name === "next" && !inLinks ? isUriSchema(schema) : isUrlSchema(schema)) return [name];
    // HAL and JSON:API link objects: `{ next: { href } }`
    const href = objectProperties(doc, schema, true).get("href");
    if (href !== undefined && isUrlSchema(href)) return [name, "href"];
  }
  if (depth >= 2) return undefined;
  for (const container of LINK_CONTAINERS) {
    const schema = props.get(container);
    if (schema === undefined) continue;
    const links = inLinks || URL_CONTAINERS.includes(container);
    const found = nextUrlField(doc, objectProperties(doc, schema, true), links, depth + 1);
    if (found !== undefined) return [container, ...found];
  }
  return undefined;
}

/** True when a 2xx response of the operation declares a `Link` header. */
function declaresLinkHeader(input: DetectInput): boolean {
  return entries(asRecord(input.operation["responses"])).some(
    ([status, response]) =>
      /^2(\d\d|XX)$/i.test(status) &&
      Object.keys(asRecord(derefRecord(input.doc, response)?.["headers"]) ?? {}).some(
        (h) => h.toLowerCase() === "link",
      ),
  );
}

/** A whole number from a parameter's `default` (JSON text), if it is one. */
function integerDefault(param: QueryParam): number | undefined {
  const value: unknown =
    param.defaultValue !== undefined ? JSON.parse(param.defaultValue) : undefined;
  return typeof value === "number" && Number.isInteger(value) ? value : undefined;
}

/** The operation's pagination by the rules above, or undefined when none applies. */
export function detect(input: DetectInput): PaginationSpec | undefined {
  const params = queryParams(input);
  const cursor = detectCursor(input, params);
  if (cursor !== undefined) return cursor;
  // The runtime follows next-page URLs with GET, and re-sending anything else is not a read.
  if (input.method !== "get" && input.method !== "query") return undefined;
  const at = findItems(input.doc, input.responseSchema, true);
  if (at === undefined) return undefined;
  const more = hasMore(input.doc, at);
  const inEnvelope = at.envelope.length > 0 ? nextUrlField(input.doc, at.scope) : undefined;
  const nextUrl =
    nextUrlField(input.doc, objectProperties(input.doc, input.responseSchema, true)) ??
    (inEnvelope !== undefined ? [...at.envelope, ...inEnvelope] : undefined);
  if (nextUrl !== undefined) return { kind: "nextUrl", nextUrl, items: at.items, ...more };
  if (declaresLinkHeader(input)) return { kind: "link", items: at.items, ...more };
  const page = pick(params, PAGE_PARAMS, isIntegerSchema);
  if (page !== undefined) {
    const size = pick(params, SIZE_PARAMS, isIntegerSchema);
    const start = integerDefault(page);
    return {
      kind: "page",
      pageParam: page.key,
      ...(size !== undefined ? { sizeParam: size.key } : {}),
      ...(start !== undefined && start !== 1 ? { startPage: start } : {}),
      items: at.items,
      ...more,
    };
  }
  const offset = pick(params, OFFSET_PARAMS, isIntegerSchema);
  const limit = pick(params, LIMIT_PARAMS, isIntegerSchema);
  if (offset !== undefined && limit !== undefined)
    return {
      kind: "offset",
      offsetParam: offset.key,
      limitParam: limit.key,
      items: at.items,
      ...more,
    };
  return undefined;
}
