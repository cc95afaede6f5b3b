/**
 * The mock engine (templates/runtime/mock*.ts) through the runtime client: routing, request validation,
 * examples, handlers, call recording, echoed parameters, determinism and stateful CRUD.
 */
import { describe, expect, it } from "vitest";
import { ApiError } from "../../templates/runtime/errors.js";
import { createMockFetchCore, type MockFetch } from "../../templates/runtime/mock.js";
import { all, call, thingsClient, THINGS_API } from "./mock-things.js";

type Thing = { id: string; name: string; kind: string; size?: number; secret?: string };
const mockOf = (options = {}): MockFetch => createMockFetchCore(THINGS_API, options);
const newThing = { name: "kite", kind: "small", size: 3, secret: "s3cret" };

async function problemOf(p: Promise<unknown>): Promise<ApiError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ApiError);
  return e as ApiError;
}

describe("mock: routing and validation", () => {
  it("routes by method and path template under the server's base path, and 404/405 otherwise", async () => {
    const mock = mockOf();
    const thing = await call<Thing>(thingsClient(mock), "getThing", { thingId: "t-7" });
    expect(thing.name).toBeTypeOf("string");
    expect(mock.calls("getThing")[0]!.url).toBe("https://things.test/v2/things/t-7");
    const missing = await mock("https://things.test/v2/nothing");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toBe("application/problem+json");
    expect((await mock("https://things.test/v2/things/1", { method: "PUT" })).status).toBe(405);
  });

  it("reads the headers (here the API key) of fetch(url, init) and of fetch(request) alike", async () => {
    const mock = mockOf();
    const url = "https://things.test/v2/things/t-7";
    const headers = { "X-Key": "test-key-0123456789" };
    expect((await mock(url)).status).toBe(401);
    expect((await mock(url, { headers })).status).toBe(200);
    expect((await mock(new Request(url, { headers }))).status).toBe(200);
    expect((await mock(new Request(url))).status).toBe(401);
    expect(mock.calls("getThing").map((c) => c.headers["x-key"])).toEqual([
      undefined,
      "test-key-0123456789",
      "test-key-0123456789",
      undefined,
    ]);
  });

  it("answers 400 problem+json naming a missing body field, an enum value, a parameter's type", async () => {
    const client = thingsClient(mockOf());
    const noSecret = await problemOf(
      call(client, "createThing", { body: { name: "x", kind: "small" } }),
    );
    expect(noSecret.status).toBe(400);
    expect(noSecret.message).toContain("the request body must have required property 'secret'");
    const badKind = await problemOf(all(client, "listThings", { kind: "huge" }));
    expect(badKind.message).toContain(`query parameter 'kind' must be one of "small", "big"`);
    const badLimit = await problemOf(all(client, "listThings", { limit: "many" }));
    expect(badLimit.message).toContain("query parameter 'limit' must be integer, not string");
    expect(badLimit.body).toMatchObject({ status: 400, errors: [{ in: "query", name: "limit" }] });
  });

  it("answers 401 without the credentials of the security requirement, unless checkSecurity is false", async () => {
    const anonymous = (mock: MockFetch) => thingsClient(mock, { auth: {} });
    const e = await problemOf(call(anonymous(mockOf()), "getThing", { thingId: "1" }));
    expect(e.status).toBe(401);
    expect(e.message).toContain("getThing needs credentials: key");
    await expect(
      call(anonymous(mockOf({ checkSecurity: false })), "getThing", { thingId: "1" }),
    ).resolves.toBeDefined();
  });

  it("passes an invalid request on with validate: false", async () => {
    const client = thingsClient(mockOf({ validate: false }));
    await expect(call(client, "createThing", { body: { name: 7 } })).resolves.toBeDefined();
  });
});

describe("mock: examples and generated data", () => {
  it("answers with the first example valid against the schema, a named one per operation or per call", async () => {
    const plain = await call<Thing>(thingsClient(mockOf()), "getThing", { thingId: "t-small" });
    expect(plain).toEqual({ id: "t-small", name: "pebble", kind: "small", size: 1 });
    const big = await call<Thing>(
      thingsClient(mockOf({ examples: { getThing: "big" } })),
      "getThing",
      { thingId: "x" },
    );
    expect(big.name).toBe("boulder");
    const client = thingsClient(mockOf(), { headers: { prefer: "example=big" } });
    expect((await call<Thing>(client, "getThing", { thingId: "x" })).id).toBe("t-big");
  });

  it("refuses an unknown example name: at creation for options, with 501 for Prefer", async () => {
    expect(() => mockOf({ examples: { getThing: "huge" } })).toThrow(
      "createMockFetch: getThing has no example 'huge' (examples: small, big)",
    );
    expect(() => mockOf({ examples: { nothing: "x" } })).toThrow("no operation nothing");
    const client = thingsClient(mockOf(), { headers: { prefer: "example=huge" } });
    const e = await problemOf(call(client, "getThing", { thingId: "x" }));
    expect(e.status).toBe(501);
  });

  it("generates valid data with useExamples: false, echoing the path's id, leaving writeOnly out", async () => {
    const thing = await call<Thing>(thingsClient(mockOf({ useExamples: false })), "getThing", {
      thingId: "t-42",
    });
    expect(thing.id).toBe("t-42");
    expect(["small", "big"]).toContain(thing.kind);
    expect(thing.name.length).toBeGreaterThanOrEqual(1);
    expect(thing).not.toHaveProperty("secret");
  });

  it("echoes a filter into the listed items and keeps ids unique across pages and calls", async () => {
    const mock = mockOf();
    const client = thingsClient(mock);
    const items = [
      ...(await all<Thing>(client, "listThings", { kind: "big" })),
      ...(await all<Thing>(client, "listThings")),
    ];
    expect(items).toHaveLength(12);
    expect(items.slice(0, 6).every((t) => t.kind === "big")).toBe(true);
    expect(new Set(items.map((t) => t.id)).size).toBe(12);
  });

  it("gives byte-identical answers for the same seed and calls, other answers for another seed", async () => {
    const run = async (seed: number): Promise<string[]> => {
      const texts: Promise<string>[] = [];
      const client = thingsClient(mockOf({ seed, useExamples: false }), {
        onResponse: (response) => void texts.push(response.clone().text()),
      });
      await all(client, "listThings");
      await call(client, "getThing", { thingId: "a" });
      return Promise.all(texts);
    };
    const [a, b, c] = [await run(7), await run(7), await run(8)];
    expect(a).toHaveLength(4);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });
});

describe("mock: handlers and calls", () => {
  it("answers an operation with a handler, which sees the params and the default body; off() removes it", async () => {
    const mock = mockOf();
    const client = thingsClient(mock);
    mock.on("getThing", ({ params, count, body }) =>
      params && (params as { thingId: string }).thingId === "gone"
        ? { status: 404, body: { code: "NOT_FOUND" } }
        : { body: { ...(body() as Thing), name: `call ${count}` } },
    );
    const e = await problemOf(call(client, "getThing", { thingId: "gone" }));
    expect([e.status, e.body]).toEqual([404, { code: "NOT_FOUND" }]);
    expect((await call<Thing>(client, "getThing", { thingId: "t" })).name).toBe("call 2");
    mock.off("getThing");
    expect((await call<Thing>(client, "getThing", { thingId: "t" })).name).toBe("pebble");
  });

  it("records every call with its params, body and status; reset() forgets them", async () => {
    const mock = mockOf();
    const client = thingsClient(mock);
    await call(client, "createThing", { body: newThing });
    await call(client, "updateThing", { thingId: "t1", body: { size: 99 } }).catch(() => undefined);
    expect(mock.calls("updateThing")).toEqual([
      expect.objectContaining({
        operation: "updateThing",
        method: "PATCH",
        status: 400,
        params: { thingId: "t1", body: { size: 99 } },
      }),
    ]);
    expect(mock.calls().map((c) => [c.operation, c.status])).toEqual([
      ["createThing", 201],
      ["updateThing", 400],
    ]);
    mock.reset();
    expect(mock.calls()).toEqual([]);
  });
});

describe("mock: stateful CRUD", () => {
  it("keeps created resources: get, update, list and delete them by the returned id", async () => {
    const client = thingsClient(mockOf({ stateful: true }));
    const created = await call<Thing>(client, "createThing", { body: newThing });
    expect(created).toMatchObject({ name: "kite", kind: "small", size: 3 });
    expect(created).not.toHaveProperty("secret");
    expect(await call(client, "getThing", { thingId: created.id })).toEqual(created);
    const updated = await call<Thing>(client, "updateThing", {
      thingId: created.id,
      body: { name: "kite 2" },
    });
    expect(updated).toEqual({ ...created, name: "kite 2" });
    const other = await call<Thing>(client, "createThing", {
      body: { ...newThing, name: "yo-yo" },
    });
    expect((await all<Thing>(client, "listThings")).map((t) => t.name)).toEqual([
      "kite 2",
      "yo-yo",
    ]);
    await call(client, "deleteThing", { thingId: created.id });
    const e = await problemOf(call(client, "getThing", { thingId: created.id }));
    expect([e.status, e.body]).toEqual([404, { code: "NOT_FOUND" }]);
    expect((await all<Thing>(client, "listThings")).map((t) => t.id)).toEqual([other.id]);
  });

  it("is off by default: an unknown id is answered like any other", async () => {
    const client = thingsClient(mockOf({ useExamples: false }));
    expect((await call<Thing>(client, "getThing", { thingId: "never-created" })).id).toBe(
      "never-created",
    );
  });
});
