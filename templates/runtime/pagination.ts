/**
 * Cursor pagination. Only operations with a `pagination` spec import this module, so clients
 * that never list anything do not carry it.
 *
 * ```ts
 * for await (const payout of listPayouts(client, { stage: "PENDING_REVIEW" })) { … }   // every item
 * for await (const page of listPayouts(client, params).pages()) { … }                 // every page
 * const firstPage = await listPayouts(client, params);                                // one page
 * ```
 */
import type { Client } from "./client.js";
import type { HeaderMap } from "./errors.js";
import { request, type ApiPromise, type RequestOptions } from "./request.js";
import type { OperationSpec } from "./types.js";

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

/** The server sent a cursor it had already sent: following it would loop forever. */
export class PaginationError extends Error {
  override name = "PaginationError";
  constructor(
    message: string,
    /** The repeated cursor. */
    readonly cursor: string,
  ) {
    super(message);
  }
}

const at = (v: unknown, path: readonly string[]): unknown =>
  path.reduce<unknown>(
    (o, k) => (o != null && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined),
    v,
  );

/**
 * Sends the first page request now and returns it as a {@link PagePromise}. Following pages are requested
 * lazily while iterating, with the cursor from the previous page in `spec.pagination.cursorParam`.
 * Iteration stops at a null/absent/empty cursor, a false `hasMore`, `maxPages` or `maxItems`.
 * @throws (while iterating) {@link PaginationError} when the server repeats a cursor; any request error
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

  async function* pages(): AsyncGenerator<TPage> {
    const start = base[pg.cursorParam];
    const seen = new Set<string>(start == null ? [] : [String(start)]);
    let page = await first;
    for (let n = 1; ; n++) {
      yield page;
      if (n >= maxPages || (pg.hasMore && at(page, pg.hasMore) === false)) return;
      const items = at(page, pg.items);
      // from the last item: undefined for an empty or missing page of items
      const cursor = pg.nextCursorFromLastItem
        ? Array.isArray(items)
          ? at(items.at(-1), pg.nextCursorFromLastItem)
          : undefined
        : at(page, pg.nextCursor);
      if (cursor == null || cursor === "") return;
      const c = String(cursor);
      if (seen.has(c))
        throw new PaginationError(`${spec.id}: the server repeated the cursor "${c}"`, c);
      seen.add(c);
      page = await request<TPage, TError, THeaders>(
        client,
        spec,
        { ...base, [pg.cursorParam]: cursor },
        reqOptions,
      );
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
