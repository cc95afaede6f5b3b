import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { basicAuth } from "../../templates/runtime/auth.js";
import { createClientCore } from "../../templates/runtime/client.js";
import {
  ApiConnectionError,
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from "../../templates/runtime/errors.js";
import { request } from "../../templates/runtime/request.js";
import type { OperationSpec } from "../../templates/runtime/types.js";
import { FakeClock, fetchFailed, json, scriptedFetch, textResponse, type Step } from "./fakes.js";
import { API_KEY, clientSpec, getPayout, testClient } from "./specs.js";

async function failWith(step: Step, client = testClient) {
  const clock = new FakeClock();
  const f = scriptedFetch(step);
  const lines: string[] = [];
  const logger = {
    debug: (m: string, f: object) => lines.push(m + JSON.stringify(f)),
    info: (m: string, f: object) => lines.push(m + JSON.stringify(f)),
    warn: (m: string, f: object) => lines.push(m + JSON.stringify(f)),
    error: (m: string, f: object) => lines.push(m + JSON.stringify(f)),
  };
  const c = client({
    fetch: f.fetch,
    clock,
    timeoutMs: clock.timeoutMs,
    maxRetries: 1,
    logger,
    logLevel: "debug",
  });
  const error = (await request(c, getPayout, { id: "p 1" }).catch((e: unknown) => e)) as Error;
  return { error, lines, calls: f.calls };
}

describe("status → error class", () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, InternalServerError],
    [503, InternalServerError],
    [418, ApiError],
  ] as const)("%i → %o", async (status, Class) => {
    const { error } = await failWith(
      json(status, { code: "E_CODE", message: "it failed", details: [{ field: "id" }] }),
    );
    expect(error).toBeInstanceOf(Class);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.name).toBe(Class.name);
    expect(error).toMatchObject({
      status,
      code: "E_CODE",
      body: { code: "E_CODE", message: "it failed", details: [{ field: "id" }] },
      method: "GET",
      url: "https://api.introw.test/api/v1/payouts/p%201",
    });
    expect(error.message).toBe(`${status} E_CODE: it failed`);
  });
});

describe("error fields", () => {
  it("carries the response headers and the request id", async () => {
    const { error } = await failWith(
      json(404, { code: "NOT_FOUND", message: "no" }, { "x-request-id": "req_42" }),
    );
    expect(error).toMatchObject({
      requestId: "req_42",
      headers: { "x-request-id": "req_42", "content-type": "application/json" },
    });
  });

  it("uses the document's request-id header when declared", async () => {
    const spec = { ...clientSpec, requestIdHeader: "x-correlation-id" };
    const { error } = await failWith(json(404, {}, { "x-correlation-id": "c-9" }), (o) =>
      createClientCore(spec, o),
    );
    expect((error as ApiError).requestId).toBe("c-9");
  });

  it("an HTML 502 page still gives a useful ApiError: status and the first 1 KB of text", async () => {
    const html = `<html><head><title>502 Bad Gateway</title></head><body>${"x".repeat(3000)}</body></html>`;
    const { error, calls } = await failWith(
      textResponse(502, html, { "content-type": "text/html" }),
    );
    expect(calls).toHaveLength(2);
    expect(error).toBeInstanceOf(InternalServerError);
    const e = error as ApiError;
    expect(e.body).toBe(html.slice(0, 1024));
    expect(e.code).toBeUndefined();
    expect(e.message).toMatch(/^502: <html>/);
    expect(e.message).toContain("<title>502 Bad Gateway</title>");
  });

  it("a malformed JSON error body keeps its text", async () => {
    const { error } = await failWith(
      textResponse(400, '{"code": "BAD', { "content-type": "application/json" }),
    );
    expect(error).toMatchObject({ status: 400, body: '{"code": "BAD', code: undefined });
  });

  it("an empty error body gives status and status text", async () => {
    const { error } = await failWith(
      () => new Response(null, { status: 404, statusText: "Not Found" }),
    );
    expect(error.message).toBe("404 Not Found");
    expect((error as ApiError).body).toBeUndefined();
  });

  it("invalid JSON in a 2xx body is an ApiError with the text", async () => {
    const { error } = await failWith(
      textResponse(200, "{not json", { "content-type": "application/json" }),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 200, body: "{not json" });
    expect(error.message).toContain("invalid JSON");
  });

  it("a connection failure is an ApiConnectionError with method, url and cause", async () => {
    const { error } = await failWith(fetchFailed("ECONNREFUSED"));
    expect(error).toBeInstanceOf(ApiConnectionError);
    expect(error).toMatchObject({
      method: "GET",
      url: "https://api.introw.test/api/v1/payouts/p%201",
    });
    expect((error.cause as Error).message).toBe("fetch failed");
  });
});

describe("secrets never leak", () => {
  const echo: Step = (req) =>
    new Response(
      JSON.stringify({
        code: "UNAUTHORIZED",
        message: `bad key ${req.headers.get("x-api-key")}`,
        url: req.url,
      }),
      {
        status: 401,
        headers: {
          "content-type": "application/json",
          "x-echo-key": req.headers.get("x-api-key") ?? "",
        },
      },
    );

  function expectNoSecret(error: Error, lines: string[], secret = API_KEY): void {
    const views = [
      error.message,
      String(error),
      error.stack ?? "",
      JSON.stringify(error),
      inspect(error, { depth: 10, showHidden: true }),
      ...lines,
    ];
    for (const v of views) expect(v).not.toContain(secret);
    expect(lines.length).toBeGreaterThan(0);
  }

  it("an API key echoed by the server is redacted from message, toString, JSON, stack, inspect and logs", async () => {
    const { error, lines } = await failWith(echo);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toBe("401 UNAUTHORIZED: bad key [REDACTED]");
    expect((error as ApiError).headers["x-echo-key"]).toBe("[REDACTED]");
    expectNoSecret(error, lines);
  });

  it("an API key sent in the query is redacted from the error url and log lines", async () => {
    const spec = {
      ...clientSpec,
      securitySchemes: { ApiKeyAuth: { type: "apiKey", in: "query", name: "api_key" } as const },
    };
    const secret = "q/key+with=odd chars";
    const { error, lines, calls } = await failWith(echo, (o) =>
      createClientCore(spec, { ...o, auth: { ApiKeyAuth: secret } }),
    );
    expect(calls[0]!.url).toContain("api_key=" + encodeURIComponent(secret));
    expect((error as ApiError).url).toBe(
      "https://api.introw.test/api/v1/payouts/p%201?api_key=[REDACTED]",
    );
    expectNoSecret(error, lines, secret);
    expectNoSecret(error, lines, encodeURIComponent(secret));
  });

  it("a connection error after a query-key request does not show the key", async () => {
    const spec = {
      ...clientSpec,
      securitySchemes: { ApiKeyAuth: { type: "apiKey", in: "query", name: "k" } as const },
    };
    const { error, lines } = await failWith(fetchFailed("ECONNRESET"), (o) =>
      createClientCore(spec, { ...o, auth: { ApiKeyAuth: API_KEY } }),
    );
    expect(error).toBeInstanceOf(ApiConnectionError);
    expectNoSecret(error, lines);
  });

  it("credentials passed as plain headers (Authorization, the API-key header) are redacted too", async () => {
    const echoAll: Step = (req) =>
      new Response(`auth=${req.headers.get("authorization")} key=${req.headers.get("x-api-key")}`, {
        status: 401,
        statusText: "Unauthorized",
      });
    const { error, lines } = await failWith(echoAll, (o) =>
      testClient({
        ...o,
        auth: {},
        headers: { Authorization: "Bearer tok_MANUAL_777", "X-Api-Key": API_KEY },
      }),
    );
    expect(error.message).toBe("401 Unauthorized: auth=[REDACTED] key=[REDACTED]");
    expectNoSecret(error, lines);
    expectNoSecret(error, lines, "tok_MANUAL_777");
  });

  it("short or non-credential header values are not treated as secrets", async () => {
    const echo: Step = () =>
      new Response("code 1 in 401", { status: 401, statusText: "Unauthorized" });
    const { error } = await failWith(echo, (o) =>
      testClient({ ...o, headers: { "x-token-type": "1", "idempotency-key": "in 401 code" } }),
    );
    expect(error.message).toBe("401 Unauthorized: code 1 in 401");
  });

  it("basic credentials (password and token) are redacted", async () => {
    const spec = {
      ...clientSpec,
      securitySchemes: { B: { type: "http", scheme: "basic", encode: basicAuth } as const },
    };
    const op: OperationSpec = { ...getPayout, security: [["B"]] };
    const f = scriptedFetch(
      (req) =>
        new Response(`denied ${req.headers.get("authorization")} pw=hunter22`, {
          status: 403,
          statusText: "Forbidden",
        }),
    );
    const c = createClientCore(spec, {
      fetch: f.fetch,
      auth: { B: { username: "ann", password: "hunter22" } },
    });
    const error = (await request(c, op, { id: "1" }).catch((e: unknown) => e)) as ApiError;
    expect(f.calls[0]!.headers["authorization"]).toBe("Basic " + btoa("ann:hunter22"));
    // the whole Authorization value is a secret (a credential-like header), so "Basic" goes too
    expect(error.message).toBe("403 Forbidden: denied [REDACTED] pw=[REDACTED]");
    expectNoSecret(error, ["-"], "hunter22");
    expectNoSecret(error, ["-"], btoa("ann:hunter22"));
  });
});
