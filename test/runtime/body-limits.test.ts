/**
 * Response bodies are read with a byte limit (issue: a 2 GiB or endless body was buffered whole):
 * `maxResponseBytes` (client and request; default 64 MiB) for 2xx bodies, checked against `Content-Length`
 * before reading and while streaming; error bodies are cut at 64 KiB and kept. Peak memory is measured by
 * test/bench/body-memory.ts, not here.
 */
import { describe, expect, it } from "vitest";
import {
  ApiError,
  ApiResponseTooLargeError,
  InternalServerError,
} from "../../templates/runtime/errors.js";
import { request } from "../../templates/runtime/request.js";
import type { OperationSpec } from "../../templates/runtime/types.js";
import { FakeClock, scriptedFetch } from "./fakes.js";
import { key, op, scenarioClient, useScenarioServer } from "./scenario-setup.js";
import { getPayout, testClient } from "./specs.js";

/** A body of `chunks` chunks of `size` bytes of "x" (Infinity: endless), counting the chunks pulled. */
function streamed(chunks: number, size = 1024) {
  const seen = { pulled: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    pull(c) {
      if (seen.pulled++ >= chunks) c.close();
      else c.enqueue(new Uint8Array(size).fill(120));
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  return { body, seen };
}

function setup(respond: () => Response, options = {}) {
  const f = scriptedFetch(respond);
  return {
    client: testClient({ fetch: f.fetch, clock: new FakeClock(), ...options }),
    calls: f.calls,
  };
}

describe("maxResponseBytes", () => {
  it("a Content-Length above the limit fails before the body is read", async () => {
    const { body, seen } = streamed(Infinity);
    const { client } = setup(
      () => new Response(body, { status: 200, headers: { "content-length": String(2 ** 31) } }),
    );
    const err = (await request(client, getPayout, { id: "p1" }).catch(
      (e: unknown) => e,
    )) as ApiError;
    expect(err).toBeInstanceOf(ApiResponseTooLargeError);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ name: "ApiResponseTooLargeError", status: 200, limit: 2 ** 26 });
    expect(err.message).toBe(
      "Response body over maxResponseBytes (67108864): 200 GET https://api.introw.test/api/v1/payouts/p1",
    );
    expect(seen.pulled).toBeLessThanOrEqual(1); // the stream may have been primed, not read
  });

  it("an endless body fails once it passes the limit, and the stream is cancelled", async () => {
    const { body, seen } = streamed(Infinity);
    const { client, calls } = setup(() => new Response(body), { maxResponseBytes: 10_000 });
    const err = await request(client, getPayout, { id: "p1" }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "ApiResponseTooLargeError", limit: 10_000 });
    expect(seen.pulled).toBeLessThan(15);
    expect(seen.cancelled).toBe(true);
    expect(calls).toHaveLength(1); // not retried
  });

  it("a body of exactly the limit is read; one byte more is not", async () => {
    const exact = setup(() => new Response(streamed(10, 100).body), { maxResponseBytes: 1000 });
    const text: OperationSpec = { ...getPayout, response: "text" };
    await expect(request(exact.client, text, { id: "p1" })).resolves.toBe("x".repeat(1000));
    const over = setup(() => new Response(streamed(10, 100).body), { maxResponseBytes: 999 });
    await expect(request(over.client, text, { id: "p1" })).rejects.toBeInstanceOf(
      ApiResponseTooLargeError,
    );
  });

  it("the request option overrides the client's; binary bodies are limited too", async () => {
    const bin: OperationSpec = { ...getPayout, response: "binary" };
    const { client } = setup(() => new Response(streamed(4, 100).body), { maxResponseBytes: 100 });
    const blob = await request<Blob>(client, bin, { id: "p1" }, { maxResponseBytes: 400 });
    expect(blob.size).toBe(400);
    await expect(request(client, bin, { id: "p1" })).rejects.toBeInstanceOf(
      ApiResponseTooLargeError,
    );
  });

  it("Infinity: no limit", async () => {
    const text: OperationSpec = { ...getPayout, response: "text" };
    const { client } = setup(() => new Response(streamed(200, 1000).body), {
      maxResponseBytes: 10,
    });
    const data = await request(client, text, { id: "p1" }, { maxResponseBytes: Infinity });
    expect(data).toHaveLength(200_000);
  });
});

describe("error bodies are cut at 64 KiB", () => {
  it("an endless 500 body gives an InternalServerError with what was read, marked truncated", async () => {
    const { client, calls } = setup(
      () => new Response(streamed(Infinity, 4096).body, { status: 500 }),
      {
        maxRetries: 1,
      },
    );
    const err = (await request(client, getPayout, { id: "p1" }).catch(
      (e: unknown) => e,
    )) as ApiError;
    expect(err).toBeInstanceOf(InternalServerError);
    expect(err.truncated).toBe(true);
    expect(err.message).toBe("500: " + "x".repeat(200) + " (error body cut at 65536 bytes)");
    expect(err.body).toBe("x".repeat(1024)); // not JSON: the first 1 KB, as for any text body
    expect(calls).toHaveLength(2); // still retried as a 500
  });

  it("an error body under the cap is whole and not marked", async () => {
    const { client } = setup(() => new Response(streamed(10, 1000).body, { status: 400 }));
    const err = (await request(client, getPayout, { id: "p1" }).catch(
      (e: unknown) => e,
    )) as ApiError;
    expect(err.truncated).toBeUndefined();
    expect(err.message).not.toMatch(/cut at/);
  });

  it("a maxResponseBytes below 64 KiB caps error bodies too", async () => {
    const { client } = setup(() => new Response(streamed(100, 1000).body, { status: 400 }), {
      maxResponseBytes: 5000,
    });
    const err = (await request(client, getPayout, { id: "p1" }).catch(
      (e: unknown) => e,
    )) as ApiError;
    expect(err.message).toMatch(/\(error body cut at 5000 bytes\)$/);
  });
});

describe("through real sockets", () => {
  const server = useScenarioServer();
  const stream = op("GET", "stream", ["status", "bytes", "length"]);

  it("an endless 200 stream stops at maxResponseBytes", async () => {
    const { client } = scenarioClient(server(), { maxResponseBytes: 1_000_000 });
    const err = await request(client, stream, { key: key() }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "ApiResponseTooLargeError", limit: 1_000_000 });
  });

  it("a 2 GiB Content-Length fails at once", async () => {
    const { client } = scenarioClient(server());
    const err = await request(client, stream, { key: key(), bytes: 2 ** 31, length: 1 }).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ name: "ApiResponseTooLargeError", limit: 2 ** 26 });
  });

  it("an endless 500 stream gives a truncated error after the retries", async () => {
    const { client } = scenarioClient(server(), { maxRetries: 0 });
    const k = key();
    const err = (await request(client, stream, { key: k, status: 500 }).catch(
      (e: unknown) => e,
    )) as ApiError;
    expect(err).toBeInstanceOf(InternalServerError);
    expect(err.truncated).toBe(true);
    expect(server().hits(`/stream/${k}`)).toBe(1);
  });
});
