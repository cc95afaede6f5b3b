/**
 * The mock's pages (every pagination kind, `pages` and `pageSize`) and faults (429 with Retry-After, 5xx,
 * connection reset, a delay past `timeoutMs`, a repeated cursor), driving the runtime's retries, timeouts and
 * pagination checks as the scenario server does, with an injected clock (no sleeping).
 */
import { describe, expect, it } from "vitest";
import type { Clock } from "../../templates/runtime/client.js";
import {
  ApiConnectionError,
  ApiTimeoutError,
  RateLimitError,
} from "../../templates/runtime/errors.js";
import {
  createMockFetchCore,
  type MockFault,
  type MockOptions,
} from "../../templates/runtime/mock.js";
import { PaginationError } from "../../templates/runtime/pagination.js";
import { FakeClock } from "./fakes.js";
import { all, call, thingsClient, THINGS_API } from "./mock-things.js";

const mockOf = (options: MockOptions = {}) => createMockFetchCore(THINGS_API, options);

describe("mock: pages", () => {
  it.each([
    ["listThings", {}, 6],
    ["listPages", { per_page: 3 }, 8],
    ["listOffsets", {}, 6],
    ["listLinked", {}, 6],
    ["listNext", {}, 6],
    ["listAfter", {}, 6],
  ] as const)(
    "%s answers 3 pages (the last short when the page size is known)",
    async (id, params, n) => {
      const mock = mockOf();
      const items = await all(thingsClient(mock), id, params);
      expect(items).toHaveLength(n);
      expect(new Set(items.map((t) => t["id"])).size).toBe(n);
      expect(mock.calls(id).every((c) => c.status === 200)).toBe(true);
    },
  );

  it("pages and pageSize set how many pages and items", async () => {
    expect(await all(thingsClient(mockOf({ pages: 5 })), "listThings")).toHaveLength(10);
    expect(await all(thingsClient(mockOf({ pageSize: 4 })), "listThings")).toHaveLength(12);
    expect(await all(thingsClient(mockOf()), "listThings", { limit: 5 })).toHaveLength(6);
  });

  it("links pages with a Link header on the request's own origin", async () => {
    const mock = mockOf();
    await all(thingsClient(mock), "listLinked");
    expect(mock.calls("listLinked").map((c) => new URL(c.url).search)).toEqual([
      "",
      "?mock_page=2",
      "?mock_page=3",
    ]);
  });

  it.each(["listThings", "listPages", "listOffsets", "listLinked", "listNext", "listAfter"])(
    "%s with a repeated cursor fault makes the client throw PaginationError",
    async (id) => {
      const mock = mockOf().fault(id, { repeatCursor: true });
      await expect(
        all(thingsClient(mock), id, id === "listPages" ? { per_page: 2 } : {}),
      ).rejects.toBeInstanceOf(PaginationError);
      expect(mock.calls(id)).toHaveLength(2);
    },
  );
});

describe("mock: faults", () => {
  it("429 with retryAfter: the client waits the Retry-After seconds and retries", async () => {
    const clock = new FakeClock(undefined, 60_000);
    const mock = mockOf().fault("getThing", { status: 429, retryAfter: 1 });
    const thing = await call(thingsClient(mock, { clock, maxRetries: 1 }), "getThing", {
      thingId: "t",
    });
    expect(thing).toMatchObject({ name: "pebble" });
    expect(clock.sleeps).toEqual([1000]);
    expect(mock.calls("getThing").map((c) => c.status)).toEqual([429, 200]);
  });

  it("a 429 left unretried is a RateLimitError with the delay asked for", async () => {
    const mock = mockOf().fault("getThing", { status: 429, retryAfter: 2 });
    const e = await call(thingsClient(mock), "getThing", { thingId: "t" }).catch(
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(RateLimitError);
    expect((e as RateLimitError).retryAfterMs).toBe(2000);
  });

  it("5xx `times` times, then the normal answer", async () => {
    const clock = new FakeClock(undefined, 60_000);
    const mock = mockOf().fault("getThing", { status: 503 }, { times: 2 });
    await call(thingsClient(mock, { clock, maxRetries: 2 }), "getThing", { thingId: "t" });
    expect(mock.calls("getThing").map((c) => c.status)).toEqual([503, 503, 200]);
    expect(clock.sleeps).toHaveLength(2);
  });

  it("a connection reset rejects fetch as undici does; a GET is retried", async () => {
    const reset: MockFault = { reset: true };
    const e = await call(thingsClient(mockOf().fault("getThing", reset)), "getThing", {
      thingId: "t",
    }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ApiConnectionError);
    expect((e as Error).cause).toMatchObject({
      message: "fetch failed",
      cause: { code: "ECONNRESET" },
    });
    const clock = new FakeClock(undefined, 60_000);
    const mock = mockOf().fault("getThing", reset);
    await call(thingsClient(mock, { clock, maxRetries: 1 }), "getThing", { thingId: "t" });
    expect(mock.calls("getThing").map((c) => c.status)).toEqual([0, 200]);
  });

  it("a delay past timeoutMs is an ApiTimeoutError; the request's signal cancels the delay", async () => {
    const clock = new FakeClock(undefined, 5000);
    // the mock's delay lasts until the request is aborted
    const never: Clock = {
      now: () => 0,
      sleep: (_ms, signal) =>
        new Promise((_, reject) =>
          signal?.addEventListener("abort", () => reject(signal.reason as Error)),
        ),
    };
    const mock = mockOf({ clock: never }).fault("getThing", { delayMs: 60_000 });
    const pending = call(thingsClient(mock, { clock, timeoutMs: 5000 }), "getThing", {
      thingId: "t",
    });
    await expect.poll(() => clock.pendingTimeouts).toBe(1);
    clock.fireTimeouts();
    await expect(pending).rejects.toBeInstanceOf(ApiTimeoutError);
  });

  it("refuses a fault for an operation the API does not have", () => {
    expect(() => mockOf().fault("nothing", { status: 500 })).toThrow(
      "mock.fault: no operation nothing",
    );
  });
});
