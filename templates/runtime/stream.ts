/**
 * Streaming operations: server-sent events, NDJSON / JSON Lines and JSON text sequences as async iterables of
 * typed items. Only operations with a `stream` spec import this module, so clients without one do not carry it.
 *
 * ```ts
 * for await (const e of streamEvents(client, params, { signal })) console.log(e.event, e.data);
 * ```
 *
 * The connection goes through `request` (credentials, hooks, redirects, retries before the headers, error
 * mapping); a `fetch` wrapped here hands `request` an empty copy of a 2xx response and keeps the real body.
 */
import { noop, type ApiResponse } from "./api-promise.js";
import { limits, realClock, type Client } from "./client.js";
import {
  ApiConnectionError,
  ApiResponseTooLargeError,
  ApiTimeoutError,
  errorDetails,
  makeApiError,
  type ApiErrorInit,
  type HeaderMap,
} from "./errors.js";
import { request, type RequestOptions } from "./request.js";
import { backoffMs, isIdempotent } from "./retry.js";
import { decoder, type ServerSentEvent } from "./sse.js";
import type { OperationSpec } from "./types.js";

export type { ServerSentEvent } from "./sse.js";

/**
 * Per-request options of a streaming operation. `timeoutMs` bounds the wait for the response headers and
 * each wait for more bytes of the body (a comment line counts), not the whole stream; `maxResponseBytes` does
 * not apply (`maxEventBytes` does); `maxRetries` also bounds reconnections in a row (server-sent events).
 */
export interface StreamOptions extends RequestOptions {
  /**
   * Largest event in bytes (server-sent events: all lines of one event; NDJSON: one line; json-seq: one
   * record): a larger one fails with `ApiResponseTooLargeError` (`limit` is this value). Infinity means none.
   * @default 16777216 (16 MiB)
   */
  maxEventBytes?: number | undefined;
}

/**
 * The items of a streamed response: iterate it with `for await`. The request is sent when iteration starts
 * (each iteration sends it again); breaking out of the loop or aborting `signal` closes the connection.
 */
export interface ApiStream<TItem, THeaders = HeaderMap> extends AsyncIterable<TItem> {
  /**
   * Connects (once) and resolves with the first connection's response (status, typed headers, rate-limit
   * headers) and `data`, the items of that connection and of any reconnections.
   * @throws (rejects with) what iterating throws before the first item (an `ApiError` for a non-2xx status…)
   */
  withResponse(): Promise<ApiResponse<AsyncIterable<TItem>, THeaders>>;
}

/** One open connection: the `request` result and the real body. */
interface Connection<THeaders> {
  r: ApiResponse<unknown, THeaders>;
  res: Response;
  ctrl: AbortController;
}

/**
 * Streams the operation's 2xx body as items: server-sent events (`{ event, data, id, retry }`, `data` parsed
 * as JSON per `spec.stream.json`), or the parsed JSON value of each NDJSON line or json-seq record. A 204
 * response ends the stream with no items.
 *
 * Server-sent events reconnect when the connection drops (a network error or `timeoutMs` passing with no
 * bytes) — for methods safe to repeat, with an `idempotencyKey`, or once the server sent an event `id` —
 * after the server's `retry` time (else a backoff), sending `Last-Event-ID`, at most `maxRetries` times in a
 * row without an event in between. A clean end of the body ends iteration.
 * @throws (while iterating) what `request` throws; `ApiConnectionError` / `ApiTimeoutError` for a drop not
 *   reconnected; `ApiResponseTooLargeError` for an event over `maxEventBytes`; an `ApiError` (status 200,
 *   message "200 invalid JSON: …", `body` the text) for data that should be JSON and is not; the abort reason
 *   when `signal` aborts
 * @throws (when called) TypeError for `maxEventBytes`, or a limit option (see `limits`), out of range
 */
export function stream<TItem, THeaders = HeaderMap>(
  client: Client,
  spec: OperationSpec,
  params: object | undefined,
  options: StreamOptions = {},
): ApiStream<TItem, THeaders> {
  const o = client.options;
  const { maxEventBytes: cap = 2 ** 24, ...rest } = options;
  if (!(cap === Infinity || (cap > 0 && cap % 1 === 0)))
    throw new TypeError(`maxEventBytes must be a whole number above 0, or Infinity; got ${cap}`);
  const { signal } = rest;
  const { format, mediaType, json } = spec.stream!;
  const method = spec.method;
  const url = client.baseUrl + spec.path;
  const clock = o.clock ?? realClock;
  const [maxRetries, timeout] = limits(rest, o) as [number, number];
  // 0 (also for Infinity): no timer
  const timeoutMs = timeout % Infinity || 0;

  function connect(lastId: string, retries: number): Promise<Connection<THeaders>> {
    let real: Response | undefined;
    let ctrl = new AbortController();
    const f = o.fetch;
    const seam = async (input: string | Request, init?: RequestInit): Promise<Response> => {
      // the attempt's own signal (timeout, caller's abort) holds only until the headers arrive
      const a = new AbortController();
      const outer = init?.signal;
      const relay = (): void => a.abort(outer!.reason);
      outer?.addEventListener("abort", relay);
      try {
        const res = await (f ?? fetch)(input, { ...init, signal: a.signal });
        if (!res.ok || !res.body) return res;
        real = res;
        ctrl = a;
        const { status, statusText, headers } = res;
        return new Response(null, { status, statusText, headers });
      } finally {
        outer?.removeEventListener("abort", relay);
      }
    };
    const headers = { accept: mediaType, ...(lastId ? { "last-event-id": lastId } : {}) };
    return request<unknown, unknown, THeaders>(
      { ...client, options: { ...o, fetch: seam } },
      spec,
      params,
      { ...rest, maxRetries: retries, headers: { ...headers, ...rest.headers } },
    )
      .withResponse()
      .then(
        (r) => ({ r, res: real ?? r.response, ctrl }),
        (e: unknown) => {
          ctrl.abort(); // a hook failed after a 2xx: its body is not read
          throw e;
        },
      );
  }

  /** The fields of an ApiError about this connection's response. */
  const about = (c: Connection<THeaders>) => {
    const headers = c.r.headers as HeaderMap;
    const requestId = headers[client.spec.requestIdHeader ?? "x-request-id"];
    const fields = { status: c.res.status, headers, rateLimit: c.r.rateLimit, method, url };
    return { ...fields, requestId, retryAfterMs: undefined };
  };

  /** The next chunk of the body; undefined at its end. */
  async function read(
    reader: ReadableStreamDefaultReader<Uint8Array>,
    ctrl: AbortController,
  ): Promise<Uint8Array | undefined> {
    signal?.throwIfAborted();
    let timedOut = false;
    const stop = (): void => {
      ctrl.abort();
      void reader.cancel().catch(noop);
    };
    const timer = new AbortController();
    const fire = (): void => {
      timedOut = true;
      stop();
    };
    const id =
      timeoutMs &&
      (o.clock
        ? void o.clock.sleep(timeoutMs, timer.signal).then(fire, noop)
        : setTimeout(fire, timeoutMs));
    signal?.addEventListener("abort", stop);
    try {
      const { done, value } = await reader.read();
      if (timedOut) throw Error("no bytes for timeoutMs");
      signal?.throwIfAborted();
      return done ? undefined : value;
    } catch (e) {
      signal?.throwIfAborted();
      throw new (timedOut ? ApiTimeoutError : ApiConnectionError)(
        timedOut
          ? `Timed out after ${timeoutMs} ms without bytes of the stream: ${method} ${url}`
          : `Connection dropped during the stream: ${method} ${url}`,
        method,
        url,
        e,
      );
    } finally {
      clearTimeout(id || undefined);
      timer.abort();
      signal?.removeEventListener("abort", stop);
    }
  }

  async function* items(first?: Promise<Connection<THeaders>>): AsyncGenerator<TItem> {
    // SSE state kept across reconnections
    let lastId = "";
    let retryMs: number | undefined;
    let fails = 0;
    let pending = first ?? connect("", maxRetries);
    for (;;) {
      let c: Connection<THeaders> | undefined;
      try {
        c = await pending;
        if (c.res.status === 204 || !c.res.body) return;
        const { res, ctrl } = c;
        const reader = res.body!.getReader();
        const info = about(c);
        const d = decoder(format, cap, () => {
          throw new ApiResponseTooLargeError({
            ...info,
            message: `Event over maxEventBytes (${cap}): ${res.status} ${method} ${url}`,
            code: undefined,
            body: undefined,
            limit: cap,
          } as ApiErrorInit<unknown>);
        });
        try {
          for (let chunk; (chunk = await read(reader, ctrl));) {
            const records = d.push(chunk);
            ({ id: lastId, retry: retryMs } = d.state);
            for (const rec of records) {
              fails = 0;
              yield parse(rec, res, info);
            }
          }
          for (const rec of d.end()) yield parse(rec, res, info);
          return;
        } finally {
          ctrl.abort();
          void reader.cancel().catch(noop);
        }
      } catch (e) {
        const resumable = isIdempotent(method) || rest.idempotencyKey !== undefined || lastId;
        if (!(e instanceof ApiConnectionError) || format !== "sse" || !resumable) throw e;
        if (fails++ >= maxRetries) throw e;
      }
      await clock.sleep(retryMs ?? backoffMs(fails, (o.random ?? Math.random)()), signal);
      pending = connect(lastId, 0);
    }
  }

  /** An SSE event with its data parsed as `spec.stream.json` says, or the JSON value of an NDJSON record. */
  function parse(rec: ServerSentEvent | string, res: Response, info: ReturnType<typeof about>) {
    const text = typeof rec === "string" ? rec : rec.data;
    const wanted =
      typeof rec === "string" || json === true || (Array.isArray(json) && json.includes(rec.event));
    if (!wanted) return rec as TItem;
    try {
      const value: unknown = JSON.parse(text);
      return (typeof rec === "string" ? value : { ...rec, data: value }) as TItem;
    } catch {
      throw makeApiError({ ...info, ...errorDetails(res, text, 0) });
    }
  }

  // the connection `withResponse` opened, until an iteration takes it
  let opened: Promise<Connection<THeaders>> | undefined;
  const iterate = (): AsyncGenerator<TItem> => {
    const first = opened;
    opened = undefined;
    return items(first);
  };
  return {
    [Symbol.asyncIterator]: iterate,
    withResponse() {
      const c = (opened ??= connect("", maxRetries));
      return c.then((c) => ({
        ...c.r,
        response: c.res,
        data: { [Symbol.asyncIterator]: iterate },
      }));
    },
  };
}
