/**
 * Streaming operations (templates/runtime/stream.ts) against a loopback HTTP server on 127.0.0.1: typed
 * server-sent events and NDJSON items, reconnection with Last-Event-ID after a drop (honouring `retry:` and
 * `maxRetries`), abort via `signal`, the idle timeout between bytes, and the per-event cap.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClientCore, type ClientOptions } from "../../templates/runtime/client.js";
import {
  ApiConnectionError,
  ApiError,
  ApiResponseTooLargeError,
  ApiTimeoutError,
  NotFoundError,
} from "../../templates/runtime/errors.js";
import {
  stream,
  type ServerSentEvent,
  type StreamOptions,
} from "../../templates/runtime/stream.js";
import type { HttpMethod, OperationSpec, StreamSpec } from "../../templates/runtime/types.js";
import { FakeClock } from "./fakes.js";

type Ev = ServerSentEvent<unknown>;
type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;
/** Handlers by path; `n` counts the requests to that path (from 1). */
const routes = new Map<string, Handler>();
const hits = new Map<string, IncomingMessage[]>();
const closed = new Map<string, number>();
let base = "";
let seq = 0;
const server = createServer((req, res) => {
  const path = req.url!.split("?")[0]!;
  hits.set(path, [...(hits.get(path) ?? []), req]);
  res.on("close", () => closed.set(path, (closed.get(path) ?? 0) + 1));
  routes.get(path)!(req, res, hits.get(path)!.length);
});
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** A fresh path served by `handler`, and its spec. */
function route(handler: Handler, stream: StreamSpec, method: HttpMethod = "GET") {
  const path = `/s${++seq}`;
  routes.set(path, handler);
  const spec: OperationSpec = {
    id: "op" + seq,
    method,
    path,
    params: [],
    response: "stream",
    security: [],
    stream,
  };
  return { path, spec, requests: () => hits.get(path) ?? [] };
}
const SSE: StreamSpec = { format: "sse", mediaType: "text/event-stream", json: true };
const NDJSON: StreamSpec = { format: "ndjson", mediaType: "application/x-ndjson" };
const head = (res: ServerResponse, type = "text/event-stream"): void => {
  res.writeHead(200, { "content-type": type, "x-request-id": "req_1" });
  res.flushHeaders();
};
const client = (options: ClientOptions = {}) =>
  createClientCore({ servers: [], securitySchemes: {} }, { baseUrl: base, ...options });
async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
const run = (spec: OperationSpec, options?: StreamOptions, c = client()) =>
  collect(stream<Ev>(c, spec, undefined, options));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("stream over a loopback server", () => {
  it("yields typed server-sent events with JSON data, asking for the media type", async () => {
    const r = route((_, res) => {
      head(res);
      res.write(': keep-alive\n\nevent: add\ndata: {"n":1}\n\n');
      res.end('id: 2\ndata: {"n":2}\n\n');
    }, SSE);
    expect(await run(r.spec)).toEqual([
      { event: "add", data: { n: 1 }, id: undefined, retry: undefined },
      { event: "message", data: { n: 2 }, id: "2", retry: undefined },
    ]);
    expect(r.requests()[0]!.headers["accept"]).toBe("text/event-stream");
  });

  it("parses data as JSON only for the events the spec names", async () => {
    const r = route(
      (_, res) => {
        head(res);
        res.end("event: a\ndata: [1]\n\nevent: b\ndata: [2]\n\n");
      },
      { ...SSE, json: ["a"] },
    );
    expect((await run(r.spec)).map((e) => e.data)).toEqual([[1], "[2]"]);
  });

  it("yields parsed NDJSON items; a line that is not JSON is an ApiError with the text", async () => {
    const r = route((_, res) => {
      head(res, "application/x-ndjson");
      res.end('{"a":1}\n{"a":2}\n');
    }, NDJSON);
    expect(await run(r.spec)).toEqual([{ a: 1 }, { a: 2 }]);
    const bad = route((_, res) => {
      head(res, "application/x-ndjson");
      res.end('{"a":1}\nnot json\n');
    }, NDJSON);
    const err = await run(bad.spec).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 200, body: "not json", requestId: "req_1" });
  });

  it("a non-2xx status is the status's ApiError, before any item; withResponse gives the headers", async () => {
    const r = route((_, res) => {
      res.writeHead(404, { "content-type": "application/json" });
      res.end('{"message":"no such stream"}');
    }, SSE);
    await expect(run(r.spec)).rejects.toBeInstanceOf(NotFoundError);
    const ok = route((_, res) => {
      head(res);
      res.end("data: 1\n\n");
    }, SSE);
    const w = await stream<Ev>(client(), ok.spec, undefined).withResponse();
    expect([w.response.status, w.headers["x-request-id"]]).toEqual([200, "req_1"]);
    expect(await collect(w.data)).toMatchObject([{ data: 1 }]);
    expect(ok.requests()).toHaveLength(1);
  });

  it("a 204 ends the stream with no items", async () => {
    const r = route((_, res) => res.writeHead(204).end(), SSE);
    expect(await run(r.spec)).toEqual([]);
  });

  it("reconnects after a drop with Last-Event-ID, after the server's retry time", async () => {
    const r = route((req, res, n) => {
      head(res);
      if (n === 1) {
        res.write("retry: 1500\nid: 1\ndata: 1\n\n");
        setTimeout(() => res.socket!.destroy(), 20);
      } else res.end(`id: 2\ndata: ${JSON.stringify(req.headers["last-event-id"])}\n\n`);
    }, SSE);
    const clock = new FakeClock();
    const events = await run(r.spec, {}, client({ clock, timeoutMs: clock.timeoutMs }));
    expect(events.map((e) => [e.id, e.data])).toEqual([
      ["1", 1],
      ["2", "1"],
    ]);
    expect(r.requests()).toHaveLength(2);
    expect(clock.sleeps).toEqual([1500]);
  });

  it("stops after maxRetries reconnections in a row without an event: ApiConnectionError", async () => {
    const r = route(
      (_, res, n) => {
        head(res);
        if (n === 1) res.write("id: 1\ndata: 1\n\n");
        setTimeout(() => res.socket!.destroy(), 20);
      },
      SSE,
      "POST",
    );
    const clock = new FakeClock();
    const seen: unknown[] = [];
    const err = await (async () => {
      for await (const e of stream<Ev>(
        client({ clock, timeoutMs: clock.timeoutMs, random: () => 0.5 }),
        r.spec,
        undefined,
        {
          maxRetries: 2,
        },
      ))
        seen.push(e.data);
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiConnectionError);
    expect(err).not.toBeInstanceOf(ApiTimeoutError);
    expect(seen).toEqual([1]);
    expect(r.requests()).toHaveLength(3);
    // no retry field: the backoff (random 0.5 of 500, 1000 ms)
    expect(clock.sleeps).toEqual([250, 500]);
  });

  it("does not reconnect a POST the server gave no event id", async () => {
    const r = route(
      (_, res) => {
        head(res);
        res.write("data: 1\n\n");
        setTimeout(() => res.socket!.destroy(), 20);
      },
      SSE,
      "POST",
    );
    await expect(run(r.spec)).rejects.toBeInstanceOf(ApiConnectionError);
    expect(r.requests()).toHaveLength(1);
  });

  it("aborting the signal mid-stream rejects with its reason and closes the connection", async () => {
    const r = route((_, res) => {
      head(res);
      res.write("data: 1\n\n");
    }, SSE);
    const ctrl = new AbortController();
    const seen: unknown[] = [];
    const err = await (async () => {
      for await (const e of stream<Ev>(client(), r.spec, undefined, { signal: ctrl.signal })) {
        seen.push(e.data);
        setTimeout(() => ctrl.abort(new Error("enough")), 10);
      }
    })().catch((e: unknown) => e);
    expect([seen, (err as Error).message]).toEqual([[1], "enough"]);
    for (let i = 0; i < 50 && !closed.get(r.path); i++) await sleep(10);
    expect(closed.get(r.path)).toBe(1);
  });

  it("breaking out of the loop closes the connection", async () => {
    const r = route((_, res) => {
      head(res);
      res.write("data: 1\n\n");
    }, SSE);
    for await (const e of stream<Ev>(client(), r.spec, undefined)) if (e) break;
    for (let i = 0; i < 50 && !closed.get(r.path); i++) await sleep(10);
    expect(closed.get(r.path)).toBe(1);
  });

  it("timeoutMs bounds the wait between bytes: ApiTimeoutError when no bytes come", async () => {
    const r = route(
      (_, res) => {
        head(res);
        res.write("data: 1\n\n");
      },
      SSE,
      "POST",
    );
    const clock = new FakeClock();
    const seen: unknown[] = [];
    const err = await (async () => {
      for await (const e of stream<Ev>(client({ clock, timeoutMs: clock.timeoutMs }), r.spec, {})) {
        seen.push(e.data);
        // the next read's timer is armed once the loop asks for the next item
        setTimeout(() => clock.fireTimeouts(), 20);
      }
    })().catch((e: unknown) => e);
    expect(seen).toEqual([1]);
    expect(err).toBeInstanceOf(ApiTimeoutError);
  });

  it("timeoutMs does not bound the whole stream", async () => {
    const r = route((_, res) => {
      head(res);
      let i = 0;
      const id = setInterval(() => {
        if (++i <= 6) res.write(`data: ${i}\n\n`);
        else res.end(clearInterval(id));
      }, 60);
    }, SSE);
    const events = await run(r.spec, { timeoutMs: 250 });
    expect(events.map((e) => e.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("maxEventBytes caps one event (ApiResponseTooLargeError); maxResponseBytes does not cap the stream", async () => {
    const r = route((_, res) => {
      head(res);
      for (let i = 0; i < 100; i++) res.write(`data: ${i}\n\n`);
      res.end(`data: "${"x".repeat(5000)}"\n\n`);
    }, SSE);
    const err = await run(r.spec, { maxEventBytes: 1000, maxResponseBytes: 100 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ApiResponseTooLargeError);
    expect(err).toMatchObject({ status: 200, limit: 1000 });
    expect(await run(r.spec, { maxResponseBytes: 100 })).toHaveLength(101);
    expect(() => stream<Ev>(client(), r.spec, undefined, { maxEventBytes: 0 })).toThrow(TypeError);
    // the limit options are checked, with the same defaults, by the client's `limits`
    expect(() => stream<Ev>(client(), r.spec, undefined, { maxRetries: -1 })).toThrow(/maxRetries/);
    expect(() => stream<Ev>(client(), r.spec, undefined, { timeoutMs: 0.5 })).toThrow(/timeoutMs/);
  });
});
