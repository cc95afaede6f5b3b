/**
 * Pagination beyond cursors (issue 13.6, runtime half): page numbers, offset/limit, `Link: rel="next"`
 * headers and next-page URLs in the body. The cursor kind is in pagination.test.ts, unchanged.
 */
import { describe, expect, it } from "vitest";
import { createClientCore } from "../../templates/runtime/client.js";
import { nextLink, paginate, PaginationError } from "../../templates/runtime/pagination.js";
import type { ClientSpec, OperationSpec, PaginationSpec } from "../../templates/runtime/types.js";
import { FakeClock, scriptedFetch, type Step } from "./fakes.js";
import { API_KEY, clientSpec, listPayouts } from "./specs.js";

const BASE = "https://api.introw.test";
const ALL = ["a", "b", "c", "d", "e"];

const listOp = (pagination: PaginationSpec, params: string[] = []): OperationSpec => ({
  ...listPayouts,
  params: [
    { name: "stage", in: "query" },
    { name: "x-tenant", in: "header" },
    ...params.map((name) => ({ name, in: "query" as const })),
  ],
  pagination,
});

const reply =
  (body: (u: URL) => unknown, headers: (u: URL) => Record<string, string> = () => ({})): Step =>
  (req) => {
    const u = new URL(req.url);
    return new Response(JSON.stringify(body(u)), {
      status: 200,
      headers: { "content-type": "application/json", ...headers(u) },
    });
  };

function setup(step: Step, spec: ClientSpec = clientSpec) {
  const f = scriptedFetch(step);
  const client = createClientCore(spec, {
    fetch: f.fetch,
    clock: new FakeClock(),
    auth: { ApiKeyAuth: API_KEY },
  });
  return { client, calls: f.calls, search: () => f.calls.map((c) => new URL(c.url).search) };
}

async function ids(it: AsyncIterable<{ id: string }>): Promise<string[]> {
  const out: string[] = [];
  for await (const x of it) out.push(x.id);
  return out;
}

type Page = { data: { id: string }[] };
const list = (
  c: ReturnType<typeof setup>["client"],
  op: OperationSpec,
  params: object,
  options = {},
) => paginate<Page, { id: string }>(c, op, params, options);

describe("page numbers", () => {
  const op = listOp({ kind: "page", pageParam: "page", sizeParam: "per_page", items: ["data"] }, [
    "page",
    "per_page",
  ]);
  const pages = (start = 1) =>
    reply((u) => {
      const page = Number(u.searchParams.get("page") ?? start) - start;
      const per = Number(u.searchParams.get("per_page") ?? 2);
      return { data: ALL.slice(page * per, page * per + per).map((id) => ({ id })) };
    });

  it("sends page = previous + 1 and stops at a page shorter than per_page", async () => {
    const s = setup(pages());
    expect(await ids(list(s.client, op, { stage: "PAID", per_page: 2 }))).toEqual(ALL);
    expect(s.search()).toEqual([
      "?stage=PAID&per_page=2",
      "?stage=PAID&page=2&per_page=2",
      "?stage=PAID&page=3&per_page=2",
    ]);
  });

  it("stops at an empty page when the page size is unknown; startPage sets the first number", async () => {
    const zero = listOp({ kind: "page", pageParam: "page", startPage: 0, items: ["data"] }, [
      "page",
    ]);
    const s = setup(pages(0));
    expect(await ids(list(s.client, zero, {}))).toEqual(ALL);
    expect(s.search()).toEqual(["", "?page=1", "?page=2", "?page=3"]);
  });

  it("uses pageSize when the request does not set the size; starts from the caller's page", async () => {
    const sized = listOp({ kind: "page", pageParam: "page", pageSize: 2, items: ["data"] }, [
      "page",
    ]);
    const s = setup(pages());
    expect(await ids(list(s.client, sized, { page: 2 }))).toEqual(["c", "d", "e"]);
    expect(s.search()).toEqual(["?page=2", "?page=3"]);
  });

  it("a server that ignores the page parameter is a PaginationError, not a loop", async () => {
    const s = setup(reply(() => ({ data: [{ id: "a" }, { id: "b" }] })));
    const err = await ids(list(s.client, op, { per_page: 2 })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PaginationError);
    expect(err).toMatchObject({
      cursor: "2",
      message: "listPayouts: the server sent the same items for page 2 as for the one before",
    });
    expect(s.calls).toHaveLength(2);
  });

  it("honours maxPages, maxItems and a false hasMore", async () => {
    const s = setup(pages());
    expect(await ids(list(s.client, op, { per_page: 1 }, { maxPages: 2 }))).toEqual(["a", "b"]);
    expect(await ids(list(s.client, op, { per_page: 2 }, { maxItems: 3 }))).toEqual([
      "a",
      "b",
      "c",
    ]);
    const more = listOp({ kind: "page", pageParam: "page", hasMore: ["more"], items: ["data"] }, [
      "page",
    ]);
    const h = setup(reply((u) => ({ data: [{ id: u.search }], more: !u.search })));
    expect(await ids(list(h.client, more, {}))).toEqual(["", "?page=2"]);
  });
});

describe("offset and limit", () => {
  const op = listOp(
    { kind: "offset", offsetParam: "offset", limitParam: "limit", items: ["items"] },
    ["offset", "limit"],
  );
  const server = reply((u) => {
    const offset = Number(u.searchParams.get("offset") ?? 0);
    const limit = Number(u.searchParams.get("limit") ?? 3);
    return { items: ALL.slice(offset, offset + limit).map((id) => ({ id })) };
  });
  const items = (c: ReturnType<typeof setup>["client"], params: object) =>
    paginate<unknown, { id: string }>(c, op, params);

  it("sends offset + the number of items received, and stops at a short page", async () => {
    const s = setup(server);
    expect(await ids(items(s.client, { limit: 2 }))).toEqual(ALL);
    expect(s.search()).toEqual(["?limit=2", "?offset=2&limit=2", "?offset=4&limit=2"]);
  });

  it("starts at the caller's offset; without a limit it stops at an empty page", async () => {
    const s = setup(server);
    expect(await ids(items(s.client, { offset: 1 }))).toEqual(["b", "c", "d", "e"]);
    expect(s.search()).toEqual(["?offset=1", "?offset=4", "?offset=5"]);
  });
});

describe("next-page URLs (Link header, body field)", () => {
  const linkOp = listOp({ kind: "link", items: ["data"] }, ["page"]);
  const bodyOp = listOp({ kind: "nextUrl", nextUrl: ["links", "next"], items: ["data"] }, ["page"]);
  const page = (u: URL): number => Number(u.searchParams.get("page") ?? 1);
  const data = (u: URL) => ({ data: [{ id: ALL[page(u) - 1]! }] });

  it('follows Link rel="next" (absolute or relative) with header parameters and credentials, not the first query', async () => {
    const s = setup(
      reply(data, (u) =>
        page(u) === 1
          ? { link: `<${BASE}/api/v1/payouts?page=2>; rel="next", <${BASE}/x?page=9>; rel="last"` }
          : page(u) === 2
            ? { link: '</api/v1/payouts?page=3&q=a+b%2Bc>; rel="prev next"' }
            : {},
      ),
    );
    expect(await ids(list(s.client, linkOp, { stage: "PAID", "x-tenant": "t1" }))).toEqual([
      "a",
      "b",
      "c",
    ]);
    expect(s.calls.map((c) => c.url)).toEqual([
      `${BASE}/api/v1/payouts?stage=PAID`,
      `${BASE}/api/v1/payouts?page=2`,
      `${BASE}/api/v1/payouts?page=3&q=a%20b%2Bc`,
    ]);
    expect(s.calls.map((c) => [c.method, c.headers["x-tenant"], c.headers["x-api-key"]])).toEqual([
      ["GET", "t1", API_KEY],
      ["GET", "t1", API_KEY],
      ["GET", "t1", API_KEY],
    ]);
  });

  it("follows a next URL in the body and stops at null", async () => {
    const s = setup(
      reply((u) => ({ ...data(u), links: { next: page(u) < 3 ? `?page=${page(u) + 1}` : null } })),
    );
    expect(await ids(list(s.client, bodyOp, {}))).toEqual(["a", "b", "c"]);
    expect(s.calls).toHaveLength(3);
  });

  it("an API key sent in the query is added once, not repeated from the link", async () => {
    const spec: ClientSpec = {
      ...clientSpec,
      securitySchemes: { ApiKeyAuth: { type: "apiKey", in: "query", name: "api_key" } },
    };
    const s = setup(
      reply(data, (u) =>
        page(u) === 1
          ? { link: `<${BASE}/api/v1/payouts?page=2&api_key=${API_KEY}>; rel=next` }
          : {},
      ),
      spec,
    );
    await ids(list(s.client, linkOp, {}));
    expect(s.search()).toEqual([`?api_key=${API_KEY}`, `?page=2&api_key=${API_KEY}`]);
  });

  it("a next URL on another origin is refused: the credentials would go there", async () => {
    const s = setup(
      reply((u) => ({ ...data(u), links: { next: "https://evil.test/steal?page=2" } })),
    );
    const err = await ids(list(s.client, bodyOp, {})).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PaginationError);
    expect((err as Error).message).toBe(
      "listPayouts: the next-page URL is on https://evil.test, not the base URL's origin https://api.introw.test: not followed, as the client's credentials would go there",
    );
    expect(s.calls).toHaveLength(1);
  });

  it("a next URL already followed is a PaginationError, not a loop", async () => {
    const s = setup(
      reply((u) => ({
        ...data(u),
        links: { next: `/api/v1/payouts?page=${page(u) === 2 ? 1 : 2}` },
      })),
    );
    const err = await ids(list(s.client, bodyOp, {})).catch((e: unknown) => e);
    expect(err).toMatchObject({
      name: "PaginationError",
      message: "listPayouts: the server repeated the next-page URL",
      cursor: `${BASE}/api/v1/payouts?page=2`,
    });
    expect(s.calls).toHaveLength(3);
  });
});

describe("the cursor shape", () => {
  it('an explicit kind: "cursor" behaves as the kind-less object', async () => {
    const op = listOp(
      { kind: "cursor", cursorParam: "cursor", nextCursor: ["next"], items: ["data"] },
      ["cursor"],
    );
    const s = setup(
      reply((u) => ({
        data: [{ id: u.search }],
        next: u.searchParams.get("cursor") ? null : "c2",
      })),
    );
    expect(await ids(list(s.client, op, {}))).toEqual(["", "?cursor=c2"]);
  });
});

describe("nextLink (RFC 8288)", () => {
  it.each([
    ['<https://a.test/p?page=2>; rel="next"', "https://a.test/p?page=2"],
    ["<https://a.test/1>; rel=prev, <https://a.test/3>; rel=next", "https://a.test/3"],
    ['</p?page=2>; title="x, y"; rel="last next"', "/p?page=2"],
    ['<https://a.test/2>; REL="Next"', "https://a.test/2"],
    ['<https://a.test/2>; rel="nextpage"', undefined],
    ['<https://a.test/2>; rel="prev"', undefined],
    ["", undefined],
    [undefined, undefined],
  ])("%j → %j", (header, target) => {
    expect(nextLink(header)).toBe(target);
  });
});
