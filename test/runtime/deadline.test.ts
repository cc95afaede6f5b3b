/**
 * The overall deadline `maxElapsedMs` (issue: `maxRetries` × capped waits could hold a call for minutes):
 * a retry whose wait would end after it is not started, and the last error is thrown. Injected clock.
 */
import { describe, expect, it } from "vitest";
import { InternalServerError, RateLimitError } from "../../templates/runtime/errors.js";
import { request } from "../../templates/runtime/request.js";
import { FakeClock, fetchFailed, json, scriptedFetch } from "./fakes.js";
import { getPayout, testClient } from "./specs.js";

/** A server that always answers 503 asking for a 30 s wait. */
function setup(options = {}, answer = json(503, { code: "DOWN" }, { "retry-after": "30" })) {
  const clock = new FakeClock();
  const f = scriptedFetch(answer);
  const client = testClient({ fetch: f.fetch, clock, timeoutMs: clock.timeoutMs, ...options });
  return { client, clock, calls: f.calls };
}

describe("maxElapsedMs", () => {
  it("stops before a wait that would cross the deadline and throws the last error", async () => {
    const { client, clock, calls } = setup({ maxRetries: 100, maxElapsedMs: 100_000 });
    const err = await request(client, getPayout, { id: "p1" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InternalServerError);
    expect(clock.sleeps).toEqual([30_000, 30_000, 30_000]); // a fourth would end at 120 s
    expect(calls).toHaveLength(4);
  });

  it("defaults to 120 000 ms", async () => {
    const { client, clock } = setup({ maxRetries: 100 });
    await request(client, getPayout, { id: "p1" }).catch(() => {});
    expect(clock.sleeps).toEqual([30_000, 30_000, 30_000, 30_000]); // the fourth ends exactly at 120 s
  });

  it("the request option overrides the client's; 0 and Infinity mean none (maxRetries decides)", async () => {
    const a = setup({ maxRetries: 100, maxElapsedMs: 100_000 });
    await request(a.client, getPayout, { id: "p1" }, { maxElapsedMs: 30_000 }).catch(() => {});
    expect(a.clock.sleeps).toEqual([30_000]);
    for (const maxElapsedMs of [0, Infinity]) {
      const b = setup({ maxRetries: 6, maxElapsedMs });
      await request(b.client, getPayout, { id: "p1" }).catch(() => {});
      expect(b.clock.sleeps).toHaveLength(6);
    }
  });

  it("connection errors stop at the deadline too", async () => {
    const { client, clock, calls } = setup(
      { maxRetries: Infinity, maxElapsedMs: 5_000, random: () => 0.99 },
      fetchFailed("ECONNREFUSED"),
    );
    const err = await request(client, getPayout, { id: "p1" }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "ApiConnectionError" });
    // backoff windows 500, 1000, 2000, 4000 ms × 0.99: the fourth would end after 5 s
    expect(clock.sleeps.map(Math.round)).toEqual([495, 990, 1980]);
    expect(calls).toHaveLength(4);
  });

  it("a 429 whose Retry-After passes the deadline is thrown at once", async () => {
    const { client, clock } = setup(
      { maxElapsedMs: 10_000 },
      json(429, { code: "SLOW" }, { "retry-after": "20" }),
    );
    const err = await request(client, getPayout, { id: "p1" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err).toMatchObject({ retryAfterMs: 20_000 });
    expect(clock.sleeps).toEqual([]);
  });
});
