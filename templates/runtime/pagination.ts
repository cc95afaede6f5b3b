/**
 * Pagination: cursors, page numbers, offsets, `Link: rel="next"` headers and next-page URLs in the body
 * (see `PaginationSpec`). Only operations with a `pagination` spec import this module, so clients that
 * never list anything do not carry it.
 *
 * ```ts
 * for await (const payout of listPayouts(client, { stage: "PENDING_REVIEW" })) { … }   // every item
 * for await (const page of listPayouts(client, params).pages()) { … }                 // every page
 * const firstPage = await listPayouts(client, params);                                // one page
 * ```
 */
import type { ApiResponse } from "./api-promise.js";
import type { Client } from "./client.js";
import type { HeaderMap } from "./errors.js";
import { request, type ApiPromise, type RequestOptions } from "./request.js";
import type { OperationSpec, ParamSpec } from "./types.js";

/** Request options plus iteration limits. */
export interface PaginationOptions extends RequestOptions {
  /** Stop after this many items (item iteration only). */
  maxItems?: number | undefined;
  /** Stop after this many pages (including the first). */
  maxPages?: number | undefined;
}

/**
 * The first page (await it, or use `.withResponse()` / `.safe()`), async-iterable over every item of
 * every page; `.pages()` iterates pages (each the typed response body).
 */
export interface PagePromise<TPage, TItem, TError = unknown, THeaders = HeaderMap>
  extends ApiPromise<TPage, TError, THeaders>, AsyncIterable<TItem> {
  pages(): AsyncIterable<TPage>;
}

/**
 * Following the server would loop or leak: it repeated a cursor or a next-page URL, sent the same items
 * for two page numbers or offsets in a row, or linked to another origin than the client's base URL.
 */
export class PaginationError extends Error {
  override name = "PaginationError";
  constructor(
    message: string,
    /** The repeated cursor, next-page URL or page number/offset, or the refused URL's origin. */
    readonly cursor: string,
  ) {
    super(message);
  }
}

/**
 * The value at a property path (`["data", "next"]`) of a parsed body: undefined when a step is missing or
 * not an object. Also the mock's path reader.
 */
export const at = (v: unknown, path: readonly string[]): unknown =>
  path.reduce<unknown>(
    (o, k) => (o != null && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined),
    v,
  );

/** The target of the `rel="next"` link in a `Link` header (RFC 8288), if there is one. */
export function nextLink(header: string | undefined): string | undefined {
  for (const [, target, attrs] of (header ?? "").matchAll(/<([^>]*)>([^<]*)/g)) {
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^;,\s]*))/i.exec(attrs!);
    if (rel && (rel[1] ?? rel[2]!).toLowerCase().split(/\s+/).includes("next")) return target;
  }
  return undefined;
}

/** A whole number from a parameter value or spec field (`"50"` → 50), else undefined. */
const num = (v: unknown): number | undefined => (v == null || v === "" ? undefined : +v || 0);

/**
 * Sends the first page request now and returns it as a {@link PagePromise}. Following pages are requested
 * lazily while iterating, as `spec.pagination` describes (a cursor, page number, offset, `Link` header or
 * next-page URL). Iteration stops where the spec's kind says (see `PaginationSpec`), at a false `hasMore`,
 * at `maxPages` or at `maxItems`.
 * @throws (while iterating) {@link PaginationError} when the server repeats a cursor or URL, sends the same
 *   items twice for page numbers or offsets, or links to another origin; any request error
 */
export function paginate<TPage, TItem, TError = unknown, THeaders = HeaderMap>(
  client: Client,
  spec: OperationSpec,
  params: object | undefined,
  options: PaginationOptions = {},
): PagePromise<TPage, TItem, TError, THeaders> {
  const { maxItems = Infinity, maxPages = Infinity, ...reqOptions } = options;
  const pg = spec.pagination!;
  const base = (params ?? {}) as Record<string, unknown>;
  const first = request<TPage, TError, THeaders>(client, spec, params, reqOptions);
  const send = (s: OperationSpec, values: object, c = client) =>
    request<TPage, TError, THeaders>(c, s, values, reqOptions).withResponse();

  /** Requests a next-page URL: GET, header and cookie parameters, the URL's own query string. */
  function follow(href: string, from: string, seen: Set<string>) {
    const u = new URL(href, from);
    const origin = new URL(client.baseUrl).origin;
    if (u.origin !== origin)
      throw new PaginationError(
        `${spec.id}: the next-page URL is on ${u.origin}, not the base URL's origin ${origin}: not followed, as the client's credentials would go there`,
        u.origin,
      );
    // an API key sent in the query is added again by the request, not repeated from the link
    for (const s of Object.values(client.spec.securitySchemes))
      if (s.type === "apiKey" && s.in === "query") u.searchParams.delete(s.name);
    if (seen.has(u.href))
      throw new PaginationError(`${spec.id}: the server repeated the next-page URL`, u.href);
    seen.add(u.href);
    const query = [...u.searchParams];
    const values: Record<string, unknown> = { ...base };
    const params: ParamSpec[] = spec.params.filter((p) => p.in === "header" || p.in === "cookie");
    query.forEach(([name, value], i) => {
      params.push({ name, in: "query", key: "\0q" + i });
      values["\0q" + i] = value;
    });
    const { body: _, pagination: __, ...rest } = spec;
    return send({ ...rest, method: "GET", path: u.pathname, params }, values, {
      ...client,
      baseUrl: u.origin,
    });
  }

  async function* pages(): AsyncGenerator<TPage> {
    const seen = new Set<string>();
    let r: ApiResponse<TPage, THeaders> = await first.withResponse();
    let url = r.response.url || client.baseUrl;
    // page number or offset of the current page, and the previous page's items as JSON
    let position = 0;
    let previous = "";
    if (pg.kind === "page") position = num(base[pg.pageParam]) ?? pg.startPage ?? 1;
    if (pg.kind === "offset") position = num(base[pg.offsetParam]) ?? 0;
    if (pg.kind === undefined || pg.kind === "cursor") {
      const start = base[pg.cursorParam];
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a cursor is a scalar (string or number)
      if (start != null) seen.add(String(start));
    }
    for (let n = 1; ; n++) {
      const page = r.data;
      yield page;
      if (n >= maxPages || (pg.hasMore && at(page, pg.hasMore) === false)) return;
      const list = at(page, pg.items);
      const items = Array.isArray(list) ? list : [];
      if (pg.kind === "page" || pg.kind === "offset") {
        const sizeParam = pg.kind === "page" ? pg.sizeParam : pg.limitParam;
        const size = sizeParam === undefined ? undefined : num(base[sizeParam]);
        if (!items.length || items.length < (size ?? pg.pageSize ?? 0)) return;
        const json = JSON.stringify(items);
        if (json === previous)
          throw new PaginationError(
            `${spec.id}: the server sent the same items for ${pg.kind} ${position} as for the one before`,
            String(position),
          );
        previous = json;
        position += pg.kind === "page" ? 1 : items.length;
        const param = pg.kind === "page" ? pg.pageParam : pg.offsetParam;
        r = await send(spec, { ...base, [param]: position });
      } else if (pg.kind === "link" || pg.kind === "nextUrl") {
        const href =
          pg.kind === "link" ? nextLink((r.headers as HeaderMap)["link"]) : at(page, pg.nextUrl);
        if (typeof href !== "string" || !href) return;
        r = await follow(href, url, seen);
        url = r.response.url || url;
      } else {
        // from the last item: undefined for an empty or missing page of items
        const cursor = pg.nextCursorFromLastItem
          ? at(items.at(-1), pg.nextCursorFromLastItem)
          : at(page, pg.nextCursor);
        if (cursor == null || cursor === "") return;
        // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a cursor is a scalar (string or number)
        const c = String(cursor);
        if (seen.has(c))
          throw new PaginationError(`${spec.id}: the server repeated the cursor "${c}"`, c);
        seen.add(c);
        r = await send(spec, { ...base, [pg.cursorParam]: cursor });
      }
    }
  }

  async function* items(): AsyncGenerator<TItem> {
    if (maxItems <= 0) return;
    let count = 0;
    for await (const page of pages()) {
      const list = at(page, pg.items);
      for (const item of Array.isArray(list) ? (list as TItem[]) : []) {
        yield item;
        if (++count >= maxItems) return;
      }
    }
  }

  return Object.assign(first, { pages, [Symbol.asyncIterator]: items });
}
