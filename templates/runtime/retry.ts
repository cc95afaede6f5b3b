/**
 * Retry policy: which failures are retried for which methods, and how long to wait.
 *
 * Never repeat a side effect: GET, HEAD, OPTIONS, PUT, DELETE (and TRACE, QUERY) are retried on
 * connection errors, timeouts and 408/429/500/502/503/504; POST and PATCH only on a 429 or when the
 * request provably never reached the server (connection refused, DNS failure), unless the caller
 * supplied an idempotency key.
 */

import type { HttpMethod } from "./types.js";

/** Statuses worth another attempt. */
export const RETRY_STATUSES: readonly number[] = [408, 429, 500, 502, 503, 504];

/**
 * Error codes (on the fetch error or its `cause` chain) that prove no byte reached the server: connection
 * refused and DNS failure. Anything else (resets, unreachable hosts, connect timeouts) is treated as
 * possibly sent, the conservative choice for POST and PATCH.
 */
const NOT_SENT = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN)$/;

/** True for methods that are safe to repeat: every {@link HttpMethod} but POST and PATCH (RFC 9110 idempotent methods). */
export const isIdempotent = (method: HttpMethod): boolean => !/^(POST|PATCH)$/.test(method);

/**
 * Whether a fetch rejection proves the request never reached the server: `OperationSpec.unsent` of every
 * POST and PATCH operation (the generated code imports it only then).
 * Looks for a Node/undici error `code` along the `cause` chain (at most `depth` links); browsers give no
 * such detail, so false there.
 */
export const notSent = (err: unknown, depth = 5): boolean =>
  err != null &&
  depth > 0 &&
  (NOT_SENT.test(String((err as { code?: unknown }).code)) ||
    notSent((err as { cause?: unknown }).cause, depth - 1));

/**
 * Whether to try again.
 * @param method HTTP method
 * @param repeatable the method is idempotent or the caller sent an idempotency key
 * @param failure a response status, `"unsent"` (provably never reached the server), or `"sent"`
 *   (connection dropped or timed out after the request may have arrived)
 */
export function shouldRetry(repeatable: boolean, failure: number | "unsent" | "sent"): boolean {
  return (
    failure === "unsent" ||
    failure === 429 ||
    (repeatable && (failure === "sent" || RETRY_STATUSES.includes(failure)))
  );
}

/**
 * Exponential backoff with full jitter: a uniform delay in [0, min(8000, 500 * 2^(retry-1))) ms.
 * @param retry 1 for the first retry
 * @param random a number in [0, 1)
 * @returns delay in ms
 */
export const backoffMs = (retry: number, random: number): number =>
  random * Math.min(8000, 500 * 2 ** (retry - 1));

/**
 * The delay the server asked for, in ms, capped at 60 000: `retry-after-ms`, then `Retry-After`
 * (seconds or an HTTP date), then, for a 429, `x-ratelimit-reset` (seconds, or an epoch in s or ms).
 * @param now current time, ms since the epoch (from the injected clock)
 * @returns undefined when no header gives a usable value
 */
export function serverDelayMs(headers: Headers, status: number, now: number): number | undefined {
  // NaN for an absent or empty header
  const get = (name: string): number => +(headers.get(name) || NaN);
  const reset = get("x-ratelimit-reset");
  const ms = [
    get("retry-after-ms"),
    get("retry-after") * 1000,
    // an HTTP date; NaN when absent (null reads as "null")
    Date.parse(headers.get("retry-after")!) - now,
    status === 429
      ? reset > 1e12
        ? reset - now
        : reset > 1e9
          ? reset * 1000 - now
          : reset * 1000
      : NaN,
  ].find(isFinite);
  return ms && Math.min(Math.max(ms, 0), 60000);
}
