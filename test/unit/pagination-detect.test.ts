/**
 * Pagination in the model (issue 13.6): every kind detected from the document by general rules, the precedence
 * when several match, the near misses that must stay unpaginated, and `x-pagination` / config overrides of every
 * kind with a warning for one that does not fit the operation.
 */
import { describe, expect, it } from "vitest";
import type { PaginationOverride } from "../../generator/config/config.js";
import type { ApiModel } from "../../generator/model/model.js";
import { normalize } from "../../generator/model/normalize.js";
import { validate } from "../../generator/validate/validate.js";

type Json = Record<string, unknown>;
const int = { type: "integer" };
const str = { type: "string" };
const q = (name: string, schema: Json = int): Json => ({ name, in: "query", schema });
const list = { type: "array", items: { type: "object", properties: { id: str } } };
const obj = (properties: Json): Json => ({ type: "object", properties });

/** One operation `GET /things` (or `method`) with these query parameters, 2xx body and headers. */
function op(parameters: Json[], schema: Json, extra: Json = {}, method = "get"): Json {
  const { headers, ...rest } = extra;
  return {
    paths: {
      "/things": {
        [method]: {
          operationId: "listThings",
          parameters,
          responses: {
            "200": {
              description: "ok",
              ...(headers !== undefined ? { headers } : {}),
              content: { "application/json": { schema } },
            },
          },
          ...rest,
        },
      },
    },
  };
}

function model(doc: Json, pagination?: Record<string, PaginationOverride>): ApiModel {
  const result = validate({ openapi: "3.1.0", info: { title: "T", version: "1" }, ...doc });
  if (result.document === undefined) throw new Error(JSON.stringify(result.issues));
  return normalize(result.document, {
    input: "x.yaml",
    output: "out",
    name: "T",
    ...(pagination !== undefined ? { pagination } : {}),
  });
}

const detected = (doc: Json): unknown => model(doc).operations[0]!.pagination;
const linkHeader = { headers: { Link: { schema: str } } };

describe("detection of each kind", () => {
  it.each<[string, Json, unknown]>([
    [
      "page + per_page with an items array",
      op([q("page"), q("per_page")], obj({ data: list, total: int })),
      { kind: "page", pageParam: "page", sizeParam: "per_page", items: ["data"] },
    ],
    [
      "page_number alone, the body being the array",
      op([q("page_number")], list),
      { kind: "page", pageParam: "page_number", items: [] },
    ],
    [
      "a page parameter whose default is 0 starts there; has_more stops it",
      op(
        [q("page", { type: "integer", default: 0 }), q("pageSize")],
        obj({ results: list, has_more: { type: "boolean" } }),
      ),
      {
        kind: "page",
        pageParam: "page",
        sizeParam: "pageSize",
        startPage: 0,
        items: ["results"],
        hasMore: ["has_more"],
      },
    ],
    [
      "offset + limit",
      op([q("offset"), q("limit")], obj({ items: list })),
      { kind: "offset", offsetParam: "offset", limitParam: "limit", items: ["items"] },
    ],
    [
      "$skip + $top, items in an envelope",
      op([q("$skip"), q("$top")], obj({ result: obj({ entries: list }) })),
      { kind: "offset", offsetParam: "$skip", limitParam: "$top", items: ["result", "entries"] },
    ],
    ["a Link header on an array body", op([], list, linkHeader), { kind: "link", items: [] }],
    [
      "a `next` of format uri",
      op([], obj({ results: list, next: { type: ["string", "null"], format: "uri" } })),
      { kind: "nextUrl", nextUrl: ["next"], items: ["results"] },
    ],
    [
      "links.next, a plain string",
      op([], obj({ data: list, links: obj({ next: str, self: str }) })),
      { kind: "nextUrl", nextUrl: ["links", "next"], items: ["data"] },
    ],
    [
      "HAL `_links.next.href`",
      op([], obj({ items: list, _links: obj({ next: obj({ href: str }) }) })),
      { kind: "nextUrl", nextUrl: ["_links", "next", "href"], items: ["items"] },
    ],
    [
      "links.pages.next inside anyOf alternatives",
      op(
        [],
        obj({
          droplets: list,
          links: obj({ pages: { anyOf: [obj({ next: str, last: str }), obj({ prev: str })] } }),
        }),
      ),
      { kind: "nextUrl", nextUrl: ["links", "pages", "next"], items: ["droplets"] },
    ],
    [
      "@odata.nextLink beside `value`",
      op([], obj({ value: list, "@odata.nextLink": str })),
      { kind: "nextUrl", nextUrl: ["@odata.nextLink"], items: ["value"] },
    ],
  ])("%s", (_, doc, expected) => {
    expect(detected(doc)).toEqual(expected);
  });
});

describe("precedence: the most specific kind wins", () => {
  it.each<[string, Json, unknown]>([
    [
      "a cursor over a next URL",
      op([q("cursor", str), q("page")], obj({ data: list, nextCursor: str, next_url: str })),
      { cursorParam: "cursor", nextCursor: ["nextCursor"], items: ["data"] },
    ],
    [
      "a next URL over a Link header and page numbers",
      op([q("page"), q("per_page")], obj({ data: list, links: obj({ next: str }) }), linkHeader),
      { kind: "nextUrl", nextUrl: ["links", "next"], items: ["data"] },
    ],
    [
      "a Link header over page numbers (GitHub-style lists)",
      op([q("page"), q("per_page")], list, linkHeader),
      { kind: "link", items: [] },
    ],
    [
      "page numbers over an offset",
      op([q("page"), q("offset"), q("limit")], list),
      { kind: "page", pageParam: "page", sizeParam: "limit", items: [] },
    ],
    [
      "a string `page` is a page token sent back from next_page",
      op([q("page", str), q("limit")], obj({ data: list, next_page: str, has_more: {} })),
      { cursorParam: "page", nextCursor: ["next_page"], items: ["data"] },
    ],
    [
      "a cursor parameter with a `next` of format uri follows the URL (it is no cursor)",
      op([q("after", str)], obj({ data: list, next: { type: "string", format: "uri" } })),
      { kind: "nextUrl", nextUrl: ["next"], items: ["data"] },
    ],
  ])("%s", (_, doc, expected) => {
    expect(detected(doc)).toEqual(expected);
  });

  it("names a renamed page parameter by its params key", () => {
    const doc = op([{ name: "page", in: "header", schema: str }, q("page")], list);
    expect(model(doc).operations[0]!.pagination).toEqual({
      kind: "page",
      pageParam: "queryPage",
      items: [],
    });
  });
});

describe("near misses stay unpaginated", () => {
  it.each<[string, Json]>([
    ["a page parameter without an items array", op([q("page"), q("per_page")], obj({ id: str }))],
    ["a page parameter of type string without a next field", op([q("page", str)], list)],
    ["two arrays, neither a known items name", op([q("page")], obj({ a: list, b: list }))],
    ["a time called start, with a limit", op([q("start", str), q("limit")], list)],
    ["an offset without a limit parameter", op([q("offset")], list)],
    ["a limit alone", op([q("limit")], list)],
    ["a POST with page numbers", op([q("page")], list, {}, "post")],
    ["a Link header on a single object", op([], obj({ id: str, tags: obj({}) }), linkHeader)],
    ["a bare `next` string (may be a cursor)", op([], obj({ data: list, next: str }))],
    [
      "a next_url that is not a URL",
      op([], obj({ data: list, next_url: { ...str, format: "uuid" } })),
    ],
    ["a numeric `links.next`", op([], obj({ data: list, links: obj({ next: int }) }))],
  ])("%s", (_, doc) => {
    expect(detected(doc)).toBeUndefined();
  });
});

describe("configured pagination of every kind", () => {
  it("reads x-pagination of each kind: dotted paths split, parameters as params keys", () => {
    const withExt = (ext: Json): Json =>
      op([q("p"), q("n")], obj({ data: list }), { "x-pagination": ext });
    expect(
      detected(
        withExt({ kind: "page", pageParam: "p", sizeParam: "n", items: "data", pageSize: 20 }),
      ),
    ).toEqual({
      kind: "page",
      pageParam: "p",
      sizeParam: "n",
      pageSize: 20,
      items: ["data"],
    });
    expect(
      detected(withExt({ kind: "offset", offsetParam: "p", items: "data", hasMore: "meta.more" })),
    ).toEqual({
      kind: "offset",
      offsetParam: "p",
      items: ["data"],
      hasMore: ["meta", "more"],
    });
    const arrayBody = op([], list, { "x-pagination": { kind: "link", items: "" } });
    expect(detected(arrayBody)).toEqual({ kind: "link", items: [] });
    expect(detected(withExt({ kind: "nextUrl", nextUrl: "meta.next", items: ["data"] }))).toEqual({
      kind: "nextUrl",
      nextUrl: ["meta", "next"],
      items: ["data"],
    });
  });

  it("warns about x-pagination that does not fit and detects instead", () => {
    const bad = (ext: Json): ApiModel =>
      model(op([q("page"), q("n")], list, { "x-pagination": ext }));
    const cases: [Json, string][] = [
      [
        { kind: "page", pageParam: "nope", items: "data" },
        'pageParam "nope" is not a parameter of the operation',
      ],
      [
        { kind: "pages", items: "data" },
        'kind "pages" is not one of cursor, page, offset, link, nextUrl',
      ],
      [
        { kind: "offset", offsetParam: "n", items: "data", pageSize: 0 },
        "pageSize must be an integer of at least 1",
      ],
      [{ kind: "nextUrl", items: "data" }, "nextUrl is missing"],
      [{ kind: "link", items: "data", sizeParam: "n" }, "unknown field sizeParam"],
      [
        { kind: "link", items: "data" },
        'items: "data" is not an array in the operation\'s 2xx JSON response',
      ],
    ];
    for (const [ext, reason] of cases) {
      const m = bad(ext);
      expect(m.operations[0]!.pagination).toEqual({ kind: "page", pageParam: "page", items: [] });
      expect(
        m.issues.filter((i) => i.code === "invalid-x-pagination").map((i) => i.message)[0],
      ).toContain(reason);
    }
  });

  it("refuses configured items that are not an array of the body (the item type would not exist)", () => {
    const m = model(op([], obj({ data: list }), { "x-pagination": { kind: "link", items: "" } }));
    expect(m.operations[0]!.pagination).toBeUndefined();
    expect(m.issues.map((i) => i.message)).toEqual([
      "x-pagination is not used: items: the body is not an array in the operation's 2xx JSON response. Pagination is detected instead.",
    ]);
  });

  it("lets the target's override win over x-pagination, and warns about one that does not fit", () => {
    const doc = op([q("p"), q("n")], obj({ data: list }), { "x-pagination": false });
    expect(
      model(doc, {
        listThings: { kind: "offset", offsetParam: "p", limitParam: "n", items: ["data"] },
      }).operations[0]!.pagination,
    ).toEqual({
      kind: "offset",
      offsetParam: "p",
      limitParam: "n",
      items: ["data"],
    });
    const m = model(doc, { listThings: { kind: "page", pageParam: "missing", items: ["data"] } });
    expect(m.operations[0]!.pagination).toBeUndefined();
    expect(m.issues.filter((i) => i.code === "invalid-pagination-override")).toEqual([
      {
        code: "invalid-pagination-override",
        severity: "warning",
        pointer: "/paths/~1things/get",
        message:
          'The target\'s pagination override for \'listThings\' is not used: pageParam "missing" is not a parameter of the operation; it needs { kind: "page", pageParam, items } (sizeParam, startPage, pageSize optional), parameters by name and dotted paths. x-pagination or detection applies instead.',
      },
    ]);
    const paged = op([q("page")], list);
    expect(model(paged).operations[0]!.pagination).toBeDefined();
    expect(model(paged, { listThings: false }).operations[0]!.pagination).toBeUndefined();
  });
});
