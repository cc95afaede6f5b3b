/**
 * The promise every operation returns: the typed 2xx body, plus `.withResponse()` and `.safe()`.
 */
import {
  ApiConnectionError,
  ApiError,
  type ApiTimeoutError,
  type HeaderMap,
  type RateLimitInfo,
} from "./errors.js";

/** Does nothing; marks promises as handled. */
export const noop = (): void => {};

/** The data together with the raw response (body already read), its headers and rate-limit headers. */
export interface ApiResponse<TData, THeaders = HeaderMap> {
  data: TData;
  response: Response;
  /** Response headers, lower-cased names. */
  headers: THeaders;
  rateLimit: RateLimitInfo;
}

/** Result of `.safe()`: a value instead of an exception. */
export type ApiResult<TData, TError = unknown, THeaders = HeaderMap> =
  | ({ ok: true } & ApiResponse<TData, THeaders>)
  | { ok: false; error: ApiError<TError> | ApiConnectionError | ApiTimeoutError };

/**
 * A promise of the typed 2xx body (await it; it rejects with a typed error), plus:
 * `.withResponse()` → `{ data, response, headers, rateLimit }`, and
 * `.safe()` → `{ ok: true, data, … } | { ok: false, error }` (aborts and programming errors still reject).
 */
export interface ApiPromise<TData, TError = unknown, THeaders = HeaderMap> extends Promise<TData> {
  withResponse(): Promise<ApiResponse<TData, THeaders>>;
  safe(): Promise<ApiResult<TData, TError, THeaders>>;
}

/** Wraps the full-response promise into an {@link ApiPromise}. */
export function toApiPromise<TData, TError, THeaders>(
  core: Promise<ApiResponse<TData, THeaders>>,
): ApiPromise<TData, TError, THeaders> {
  // `p` marked handled so that using only .safe() or .withResponse() leaves no unhandled rejection
  // (`core` is handled by the `then` below); `await` on the promise itself still rejects.
  const p = core.then((r) => r.data);
  p.catch(noop);
  return Object.assign(p, {
    withResponse: () => core,
    safe: (): Promise<ApiResult<TData, TError, THeaders>> =>
      core.then(
        (r) => ({ ok: true as const, ...r }),
        (error: unknown) => {
          if (error instanceof ApiError || error instanceof ApiConnectionError)
            return { ok: false as const, error };
          throw error;
        },
      ),
  });
}
