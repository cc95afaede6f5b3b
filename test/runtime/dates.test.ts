/**
 * runtime/dates.ts: the plan walker (revive and request leaves), and `request`/`paginate` applying an operation's
 * `spec.dates` over a scripted fetch.
 */
import { describe, expect, it } from "vitest";
import { applyDatePlan, paginate, request, toDate, toDay } from "../../templates/runtime/dates.js";
import { request as coreRequest } from "../../templates/runtime/request.js";
import type { DatePlan, OperationSpec } from "../../templates/runtime/types.js";
import { jsonBody } from "../../templates/runtime/serialize.js";
import { FakeClock, json, scriptedFetch, type Step } from "./fakes.js";
import { testClient } from "./specs.js";

const AT = "2024-05-01T10:00:00.000Z";
const revive = (value: unknown, plan: DatePlan): unknown => applyDatePlan(value, plan, toDate);

describe("applyDatePlan with toDate (responses)", () => {
  it("revives date-time and date strings where the plan says, and nothing else", () => {
    const plan: DatePlan = { p: { at: "date-time", on: "date" } };
    const out = revive({ at: AT, on: "2024-05-01", note: AT }, plan) as Record<string, unknown>;
    expect(out["at"]).toEqual(new Date(AT));
    // a date is UTC midnight
    expect(out["on"]).toEqual(new Date(Date.UTC(2024, 4, 1)));
    expect(out["note"]).toBe(AT);
  });

  it("walks array items, additionalProperties and lists of plans (allOf/anyOf/oneOf)", () => {
    const plan: DatePlan = {
      p: { list: { i: "date-time" }, map: { a: "date-time" } },
    };
    const both: DatePlan = [plan, { p: { extra: "date-time" } }];
    const out = revive({ list: [AT, AT], map: { a: AT, b: AT }, extra: AT }, both);
    expect(out).toEqual({
      list: [new Date(AT), new Date(AT)],
      map: { a: new Date(AT), b: new Date(AT) },
      extra: new Date(AT),
    });
  });

  it("follows component plans through functions, so a recursive schema revives at every depth", () => {
    const thread: DatePlan = { p: { at: "date-time", replies: { i: () => thread } } };
    const deep = { at: AT, replies: [{ at: AT, replies: [{ at: AT, replies: [] }] }] };
    const out = revive(deep, () => thread) as typeof deep;
    expect(out.replies[0]!.replies[0]!.at).toEqual(new Date(AT));
  });

  it("keeps strings that are not RFC 3339 dates, invalid dates, and values of another shape", () => {
    const plan: DatePlan = { p: { a: "date-time", b: "date-time", c: "date-time", d: "date" } };
    const value = { a: "not a date", b: "2024-13-45T99:00:00Z", c: 1714557600000, d: "1" };
    expect(revive(value, plan)).toEqual(value);
    expect(revive([AT], { p: { x: "date-time" } })).toEqual([AT]);
    expect(revive("text", { i: "date-time" })).toBe("text");
    expect(revive(null, "date-time")).toBeNull();
  });

  it("copies what it changes and leaves the value it was given alone", () => {
    const value = { at: AT, nested: { at: AT }, other: { x: 1 } };
    const out = revive(value, {
      p: { at: "date-time", nested: { p: { at: "date-time" } } },
    }) as typeof value;
    expect(value.at).toBe(AT);
    expect(value.nested.at).toBe(AT);
    expect(out.other).toBe(value.other);
  });

  it("keeps a `__proto__` key as data and does not read a plan's inherited keys", () => {
    const value = JSON.parse(`{"__proto__": "${AT}", "constructor": "${AT}"}`) as object;
    const out = revive(value, { a: "date-time" }) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, "__proto__")?.value).toEqual(new Date(AT));
    const own = revive(value, { p: {} }) as Record<string, unknown>;
    expect(own["constructor"]).toBe(AT);
  });
});

describe("applyDatePlan with toDay (requests)", () => {
  it("sends a Date where the schema says format: date as its UTC day; date-time Dates stay Dates", () => {
    const at = new Date(AT);
    const out = applyDatePlan(
      { body: { on: new Date(Date.UTC(2024, 4, 1)), at, text: "x" } },
      { p: { body: { p: { on: "date", at: "date-time" } } } },
      toDay,
    );
    expect(out).toEqual({ body: { on: "2024-05-01", at, text: "x" } });
    expect(toDay("2024-05-01", "date")).toBe("2024-05-01");
    expect(() => toDay(new Date("nope"), "date")).toThrow(RangeError);
  });
});

const eventSpec: OperationSpec = {
  id: "getEvent",
  method: "POST",
  path: "/events/{at}",
  params: [
    { name: "at", in: "path" },
    { name: "since", in: "query" },
    { name: "day", in: "query" },
    { name: "x-as-of", in: "header" },
  ],
  body: { mediaType: "application/json", encoding: "json", required: true, encode: jsonBody },
  response: "json",
  security: [],
  dates: {
    response: { p: { createdAt: "date-time", day: "date" } },
    request: { p: { day: "date", body: { p: { on: "date" } } } },
  },
};

function client(...steps: Step[]) {
  const f = scriptedFetch(...steps);
  return { client: testClient({ fetch: f.fetch, clock: new FakeClock() }), calls: f.calls };
}

describe("request with spec.dates", () => {
  it("revives the 2xx body for await, .withResponse() and .safe(), and serializes Dates in parameters", async () => {
    const { client: c, calls } = client(json(200, { createdAt: AT, day: "2024-05-01" }));
    const at = new Date(AT);
    const params = {
      at,
      since: at,
      day: new Date(Date.UTC(2024, 4, 1)),
      "x-as-of": at,
      body: { on: new Date(Date.UTC(2024, 4, 2)), startsAt: at },
    };
    const p = request<{ createdAt: Date; day: Date }>(c, eventSpec, params);
    expect((await p).createdAt).toEqual(at);
    expect((await p.withResponse()).data.day).toEqual(new Date(Date.UTC(2024, 4, 1)));
    const safe = await p.safe();
    expect(safe.ok && safe.data.createdAt instanceof Date).toBe(true);
    const seen = calls[0]!;
    const url = new URL(seen.url);
    expect(decodeURIComponent(url.pathname)).toBe(`/events/${AT}`);
    expect(url.searchParams.get("since")).toBe(AT);
    expect(url.searchParams.get("day")).toBe("2024-05-01");
    expect(seen.headers["x-as-of"]).toBe(AT);
    expect(JSON.parse(await seen.body)).toEqual({ on: "2024-05-02", startsAt: AT });
    // the caller's params are not changed
    expect(params.day).toBeInstanceOf(Date);
  });

  it("leaves error bodies as sent, and an operation without dates is the core's promise", async () => {
    const { client: c } = client(json(404, { timestamp: AT }));
    const error = await request(c, eventSpec, { at: "x", body: {} }).catch((e: unknown) => e);
    expect((error as { body: unknown }).body).toEqual({ timestamp: AT });
    const { dates: _, ...plain } = eventSpec;
    const { client: c2 } = client(json(200, { createdAt: AT }));
    expect(await request(c2, plain, { at: "x", body: {} })).toEqual({ createdAt: AT });
    expect(await coreRequest(c2, plain, { at: "x", body: {} })).toEqual({ createdAt: AT });
  });
});

describe("paginate with spec.dates", () => {
  const listSpec: OperationSpec = {
    id: "listEvents",
    method: "GET",
    path: "/events",
    params: [{ name: "after", in: "query" }],
    response: "json",
    security: [],
    pagination: {
      cursorParam: "after",
      nextCursor: [],
      nextCursorFromLastItem: ["createdAt"],
      items: ["data"],
    },
    dates: { response: { p: { data: { i: { p: { createdAt: "date-time" } } } } } },
  };
  // microsecond timestamps: a Date would lose the last three digits
  const pages = [
    ["2024-05-01T10:00:00.000001Z", "2024-05-01T10:00:00.000002Z"],
    ["2024-05-01T10:00:00.000003Z"],
    [],
  ];
  const server: Step = (req) => {
    const after = new URL(req.url).searchParams.get("after");
    const i = after === null ? 0 : pages.findIndex((p) => p.at(-1) === after) + 1;
    return new Response(JSON.stringify({ data: pages[i]!.map((createdAt) => ({ createdAt })) }), {
      headers: { "content-type": "application/json" },
    });
  };

  it("revives the first page, every page and every item; cursors go back as the server sent them", async () => {
    const { client: c, calls } = client(server);
    type Item = { createdAt: Date };
    const first = await paginate<{ data: Item[] }, Item>(c, listSpec, {});
    expect(first.data[0]!.createdAt).toBeInstanceOf(Date);
    const items: Item[] = [];
    for await (const item of paginate<{ data: Item[] }, Item>(c, listSpec, {})) items.push(item);
    expect(items.map((i) => i.createdAt)).toEqual([
      new Date("2024-05-01T10:00:00.000Z"),
      new Date("2024-05-01T10:00:00.000Z"),
      new Date("2024-05-01T10:00:00.000Z"),
    ]);
    const afters = calls.map((s) => new URL(s.url).searchParams.get("after"));
    expect(afters.slice(-2)).toEqual([
      "2024-05-01T10:00:00.000002Z",
      "2024-05-01T10:00:00.000003Z",
    ]);
    const all: Item[][] = [];
    for await (const page of paginate<{ data: Item[] }, Item>(c, listSpec, {}).pages())
      all.push(page.data);
    expect(all.flat().every((i) => i.createdAt instanceof Date)).toBe(true);
    expect(all.length).toBe(3);
  });
});
