/**
 * The seam between generated code and the runtime.
 *
 * Generated `operations.ts` describes every operation as a static {@link OperationSpec}
 * and calls `request(client, spec, params, options)`; generated `client.ts` describes the
 * document's servers and security schemes as a {@link ClientSpec} and calls
 * `createClientCore(spec, config)`. Nothing else in the runtime knows about a particular API.
 *
 * The request core handles what nearly every operation needs: scalar parameter values and API keys. Anything else is a function the spec refers to ({@link ParamSpec.serialize} for arrays, objects
 * and styles that change a scalar, {@link BodySpec.encode} for every requestBody, `encode` of every security
 * scheme but an API key), which the generated code imports from the runtime module that defines it, so an app bundles only
 * the serializers and encoders its operations use.
 */
import type { BasicAuth } from "./client.js";

/** HTTP methods an OpenAPI path item can hold (3.2 adds `QUERY`). */
export type HttpMethod =
  "GET" | "PUT" | "POST" | "DELETE" | "OPTIONS" | "HEAD" | "PATCH" | "TRACE" | "QUERY";

/** Where a parameter travels, as in the OpenAPI `in` field. */
export type ParamLocation = "path" | "query" | "header" | "cookie";

/** OpenAPI parameter serialization styles. */
export type ParamStyle =
  "simple" | "label" | "matrix" | "form" | "spaceDelimited" | "pipeDelimited" | "deepObject";

/** One parameter of an operation, from its `parameters` (path item and operation merged). */
export interface ParamSpec {
  /** The parameter's name on the wire (`name` in the document). */
  readonly name: string;
  readonly in: ParamLocation;
  /** Property of the flat `params` object that carries it, when it differs from `name`. */
  readonly key?: string;
  /** Serialization style; the OpenAPI default for the location when absent (path/header: simple, query/cookie: form). */
  readonly style?: ParamStyle;
  /** `explode`; the OpenAPI default when absent (true for form, false otherwise). */
  readonly explode?: boolean;
  /** `allowReserved` for query parameters: RFC 3986 reserved characters are sent unencoded. */
  readonly allowReserved?: boolean;
  /** The parameter is sent as a JSON string (`content: { application/json }` instead of `schema`). */
  readonly json?: boolean;
  /**
   * Serializer for what the request core's default does not cover, imported from `serialize.ts`:
   * `pathStyles` for a `label` or `matrix` path parameter, `headerStyles` for a JSON header parameter,
   * `queryStyles` for a query or cookie parameter that is not exploded `form` (another style, `explode: false`,
   * `allowReserved`, `json`). Absent: the default, a `simple` path or header value (`explode` honoured) or
   * exploded `form` pairs. The generator sets it whenever the default would differ.
   */
  readonly serialize?: ParamSerializer;
}

/**
 * Serializes one parameter value (not null or undefined) into encoded pieces: for a path or header parameter
 * the pieces of its value, which the request joins with `,`; for a query or cookie parameter its `name=value`
 * pairs. Path pieces are percent-encoded; header pieces are not.
 */
export type ParamSerializer = (p: ParamSpec, v: unknown) => string[];

/** How a request body is encoded. */
export type BodyEncoding = "json" | "form" | "multipart" | "binary" | "text";

/** The requestBody the client sends: the media type chosen from the document. */
export interface BodyMedia {
  /** Media type sent as `Content-Type` (e.g. `application/json`, `application/merge-patch+json`). */
  readonly mediaType: string;
  readonly encoding: BodyEncoding;
  /** `requestBody.required`. */
  readonly required: boolean;
}

/**
 * Encodes a body value for its media type and sets `content-type` in `headers` (lower-cased names; not for
 * multipart, whose boundary fetch adds). `jsonBody` and `mediaBody` in `serialize.ts` are the two.
 * @returns the body as fetch takes it
 */
export type BodyEncoder = (
  spec: BodyMedia,
  v: unknown,
  headers: Record<string, string>,
) => RequestInit["body"];

/** A {@link BodyMedia} with the encoder the generated code imports for it (`jsonBody` or `mediaBody`). */
export interface BodySpec extends BodyMedia {
  readonly encode: BodyEncoder;
}

/**
 * How the 2xx response body is read. `empty` when no 2xx response declares content; `stream` when it is a
 * stream of events or items (see {@link StreamSpec}), which `stream.ts` reads instead of `request`.
 */
export type ResponseKind = "json" | "text" | "binary" | "empty" | "stream";

/**
 * How a streamed body is cut into items: `sse` server-sent events (`text/event-stream`), `ndjson` one JSON
 * text per line (`application/x-ndjson`, `application/jsonl`), `json-seq` RFC 7464 records (`application/json-seq`).
 */
export type StreamFormat = "sse" | "ndjson" | "json-seq";

/** A streamed 2xx response (`response: "stream"`). */
export interface StreamSpec {
  readonly format: StreamFormat;
  /** The media type asked for in `Accept`. */
  readonly mediaType: string;
  /**
   * SSE: which events' `data` is parsed as JSON: `true` every event, or the event names whose schema says the
   * data is JSON (from an OpenAPI 3.2 `itemSchema`); absent: none (data stays a string). NDJSON and json-seq
   * items are always JSON.
   */
  readonly json?: boolean | readonly string[];
}

/** Fields every pagination kind has. Paths are property names from the response body's root. */
interface PaginationBase {
  /** Path to the array of items in the response body, e.g. `["data"]`; `[]` when the body is the array. */
  readonly items: readonly string[];
  /** Path to a boolean "more pages" flag (`has_more`); iteration stops when it is `false`. */
  readonly hasMore?: readonly string[];
}

/**
 * Cursor pagination (`kind` absent or `"cursor"`): each page carries the cursor of the next one, which is
 * sent back in the request parameter `cursorParam`. Stops at a null/absent/empty cursor or a false `hasMore`;
 * a cursor the server already sent is a `PaginationError`.
 */
export interface CursorPagination extends PaginationBase {
  readonly kind?: "cursor";
  /** Name of the request parameter (a `params` key) that carries the cursor. */
  readonly cursorParam: string;
  /**
   * Path to the next cursor in the response body, e.g. `["pagination", "nextCursor"]`. Empty when the
   * cursor comes from the last item (`nextCursorFromLastItem`).
   */
  readonly nextCursor: readonly string[];
  /** Field of the last item that becomes the next cursor (`starting_after` style: `["id"]`). */
  readonly nextCursorFromLastItem?: readonly string[];
}

/**
 * Page-number pagination (`?page=2&per_page=50`): the next request sends `pageParam` = current page + 1.
 * The first page is `params[pageParam]`, else `startPage`. Stops at an empty page, a page shorter than the
 * page size when it is known (`params[sizeParam]`, else `pageSize`), or a false `hasMore`; a page whose items
 * equal the previous page's (a server ignoring `pageParam`) is a `PaginationError`.
 */
export interface PageNumberPagination extends PaginationBase {
  readonly kind: "page";
  /** Request parameter (a `params` key) with the page number. */
  readonly pageParam: string;
  /** Request parameter with the page size (`per_page`, `size`), when the API has one. */
  readonly sizeParam?: string;
  /** Number of the first page. @default 1 */
  readonly startPage?: number;
  /** The server's page size when the request does not set `sizeParam` (used to detect the last page). */
  readonly pageSize?: number;
}

/**
 * Offset/limit pagination (`?offset=100&limit=50`): the next request sends `offsetParam` = current offset
 * (`params[offsetParam]`, else 0) + the number of items received. Stops like {@link PageNumberPagination}, with
 * the page size from `params[limitParam]`, else `pageSize`.
 */
export interface OffsetPagination extends PaginationBase {
  readonly kind: "offset";
  /** Request parameter (a `params` key) with the offset of the first item. */
  readonly offsetParam: string;
  /** Request parameter with the maximum number of items per page, when the API has one. */
  readonly limitParam?: string;
  /** The server's page size when the request does not set `limitParam`. */
  readonly pageSize?: number;
}

/**
 * Next-page links in the `Link` response header (RFC 8288): the target of the link with `rel="next"`,
 * resolved against the response URL (the base URL when the response has none). The URL is requested with
 * GET, the operation's header and cookie parameters, the client's credentials and its own query string
 * (query parameters are not repeated; an API key sent in the query is re-added, not duplicated). Stops when no `next` link comes or `hasMore` is
 * false; a URL on another origin than the client's base URL, or one already followed, is a `PaginationError`.
 */
export interface LinkHeaderPagination extends PaginationBase {
  readonly kind: "link";
}

/**
 * The next page's URL in the response body at `nextUrl` (e.g. `["next"]`, `["links", "next"]`), absolute or
 * relative to the response URL; followed as in {@link LinkHeaderPagination}. Stops at a null/absent/empty URL.
 */
export interface NextUrlPagination extends PaginationBase {
  readonly kind: "nextUrl";
  /** Path to the next page's URL in the response body. */
  readonly nextUrl: readonly string[];
}

/**
 * How a paginated operation finds its next page, detected from the document or configured with
 * `x-pagination`. A discriminated union on `kind`; an object without `kind` is {@link CursorPagination}.
 */
export type PaginationSpec =
  | CursorPagination
  | PageNumberPagination
  | OffsetPagination
  | LinkHeaderPagination
  | NextUrlPagination;

/** Everything the runtime needs to send one operation. Generated as a `const` per operation. */
export interface OperationSpec {
  /** operationId, or the name derived from method + path. */
  readonly id: string;
  readonly method: HttpMethod;
  /** Path template as in the document, e.g. `/api/v1/payouts/{id}`. */
  readonly path: string;
  readonly params: readonly ParamSpec[];
  readonly body?: BodySpec;
  readonly response: ResponseKind;
  /**
   * Security requirements (alternatives): each entry lists scheme names that must all be sent.
   * An empty array means the operation needs no credentials (`security: []`).
   */
  readonly security: readonly (readonly string[])[];
  /**
   * Called when no alternative of `security` has all its credentials: `rejectPartial` (`auth.ts`) throws a
   * TypeError naming the missing schemes of a partly configured one. The generator sets it when an
   * alternative lists more than one scheme, as only then can one be partly configured; otherwise the request
   * goes without credentials (the caller may set them through `headers` or `onRequest`).
   */
  readonly partial?: PartialSecurity;
  /**
   * For a POST or PATCH operation: whether a connection failure proves the request never reached the server
   * (`notSent` from `retry.ts`), which makes it retryable like a 429. The generator sets it on every POST and
   * PATCH operation; without it, such a method is retried after a connection failure only with an
   * `idempotencyKey` (other methods are retried after any).
   */
  readonly unsent?: (error: unknown) => boolean;
  /**
   * How a followed redirect changes the request: `redirectRule` (`redirect.ts`), which turns it into a GET
   * without a body where the Fetch standard says so. The generator sets it on every operation whose method is
   * not GET or HEAD; without it the method, body and headers are kept.
   */
  readonly redirect?: (status: number, request: RedirectedRequest) => void;
  readonly pagination?: PaginationSpec;
  /**
   * Where the operation's data holds dates (targets with the `dates` option only): `response` is revived in
   * every 2xx JSON body (RFC 3339 strings → `Date`), `request` is applied to the flat `params` (a `Date` where
   * the schema says `format: date` → `YYYY-MM-DD`). Read by dates.ts, which the generated operations then import
   * `request` and `paginate` from; the request core never reads it.
   */
  readonly dates?: { readonly response?: DatePlan; readonly request?: DatePlan };
  /** How to read a streamed response (`response: "stream"`). */
  readonly stream?: StreamSpec;
}

/**
 * Where a value holds dates, generated from its schema: `"date-time"` or `"date"` at a string to convert; an
 * object with `p` (properties by name), `a` (every other property: `additionalProperties`) and `i` (array
 * items); an array of plans that all apply to the same value (`allOf`, `anyOf`, `oneOf`); or a function
 * returning a plan (a component's plan, so that recursive schemas stay finite).
 */
export type DatePlan =
  | "date-time"
  | "date"
  | readonly DatePlan[]
  | (() => DatePlan)
  | {
      readonly p?: Readonly<Record<string, DatePlan>>;
      readonly a?: DatePlan;
      readonly i?: DatePlan;
    };

/** The request a redirect is followed with, as fetch takes it (header names lower-cased). */
export interface RedirectedRequest {
  method: string;
  headers: Record<string, string>;
  body?: RequestInit["body"] | undefined;
}

/**
 * Checks an operation's security requirement when none is complete.
 * @param has whether a scheme (by name) has a credential configured
 */
export type PartialSecurity = (spec: OperationSpec, has: (scheme: string) => unknown) => void;

/**
 * Turns a credential into the `Authorization` header value, pushing every secret it holds (redacted wherever
 * the client shows text) to `secrets`: `bearerAuth` (a token) and `basicAuth` (`{ username, password }`) in
 * `auth.ts`.
 */
export type CredentialEncoder<C = string> = (credential: C, secrets: string[]) => string;

/** A security scheme from `components.securitySchemes`, as the document describes it. */
export type SecuritySchemeData =
  | { readonly type: "apiKey"; readonly in: "header" | "query" | "cookie"; readonly name: string }
  | { readonly type: "http"; readonly scheme: "bearer" }
  | { readonly type: "http"; readonly scheme: "basic" }
  | { readonly type: "oauth2" }
  | { readonly type: "openIdConnect" };

/**
 * A security scheme as the runtime applies it: an API key is sent as the header, query or cookie parameter it
 * names; every other scheme names the encoder of its `Authorization` header, which the generated client
 * imports (`encode: basicAuth` for HTTP basic, `encode: bearerAuth` for bearer, OAuth 2 and OpenID Connect).
 */
export type SecuritySchemeSpec =
  | Extract<SecuritySchemeData, { readonly type: "apiKey" }>
  | {
      readonly type: "http";
      readonly scheme: "basic";
      readonly encode: CredentialEncoder<BasicAuth>;
    }
  | (Exclude<SecuritySchemeData, { readonly type: "apiKey" } | { readonly scheme: "basic" }> & {
      readonly encode: CredentialEncoder;
    });

/** A server from the document's `servers`, with the name the client config uses to pick it. */
export interface ServerSpec {
  readonly name: string;
  /** URL template; `{variables}` are replaced from `variables` defaults or `config.serverVariables`. */
  readonly url: string;
  readonly variables?: Readonly<
    Record<string, { readonly default: string; readonly enum?: readonly string[] }>
  >;
}

/** The document-wide facts the generated `createClient` passes to the runtime. */
export interface ClientSpec {
  readonly servers: readonly ServerSpec[];
  readonly securitySchemes: Readonly<Record<string, SecuritySchemeSpec>>;
  /**
   * Response header names that carry rate-limit information, lower-cased: those the document declares, but for
   * `RateLimit-*` and `X-RateLimit-*`, which count without being listed (`RATE_LIMIT_HEADER` in `errors.ts`).
   */
  readonly rateLimitHeaders?: readonly string[];
  /** Response header that carries a request id, lower-cased, when the document declares one. */
  readonly requestIdHeader?: string;
}
