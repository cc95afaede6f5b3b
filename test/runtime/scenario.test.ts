/**
 * The runtime against a real loopback server that injects faults (test/helpers/scenario-server.ts),
 * with hand-written OperationSpecs and an injected clock: no test sleeps.
 */
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClientCore, type ClientOptions } from "../../templates/runtime/client.js";
import {
  ApiConnectionError,
  ApiError,
  ApiTimeoutError,
  AuthenticationError,
  InternalServerError,
  RateLimitError,
} from "../../templates/runtime/errors.js";
import { paginate, PaginationError } from "../../templates/runtime/pagination.js";
import { request } from "../../templates/runtime/request.js";
import type { HttpMethod, OperationSpec } from "../../templates/runtime/types.js";
import {
  closedPort,
  startScenarioServer,
  type ScenarioServer,
} from "../helpers/scenario-server.js";
import { FakeClock, T0 } from "./fakes.js";
import { API_KEY, clientSpec } from "./specs.js";

let server: ScenarioServer;
beforeAll(async () => {
  server = await startScenarioServer();
});
afterAll(async () => {
  await server.close();
});

let seq = 0;
/** A fresh path key per call, so each test counts only its own hits. */
const key = (): string => `k${++seq}`;

function op(method: HttpMethod, scenario: string, query: string[] = []): OperationSpec {
  return {
    id: `${method.toLowerCase()}_${scenario}`,
    method,
    path: `/${scenario}/{key}`,
    params: [{ name: "key", in: "path" }, ...query.map((name) => ({ name, in: "query" as const }))],
    ...(method === "POST"
      ? { body: { mediaType: "application/json", encoding: "json" as const, required: true } }
      : {}),
    response: "json",
    security: [["ApiKeyAuth"]],
  };
}
const STATUS_QUERY = ["codes", "retryAfter", "retryAfterMs", "reset"];
const getStatus = op("GET", "status", STATUS_QUERY);
const postStatus = op("POST", "status", STATUS_QUERY);

function setup(options: ClientOptions = {}) {
  const clock = new FakeClock();
  const lines: string[] = [];
  const log = (m: string, f: Record<string, unknown>): void =>
    void lines.push(`${m} ${JSON.stringify(f)}`);
  const client = createClientCore(clientSpec, {
    baseUrl: server.url,
    auth: { ApiKeyAuth: API_KEY },
    clock,
    timeoutMs: clock.timeoutMs,
    random: () => 0.5,
    logger: { debug: log, info: log, warn: log, error: log },
    logLevel: "debug",
    ...options,
  });
  return { client, clock, lines };
}

describe("retries against the scenario server", () => {
  it("429 with Retry-After in seconds: waits that long (injected clock), then succeeds", async () => {
    const { client, clock } = setup();
    const k = key();
    const r = await request<{ attempt: number }>(client, getStatus, {
      key: k,
      codes: "429,200",
      retryAfter: "2",
    }).withResponse();
    expect(r.data.attempt).toBe(2);
    expect(server.hits(`/status/${k}`)).toBe(2);
    expect(clock.sleeps).toEqual([2000]);
    expect(r.rateLimit).toMatchObject({
      "x-ratelimit-limit-minute": 120,
      "x-ratelimit-remaining-minute": 118,
    });
  });

  it("429 with Retry-After as an HTTP date: waits until that date", async () => {
    const { client, clock } = setup();
    const k = key();
    const date = new Date(T0 + 5000).toUTCString();
    await request(client, getStatus, { key: k, codes: "429,200", retryAfter: date });
    expect(clock.sleeps).toEqual([5000]);
  });

  it("503 then 200: a GET recovers after one backoff", async () => {
    const { client, clock } = setup();
    const k = key();
    await expect(request(client, getStatus, { key: k, codes: "503,200" })).resolves.toMatchObject({
      attempt: 2,
    });
    expect(clock.sleeps).toEqual([250]);
  });

  it("a GET that keeps failing is sent 1 + maxRetries times", async () => {
    const { client, clock } = setup();
    const k = key();
    const err = await request(client, getStatus, { key: k, codes: "500" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InternalServerError);
    expect(err).toMatchObject({
      status: 500,
      code: "E500",
      message: "500 E500: failure 3",
      requestId: "req_3",
    });
    expect(server.hits(`/status/${k}`)).toBe(3);
    expect(clock.sleeps).toEqual([250, 500]);
  });

  it("a POST that got a 500 is sent once", async () => {
    const { client } = setup();
    const k = key();
    await expect(
      request(client, postStatus, { key: k, codes: "500,200", body: { amount: "1.00" } }),
    ).rejects.toBeInstanceOf(InternalServerError);
    expect(server.hits(`/status/${k}`)).toBe(1);
  });

  it("a POST is retried on 429, and a 429 that persists is a RateLimitError", async () => {
    const { client } = setup();
    const k = key();
    await expect(
      request(client, postStatus, { key: k, codes: "429,200", body: {} }),
    ).resolves.toMatchObject({ attempt: 2 });
    const k2 = key();
    const err = await request(client, postStatus, {
      key: k2,
      codes: "429",
      retryAfterMs: "1500",
      body: {},
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err).toMatchObject({
      retryAfterMs: 1500,
      rateLimit: { "x-ratelimit-remaining-minute": 117 },
    });
    expect(server.hits(`/status/${k2}`)).toBe(3);
  });

  it("idempotencyKey makes a POST retryable; every attempt carries the same Idempotency-Key", async () => {
    const { client } = setup();
    const k = key();
    await expect(
      request(
        client,
        postStatus,
        { key: k, codes: "500,503,201", body: { a: 1 } },
        { idempotencyKey: "idem-7" },
      ),
    ).resolves.toMatchObject({ attempt: 3 });
    const seen = server.requests.filter((r) => r.path === `/status/${k}`);
    expect(seen.map((r) => [r.headers["idempotency-key"], r.body])).toEqual([
      ["idem-7", '{"a":1}'],
      ["idem-7", '{"a":1}'],
      ["idem-7", '{"a":1}'],
    ]);
  });

  it("onRequest signs each attempt from the body it is about to send (HMAC-SHA256 in a signature header)", async () => {
    const secret = await crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode("signing-secret"),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    const hex = (b: ArrayBuffer): string => Buffer.from(b).toString("hex");
    const { client } = setup({
      onRequest: async (req) => {
        const body = await req.clone().text();
        req.headers.set(
          "signature",
          hex(
            await crypto.subtle.sign(
              "HMAC",
              secret,
              new TextEncoder().encode(`${req.method}\n${new URL(req.url).pathname}\n${body}`),
            ),
          ),
        );
      },
    });
    const k = key();
    await request(client, postStatus, { key: k, codes: "429,201", body: { amount: "12.50" } });
    const seen = server.requests.filter((r) => r.path === `/status/${k}`);
    expect(seen).toHaveLength(2);
    for (const r of seen) {
      const expected = hex(
        await crypto.subtle.sign(
          "HMAC",
          secret,
          new TextEncoder().encode(`POST\n/status/${k}\n{"amount":"12.50"}`),
        ),
      );
      expect([r.headers["signature"], r.body]).toEqual([expected, '{"amount":"12.50"}']);
    }
  });

  it("connection refused: a POST is retried (it never reached a server), then ApiConnectionError", async () => {
    const port = await closedPort();
    let attempts = 0;
    const { client } = setup({
      baseUrl: `http://127.0.0.1:${port}`,
      onRequest: () => void attempts++,
    });
    const err = await request(client, postStatus, { key: key(), body: {} }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ApiConnectionError);
    expect(err).not.toBeInstanceOf(ApiTimeoutError);
    expect(attempts).toBe(3);
    expect(inspect((err as Error).cause, { depth: 5 })).toContain("ECONNREFUSED");
  });

  it("a connection reset mid-body: a GET is retried, a POST is not", async () => {
    const { client } = setup();
    const k = key();
    await expect(
      request(client, op("GET", "reset", ["times"]), { key: k, times: "1" }),
    ).resolves.toMatchObject({ id: "after-reset" });
    expect(server.hits(`/reset/${k}`)).toBe(2);
    const k2 = key();
    await expect(
      request(client, op("POST", "reset", ["times"]), { key: k2, times: "1", body: {} }),
    ).rejects.toBeInstanceOf(ApiConnectionError);
    expect(server.hits(`/reset/${k2}`)).toBe(1);
  });
});

describe("timeouts, bodies and errors against the scenario server", () => {
  it("a response slower than the timeout throws ApiTimeoutError (GET retried, POST not)", async () => {
    const { client, clock } = setup();
    const off = server.onHeld(() => clock.fireTimeouts());
    const k = key();
    const err = await request(client, op("GET", "slow"), { key: k }, { maxRetries: 1 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ApiTimeoutError);
    expect(err).toMatchObject({ method: "GET", url: `${server.url}/slow/${k}` });
    expect(server.hits(`/slow/${k}`)).toBe(2);
    const k2 = key();
    await expect(request(client, op("POST", "slow"), { key: k2, body: {} })).rejects.toBeInstanceOf(
      ApiTimeoutError,
    );
    expect(server.hits(`/slow/${k2}`)).toBe(1);
    off();
  });

  it("the caller's abort rejects with its reason and is not retried", async () => {
    const { client } = setup();
    const ctrl = new AbortController();
    const reason = new Error("user cancelled");
    const off = server.onHeld(() => ctrl.abort(reason));
    const k = key();
    await expect(
      request(client, op("GET", "slow"), { key: k }, { signal: ctrl.signal }),
    ).rejects.toBe(reason);
    off();
    expect(server.hits(`/slow/${k}`)).toBe(1);
  });

  it("invalid JSON in a 200 is an ApiError carrying the text", async () => {
    const { client } = setup();
    const err = await request(client, op("GET", "invalid-json"), { key: key() }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 200, body: '{"id": "p1", "amount": ' });
  });

  it("an HTML 502 page gives InternalServerError with the first 1 KB of text, after retries", async () => {
    const { client } = setup();
    const k = key();
    const err = (await request(client, op("GET", "html"), { key: k }).catch(
      (e: unknown) => e,
    )) as ApiError;
    expect(err).toBeInstanceOf(InternalServerError);
    expect(server.hits(`/html/${k}`)).toBe(3);
    expect(typeof err.body).toBe("string");
    expect((err.body as string).length).toBe(1024);
    expect(err.body as string).toMatch(/^<!DOCTYPE html>/);
    expect(err.message).toMatch(/^502 Bad Gateway: <!DOCTYPE html>/);
  });

  it("an API key the server echoes appears in no error field, message, stack, JSON or log line", async () => {
    const { client, lines } = setup();
    const err = (await request(client, op("GET", "echo-key"), { key: key() }).catch(
      (e: unknown) => e,
    )) as ApiError;
    expect(err).toBeInstanceOf(AuthenticationError);
    expect(server.requests.at(-1)!.headers["x-api-key"]).toBe(API_KEY);
    expect(err.message).toBe("401 UNAUTHORIZED: Invalid API key [REDACTED]");
    for (const text of [
      err.message,
      String(err),
      err.stack!,
      JSON.stringify(err),
      inspect(err, { depth: 10 }),
      ...lines,
    ])
      expect(text).not.toContain(API_KEY);
    expect(lines.length).toBeGreaterThan(0);
  });
});

describe("pagination against the scenario server", () => {
  const listSpec = (): OperationSpec => ({
    ...op("GET", "payouts", ["pages", "per", "repeat", "cursor"]),
    pagination: {
      cursorParam: "cursor",
      nextCursor: ["pagination", "nextCursor"],
      items: ["data"],
    },
  });
  type Page = { data: Array<{ id: string }>; pagination: { nextCursor: string | null } };

  it("iterates every item of a multi-page listing with for await", async () => {
    const { client } = setup();
    const k = key();
    const ids: string[] = [];
    for await (const item of paginate<Page, { id: string }>(client, listSpec(), {
      key: k,
      pages: 3,
      per: 2,
    }))
      ids.push(item.id);
    expect(ids).toEqual(["po_1", "po_2", "po_3", "po_4", "po_5", "po_6"]);
    expect(
      server.requests
        .filter((r) => r.path === `/payouts/${k}`)
        .map((r) => new URLSearchParams(r.search).get("cursor")),
    ).toEqual([null, "c2", "c3"]);
  });

  it(".pages() and maxPages/maxItems", async () => {
    const { client } = setup();
    const pages: Page[] = [];
    for await (const p of paginate<Page, { id: string }>(
      client,
      listSpec(),
      { key: key(), pages: 5 },
      { maxPages: 2 },
    ).pages())
      pages.push(p);
    expect(pages.map((p) => p.pagination.nextCursor)).toEqual(["c2", "c3"]);
    const k = key();
    const items: string[] = [];
    for await (const i of paginate<Page, { id: string }>(
      client,
      listSpec(),
      { key: k, pages: 5, per: 2 },
      { maxItems: 3 },
    ))
      items.push(i.id);
    expect(items).toEqual(["po_1", "po_2", "po_3"]);
    expect(server.hits(`/payouts/${k}`)).toBe(2);
  });

  it("a server that repeats a cursor gets a PaginationError", async () => {
    const { client } = setup();
    const k = key();
    const ids: string[] = [];
    const run = async (): Promise<void> => {
      for await (const i of paginate<Page, { id: string }>(client, listSpec(), {
        key: k,
        pages: 5,
        per: 1,
        repeat: 3,
      }))
        ids.push(i.id);
    };
    // page 1 → c2, page 2 → c3, page 3 → c1 (new: the first request sent no cursor), then page 1 again → c2: repeated
    await expect(run()).rejects.toBeInstanceOf(PaginationError);
    expect(ids).toEqual(["po_1", "po_2", "po_3", "po_1"]);
    expect(server.hits(`/payouts/${k}`)).toBe(4);
  });
});
