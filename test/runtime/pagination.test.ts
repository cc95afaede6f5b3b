import { describe, expect, it } from "vitest";
import { NotFoundError } from "../../templates/runtime/errors.js";
import { paginate, PaginationError } from "../../templates/runtime/pagination.js";
import type { OperationSpec } from "../../templates/runtime/types.js";
import { FakeClock, json, scriptedFetch, type Step } from "./fakes.js";
import { listPayouts, testClient } from "./specs.js";

type Page = { data: Array<{ id: string }>; pagination: { nextCursor: string | null } };

/** A listing served from `pages`: the `cursor` query parameter selects the page; page i links to i+1. */
function listing(
  pages: string[][],
  cursorOf = (i: number): string | null => (i + 1 < pages.length ? `c${i + 1}` : null),
): Step {
  return (req) => {
    const cursor = new URL(req.url).searchParams.get("cursor");
    const i = cursor === null ? 0 : Number(cursor.slice(1));
    const body: Page = {
      data: pages[i]!.map((id) => ({ id })),
      pagination: { nextCursor: cursorOf(i) },
    };
    return new Response(JSON.stringify(body), {
      status: 200,
      headers: { "content-type": "application/json" },
    });
  };
}

function setup(step: Step) {
  const f = scriptedFetch(step);
  return { client: testClient({ fetch: f.fetch, clock: new FakeClock() }), calls: f.calls };
}

const list = (
  c: ReturnType<typeof setup>["client"],
  params: object = { stage: "PENDING_REVIEW" },
  options = {},
  spec = listPayouts,
) => paginate<Page, { id: string }>(c, spec, params, options);

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe("paginate", () => {
  it("awaiting gives the first page only", async () => {
    const { client, calls } = setup(listing([["a", "b"], ["c"]]));
    const page = await list(client);
    expect(page.data.map((x) => x.id)).toEqual(["a", "b"]);
    expect(calls).toHaveLength(1);
  });

  it("for await iterates every item of every page, following the cursor and keeping the other params", async () => {
    const { client, calls } = setup(listing([["a", "b"], ["c"], ["d", "e"]]));
    const ids = (await collect(list(client))).map((x) => x.id);
    expect(ids).toEqual(["a", "b", "c", "d", "e"]);
    expect(calls.map((c) => new URL(c.url).search)).toEqual([
      "?stage=PENDING_REVIEW",
      "?stage=PENDING_REVIEW&cursor=c1",
      "?stage=PENDING_REVIEW&cursor=c2",
    ]);
  });

  it(".pages() yields each page body", async () => {
    const { client } = setup(listing([["a"], ["b"]]));
    const pages = await collect(list(client).pages());
    expect(pages).toEqual([
      { data: [{ id: "a" }], pagination: { nextCursor: "c1" } },
      { data: [{ id: "b" }], pagination: { nextCursor: null } },
    ]);
  });

  it("stops at an absent or empty cursor", async () => {
    const absent = setup(
      (_req) =>
        new Response(JSON.stringify({ data: [{ id: "x" }], pagination: {} }), { status: 200 }),
    );
    expect(await collect(list(absent.client))).toHaveLength(1);
    const empty = setup(listing([["a"], ["b"]], (i) => (i === 0 ? "c1" : "")));
    expect(await collect(list(empty.client))).toHaveLength(2);
    expect(empty.calls).toHaveLength(2);
  });

  it("maxItems stops early without fetching further pages", async () => {
    const { client, calls } = setup(listing([["a", "b"], ["c", "d"], ["e"]]));
    const ids = (await collect(list(client, {}, { maxItems: 3 }))).map((x) => x.id);
    expect(ids).toEqual(["a", "b", "c"]);
    expect(calls).toHaveLength(2);
    const none = setup(listing([["a"]]));
    expect(await collect(list(none.client, {}, { maxItems: 0 }))).toEqual([]);
  });

  it("maxPages limits pages for both item and page iteration", async () => {
    const { client, calls } = setup(listing([["a"], ["b"], ["c"]]));
    expect((await collect(list(client, {}, { maxPages: 2 }))).map((x) => x.id)).toEqual(["a", "b"]);
    expect(calls).toHaveLength(2);
    expect(await collect(list(client, {}, { maxPages: 1 }).pages())).toHaveLength(1);
  });

  it("throws PaginationError when the server repeats a cursor", async () => {
    const { client, calls } = setup(
      listing([["a"], ["b"], ["c"]], (i) => (i === 0 ? "c1" : i === 1 ? "c2" : "c1")),
    );
    const seen: string[] = [];
    const err = await (async () => {
      for await (const x of list(client)) seen.push(x.id);
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PaginationError);
    expect(err).toMatchObject({
      cursor: "c1",
      message: 'listPayouts: the server repeated the cursor "c1"',
    });
    expect(seen).toEqual(["a", "b", "c"]);
    expect(calls).toHaveLength(3);
  });

  it("treats the caller's starting cursor as seen", async () => {
    const { client } = setup(listing([["a"], ["b"]], () => "c1"));
    await expect(collect(list(client, { cursor: "c1" }))).rejects.toBeInstanceOf(PaginationError);
  });

  it("stops when hasMore is false even if a cursor is present", async () => {
    const spec: OperationSpec = {
      ...listPayouts,
      pagination: { ...listPayouts.pagination!, hasMore: ["has_more"] },
    };
    const { client, calls } = setup((req) => {
      const more = !new URL(req.url).searchParams.has("cursor");
      return new Response(
        JSON.stringify({
          data: [{ id: more ? "a" : "b" }],
          has_more: more,
          pagination: { nextCursor: "z" + Number(more) },
        }),
      );
    });
    expect((await collect(list(client, {}, {}, spec))).map((x) => x.id)).toEqual(["a", "b"]);
    expect(calls).toHaveLength(2);
  });

  it("takes the cursor from the last item (starting_after style)", async () => {
    const spec: OperationSpec = {
      ...listPayouts,
      params: [{ name: "starting_after", in: "query" }],
      pagination: {
        cursorParam: "starting_after",
        nextCursor: [],
        items: ["data"],
        hasMore: ["has_more"],
        nextCursorFromLastItem: ["id"],
      },
    };
    const all = ["a", "b", "c", "d", "e"];
    const { client, calls } = setup((req) => {
      const after = new URL(req.url).searchParams.get("starting_after");
      const start = after === null ? 0 : all.indexOf(after) + 1;
      const data = all.slice(start, start + 2).map((id) => ({ id }));
      return new Response(JSON.stringify({ data, has_more: start + 2 < all.length }));
    });
    expect((await collect(list(client, {}, {}, spec))).map((x) => x.id)).toEqual(all);
    expect(calls.map((c) => new URL(c.url).search)).toEqual([
      "",
      "?starting_after=b",
      "?starting_after=d",
    ]);
  });

  it("a failing later page rejects the iteration with the typed error", async () => {
    const pages = listing([["a"], ["b"]]);
    const gone = json(404, { code: "GONE" }) as (req: Request) => Response;
    const { client } = setup((req, _init) =>
      new URL(req.url).searchParams.has("cursor") ? gone(req) : (pages as typeof gone)(req),
    );
    await expect(collect(list(client))).rejects.toBeInstanceOf(NotFoundError);
  });

  it("the first page also supports .withResponse() and .safe()", async () => {
    const { client } = setup(listing([["a"], ["b"]]));
    const r = await list(client).withResponse();
    expect(r.response.status).toBe(200);
    const s = await list(client).safe();
    expect(s.ok && s.data.data[0]!.id).toBe("a");
  });

  it("iterating twice restarts from the first page without refetching it", async () => {
    const { client, calls } = setup(listing([["a"], ["b"]]));
    const p = list(client);
    expect(await collect(p)).toHaveLength(2);
    expect(await collect(p)).toHaveLength(2);
    expect(calls).toHaveLength(3);
  });
});
