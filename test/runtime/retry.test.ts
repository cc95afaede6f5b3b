import { describe, expect, it } from "vitest";
import {
  backoffMs,
  isIdempotent,
  notSent,
  serverDelayMs,
  shouldRetry,
} from "../../templates/runtime/retry.js";
import type { HttpMethod } from "../../templates/runtime/types.js";
import { T0, fetchFailed } from "./fakes.js";

describe("isIdempotent", () => {
  it.each<[HttpMethod, boolean]>([
    ["GET", true],
    ["HEAD", true],
    ["OPTIONS", true],
    ["PUT", true],
    ["DELETE", true],
    ["TRACE", true],
    ["QUERY", true],
    ["POST", false],
    ["PATCH", false],
  ])("%s → %s", (method, expected) => expect(isIdempotent(method)).toBe(expected));
});

describe("shouldRetry", () => {
  it.each([
    // [repeatable, failure, expected]
    [true, 500, true],
    [true, 408, true],
    [true, 504, true],
    [true, 501, false],
    [true, 404, false],
    [true, 200, false],
    [false, 500, false],
    [false, 503, false],
    [false, 429, true],
    [true, 429, true],
    [false, "unsent", true],
    [false, "sent", false],
    [true, "sent", true],
  ] as const)("repeatable=%s failure=%s → %s", (repeatable, failure, expected) => {
    expect(shouldRetry(repeatable, failure)).toBe(expected);
  });
});

describe("backoffMs", () => {
  it("is full jitter over min(8000, 500 * 2^(retry-1))", () => {
    expect([1, 2, 3, 4, 5, 6, 10].map((n) => backoffMs(n, 1))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000, 8000,
    ]);
    expect(backoffMs(3, 0)).toBe(0);
    expect(backoffMs(3, 0.25)).toBe(500);
  });
});

describe("serverDelayMs", () => {
  const h = (init: Record<string, string>): Headers => new Headers(init);
  it.each([
    [{ "retry-after": "0" }, 429, 0],
    [{ "retry-after": "1.5" }, 503, 1500],
    [{ "retry-after": "61" }, 503, 60000],
    [{ "retry-after": new Date(T0 + 3000).toUTCString() }, 503, 3000],
    [{ "retry-after": new Date(T0 - 3000).toUTCString() }, 503, 0],
    [{ "retry-after": "soon" }, 503, undefined],
    [{ "retry-after-ms": "250", "retry-after": "5" }, 429, 250],
    [{ "retry-after-ms": "x", "retry-after": "5" }, 429, 5000],
    [{ "x-ratelimit-reset": "7" }, 429, 7000],
    [{ "x-ratelimit-reset": String(T0 / 1000 + 9) }, 429, 9000],
    [{ "x-ratelimit-reset": String(T0 + 4000) }, 429, 4000],
    [{ "x-ratelimit-reset": String(T0 / 1000 + 3600) }, 429, 60000],
    [{ "x-ratelimit-reset": "7" }, 503, undefined],
    [{}, 429, undefined],
  ])("%j on %i → %s", (headers, status, expected) => {
    expect(serverDelayMs(h(headers), status, T0)).toBe(expected);
  });
});

describe("notSent", () => {
  it("recognizes refused connections and DNS failures along the cause chain", () => {
    for (const code of ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"])
      expect(notSent(fetchFailed(code))).toBe(true);
    expect(
      notSent(
        new TypeError("x", {
          cause: new TypeError("y", {
            cause: Object.assign(new Error("z"), { code: "ECONNREFUSED" }),
          }),
        }),
      ),
    ).toBe(true);
  });

  it("anything else may have reached the server", () => {
    expect(notSent(fetchFailed("ECONNRESET"))).toBe(false);
    expect(notSent(fetchFailed("UND_ERR_SOCKET"))).toBe(false);
    // conservative: not proven unsent, so a POST is not repeated
    expect(notSent(fetchFailed("EHOSTUNREACH"))).toBe(false);
    expect(notSent(fetchFailed("UND_ERR_CONNECT_TIMEOUT"))).toBe(false);
    expect(notSent(new TypeError("Failed to fetch"))).toBe(false); // browsers give no detail
    expect(notSent(undefined)).toBe(false);
  });
});
