/**
 * Typed errors thrown by the client.
 *
 * `ApiError` (and one subclass per common status) for a response outside 2xx, `ApiRedirectError` for a
 * redirect not followed, `ApiResponseTooLargeError` for a body over `maxResponseBytes`, `ApiConnectionError`
 * when no response arrived, `ApiTimeoutError` when `timeoutMs` elapsed. Messages, URLs, bodies and
 * headers stored here are already redacted by the request loop: credentials never reach them.
 */

/** Response headers as a plain object with lower-cased names. */
export type HeaderMap = Record<string, string>;

/** Rate-limit headers of one response, by lower-cased name; numeric values parsed to numbers. */
export type RateLimitInfo = Record<string, number | string>;

/**
 * Response headers that are rate-limit headers whatever the document says (`RateLimit-*`, `X-RateLimit-*`);
 * `ClientSpec.rateLimitHeaders` lists the others the document declares.
 */
export const RATE_LIMIT_HEADER = /^(x-)?ratelimit/;

/** Fields of an {@link ApiError}; built by the request loop. */
export interface ApiErrorInit<TBody> {
  status: number;
  message: string;
  /** `code` field of the error body, when it has one. */
  code: string | undefined;
  /** Parsed JSON error body, or the first 1 KB of text when the body is not JSON. */
  body: TBody | string | undefined;
  /** The error body was longer than the error-body cap (64 KiB) and was cut there. */
  truncated?: boolean | undefined;
  headers: HeaderMap;
  method: string;
  url: string;
  requestId: string | undefined;
  rateLimit: RateLimitInfo;
  /** Delay the server asked for (`retry-after-ms`, `Retry-After`, rate-limit reset), in ms. */
  retryAfterMs: number | undefined;
}

/** A response with a status outside 2xx (or an unreadable 2xx body). `body` is the typed error body. */
export class ApiError<TBody = unknown> extends Error {
  override name = "ApiError";
  /** HTTP status code. */
  declare readonly status: number;
  /** `code` field of the error body, when it has one. */
  declare readonly code: string | undefined;
  /** Parsed error body; a string (first 1 KB) when the body was not valid JSON. */
  declare readonly body: TBody | string | undefined;
  /** True when the error body was longer than 64 KiB: only that much was read (the message says so). */
  declare readonly truncated?: boolean | undefined;
  /** Response headers, lower-cased names. */
  declare readonly headers: HeaderMap;
  declare readonly method: string;
  /** Request URL (credentials sent in the query are redacted). */
  declare readonly url: string;
  /** Value of the request-id response header, when the server sent one. */
  declare readonly requestId: string | undefined;
  /** The response's rate-limit headers. */
  declare readonly rateLimit: RateLimitInfo;
  /** Delay the server asked for, in ms (`retry-after-ms`, `Retry-After`, or for a 429 `x-ratelimit-reset`), capped at 60 000. */
  declare readonly retryAfterMs: number | undefined;

  constructor(init: ApiErrorInit<TBody>) {
    super(init.message);
    Object.assign(this, init);
  }
}

/** The constructor of an {@link ApiError} subclass (one per status family). */
export type ApiErrorClass<N extends string = string> = new <T = unknown>(
  init: ApiErrorInit<T>,
) => ApiError<T> & { name: N };

/**
 * The {@link ApiError} subclass for each status (500 stands for every status >= 500), by class name: the one
 * table the classes below are declared against (`named` accepts only the name listed here) and the
 * generator's `@throws` docs read. Bundles that do not import it drop it.
 */
export const STATUS_ERROR_CLASSES = {
  400: "BadRequestError",
  401: "AuthenticationError",
  403: "PermissionDeniedError",
  404: "NotFoundError",
  409: "ConflictError",
  422: "UnprocessableEntityError",
  429: "RateLimitError",
  500: "InternalServerError",
} as const;
type StatusErrorClasses = typeof STATUS_ERROR_CLASSES;

/** The subclass for each status (500 stands for every status >= 500), filled by {@link named}. */
const byStatus: Record<number, ApiErrorClass> = {};

/**
 * Declares an {@link ApiError} subclass kept under `key` in `byStatus`: class `name` and instance `name` are
 * `name` (the computed property key names the class expression, which survives minification). For a status,
 * the name must be the table's; it is passed, not looked up, so bundles that only throw carry no copy of the
 * table. Slots 0 and 1 hold the classes that are not by status.
 */
function named<S extends keyof StatusErrorClasses>(
  status: S,
  name: StatusErrorClasses[S],
): ApiErrorClass<StatusErrorClasses[S]>;
function named<N extends string>(slot: 0 | 1, name: N): ApiErrorClass<N>;
function named(key: number, name: string): ApiErrorClass {
  return (byStatus[key] = {
    [name]: class<T> extends ApiError<T> {
      override name = name;
    },
  }[name]!);
}

/** 400 Bad Request. */
export const BadRequestError = named(400, "BadRequestError");
export type BadRequestError<T = unknown> = ApiError<T> & { name: "BadRequestError" };
/** 401 Unauthorized: missing or invalid credentials. */
export const AuthenticationError = named(401, "AuthenticationError");
export type AuthenticationError<T = unknown> = ApiError<T> & { name: "AuthenticationError" };
/** 403 Forbidden: credentials lack a permission or scope. */
export const PermissionDeniedError = named(403, "PermissionDeniedError");
export type PermissionDeniedError<T = unknown> = ApiError<T> & { name: "PermissionDeniedError" };
/** 404 Not Found. */
export const NotFoundError = named(404, "NotFoundError");
export type NotFoundError<T = unknown> = ApiError<T> & { name: "NotFoundError" };
/** 409 Conflict. */
export const ConflictError = named(409, "ConflictError");
export type ConflictError<T = unknown> = ApiError<T> & { name: "ConflictError" };
/** 422 Unprocessable Entity: the request failed validation. */
export const UnprocessableEntityError = named(422, "UnprocessableEntityError");
export type UnprocessableEntityError<T = unknown> = ApiError<T> & {
  name: "UnprocessableEntityError";
};
/** 429 Too Many Requests (after retries ran out); see `retryAfterMs` and `rateLimit`. */
export const RateLimitError = named(429, "RateLimitError");
export type RateLimitError<T = unknown> = ApiError<T> & { name: "RateLimitError" };
/** Any status >= 500 (after retries ran out). */
export const InternalServerError = named(500, "InternalServerError");
export type InternalServerError<T = unknown> = ApiError<T> & { name: "InternalServerError" };
// Not by status (makeApiError never builds these): slots 0 and 1 hold them only to share the helper.
/**
 * A redirect the client did not follow (see `followRedirects`): to another origin, any redirect with
 * `"none"`, more than 5 in one attempt, an invalid `Location`, or, in browsers, any redirect (fetch hides its
 * target there: an `opaqueredirect` response, `status` 0, no `location`). Not retried.
 */
export const ApiRedirectError = named(0, "ApiRedirectError");
export type ApiRedirectError<T = unknown> = ApiError<T> & {
  name: "ApiRedirectError";
  /** The absolute target of the redirect (credentials redacted); undefined when it is not known. */
  readonly location: string | undefined;
};
/**
 * A 2xx response body longer than `maxResponseBytes` (its `Content-Length`, or the bytes streamed): the body
 * is not kept and the connection is closed. `status` and `headers` are the response's. Not retried.
 */
export const ApiResponseTooLargeError = named(1, "ApiResponseTooLargeError");
export type ApiResponseTooLargeError<T = unknown> = ApiError<T> & {
  name: "ApiResponseTooLargeError";
  /** The `maxResponseBytes` that was exceeded. */
  readonly limit: number;
};

/**
 * Builds the {@link ApiError} subclass that matches `init.status`.
 * @returns `BadRequestError` 400, `AuthenticationError` 401, `PermissionDeniedError` 403, `NotFoundError` 404,
 *   `ConflictError` 409, `UnprocessableEntityError` 422, `RateLimitError` 429, `InternalServerError` >= 500,
 *   else a plain `ApiError`.
 */
export function makeApiError<T>(init: ApiErrorInit<T>): ApiError<T> {
  const s = init.status;
  return new (byStatus[s >= 500 ? 500 : s] ?? ApiError)<T>(init);
}

/** No response arrived: DNS failure, connection refused or reset, or the body stream broke. `cause` holds the fetch error. */
export class ApiConnectionError extends Error {
  override name = "ApiConnectionError";
  declare readonly method: string;
  /** Request URL (credentials sent in the query are redacted). */
  declare readonly url: string;
  constructor(message: string, method: string, url: string, cause?: unknown) {
    super(message, { cause });
    Object.assign(this, { method, url });
  }
}

/** The request (an attempt, including reading its body) took longer than `timeoutMs`. */
export class ApiTimeoutError extends ApiConnectionError {
  override name = "ApiTimeoutError";
}

type Fields = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === "string" && v ? v : undefined);

/**
 * The message, `code` and body of an error response (or of a 2xx whose JSON is invalid).
 * The detail is the first of: `message`, OAuth's `error_description`, RFC 9457's `title` and `detail`, a
 * string `error`, then the same fields of the first entry of `error` or `errors` (`{ error: { message } }`,
 * `{ errors: [{ detail }] }`). `code` is `code`, else the nested entry's `code`, else OAuth's `error` when
 * `error_description` is present. RFC 9457's `type` is not a code (a URI, often `about:blank`): read it from
 * `body`. A body that is not JSON becomes its first 1 KB of text; the message shows its first 200 characters.
 * @param text the body as read, already redacted
 * @param cut when the body was cut: the byte count it was cut at (the message says so); else 0
 * @returns e.g. `{ message: "404 PAYO101: Get payout failed", code: "PAYO101", body }`
 */
export function errorDetails(
  res: Response,
  text: string,
  cut: number,
): Pick<ApiErrorInit<unknown>, "message" | "code" | "body" | "truncated"> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = text.slice(0, 1024) || undefined;
  }
  const b = Object(body) as Fields;
  const e = Object([b["error"] ?? b["errors"]].flat()[0]) as Fields;
  const say = (x: Fields): string | undefined =>
    str(x["message"]) ??
    str(x["error_description"]) ??
    str([x["title"], x["detail"]].filter(str).join(": "));
  const detail =
    typeof body === "string" ? body.slice(0, 200) : (say(b) ?? str(b["error"]) ?? say(e));
  const code = str(b["code"]) ?? str(e["code"]) ?? (str(b["error_description"]) && str(b["error"]));
  const head = `${res.status} ${res.ok ? "invalid JSON" : (code ?? res.statusText)}`.trim();
  return {
    message:
      (detail ? `${head}: ${detail}` : head) + (cut ? ` (error body cut at ${cut} bytes)` : ""),
    code,
    body,
    truncated: cut > 0 || undefined,
  };
}
