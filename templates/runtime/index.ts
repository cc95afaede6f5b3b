/**
 * The client runtime's public surface. Generated operations import the modules they need directly
 * (so pagination is only bundled when a paginated operation is used); this index is for callers.
 */
export {
  createClientCore,
  realClock,
  withOptions,
  type BasicAuth,
  type BasicCredential,
  type Client,
  type ClientOptions,
  type Clock,
  type Credential,
  type Logger,
  type LogLevel,
  type OutgoingRequest,
} from "./client.js";
export {
  request,
  type ApiPromise,
  type ApiResponse,
  type ApiResult,
  type RequestOptions,
} from "./request.js";
export {
  paginate,
  PaginationError,
  type PagePromise,
  type PaginationOptions,
} from "./pagination.js";
export type { ApiStream, ServerSentEvent, StreamOptions } from "./stream.js";
export {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
  ApiConnectionError,
  ApiRedirectError,
  ApiResponseTooLargeError,
  ApiTimeoutError,
  makeApiError,
  type ApiErrorInit,
  type HeaderMap,
  type RateLimitInfo,
} from "./errors.js";
export { basicAuth, bearerAuth, rejectPartial } from "./auth.js";
export { redirectRule } from "./redirect.js";
export {
  encodeBody,
  headerStyles,
  jsonBody,
  mediaBody,
  pathStyles,
  queryStyles,
} from "./serialize.js";
export {
  RETRY_STATUSES,
  backoffMs,
  isIdempotent,
  notSent,
  serverDelayMs,
  shouldRetry,
} from "./retry.js";
export type * from "./types.js";
