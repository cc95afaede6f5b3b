/**
 * Pages of a paginated operation (every `PaginationSpec` kind): which page a request asks for, and the
 * items, cursor, `hasMore`, next-page URL or `Link` header of the answer; and the "repeated cursor" fault.
 */
import { flatten } from "./mock-data.js";
import { valid, type MockDefs, type MockSchema } from "./mock-schema.js";
import { at } from "./pagination.js";
import type { PaginationSpec } from "./types.js";

/** The query parameter that numbers the pages of `Link` and next-URL pagination in the mock's URLs. */
export const PAGE_PARAM = "mock_page";

/** Sets (or with `undefined`, deletes) the value at a property path whose parent exists. */
export function setAt(v: unknown, path: readonly string[], value: unknown): void {
  const parent = at(v, path.slice(0, -1));
  if (!path.length || parent === null || typeof parent !== "object") return;
  const o = parent as Record<string, unknown>;
  if (value === undefined) delete o[path.at(-1)!];
  else o[path.at(-1)!] = value;
}

/** The schema of the value at a property path (`items` for array elements: a key of `[]`). */
export function schemaAt(
  schema: MockSchema | undefined,
  path: readonly string[],
  defs: MockDefs,
): MockSchema | undefined {
  for (const k of path) {
    if (schema === undefined) return undefined;
    const s = flatten(schema, defs, []);
    const extra = typeof s.additionalProperties === "object" ? s.additionalProperties : undefined;
    schema =
      k === "[]"
        ? typeof s.items === "object"
          ? s.items
          : undefined
        : (s.properties?.[k] ?? extra);
  }
  return schema;
}

/** Sets the first of `values` (undefined deletes) that leaves `body` valid against `schema`. */
export function setValid(
  body: unknown,
  path: readonly string[],
  values: readonly unknown[],
  schema: MockSchema,
  defs: MockDefs,
): void {
  for (const v of values) {
    setAt(body, path, v);
    if (valid(schema, body, defs, "response")) return;
  }
}

/** A cursor as the query string carries it (`5` and `"5"` are the same cursor). */
const cursorKey = (v: unknown): string =>
  typeof v === "string" ? v : typeof v === "object" ? JSON.stringify(v) : `${v as number}`;

/** A whole number from a parameter value, else undefined. */
const num = (v: unknown): number | undefined =>
  v === undefined || v === null || v === "" || isNaN(+v) ? undefined : +v;

/** Which page a request is for and how the mock answers pages. */
export interface PageRequest {
  readonly pg: PaginationSpec;
  /** The request's parameters by `params` key. */
  readonly params: Readonly<Record<string, unknown>>;
  readonly url: URL;
  /** Cursors handed out so far → the page number they lead to. */
  readonly cursors: Map<string, number>;
  /** Pages before the last. */
  readonly pages: number;
  /** Items per page when neither the request nor the document says. */
  readonly pageSize: number;
}

/** The page number (1-based) a request asks for, and the page size the client will expect. */
export function pageOf(q: PageRequest): {
  page: number;
  size: number;
  known: boolean;
  followUp: boolean;
} {
  const { pg, params } = q;
  const sizeParam =
    pg.kind === "page" ? pg.sizeParam : pg.kind === "offset" ? pg.limitParam : undefined;
  const asked = sizeParam !== undefined ? num(params[sizeParam]) : undefined;
  const declared = pg.kind === "page" || pg.kind === "offset" ? pg.pageSize : undefined;
  const size = Math.max(1, asked ?? declared ?? q.pageSize);
  const known = asked !== undefined || declared !== undefined;
  let page: number;
  if (pg.kind === "page")
    page = (num(params[pg.pageParam]) ?? pg.startPage ?? 1) - (pg.startPage ?? 1) + 1;
  else if (pg.kind === "offset") page = Math.floor((num(params[pg.offsetParam]) ?? 0) / size) + 1;
  else if (pg.kind === "link" || pg.kind === "nextUrl")
    page = num(q.url.searchParams.get(PAGE_PARAM)) ?? 1;
  else {
    const cursor = params[pg.cursorParam];
    page = cursor === undefined ? 1 : (q.cursors.get(cursorKey(cursor)) ?? 1);
  }
  return { page: Math.max(1, Math.floor(page)), size, known, followUp: page > 1 };
}

/** What {@link fillPage} needs beyond the request. */
export interface PageFill extends PageRequest {
  readonly schema: MockSchema;
  readonly defs: MockDefs;
  /** Generates one item. */
  readonly item: () => unknown;
  /** A new cursor value (unique). */
  readonly cursor: (schema: MockSchema | undefined) => unknown;
  /** Answer with the request's own cursor/URL (or the previous page's items) again. */
  readonly repeat: boolean;
  /** Items of this operation's previous page, for a repeat. */
  readonly previous: unknown[] | undefined;
}

/**
 * Puts page `page`'s items, next cursor / URL and `hasMore` into `body`.
 * @returns the body (the items themselves when the body is the list), the items placed and the response
 *   headers to add (a `Link` header)
 */
export function fillPage(
  body: unknown,
  q: PageFill,
): { body: unknown; items: unknown[]; headers: Record<string, string> } {
  const { pg, schema, defs } = q;
  const { page, size, known, followUp } = pageOf(q);
  const list = schemaAt(schema, pg.items, defs);
  const flat = list && flatten(list, defs, []);
  const min = flat?.minItems ?? 0;
  const max = flat?.maxItems ?? Infinity;
  const count =
    page < q.pages || (page === q.pages && !known) ? size : page === q.pages ? size - 1 : 0;
  const n = Math.min(max, Math.max(min, count));
  const items =
    q.repeat && followUp && q.previous && (pg.kind === "page" || pg.kind === "offset")
      ? q.previous
      : Array.from({ length: n }, q.item);
  if (pg.items.length) setAt(body, pg.items, items);
  else body = items;
  const more = page < q.pages;
  const headers: Record<string, string> = {};
  if (pg.hasMore) setValid(body, pg.hasMore, [more], schema, defs);
  const next = new URL(q.url);
  next.searchParams.set(PAGE_PARAM, String(page + 1));
  const href = q.repeat && followUp ? q.url.href : more ? next.href : undefined;
  if (pg.kind === "link") {
    if (href) headers["link"] = `<${href}>; rel="next"`;
  } else if (pg.kind === "nextUrl") {
    setValid(body, pg.nextUrl, href ? [href] : [null, undefined, ""], schema, defs);
  } else if (pg.kind === undefined || pg.kind === "cursor") {
    const own = q.params[pg.cursorParam];
    if (pg.nextCursorFromLastItem) {
      const last = items.at(-1);
      if (q.repeat && followUp && last) setAt(last, pg.nextCursorFromLastItem, own);
      // the last page's cursor leads to an empty page, which ends the iteration
      else if (last) q.cursors.set(cursorKey(at(last, pg.nextCursorFromLastItem)), page + 1);
    } else if (q.repeat && followUp) setAt(body, pg.nextCursor, own);
    else if (more) {
      const c = q.cursor(schemaAt(schema, pg.nextCursor, defs));
      q.cursors.set(cursorKey(c), page + 1);
      setAt(body, pg.nextCursor, c);
    } else setValid(body, pg.nextCursor, [null, undefined, ""], schema, defs);
  }
  return { body, items, headers };
}
