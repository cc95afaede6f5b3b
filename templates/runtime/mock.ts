/**
 * A `fetch` that answers from the OpenAPI document, for testing code that uses the client without the real
 * API. The generated `mock.ts` passes its {@link MockApi} to {@link createMockFetchCore}; nothing here knows a
 * particular API. Not exported from the runtime's index: apps that do not import `mock.ts` do not carry it.
 *
 * ```ts
 * const mock = createMockFetch({ seed: 7 });
 * const client = createClient({ apiKey: "test", fetch: mock });
 * mock.on("getPayout", ({ params }) => ({ status: 404 }));
 * ```
 */
import { realClock, type Clock } from "./client.js";
import { answer, defaultAnswer, problem, type Answerer } from "./mock-answer.js";
import { readCall } from "./mock-read.js";
import {
  incoming,
  match,
  routes,
  withResponses,
  type MockApi,
  type MockOperation,
} from "./mock-request.js";
import { crudRoles } from "./mock-state.js";

export type { MockApi };

/** The types of one operation, as the generated `MockOperations` lists them. */
export interface MockOperationTypes {
  /** The operation function's `params` (parameters by key, the request body as `body`). */
  readonly params: unknown;
  /** openapi-typescript's `responses` of the operation: by status, `content` by media type. */
  readonly responses: unknown;
}

/** A response's body type from its `content` (any of its media types); `undefined` without content. */
export type MockBody<R> = R extends { content: infer C } ? C[keyof C] : undefined;

/** A reply without types: any status, any body. */
export interface MockAnyReply {
  /** @default the operation's first 2xx status */
  status?: number;
  /** @default generated from the status's schema (or its example) */
  body?: unknown;
  headers?: Record<string, string>;
}

/** What a handler may answer: one of the operation's statuses with its body type (the body may be left out). */
export type MockReply<R> = unknown extends R
  ? MockAnyReply
  : {
      [S in keyof R]: {
        /** @default the operation's first 2xx status */
        status?: S extends number ? S : number;
        /** @default generated from the status's schema (or its example) */
        body?: MockBody<R[S]>;
        headers?: Record<string, string>;
      };
    }[keyof R];

/** The 2xx bodies of a `responses` type. */
export type MockSuccess<R> = unknown extends R
  ? unknown
  : {
      [S in keyof R]: `${S & (string | number)}` extends `2${string}` ? MockBody<R[S]> : never;
    }[keyof R];

/** One request the mock received. */
export interface MockCall<P = unknown> {
  /** The operation's name (`getPayout`); `""` when no operation matched. */
  readonly operation: string;
  readonly method: string;
  readonly url: string;
  /** Parameters read back from the request by `params` key, the body under `body`. */
  readonly params: P;
  /** Request headers, lower-cased names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The status answered; 0 for a connection reset. */
  status: number;
}

/** What a handler given to `mock.on` receives. */
export interface MockContext<T extends MockOperationTypes> {
  /** The request's parameters and body (already validated against the document). */
  readonly params: T["params"];
  readonly request: MockCall<T["params"]>;
  /** Calls of this operation so far, this one included (1 for the first). */
  readonly count: number;
  /** The 2xx body the mock would answer without the handler (from the example or the schema). */
  readonly body: () => MockSuccess<T["responses"]>;
}

/** Answers one operation; `undefined` lets the mock answer as usual. */
export type MockHandler<T extends MockOperationTypes> = (
  context: MockContext<T>,
) => MockReply<T["responses"]> | undefined | Promise<MockReply<T["responses"]> | undefined>;

/**
 * A fault the next calls of an operation get: a status (e.g. `{ status: 429, retryAfter: 1 }` or a 5xx), a
 * connection reset (fetch rejects as undici does: `TypeError: fetch failed`, cause `ECONNRESET`), a delay in
 * ms before answering (past the client's `timeoutMs`, a timeout; the request's signal cancels it), or a
 * repeated cursor: the next follow-up page answers with the cursor (page items, next URL) it was asked with.
 */
export type MockFault =
  | {
      readonly status: number;
      /** Sent as `Retry-After`, in seconds. */
      readonly retryAfter?: number;
      readonly body?: unknown;
      readonly headers?: Readonly<Record<string, string>>;
    }
  | { readonly reset: true }
  | { readonly delayMs: number }
  | { readonly repeatCursor: true };

/** Options of `createMockFetch`. */
export interface MockOptions<Ops = Record<string, MockOperationTypes>> {
  /** Seed of the generated data: the same seed and calls give byte-identical answers. @default 1 */
  seed?: number;
  /** Pages a paginated operation answers before the last. @default 3 */
  pages?: number;
  /** Items per page when neither the request nor the document sets a page size. @default 2 */
  pageSize?: number;
  /** The named example (a key of the response's `examples`) each operation answers with. */
  examples?: { [K in keyof Ops]?: string };
  /** Answer with the document's examples where a response has a valid one. @default true */
  useExamples?: boolean;
  /** Keep created resources: `POST /things` then `GET`, `PUT`/`PATCH`, `DELETE /things/{id}`, `GET /things`. @default false */
  stateful?: boolean;
  /** Answer 400 (problem+json) to a request the document does not allow. @default true */
  validate?: boolean;
  /** Answer 401 to a request without the credentials of the operation's security requirements. @default true */
  checkSecurity?: boolean;
  /** Clock for `delayMs` faults. @default Date.now and setTimeout */
  clock?: Clock;
  /** A path prefix of the client's `baseUrl` beyond the document's servers (`/proxy`), removed before routing. */
  basePath?: string;
}

/** The mock: a `fetch` for `createClient({ fetch })`, with handlers, faults and the calls it received. */
export interface MockFetch<Ops = Record<string, MockOperationTypes>> {
  (input: string | Request, init?: RequestInit): Promise<Response>;
  /** Answers `operation` with `handler` from now on (replacing an earlier one). @returns the mock */
  on<K extends keyof Ops & string>(
    operation: K,
    handler: NoInfer<MockHandler<Ops[K] & MockOperationTypes>>,
  ): MockFetch<Ops>;
  /** Removes the handler of `operation` (of every operation when omitted). */
  off(operation?: keyof Ops & string): MockFetch<Ops>;
  /** The next `times` calls of `operation` get `fault` (faults queue in order). @returns the mock */
  fault(
    operation: keyof Ops & string,
    fault: MockFault,
    options?: { times?: number },
  ): MockFetch<Ops>;
  /** Calls of `operation` received so far (every call when omitted), oldest first. */
  calls<K extends keyof Ops & string>(
    operation: K,
  ): MockCall<(Ops[K] & MockOperationTypes)["params"]>[];
  calls(): MockCall[];
  /** Forgets calls, handlers, faults, kept resources and counters (the seed's sequence starts again). */
  reset(): void;
}

/**
 * Creates the mock `fetch` for an API (the generated `createMockFetch` calls it with the document's data).
 * @throws TypeError when `options.examples` names an operation or example the document does not have
 */
export function createMockFetchCore<Ops>(
  source: MockApi,
  options: MockOptions<Ops> = {},
): MockFetch<Ops> {
  const api = withResponses(source);
  const byId = new Map<string, MockOperation>(api.operations.map((o) => [o.id, o]));
  for (const [id, name] of Object.entries(options.examples ?? {})) {
    const known = byId.get(id)?.responses.flatMap((r) => Object.keys(r.examples ?? {}));
    if (!known?.includes(name as string))
      throw new TypeError(
        `createMockFetch: ${byId.has(id) ? `${id} has no example '${String(name)}' (examples: ${known!.join(", ") || "none"})` : `no operation ${id}`}`,
      );
  }
  const table = routes(api);
  const bases = [
    ...new Set([...(options.basePath ? [options.basePath] : []), ...(api.basePaths ?? []), ""]),
  ]
    .map((b) => b.replace(/\/+$/, ""))
    .sort((a, b) => b.length - a.length);
  const roles = options.stateful ? crudRoles(api) : new Map();
  const clock = options.clock ?? realClock;
  const a: Answerer = {
    api,
    options: options,
    roles,
    ids: { n: 0, seen: new Set() },
    counts: new Map(),
    store: new Map(),
    cursors: new Map(),
    previous: new Map(),
    examples: new WeakMap(),
  };
  const handlers = new Map<string, MockHandler<MockOperationTypes>>();
  const faults = new Map<string, { fault: MockFault; times: number }[]>();
  let calls: MockCall[] = [];

  const takeFault = (op: string, followUp: boolean): MockFault | undefined => {
    const queue = faults.get(op) ?? [];
    const i = queue.findIndex((f) => !("repeatCursor" in f.fault) || followUp);
    const f = queue[i];
    if (!f) return undefined;
    if (--f.times <= 0) queue.splice(i, 1);
    return f.fault;
  };

  const mockFetch = async (input: string | Request, init?: RequestInit): Promise<Response> => {
    const req = await incoming(input, init);
    const signal = init?.signal ?? (typeof input === "string" ? undefined : input.signal);
    const found = match(table, bases, req.method, req.url.pathname);
    if (found === undefined || found === 405) {
      calls.push({
        operation: "",
        method: req.method,
        url: req.url.href,
        params: {},
        headers: req.headers,
        status: found ?? 404,
      });
      return problem(found ?? 404, `no operation for ${req.method} ${req.url.pathname}`);
    }
    const op = found.route.op;
    const read = await readCall(a, op, req, found.values);
    const count = (a.counts.get(op.id) ?? 0) + 1;
    a.counts.set(op.id, count);
    const call: MockCall = {
      operation: op.id,
      method: req.method,
      url: req.url.href,
      params: read.params,
      headers: req.headers,
      status: 0,
    };
    calls.push(call);
    const fault = takeFault(op.id, read.followUp);
    if (fault && "reset" in fault)
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }),
      });
    if (fault && "delayMs" in fault) await clock.sleep(fault.delayMs, signal ?? undefined);
    const res = await respond();
    call.status = res.status;
    return res;

    async function respond(): Promise<Response> {
      if (options.checkSecurity !== false && !read.authorized)
        return problem(
          401,
          `${op.id} needs credentials: ${(op.security ?? []).map((s) => s.join(" + ")).join(" or ")}`,
        );
      if (options.validate !== false && read.issues.length)
        return problem(400, read.issues.map((i) => i.message).join("; "), { errors: read.issues });
      const base = {
        op,
        req,
        params: read.params,
        count,
        repeat: !!fault && "repeatCursor" in fault,
      };
      if (fault && "status" in fault) {
        const headers = {
          ...fault.headers,
          ...(fault.retryAfter !== undefined ? { "retry-after": String(fault.retryAfter) } : {}),
        };
        return answer(a, {
          ...base,
          status: fault.status,
          headers,
          ...("body" in fault ? { body: fault.body } : {}),
        });
      }
      const handler = handlers.get(op.id);
      const reply = await handler?.({
        params: read.params,
        request: call,
        count,
        body: () => defaultAnswer(a, base),
      });
      return answer(a, { ...base, ...(reply ?? {}) });
    }
  };

  const mock = Object.assign(mockFetch, {
    on(operation: string, handler: MockHandler<MockOperationTypes>) {
      handlers.set(operation, handler);
      return mock;
    },
    off(operation?: string) {
      if (operation === undefined) handlers.clear();
      else handlers.delete(operation);
      return mock;
    },
    fault(operation: string, fault: MockFault, { times = 1 }: { times?: number } = {}) {
      if (!byId.has(operation)) throw new TypeError(`mock.fault: no operation ${operation}`);
      faults.set(operation, [...(faults.get(operation) ?? []), { fault, times }]);
      return mock;
    },
    calls: (operation?: string) =>
      calls.filter((c) => operation === undefined || c.operation === operation),
    reset() {
      calls = [];
      handlers.clear();
      faults.clear();
      for (const m of [a.counts, a.store, a.cursors, a.previous, a.ids.seen]) m.clear();
      a.ids.n = 0;
    },
  });
  return mock as unknown as MockFetch<Ops>;
}
