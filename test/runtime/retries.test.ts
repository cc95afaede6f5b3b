import { describe, expect, it } from "vitest";
import {
  ApiConnectionError,
  ApiTimeoutError,
  InternalServerError,
  RateLimitError,
} from "../../templates/runtime/errors.js";
import { request } from "../../templates/runtime/request.js";
import { FakeClock, T0, fetchFailed, hang, json, scriptedFetch } from "./fakes.js";
import { createLine, getPayout, testClient, updatePayout } from "./specs.js";

const ok = json(200, { id: "p1" });
const fail500 = json(500, { code: "INTERNAL", message: "boom" });

function setup(...steps: Parameters<typeof scriptedFetch>) {
  const clock = new FakeClock();
  const f = scriptedFetch(...steps);
  const client = testClient({ fetch: f.fetch, clock, timeoutMs: clock.timeoutMs });
  return { clock, calls: f.calls, client };
}

describe("attempt counts", () => {
  it("a GET that keeps getting 500 is sent 1 + maxRetries times, with full-jitter exponential backoff", async () => {
    const { client, calls, clock } = setup(fail500);
    await expect(request(client, getPayout, { id: "p1" })).rejects.toBeInstanceOf(
      InternalServerError,
    );
    expect(calls).toHaveLength(3);
    // random() = 0.5: half of min(8000, 500 * 2^(retry-1))
    expect(clock.sleeps).toEqual([250, 500]);
  });

  it("backoff doubles up to the 8 s cap", async () => {
    const { client, clock } = setup(fail500);
    await expect(request(client, getPayout, { id: "p1" }, { maxRetries: 7 })).rejects.toThrow();
    expect(clock.sleeps).toEqual([250, 500, 1000, 2000, 4000, 4000, 4000]);
  });

  it("uses the injected random source for jitter", async () => {
    const clock = new FakeClock();
    const f = scriptedFetch(fail500);
    const randoms = [0, 0.999, 0.25];
    const client = testClient({
      fetch: f.fetch,
      clock,
      timeoutMs: clock.timeoutMs,
      random: () => randoms.shift()!,
    });
    await expect(request(client, getPayout, { id: "p1" }, { maxRetries: 3 })).rejects.toThrow();
    expect(clock.sleeps).toEqual([0, 999, 500]);
  });

  it("a GET that recovers resolves with the later response", async () => {
    const { client, calls } = setup(json(503, {}), json(502, {}), ok);
    await expect(request(client, getPayout, { id: "p1" })).resolves.toEqual({ id: "p1" });
    expect(calls).toHaveLength(3);
  });

  it("per-request maxRetries overrides the client's; maxRetries 0 sends once", async () => {
    const { client, calls } = setup(fail500);
    await expect(request(client, getPayout, { id: "p1" }, { maxRetries: 0 })).rejects.toThrow();
    expect(calls).toHaveLength(1);
    const c2 = setup(fail500);
    const client2 = testClient({
      fetch: c2.client.options.fetch!,
      clock: c2.clock,
      timeoutMs: c2.clock.timeoutMs,
      maxRetries: 4,
    });
    await expect(request(client2, getPayout, { id: "p1" })).rejects.toThrow();
    expect(c2.calls).toHaveLength(5);
  });

  it.each([400, 401, 403, 404, 409, 422])("a GET with %i is not retried", async (status) => {
    const { client, calls } = setup(json(status, {}));
    await expect(request(client, getPayout, { id: "p1" })).rejects.toMatchObject({ status });
    expect(calls).toHaveLength(1);
  });

  it.each([408, 429, 500, 502, 503, 504])("a GET with %i is retried", async (status) => {
    const { client, calls } = setup(json(status, {}), ok);
    await expect(request(client, getPayout, { id: "p1" })).resolves.toEqual({ id: "p1" });
    expect(calls).toHaveLength(2);
  });
});

describe("never repeat a side effect", () => {
  it.each([500, 502, 503, 504, 408])("a POST that got a %i is sent once", async (status) => {
    const { client, calls } = setup(json(status, {}), ok);
    await expect(request(client, createLine, { body: { amount: "1.00" } })).rejects.toMatchObject({
      status,
    });
    expect(calls).toHaveLength(1);
  });

  it("a PATCH that got a 503 is sent once", async () => {
    const { client, calls } = setup(json(503, {}), ok);
    await expect(
      request(client, updatePayout, { id: "p1", body: { stage: "APPROVED" } }),
    ).rejects.toMatchObject({ status: 503 });
    expect(calls).toHaveLength(1);
  });

  it("a POST is retried on 429 (the server did not act on it)", async () => {
    const { client, calls } = setup(json(429, {}), json(429, {}), ok);
    await expect(request(client, createLine, { body: {} })).resolves.toEqual({ id: "p1" });
    expect(calls).toHaveLength(3);
  });

  it("a POST is retried when the connection was refused or DNS failed", async () => {
    const { client, calls } = setup(fetchFailed("ECONNREFUSED"), fetchFailed("ENOTFOUND"), ok);
    await expect(request(client, createLine, { body: {} })).resolves.toEqual({ id: "p1" });
    expect(calls).toHaveLength(3);
  });

  it("a POST whose spec has no `unsent` check is not retried when the connection was refused", async () => {
    const { client, calls } = setup(fetchFailed("ECONNREFUSED"), ok);
    const { unsent: _, ...unchecked } = createLine;
    await expect(request(client, unchecked, { body: {} })).rejects.toBeInstanceOf(
      ApiConnectionError,
    );
    expect(calls).toHaveLength(1);
  });

  it("a POST is not retried after a connection reset (it may have reached the server)", async () => {
    const { client, calls } = setup(fetchFailed("ECONNRESET"), ok);
    const err = await request(client, createLine, { body: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiConnectionError);
    // the cause is a redacted copy of fetch's TypeError (see redaction.test.ts)
    expect((err as Error).cause).toMatchObject({ name: "TypeError", message: "fetch failed" });
    expect(calls).toHaveLength(1);
  });

  it("a GET is retried after a connection reset", async () => {
    const { client, calls } = setup(fetchFailed("ECONNRESET"), ok);
    await expect(request(client, getPayout, { id: "p1" })).resolves.toEqual({ id: "p1" });
    expect(calls).toHaveLength(2);
  });

  it("idempotencyKey makes a POST retryable and sends the same Idempotency-Key on every attempt", async () => {
    const { client, calls } = setup(fail500, fetchFailed("ECONNRESET"), ok);
    await expect(
      request(client, createLine, { body: {} }, { idempotencyKey: "key-1" }),
    ).resolves.toEqual({ id: "p1" });
    expect(calls.map((c) => c.headers["idempotency-key"])).toEqual(["key-1", "key-1", "key-1"]);
  });

  it("the body is sent again, unchanged, on each attempt", async () => {
    const { client, calls } = setup(json(429, {}), ok);
    await request(client, createLine, { body: { amount: "9.99" } });
    expect(await Promise.all(calls.map((c) => c.body))).toEqual([
      '{"amount":"9.99"}',
      '{"amount":"9.99"}',
    ]);
  });
});

describe("server-requested delays", () => {
  it("Retry-After in seconds wins over backoff", async () => {
    const { client, clock } = setup(json(429, {}, { "retry-after": "3" }), ok);
    await request(client, getPayout, { id: "p1" });
    expect(clock.sleeps).toEqual([3000]);
  });

  it("Retry-After as an HTTP date waits until that date (injected clock)", async () => {
    const date = new Date(T0 + 7000).toUTCString();
    const { client, clock } = setup(json(503, {}, { "retry-after": date }), ok);
    await request(client, getPayout, { id: "p1" });
    expect(clock.sleeps).toEqual([7000]);
  });

  it("retry-after-ms wins over Retry-After", async () => {
    const { client, clock } = setup(
      json(429, {}, { "retry-after-ms": "1234", "retry-after": "9" }),
      ok,
    );
    await request(client, getPayout, { id: "p1" });
    expect(clock.sleeps).toEqual([1234]);
  });

  it("x-ratelimit-reset (seconds or epoch) is used for a 429 without Retry-After", async () => {
    const a = setup(json(429, {}, { "x-ratelimit-reset": "5" }), ok);
    await request(a.client, getPayout, { id: "p1" });
    expect(a.clock.sleeps).toEqual([5000]);
    const b = setup(json(429, {}, { "x-ratelimit-reset": String(T0 / 1000 + 12) }), ok);
    await request(b.client, getPayout, { id: "p1" });
    expect(b.clock.sleeps).toEqual([12000]);
  });

  it("server-requested delays are capped at 60 s", async () => {
    const { client, clock } = setup(json(429, {}, { "retry-after": "3600" }), ok);
    await request(client, getPayout, { id: "p1" });
    expect(clock.sleeps).toEqual([60000]);
  });

  it("a 429 that outlasts the retries is a RateLimitError with retryAfterMs and the rate-limit headers", async () => {
    const headers = {
      "retry-after": "2",
      "x-ratelimit-limit-minute": "100",
      "x-ratelimit-remaining-minute": "0",
    };
    const { client, calls } = setup(
      json(429, { code: "RATE_LIMITED", message: "slow down" }, headers),
    );
    const err = await request(client, getPayout, { id: "p1" }).catch((e: unknown) => e);
    expect(calls).toHaveLength(3);
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err).toMatchObject({
      status: 429,
      code: "RATE_LIMITED",
      retryAfterMs: 2000,
      rateLimit: { "x-ratelimit-limit-minute": 100, "x-ratelimit-remaining-minute": 0 },
    });
  });
});

describe("timeouts and cancellation", () => {
  it("an attempt slower than timeoutMs throws ApiTimeoutError after 1 + maxRetries attempts (GET)", async () => {
    const clock = new FakeClock();
    const f = scriptedFetch(hang(() => clock.fireTimeouts()));
    const client = testClient({ fetch: f.fetch, clock, timeoutMs: clock.timeoutMs });
    const err = await request(client, getPayout, { id: "p1" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiTimeoutError);
    expect(err).toBeInstanceOf(ApiConnectionError);
    expect((err as Error).message).toContain(`${clock.timeoutMs} ms`);
    expect(f.calls).toHaveLength(3);
    expect(clock.pendingTimeouts).toBe(0);
  });

  it("a POST that timed out is not sent again", async () => {
    const clock = new FakeClock();
    const f = scriptedFetch(hang(() => clock.fireTimeouts()));
    const client = testClient({ fetch: f.fetch, clock, timeoutMs: clock.timeoutMs });
    await expect(request(client, createLine, { body: {} })).rejects.toBeInstanceOf(ApiTimeoutError);
    expect(f.calls).toHaveLength(1);
  });

  it("per-request timeoutMs applies to that request only", async () => {
    const clock = new FakeClock(T0, 5);
    const f = scriptedFetch(hang(() => clock.fireTimeouts()));
    const client = testClient({ fetch: f.fetch, clock });
    await expect(
      request(client, getPayout, { id: "p1" }, { timeoutMs: 5, maxRetries: 0 }),
    ).rejects.toBeInstanceOf(ApiTimeoutError);
  });

  it("a finished attempt cancels its timeout timer", async () => {
    const { client, clock } = setup(ok);
    await request(client, getPayout, { id: "p1" });
    expect(clock.pendingTimeouts).toBe(0);
  });

  it("the caller's abort rejects with the abort reason and is not retried", async () => {
    const ctrl = new AbortController();
    const reason = new Error("stop");
    const { client, calls } = setup(hang(() => ctrl.abort(reason)));
    await expect(request(client, getPayout, { id: "p1" }, { signal: ctrl.signal })).rejects.toBe(
      reason,
    );
    expect(calls).toHaveLength(1);
  });

  it("an already-aborted signal sends nothing", async () => {
    const { client, calls } = setup(ok);
    const signal = AbortSignal.abort(new Error("early"));
    await expect(request(client, getPayout, { id: "p1" }, { signal })).rejects.toThrow("early");
    expect(calls).toHaveLength(0);
  });

  it("an abort during the backoff sleep stops the retries", async () => {
    const ctrl = new AbortController();
    const clock = new FakeClock();
    const f = scriptedFetch(() => {
      ctrl.abort(new Error("bye"));
      return new Response("{}", { status: 503 });
    });
    const client = testClient({ fetch: f.fetch, clock, timeoutMs: clock.timeoutMs });
    await expect(request(client, getPayout, { id: "p1" }, { signal: ctrl.signal })).rejects.toThrow(
      "bye",
    );
    expect(f.calls).toHaveLength(1);
  });
});
