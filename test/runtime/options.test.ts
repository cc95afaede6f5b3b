/**
 * Numeric options are checked (issue: `maxRetries: NaN` retried forever; `timeoutMs` of Infinity, NaN or
 * >= 2^31 became a 1 ms timeout): whole numbers from 0 to 2147483647 or Infinity, at createClient and per
 * call; `timeoutMs` 0 or Infinity means no timer. A credential function returning undefined/null is a
 * TypeError naming the scheme, not the text "undefined" sent as the key.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { createClientCore, withOptions } from "../../templates/runtime/client.js";
import { request } from "../../templates/runtime/request.js";
import { FakeClock, json, scriptedFetch } from "./fakes.js";
import { API_KEY, clientSpec, getPayout, testClient } from "./specs.js";

const NAMES = ["maxRetries", "timeoutMs", "maxElapsedMs", "maxResponseBytes"] as const;
const BAD = [NaN, -1, 1.5, 2 ** 31, -Infinity];

afterEach(() => {
  vi.restoreAllMocks();
});

describe("numeric options", () => {
  it.each(NAMES.flatMap((name) => BAD.map((value) => [name, value] as const)))(
    "%s: %d is refused by createClient with a TypeError naming the option, the value and the range",
    (name, value) => {
      expect(() => createClientCore(clientSpec, { [name]: value })).toThrow(
        new TypeError(
          `${name} must be a whole number from 0 to 2147483647, or Infinity; got ${value}`,
        ),
      );
    },
  );

  it.each(NAMES)("%s: a bad per-request value rejects before anything is sent", async (name) => {
    const f = scriptedFetch(json(200, {}));
    const client = testClient({ fetch: f.fetch, clock: new FakeClock() });
    await expect(request(client, getPayout, { id: "p1" }, { [name]: NaN })).rejects.toThrow(
      `${name} must be a whole number`,
    );
    expect(f.calls).toHaveLength(0);
  });

  it.each(NAMES)("%s: 0, 2147483647 and Infinity are accepted", (name) => {
    for (const value of [0, 2147483647, Infinity])
      expect(() => createClientCore(clientSpec, { [name]: value })).not.toThrow();
  });

  it("withOptions checks the new values too", () => {
    expect(() => withOptions(testClient(), { maxRetries: NaN })).toThrow(TypeError);
  });

  it.each([Infinity, 0])(
    "timeoutMs %d means no timeout: no timer is set (it used to become 1 ms)",
    async (timeoutMs) => {
      const timers = vi.spyOn(globalThis, "setTimeout");
      const f = scriptedFetch(json(200, { ok: true }));
      const client = testClient({ fetch: f.fetch, timeoutMs });
      await expect(request(client, getPayout, { id: "p1" })).resolves.toEqual({ ok: true });
      expect(timers).not.toHaveBeenCalled();
      expect(f.calls[0]!.request.signal.aborted).toBe(false);
    },
  );

  it("a finite timeoutMs sets exactly that timer", async () => {
    const timers = vi.spyOn(globalThis, "setTimeout");
    const client = testClient({ fetch: scriptedFetch(json(200, {})).fetch, timeoutMs: 1234 });
    await request(client, getPayout, { id: "p1" });
    expect(timers.mock.calls.map((c) => c[1])).toEqual([1234]);
  });
});

describe("credential functions", () => {
  it.each([undefined, null])(
    "returning %s is a TypeError naming the scheme, and nothing is sent",
    async (value) => {
      const f = scriptedFetch(json(200, {}));
      const client = createClientCore(clientSpec, {
        fetch: f.fetch,
        auth: { ApiKeyAuth: () => value as unknown as string },
      });
      await expect(request(client, getPayout, { id: "p1" })).rejects.toThrow(
        new TypeError(
          `getPayout: security scheme ApiKeyAuth has no credential (its function returned ${value})`,
        ),
      );
      expect(f.calls).toHaveLength(0);
    },
  );

  it("a function returning a key sends it (the type is unchanged for plain token functions)", async () => {
    const f = scriptedFetch(json(200, {}));
    const client = createClientCore(clientSpec, {
      fetch: f.fetch,
      auth: { ApiKeyAuth: () => API_KEY },
    });
    await request(client, getPayout, { id: "p1" });
    expect(f.calls[0]!.headers["x-api-key"]).toBe(API_KEY);
  });
});
