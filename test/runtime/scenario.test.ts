/**
 * The runtime against a real loopback server that injects faults (test/helpers/scenario-scenario().ts),
 * with hand-written OperationSpecs and an injected clock: no test sleeps. Retries, attempt counts and
 * hooks here; timeouts, bodies, error fields and pagination in scenario-faults.test.ts.
 */
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import type { ClientOptions } from "../../templates/runtime/client.js";
import {
  ApiConnectionError,
  ApiTimeoutError,
  InternalServerError,
  RateLimitError,
} from "../../templates/runtime/errors.js";
import { request } from "../../templates/runtime/request.js";
import { closedPort } from "../helpers/scenario-server.js";
import { T0 } from "./fakes.js";
import {
  getStatus,
  key,
  op,
  postStatus,
  scenarioClient,
  useScenarioServer,
} from "./scenario-setup.js";

const scenario = useScenarioServer();
const setup = (options: ClientOptions = {}) => scenarioClient(scenario(), options);

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
    expect(scenario().hits(`/status/${k}`)).toBe(2);
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
    expect(scenario().hits(`/status/${k}`)).toBe(3);
    expect(clock.sleeps).toEqual([250, 500]);
  });

  it("a POST that got a 500 is sent once", async () => {
    const { client } = setup();
    const k = key();
    await expect(
      request(client, postStatus, { key: k, codes: "500,200", body: { amount: "1.00" } }),
    ).rejects.toBeInstanceOf(InternalServerError);
    expect(scenario().hits(`/status/${k}`)).toBe(1);
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
    expect(scenario().hits(`/status/${k2}`)).toBe(3);
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
    const seen = scenario().requests.filter((r) => r.path === `/status/${k}`);
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
    const seen = scenario().requests.filter((r) => r.path === `/status/${k}`);
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
    expect(scenario().hits(`/reset/${k}`)).toBe(2);
    const k2 = key();
    await expect(
      request(client, op("POST", "reset", ["times"]), { key: k2, times: "1", body: {} }),
    ).rejects.toBeInstanceOf(ApiConnectionError);
    expect(scenario().hits(`/reset/${k2}`)).toBe(1);
  });
});
