/**
 * The seam between generated code and the runtime.
 *
 * Generated `operations.ts` describes every operation as a static {@link OperationSpec}
 * and calls `request(client, spec, params, options)`; generated `client.ts` describes the
 * document's servers and security schemes as a {@link ClientSpec} and calls
 * `createClientCore(spec, config)`. Nothing else in the runtime knows about a particular API.
 */

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
}

/** How a request body is encoded. */
export type BodyEncoding = "json" | "form" | "multipart" | "binary" | "text";

/** The requestBody the client sends: the media type chosen from the document. */
export interface BodySpec {
  /** Media type sent as `Content-Type` (e.g. `application/json`, `application/merge-patch+json`). */
  readonly mediaType: string;
  readonly encoding: BodyEncoding;
  /** `requestBody.required`. */
  readonly required: boolean;
}

/** How the 2xx response body is read. `empty` when no 2xx response declares content. */
export type ResponseKind = "json" | "text" | "binary" | "empty";

/** Cursor pagination detected from the document or configured with `x-pagination`. */
export interface PaginationSpec {
  /** Name of the request parameter (a `params` key) that carries the cursor. */
  readonly cursorParam: string;
  /**
   * Path to the next cursor in the response body, e.g. `["pagination", "nextCursor"]`. Empty when the
   * cursor comes from the last item (`nextCursorFromLastItem`). Iteration stops when the cursor is null/absent
   * (or `hasMore` is false, when given).
   */
  readonly nextCursor: readonly string[];
  /** Path to the array of items in the response body, e.g. `["data"]`. */
  readonly items: readonly string[];
  /**
   * Path to a boolean "more pages" flag (`has_more`), when the API sends one.
   * With `nextCursorFromLastItem`, the cursor is taken from the last item instead.
   */
  readonly hasMore?: readonly string[];
  /** Field of the last item that becomes the next cursor (`starting_after` style: `["id"]`). */
  readonly nextCursorFromLastItem?: readonly string[];
}

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
  readonly pagination?: PaginationSpec;
}

/** A security scheme from `components.securitySchemes`, as the runtime applies it. */
export type SecuritySchemeSpec =
  | { readonly type: "apiKey"; readonly in: "header" | "query" | "cookie"; readonly name: string }
  | { readonly type: "http"; readonly scheme: "bearer" }
  | { readonly type: "http"; readonly scheme: "basic" }
  | { readonly type: "oauth2" }
  | { readonly type: "openIdConnect" };

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
  /** Response header names that carry rate-limit information, lower-cased (from the document's declared headers). */
  readonly rateLimitHeaders?: readonly string[];
  /** Response header that carries a request id, lower-cased, when the document declares one. */
  readonly requestIdHeader?: string;
}
