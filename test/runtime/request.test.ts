import { describe, expect, it } from "vitest";
import { withOptions } from "../../templates/runtime/client.js";
import { ApiConnectionError, NotFoundError } from "../../templates/runtime/errors.js";
import { request } from "../../templates/runtime/request.js";
import type { OperationSpec } from "../../templates/runtime/types.js";
import { jsonBody } from "../../templates/runtime/serialize.js";
import { FakeClock, fetchFailed, json, scriptedFetch, textResponse } from "./fakes.js";
import { API_KEY, createLine, getPayout, runOnce as run, testClient } from "./specs.js";

describe("request building", () => {
  it("merges client headers, parameter headers and per-request headers (later wins, null removes)", async () => {
    const op: OperationSpec = {
      ...getPayout,
      params: [...getPayout.params, { name: "X-Trace", in: "header" }],
    };
    const f = scriptedFetch(json(200, {}));
    const client = testClient({
      fetch: f.fetch,
      headers: { "X-Team": "fin", "X-Drop": "1", "X-Trace": "client" },
    });
    await request(
      client,
      op,
      { id: "1", "X-Trace": ["a", "b"] },
      { headers: { "x-drop": null, "X-Extra": "e" } },
    );
    expect(f.calls[0]!.headers).toEqual({
      accept: "application/json",
      "x-team": "fin",
      "x-trace": "a,b",
      "x-extra": "e",
      "x-api-key": API_KEY,
    });
  });

  it.each([
    ["a client header", { headers: { "x-a": "v\r\nx-evil: 1" } }, {}],
    ["a request header", {}, { headers: { "x-a": "v\n" } }],
    ["a header parameter", {}, {}, "bad\rvalue"],
    ["a credential", { auth: { ApiKeyAuth: "key\r\n" } }, {}],
    ["a header parameter (NUL)", {}, {}, "bad\0value"],
    ["a request header (text above U+00FF)", {}, { headers: { "x-a": "bad €uro" } }],
    ["a credential (text above U+00FF)", { auth: { ApiKeyAuth: "key✓" } }, {}],
  ])(
    "rejects CR, LF, NUL or non-Latin-1 text in %s before sending (a TypeError, not a retried connection error), without echoing the value",
    async (_, clientOpts, reqOpts, param?: string) => {
      const op: OperationSpec = {
        ...getPayout,
        params: [...getPayout.params, { name: "x-p", in: "header" }],
      };
      const f = scriptedFetch(json(200, {}));
      const client = testClient({ fetch: f.fetch, ...clientOpts });
      const err = (await request(client, op, { id: "1", "x-p": param }, reqOpts).catch(
        (e: unknown) => e,
      )) as Error;
      expect(err).toBeInstanceOf(TypeError);
      expect(err.message).toMatch(/contains CR, LF, NUL or a character above U\+00FF/);
      expect(err.message).not.toMatch(/evil|bad|key\r|key✓/);
      expect(f.calls).toHaveLength(0);
    },
  );

  it("sends a JSON body with its media type, and no body when params.body is undefined", async () => {
    const op: OperationSpec = {
      ...createLine,
      body: {
        mediaType: "application/merge-patch+json",
        encoding: "json",
        required: false,
        encode: jsonBody,
      },
    };
    const a = run(op, { body: { a: 1 } });
    await a.promise;
    expect(a.calls[0]!.headers["content-type"]).toBe("application/merge-patch+json");
    expect(await a.calls[0]!.body).toBe('{"a":1}');
    const b = run(op, {});
    await b.promise;
    expect(await b.calls[0]!.body).toBe("");
    expect(b.calls[0]!.headers["content-type"]).toBeUndefined();
  });
});

describe("responses", () => {
  const kinds = (response: OperationSpec["response"]): OperationSpec => ({
    ...getPayout,
    response,
  });

  it("json → parsed; empty body (204) → undefined", async () => {
    const f = scriptedFetch(json(200, { id: "p1" }), () => new Response(null, { status: 204 }));
    const c = testClient({ fetch: f.fetch });
    await expect(request(c, getPayout, { id: "1" })).resolves.toEqual({ id: "p1" });
    await expect(request(c, getPayout, { id: "1" })).resolves.toBeUndefined();
  });

  it("text → string, binary → Blob, empty → undefined", async () => {
    const f = scriptedFetch(
      textResponse(200, "hello"),
      textResponse(200, "\u0001\u0002"),
      textResponse(200, "ignored"),
    );
    const c = testClient({ fetch: f.fetch });
    await expect(request(c, kinds("text"), { id: "1" })).resolves.toBe("hello");
    const blob = await request<Blob>(c, kinds("binary"), { id: "1" });
    expect(blob).toBeInstanceOf(Blob);
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(new Uint8Array([1, 2]));
    await expect(request(c, kinds("empty"), { id: "1" })).resolves.toBeUndefined();
  });

  it(".withResponse() gives data, the raw response, typed headers and rate-limit headers", async () => {
    const headers = {
      "x-ratelimit-limit-minute": "100",
      "x-ratelimit-remaining-minute": "99",
      "x-request-id": "r1",
      "ratelimit-policy": "100;w=60",
    };
    const c = testClient({ fetch: scriptedFetch(json(200, { id: "p1" }, headers)).fetch });
    const r = await request<{ id: string }, unknown, { "x-request-id": string }>(c, getPayout, {
      id: "1",
    }).withResponse();
    expect(r.data).toEqual({ id: "p1" });
    expect(r.response.status).toBe(200);
    expect(r.headers["x-request-id"]).toBe("r1");
    expect(r.rateLimit).toEqual({
      "x-ratelimit-limit-minute": 100,
      "x-ratelimit-remaining-minute": 99,
      "ratelimit-policy": "100;w=60",
    });
  });

  it(".safe() returns { ok: true, data } or { ok: false, error } and never rejects for API errors", async () => {
    const f = scriptedFetch(
      json(200, { id: "p1" }),
      json(404, { code: "NOT_FOUND" }),
      fetchFailed("ECONNRESET"),
    );
    const c = testClient({ fetch: f.fetch, maxRetries: 0 });
    const a = await request(c, getPayout, { id: "1" }).safe();
    expect(a).toMatchObject({ ok: true, data: { id: "p1" } });
    const b = await request(c, getPayout, { id: "1" }).safe();
    expect(b.ok).toBe(false);
    if (!b.ok) expect(b.error).toBeInstanceOf(NotFoundError);
    const d = await request(c, getPayout, { id: "1" }).safe();
    if (d.ok) throw new Error("expected failure");
    expect(d.error).toBeInstanceOf(ApiConnectionError);
  });

  it(".safe() still rejects for a programming error (CR/LF header)", async () => {
    const c = testClient({ fetch: scriptedFetch(json(200, {})).fetch });
    await expect(
      request(c, getPayout, { id: "1" }, { headers: { a: "\n" } }).safe(),
    ).rejects.toBeInstanceOf(TypeError);
  });
});

describe("hooks and logger", () => {
  it("onRequest can replace the request (sign it) on every attempt; onResponse observes each response", async () => {
    const f = scriptedFetch(json(503, {}), json(200, { id: "p1" }));
    const seen: Array<[number, string | null]> = [];
    const c = testClient({
      fetch: f.fetch,
      clock: new FakeClock(),
      onRequest: async (req) => {
        const h = new Headers(req.headers);
        h.set("signature", `sig:${req.method}:${new URL(req.url).pathname}`);
        return new Request(req, { headers: h });
      },
      onResponse: (res, req) => void seen.push([res.status, req.headers.get("signature")]),
    });
    await expect(request(c, getPayout, { id: "p1" })).resolves.toEqual({ id: "p1" });
    expect(f.calls.map((x) => x.headers["signature"])).toEqual([
      "sig:GET:/api/v1/payouts/p1",
      "sig:GET:/api/v1/payouts/p1",
    ]);
    expect(seen).toEqual([
      [503, "sig:GET:/api/v1/payouts/p1"],
      [200, "sig:GET:/api/v1/payouts/p1"],
    ]);
  });

  it("onResponse can read a clone of the body without breaking the client", async () => {
    let bodyText = "";
    const c = testClient({
      fetch: scriptedFetch(json(200, { id: "p1" })).fetch,
      onResponse: async (res) => void (bodyText = await res.clone().text()),
    });
    await expect(request(c, getPayout, { id: "p1" })).resolves.toEqual({ id: "p1" });
    expect(bodyText).toBe('{"id":"p1"}');
  });

  it("an error thrown by a hook rejects the call as is, without retrying", async () => {
    const boom = new Error("hook failed");
    const a = scriptedFetch(json(503, {}), json(200, {}));
    const onResponse = async (): Promise<void> => {
      throw boom;
    };
    await expect(
      request(testClient({ fetch: a.fetch, onResponse }), getPayout, { id: "1" }),
    ).rejects.toBe(boom);
    expect(a.calls).toHaveLength(1);
    const b = scriptedFetch(json(200, {}));
    const onRequest = (): never => {
      throw boom;
    };
    await expect(
      request(testClient({ fetch: b.fetch, onRequest }), getPayout, { id: "1" }),
    ).rejects.toBe(boom);
    expect(b.calls).toHaveLength(0);
  });

  it("logs method, url, status, attempt and duration at the chosen level", async () => {
    const clock = new FakeClock();
    const lines: Array<[string, string, Record<string, unknown>]> = [];
    const logger = {
      debug: (m: string, f: Record<string, unknown>) => lines.push(["debug", m, f]),
      info: (m: string, f: Record<string, unknown>) => lines.push(["info", m, f]),
      warn: (m: string, f: Record<string, unknown>) => lines.push(["warn", m, f]),
    };
    const f = scriptedFetch(json(500, {}), json(200, {}));
    const c = testClient({ fetch: f.fetch, clock, timeoutMs: clock.timeoutMs, logger });
    await request(c, getPayout, { id: "p1" });
    const url = "https://api.introw.test/api/v1/payouts/p1";
    expect(lines).toEqual([
      ["info", `GET ${url} 500`, { method: "GET", url, status: 500, attempt: 1, durationMs: 0 }],
      [
        "warn",
        `GET ${url} 500 (retrying in 250 ms)`,
        { method: "GET", url, status: 500, attempt: 1, durationMs: 0 },
      ],
      ["info", `GET ${url} 200`, { method: "GET", url, status: 200, attempt: 2, durationMs: 0 }],
    ]);
    lines.length = 0;
    await request(
      withOptions(c, {
        logLevel: "warn",
        fetch: scriptedFetch(json(503, {}), json(200, {})).fetch,
      }),
      getPayout,
      { id: "p1" },
    );
    expect(lines.map((l) => l[0])).toEqual(["warn"]);
    lines.length = 0;
    await request(
      withOptions(c, {
        logLevel: "error",
        fetch: scriptedFetch(json(503, {}), json(200, {})).fetch,
      }),
      getPayout,
      { id: "p1" },
    );
    expect(lines).toEqual([]);
  });
});
