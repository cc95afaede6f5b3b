/**
 * The mock's answer to a valid call: status (a handler's, a fault's, `Prefer: code=`, else the first 2xx),
 * body (given, a named or valid example, else generated), the request's path and filter values echoed into
 * it, pages filled in, stateful CRUD applied, declared headers generated.
 */
import { STREAMED, streamText } from "./mock-stream.js";
import { gen, type GenContext, type IdPool } from "./mock-data.js";
import { fillPage, schemaAt } from "./mock-pages.js";
import { hash, random } from "./mock-random.js";
import type { Incoming, MockApi, MockOperation, MockResponse } from "./mock-request.js";
import type { PaginationSpec } from "./types.js";
import { valid, type MockSchema } from "./mock-schema.js";
import { crud, type CrudRole, type Store } from "./mock-state.js";
import type { MockOptions } from "./mock.js";

/** The state of one mock, shared by its calls. */
export interface Answerer {
  readonly api: MockApi;
  readonly options: MockOptions;
  readonly roles: ReadonlyMap<string, CrudRole>;
  readonly ids: IdPool;
  /** Calls per operation so far. */
  readonly counts: Map<string, number>;
  readonly store: Store;
  /** Cursors handed out → the page they lead to. */
  readonly cursors: Map<string, number>;
  /** The items of each operation's last page (for a repeated-page fault). */
  readonly previous: Map<string, unknown[]>;
  /** Each response's first example valid against its schema (undefined: none). */
  readonly examples: WeakMap<MockResponse, unknown>;
}

/** One answer to make. `status`, `body` and `headers` come from a handler or a fault when set. */
export interface AnswerRequest {
  readonly op: MockOperation;
  readonly req: Incoming;
  readonly params: Readonly<Record<string, unknown>>;
  readonly count: number;
  readonly repeat: boolean;
  readonly status?: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  404: "Not Found",
  405: "Method Not Allowed",
  429: "Too Many Requests",
  501: "Not Implemented",
};

/** An `application/problem+json` response (RFC 9457) whose `detail` says what is wrong. */
export function problem(
  status: number,
  detail: string,
  extra: object = {},
  headers: Readonly<Record<string, string>> = {},
): Response {
  const title = TITLES[status] ?? (status >= 500 ? "Server Error" : "Error");
  return new Response(JSON.stringify({ type: "about:blank", title, status, detail, ...extra }), {
    status,
    headers: { ...headers, "content-type": "application/problem+json" },
  });
}

/** The response of `op` declared for `status`: exact, else its range (`4XX`), else `default`. */
function declared(op: MockOperation, status: number, accept = ""): MockResponse | undefined {
  const find = (s: string): MockResponse | undefined =>
    op.responses.find((r) => r.status.toUpperCase() === s);
  const r = find(String(status)) ?? find(`${String(status)[0]}XX`) ?? find("DEFAULT");
  // a streaming companion function asks for the stream its operation's response also offers
  const alt = r?.stream?.mediaType;
  const asked = alt !== undefined && accept.toLowerCase().includes(alt.toLowerCase());
  if (!asked || r === undefined) return r;
  const { stream, schema: _schema, examples: _examples, ...rest } = r;
  return { ...rest, ...stream };
}

/** The status a call answers without a handler: the first success response's (200 for `2XX`, `default`). */
const firstStatus = (op: MockOperation): number => +(op.responses[0]?.status ?? "200") || 200;

/** `Prefer: code=404, example=approved, dynamic=true` (as Prism reads it). */
function prefer(header: string | undefined): {
  code?: number;
  example?: string;
  dynamic?: boolean;
} {
  const out: { code?: number; example?: string; dynamic?: boolean } = {};
  for (const [, k, , v] of (header ?? "").matchAll(/(code|example|dynamic)=("?)([^",;\s]*)\2/g))
    if (k === "code") out.code = +v!;
    else if (k === "example") out.example = v!;
    else out.dynamic = v === "true";
  return out;
}

/** Sets `key` of every object in `targets` that has it to `value`, where `body` stays valid. */
function echo(
  body: unknown,
  schema: MockSchema,
  targets: unknown[],
  key: string,
  value: unknown,
  a: Answerer,
): void {
  if (value === undefined) return;
  for (const t of targets) {
    if (!t || typeof t !== "object" || Array.isArray(t) || !Object.hasOwn(t, key)) continue;
    const o = t as Record<string, unknown>;
    const before = o[key];
    o[key] = value;
    if (!valid(schema, body, a.api.schemas, "response")) o[key] = before;
  }
}

/**
 * The default body of a status: a named example (`Prefer: example=` or `options.examples`), else the first
 * example valid against the schema (unless `useExamples: false`), else generated.
 * @returns the body, or a 501 response when the named example does not exist
 */
function defaultBody(
  a: Answerer,
  r: AnswerRequest,
  status: number,
  spec: MockResponse | undefined,
  ctx: GenContext,
): { body?: unknown; named?: boolean } | Response {
  if (!spec || (spec.schema === undefined && !spec.examples)) return {};
  const p = prefer(r.req.headers["prefer"]);
  const name = p.dynamic
    ? undefined
    : (p.example ?? (a.options.examples as Record<string, string> | undefined)?.[r.op.id]);
  const examples = spec.examples ?? {};
  if (name !== undefined) {
    if (Object.hasOwn(examples, name))
      return { body: structuredClone(examples[name]), named: true };
    if (p.example !== undefined)
      return problem(
        501,
        `mock: ${r.op.id} has no example '${name}' for ${status} (examples: ${Object.keys(examples).join(", ") || "none"})`,
      );
  }
  if (a.options.useExamples !== false && !p.dynamic) {
    if (!a.examples.has(spec))
      a.examples.set(
        spec,
        Object.values(examples).find(
          (v) => !spec.schema || valid(spec.schema, v, a.api.schemas, "response"),
        ),
      );
    const v = a.examples.get(spec);
    if (v !== undefined) return { body: structuredClone(v) };
  }
  return { body: spec.schema ? gen(spec.schema, ctx) : undefined };
}

/** The parameters that move through pages (not filters to echo into items). */
const pageParams = (pg: PaginationSpec): unknown[] =>
  pg.kind === "page"
    ? [pg.pageParam, pg.sizeParam]
    : pg.kind === "offset"
      ? [pg.offsetParam, pg.limitParam]
      : pg.kind === undefined || pg.kind === "cursor"
        ? [pg.cursorParam]
        : [];

/**
 * The request's path values echoed into the body (the item path's last parameter also as its `id`), and a
 * paginated operation's page filled in (items with the request's filters echoed, next cursor or URL).
 */
function fill(
  a: Answerer,
  r: AnswerRequest,
  body: object,
  schema: MockSchema,
  ctx: GenContext,
  headers: Record<string, string>,
): unknown {
  const { op, req } = r;
  const defs = a.api.schemas;
  const wrappers: unknown[] = [body, ...Object.values(body as Record<string, unknown>)];
  const last = /\{([^}]+)\}$/.exec(op.path.replace(/#.*/, ""))?.[1];
  for (const p of op.params ?? []) {
    const v = r.params[p.key ?? p.name];
    if (p.in !== "path") continue;
    echo(body, schema, wrappers, p.name, v, a);
    if (p.name === last && p.name !== "id") echo(body, schema, wrappers, "id", v, a);
  }
  const pg = op.pagination;
  if (!pg) return body;
  const item = schemaAt(schema, [...pg.items, "[]"], defs) ?? {};
  const page = fillPage(body, {
    pg,
    params: r.params,
    url: req.url,
    cursors: a.cursors,
    pages: a.options.pages ?? 3,
    pageSize: a.options.pageSize ?? 2,
    schema,
    defs,
    repeat: r.repeat,
    previous: a.previous.get(op.id),
    item: () => gen(item, ctx, undefined, 1),
    cursor: (s) =>
      [++a.ids.n, `c${a.ids.n}`].find((v) => !s || valid(s, v, defs, "response")) ??
      (s ? gen(s, ctx, "id") : a.ids.n),
  });
  a.previous.set(op.id, page.items);
  if (pg.kind === "link") delete headers["link"]; // a generated one would not lead anywhere
  Object.assign(headers, page.headers);
  for (const p of op.params ?? [])
    if (p.in === "query" && !pageParams(pg).includes(p.key ?? p.name))
      echo(page.body, schema, page.items, p.name, r.params[p.key ?? p.name], a);
  return page.body;
}

/** The call's response. */
export function answer(a: Answerer, r: AnswerRequest): Response {
  return build(a, r, false) as Response;
}

/** The body the call answers without a handler (for a handler's `body()`). */
export const defaultAnswer = (a: Answerer, r: AnswerRequest): unknown => build(a, r, true);

function build(a: Answerer, r: AnswerRequest, bodyOnly: boolean): unknown {
  const { op, req } = r;
  const defs = a.api.schemas;
  const status = r.status ?? prefer(req.headers["prefer"]).code ?? firstStatus(op);
  const spec = declared(op, status, req.headers["accept"]);
  const seed = hash(`${a.options.seed ?? 1}:${op.id}:${r.count}:${status}`);
  const ctx: GenContext = { defs, r: random(seed), dir: "response", ids: a.ids };
  let body = r.body;
  const headers: Record<string, string> = {};
  if (body === undefined) {
    for (const [name, s] of Object.entries(spec?.headers ?? {})) {
      const v = gen(s, ctx, name);
      const text =
        typeof v === "string" ? v : typeof v === "object" ? undefined : JSON.stringify(v);
      if (text !== undefined && /^[\t\x20-\x7e]*$/.test(text)) headers[name] = text;
    }
    const d = defaultBody(a, r, status, spec, ctx);
    if (d instanceof Response) return d;
    body = d.body;
    const schema = spec?.schema;
    const role = a.roles.get(op.id);
    if (status < 300 && !d.named) {
      if (schema && body !== null && typeof body === "object")
        body = fill(a, r, body, schema, ctx, headers);
      if (role) {
        const key = op.params?.find((p) => p.in === "path" && p.name === role.param);
        const pg = op.pagination;
        const done = crud(body, {
          crud: role,
          store: a.store,
          defs,
          schema,
          id: key && r.params[key.key ?? key.name],
          requestBody: r.params["body"],
          ...(pg ? { items: pg.items, hasMore: pg.hasMore } : {}),
          ends:
            pg && "nextCursor" in pg ? [pg.nextCursor] : pg && "nextUrl" in pg ? [pg.nextUrl] : [],
        });
        if (done === "missing") return build(a, { ...r, status: 404 }, bodyOnly);
        body = done;
      }
    }
  }
  if (bodyOnly) return body;
  if (spec === undefined && status >= 400 && body === undefined)
    return problem(status, `${op.id}: ${status} from the mock`, {}, r.headers);
  Object.assign(headers, r.headers);
  const media = spec?.mediaType ?? "application/json";
  const binary = body instanceof Blob || body instanceof Uint8Array || body instanceof ArrayBuffer;
  const empty = body === undefined || status === 204 || status === 304 || req.method === "HEAD";
  if (!empty)
    headers["content-type"] ??=
      binary || typeof body === "string" || /json/i.test(media) ? media : "application/json";
  const payload = empty
    ? null
    : binary
      ? (body as RequestInit["body"])
      : STREAMED.test(media)
        ? streamText(media, body)
        : typeof body === "string" && !/json/i.test(media)
          ? body
          : JSON.stringify(body);
  return new Response(payload, { status, headers });
}
