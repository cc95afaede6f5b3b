/**
 * The mock's side of a request: the API description the generated `mock.ts` declares, the request as
 * received, routing by method and path template, the body as a value, and the credentials check.
 */
import type { MockDefs, MockSchema } from "./mock-schema.js";
import type { HttpMethod, PaginationSpec, ParamSpec, SecuritySchemeData } from "./types.js";

/** A parameter as the mock reads it: its serialization plus `required` and its schema. */
export interface MockParam extends ParamSpec {
  readonly required?: boolean;
  readonly schema?: MockSchema;
}

/** One response of an operation: status as written (`200`, `4XX`, `default`), media type, schema, examples. */
export interface MockResponse {
  readonly status: string;
  /** A key of `MockApi.responses`: the response's other fields are there (shared by many operations). */
  readonly $ref?: string;
  readonly mediaType?: string;
  readonly schema?: MockSchema;
  /** Examples by name (`example` alone is named `default`). */
  readonly examples?: Readonly<Record<string, unknown>>;
  /** Declared response headers' schemas, by lower-cased name. */
  readonly headers?: Readonly<Record<string, MockSchema>>;
  /** The stream the response also offers, answered when the request's `Accept` asks for its media type. */
  readonly stream?: Pick<MockResponse, "mediaType" | "schema" | "examples">;
}

/** One operation as the mock answers it. */
export interface MockOperation {
  readonly id: string;
  readonly method: HttpMethod;
  readonly path: string;
  readonly params?: readonly MockParam[];
  readonly body?: {
    readonly mediaType: string;
    readonly required?: boolean;
    readonly schema?: MockSchema;
  };
  /** Success responses first, in status order, then the others. */
  readonly responses: readonly MockResponse[];
  readonly security?: readonly (readonly string[])[];
  readonly pagination?: PaginationSpec;
}

/** Everything the generated `mock.ts` tells the mock about an API. */
export interface MockApi {
  readonly schemas: MockDefs;
  /** Responses many operations share (a response component), by `$ref`. */
  readonly responses?: Readonly<Record<string, Omit<MockResponse, "status" | "$ref">>>;
  readonly operations: readonly MockOperation[];
  readonly securitySchemes?: Readonly<Record<string, SecuritySchemeData>>;
  /** Path prefixes of the document's servers (`/v2`), removed from a request's path before routing. */
  readonly basePaths?: readonly string[];
}

/** What was wrong with a request: where (`query`, `path`, `header`, `cookie`, `body`) and what. */
export interface RequestIssue {
  readonly in: string;
  readonly name?: string;
  readonly pointer?: string;
  readonly message: string;
}

/** A request as received: method, URL, lower-cased headers and the body as fetch was given it. */
export interface Incoming {
  readonly method: string;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** Reads what the client sent: `fetch(url, init)` or `fetch(request)`. */
export async function incoming(input: string | Request, init: RequestInit = {}): Promise<Incoming> {
  const byUrl = typeof input === "string";
  const headers: Record<string, string> = {};
  (byUrl ? new Headers(init.headers) : input.headers).forEach((v, k) => (headers[k] = v));
  if (byUrl)
    return {
      method: init.method ?? "GET",
      url: new URL(input),
      headers,
      body: init.body ?? undefined,
    };
  const type = headers["content-type"] ?? "";
  const body = !input.body
    ? undefined
    : /^multipart\/form-data/.test(type)
      ? await input.formData()
      : /^application\/x-www-form-urlencoded/.test(type)
        ? new URLSearchParams(await input.text())
        : await input.text();
  return { method: input.method, url: new URL(input.url), headers, body };
}

/** The API with every response's `$ref` replaced by the shared response it names. */
export function withResponses(api: MockApi): MockApi {
  const operations = api.operations.map((op) =>
    op.responses.some((r) => r.$ref !== undefined)
      ? {
          ...op,
          responses: op.responses.map((r) =>
            r.$ref === undefined ? r : { ...api.responses?.[r.$ref], status: r.status },
          ),
        }
      : op,
  );
  return { ...api, operations };
}

/** A route: the operation, its path as a RegExp and the number of literal characters (more wins). */
export interface Route {
  readonly op: MockOperation;
  readonly re: RegExp;
  readonly names: readonly string[];
  readonly weight: number;
}

/** Routes of every operation, most specific (most literal characters) first. */
export function routes(api: MockApi): Route[] {
  return api.operations
    .map((op) => {
      const names: string[] = [];
      const re = op.path
        .replace(/#.*/, "")
        .split(/(\{[^}]+\})/)
        .map((part, i) =>
          i % 2
            ? (names.push(part.slice(1, -1)), "([^/]+)")
            : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
        )
        .join("");
      return {
        op,
        re: new RegExp(`^${re}/?$`),
        names,
        weight: op.path.replace(/#.*|\{[^}]+\}/g, "").length,
      };
    })
    .sort((a, b) => b.weight - a.weight);
}

/**
 * The operation a request is for and its raw path values, trying the path with each base path removed.
 * @returns the route, or `405` when only the method differs, or undefined
 */
export function match(
  table: readonly Route[],
  bases: readonly string[],
  method: string,
  pathname: string,
): { route: Route; values: Record<string, string> } | 405 | undefined {
  let found: 405 | undefined;
  for (const base of bases) {
    if (!pathname.startsWith(base)) continue;
    const rest = pathname.slice(base.length) || "/";
    for (const route of table) {
      const m = route.re.exec(rest);
      if (!m) continue;
      if (route.op.method !== method.toUpperCase()) {
        found = 405;
        continue;
      }
      const values: Record<string, string> = {};
      route.names.forEach((n, i) => (values[n] = m[i + 1]!));
      return { route, values };
    }
  }
  return found;
}

/** The request body as a value: parsed JSON, form fields, text; binary bodies as they are. */
export async function readBody(
  req: Incoming,
  mediaType: string,
): Promise<{ value?: unknown; error?: string }> {
  const b = req.body;
  if (b === undefined || b === null) return {};
  if (/json/i.test(mediaType)) {
    const text = typeof b === "string" ? b : await new Response(b as RequestInit["body"]).text();
    try {
      return { value: JSON.parse(text) };
    } catch {
      return { error: "the request body is not valid JSON" };
    }
  }
  if (b instanceof URLSearchParams || b instanceof FormData) {
    const out: Record<string, unknown> = {};
    b.forEach((v: unknown, k: string) => {
      const prev = out[k];
      out[k] = prev === undefined ? v : [prev, v].flat();
    });
    return { value: out };
  }
  return {
    value:
      /^text\//.test(mediaType) && typeof b !== "string"
        ? await new Response(b as RequestInit["body"]).text()
        : b,
  };
}

/**
 * True when the request carries a credential for every scheme of one of the operation's security
 * requirements (an empty list of requirements, or an empty requirement, needs none).
 */
export function authorized(op: MockOperation, api: MockApi, req: Incoming): boolean {
  const security = op.security ?? [];
  const has = (name: string): boolean => {
    const s = api.securitySchemes?.[name];
    if (s === undefined) return true;
    if (s.type === "apiKey")
      return s.in === "header"
        ? req.headers[s.name.toLowerCase()] !== undefined
        : s.in === "query"
          ? req.url.searchParams.has(s.name)
          : (req.headers["cookie"] ?? "").split(/;\s*/).some((c) => c.startsWith(`${s.name}=`));
    const auth = req.headers["authorization"] ?? "";
    return s.type === "http" && s.scheme === "basic"
      ? /^basic \S/i.test(auth)
      : /^bearer \S/i.test(auth);
  };
  return !security.length || security.some((alt) => alt.every(has));
}
