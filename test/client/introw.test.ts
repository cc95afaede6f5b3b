/**
 * The generated Introw client against Prism serving spec/openapi.json (started by the global setup).
 * Prism runs with --errors: a request the spec does not allow gets an error response, and every response
 * is checked for Prism's `sl-violations` header, so an invalid request fails the test.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, inject, it } from "vitest";
import {
  ApiError,
  AuthenticationError,
  NotFoundError,
  RateLimitError,
  UnprocessableEntityError,
  createClient,
  createCommissionLine,
  declineCommissionLine,
  detachCommissionLine,
  getCommissionLine,
  getPayout,
  listCommissionLines,
  listPayouts,
  payoutStageValues,
  updateCommissionLine,
  updatePayout,
  type Client,
  type PayoutStage,
} from "../../generated/introw/index.js";
import { PROJECT_ROOT } from "../helpers/specs-dir.js";

type Json = Record<string, unknown>;
const spec = JSON.parse(readFileSync(path.join(PROJECT_ROOT, "spec/openapi.json"), "utf8")) as {
  paths: Record<string, Record<string, Json>>;
};

/** The example the spec gives for an operation's 2xx JSON response (what Prism serves). */
function successExample(pathKey: string, method: string): unknown {
  const responses = spec.paths[pathKey]![method]!["responses"] as Record<string, Json>;
  const [, response] = Object.entries(responses).find(([status]) => status.startsWith("2"))!;
  const media = (response["content"] as Record<string, Json>)["application/json"]!;
  if ("example" in media) return media["example"];
  return (Object.values(media["examples"] as Record<string, Json>)[0] as Json)["value"];
}

/** A request body example from the spec, by example name (or the single `example`). */
function bodyExample(pathKey: string, method: string, name?: string): Json {
  const media = (
    (spec.paths[pathKey]![method]!["requestBody"] as Json)["content"] as Record<string, Json>
  )["application/json"]!;
  if (name === undefined) return media["example"] as Json;
  return ((media["examples"] as Record<string, Json>)[name] as Json)["value"] as Json;
}

const violations: string[] = [];
afterEach(() => {
  expect(violations, "Prism reported request/response violations").toEqual([]);
  violations.length = 0;
});

function client(overrides: { apiKey?: string; maxRetries?: number } = {}): Client {
  return createClient({
    apiKey: "test-key",
    baseUrl: inject("prismIntrow"),
    maxRetries: 0,
    ...overrides,
    onResponse: (response) => {
      const v = response.headers.get("sl-violations");
      if (v !== null && response.ok) violations.push(v);
    },
  });
}

describe("Introw client against Prism", () => {
  it("getPayout returns the typed payout", async () => {
    const payout = await getPayout(client(), { id: "pay_2x7n4q8z0w1a2b3c4d5e6f7g" });
    expect(payout).toEqual(successExample("/api/v1/payouts/{id}", "get"));
    const stage: PayoutStage = payout.data.stage;
    expect(payoutStageValues).toContain(stage);
  });

  it("listPayouts sends filters and returns the first page; iteration walks its items", async () => {
    const page = await listPayouts(client(), {
      stage: "PENDING_REVIEW",
      limit: 50,
      periodStart: "2026-01-01T00:00:00.000Z",
    });
    expect(page).toEqual(successExample("/api/v1/payouts", "get"));
    const ids: string[] = [];
    for await (const payout of listPayouts(client(), { stage: "PENDING_REVIEW" }))
      ids.push(payout.id);
    expect(ids).toEqual(page.data.map((p) => p.id));
  });

  it("updatePayout sends a PATCH body the spec allows", async () => {
    const result = await updatePayout(client(), {
      id: "pay_1",
      body: { stage: "APPROVED", poNumber: "PO-7" },
    });
    expect(result).toEqual(successExample("/api/v1/payouts/{id}", "patch"));
  });

  it("commission-line operations send valid requests and return typed lines", async () => {
    const c = client();
    expect(await listCommissionLines(c, { payoutId: "pay_1", status: "PENDING" })).toEqual(
      successExample("/api/v1/commission-lines", "get"),
    );
    expect(await getCommissionLine(c, { id: "cl_1" })).toEqual(
      successExample("/api/v1/commission-lines/{id}", "get"),
    );
    const created = await createCommissionLine(c, {
      body: bodyExample("/api/v1/commission-lines", "post", "pendingLine") as never,
    });
    expect(created).toEqual(successExample("/api/v1/commission-lines", "post"));
    expect(await updateCommissionLine(c, { id: "cl_1", body: { amount: "550.00" } })).toEqual(
      successExample("/api/v1/commission-lines/{id}", "patch"),
    );
    expect(await declineCommissionLine(c, { id: "cl_1", body: { reason: "DUPLICATE" } })).toEqual(
      successExample("/api/v1/commission-lines/{id}/decline", "post"),
    );
    expect(await detachCommissionLine(c, { id: "cl_1" })).toEqual(
      successExample("/api/v1/commission-lines/{id}/detach", "post"),
    );
  });

  it("withResponse exposes the declared rate-limit headers", async () => {
    const { data, response, headers } = await getPayout(client(), { id: "pay_1" }).withResponse();
    expect(response.status).toBe(200);
    expect(data.data.id).toBeTypeOf("string");
    expect(headers["x-ratelimit-limit-minute"]).toBeTypeOf("string");
  });

  it("a missing API key is a 401 AuthenticationError with the typed error body", async () => {
    const noKey = createClient({ baseUrl: inject("prismIntrow"), maxRetries: 0 });
    const error = await getPayout(noKey, { id: "pay_1" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    const apiError = error as AuthenticationError;
    expect(apiError.status).toBe(401);
    expect(apiError.body).toMatchObject({
      error: { code: expect.any(String), message: expect.any(String) },
    });
    expect(apiError.code).toBe((apiError.body as { error: { code: string } }).error.code);
    expect(JSON.stringify(apiError)).not.toContain("test-key");
  });

  it("limit: 500 is rejected by the server as 422 UnprocessableEntityError", async () => {
    const result = await listPayouts(client(), { limit: 500 }).safe();
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(UnprocessableEntityError);
    expect((result.error as ApiError).status).toBe(422);
  });

  it.each([
    [404, NotFoundError],
    [429, RateLimitError],
  ] as const)(
    "Prefer: code=%i gives that status as a typed error with the error code",
    async (status, ErrorClass) => {
      const error = (await getPayout(
        client(),
        { id: "pay_1" },
        { headers: { Prefer: `code=${status}` } },
      ).catch((e: unknown) => e)) as ApiError<{ error: { code: string } }>;
      expect(error).toBeInstanceOf(ErrorClass);
      expect(error.status).toBe(status);
      expect(error.code).toBeTypeOf("string");
      expect(error.code).toBe((error.body as { error: { code: string } }).error.code);
      expect(error.headers["content-type"]).toContain("json");
    },
  );

  it("a 429 is retried maxRetries times (injected clock: no sleeping)", async () => {
    let attempts = 0;
    const sleeps: number[] = [];
    const c = createClient({
      apiKey: "test-key",
      baseUrl: inject("prismIntrow"),
      maxRetries: 2,
      timeoutMs: 30_000,
      // Backoff sleeps return at once and are recorded; the per-attempt timeout timer never fires.
      clock: {
        now: () => 0,
        sleep: (ms) =>
          ms >= 30_000 ? new Promise<void>(() => {}) : Promise.resolve(void sleeps.push(ms)),
      },
      random: () => 0.5,
      onRequest: () => void attempts++,
    });
    await expect(
      getPayout(c, { id: "pay_1" }, { headers: { Prefer: "code=429" } }),
    ).rejects.toBeInstanceOf(RateLimitError);
    expect(attempts).toBe(3);
    expect(sleeps).toHaveLength(2);
  });
});
