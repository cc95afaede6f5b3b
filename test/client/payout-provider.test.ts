/**
 * The generated payout-provider client (generated/payout-provider, from spec/payout-provider.openapi.yaml):
 * against Prism serving the YAML (started by the global setup; `--errors`, so a request the spec does not allow
 * fails), and against a loopback server for multi-page iteration, since Prism always serves the same example.
 * Requests are signed by the README's `signature` credential function (test/client/sign.ts).
 */
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, inject, it } from "vitest";
import { parse } from "yaml";
import {
  AuthenticationError,
  BadRequestError,
  NotFoundError,
  createClient,
  getPayout,
  listPayouts,
  payoutStatusCodeValues,
  type ApiError,
  type Client,
  type ErrorResponse,
  type PayoutProviderClientConfig,
  type PayoutStatusCode,
} from "../../generated/payout-provider/index.js";
import { PROJECT_ROOT } from "../helpers/specs-dir.js";
import { startPageServer, type PageServer } from "./payout-provider-server.js";
import { signature } from "./sign.js";

type Json = Record<string, unknown>;
const spec = parse(
  readFileSync(path.join(PROJECT_ROOT, "spec/payout-provider.openapi.yaml"), "utf8"),
) as {
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Record<string, Json> };
};

/** The example the spec gives for an operation's response with `status` (what Prism serves). */
function example(pathKey: string, status: string): Json {
  const responses = spec.paths[pathKey]!["get"]!["responses"] as Record<string, Json>;
  return (responses[status]!["content"] as Record<string, Json>)["application/json"]![
    "example"
  ] as Json;
}

const API_KEY = "test-api-key";
const SECRET = "test-api-secret";

/** Prism's `sl-violations` on a successful response: the request or response broke the spec. */
const violations: string[] = [];
afterEach(() => {
  expect(violations, "Prism reported request/response violations").toEqual([]);
  violations.length = 0;
});

/** A signing client against Prism; `sent` receives every request as it went out (after signing). */
function client(overrides: Partial<PayoutProviderClientConfig> = {}, sent: Request[] = []): Client {
  return createClient({
    apiKey: API_KEY,
    signature: signature(SECRET),
    baseUrl: inject("prismPayoutProvider"),
    maxRetries: 0,
    ...overrides,
    onResponse: (response, request) => {
      sent.push(request);
      const v = response.headers.get("sl-violations");
      if (v !== null && response.ok) violations.push(v);
    },
  });
}

/** The signature an independent implementation (node:crypto) computes for a GET to `pathAndQuery`. */
const expectedSignature = (pathAndQuery: string, body = ""): string =>
  createHmac("sha256", SECRET).update(`GET\n${pathAndQuery}\n${body}`).digest("hex");

describe("payout-provider client against Prism", () => {
  it("getPayout sends x-api-key and the HMAC signature and returns the { message, payload } envelope", async () => {
    const sent: Request[] = [];
    const id = "3971f24a-b901-4bdb-b3a5-7690ca350cd3";
    const payout = await getPayout(client({}, sent), { id });
    expect(payout).toEqual(example("/api/payout/{id}", "200"));
    expect(payout.payload.transactions?.map((t) => t.amount)).toEqual([-1800, -200]);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.headers.get("x-api-key")).toBe(API_KEY);
    expect(sent[0]!.headers.get("signature")).toBe(expectedSignature(`/api/payout/${id}`));
  });

  it("listPayouts sends the filters (numeric status, minute dates) and returns the first page with its lastkey", async () => {
    const status: PayoutStatusCode = 3;
    const sent: Request[] = [];
    const page = await listPayouts(client({}, sent), {
      subaccount_id: "3dc81811-8cdb-49c6-8f9e-9125ea4540b0",
      from: "2024-02-08 09:00",
      to: "2024-03-11 06:21",
      limit: "1",
      status,
    });
    expect(page).toEqual(example("/api/payout/", "200"));
    expect(page.payload.map((p) => p.amount)).toEqual(["2200"]);
    const url = new URL(sent[0]!.url);
    expect(url.searchParams.get("status")).toBe("3");
    expect(url.searchParams.get("from")).toBe("2024-02-08 09:00");
    expect(sent[0]!.headers.get("signature")).toBe(expectedSignature(url.pathname + url.search));
  });

  it("the status enum is a typed union of the spec's codes with an as-const values array", () => {
    expect(payoutStatusCodeValues).toEqual(spec.components.schemas["PayoutStatusCode"]!["enum"]);
    const names = spec.components.schemas["PayoutStatusCode"]!["x-enum-varnames"] as string[];
    expect(names[payoutStatusCodeValues.indexOf(7)]).toBe("SUCCESSFUL_PENDING_KYC");
  });

  it.each([
    ["x-api-key only (signature missing)", { "x-api-key": API_KEY }],
    ["signature only (x-api-key missing)", { signature: "0".repeat(64) }],
  ])("a request with %s is rejected: 401 AuthenticationError", async (_, headers) => {
    // No credentials configured, so the client itself sends neither header; `headers` adds exactly one.
    const c = createClient({ baseUrl: inject("prismPayoutProvider"), maxRetries: 0, headers });
    const error = (await getPayout(c, { id: "p1" }).catch(
      (e: unknown) => e,
    )) as ApiError<ErrorResponse>;
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.status).toBe(401);
  });

  it("an apiKey credential without a signature credential is a TypeError naming the missing scheme: nothing is sent", async () => {
    const sent: Request[] = [];
    const c = createClient({
      apiKey: API_KEY,
      baseUrl: inject("prismPayoutProvider"),
      maxRetries: 0,
      onRequest: (request) => void sent.push(request),
    });
    const error = await getPayout(c, { id: "p1" }).catch((e: unknown) => e);
    expect(error).toEqual(
      new TypeError(
        "getPayout: security scheme Signature has no credential (required with ApiKey)",
      ),
    );
    expect(sent).toHaveLength(0);
  });

  it("the error envelope surfaces as a typed NotFoundError whose code is the provider's (PAYO101)", async () => {
    const result = await getPayout(
      client(),
      { id: "missing" },
      { headers: { Prefer: "code=404" } },
    ).safe();
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const error = result.error as ApiError<ErrorResponse>;
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.status).toBe(404);
    expect(error.body).toEqual(example("/api/payout/{id}", "404"));
    expect(error.code).toBe("PAYO101");
    expect(error.message).toContain("Get payout failed");
  });

  it("a status outside the enum is rejected by Prism as a 400 BadRequestError with the error envelope", async () => {
    const error = (await listPayouts(client(), {
      subaccount_id: "s1",
      status: 9 as PayoutStatusCode,
    }).catch((e: unknown) => e)) as ApiError<ErrorResponse>;
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.body).toMatchObject({
      message: expect.any(String),
      error: [{ code: expect.any(String), message: expect.any(String) }],
    });
  });
});

describe("payout-provider continuation token (loopback server keyed by lastkey)", () => {
  let server: PageServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const template = (example("/api/payout/", "200")["payload"] as Json[])[0]!;
  const payout = (id: string): Json => ({ ...template, id });
  // Tokens with `+`, `/` and `=`: they must survive query encoding unchanged.
  const pages = {
    "": { payload: [payout("p1"), payout("p2")], lastkey: "eyJQSyI6InAyIn0+/=" },
    "eyJQSyI6InAyIn0+/=": { payload: [payout("p3"), payout("p4")], lastkey: "k/3==" },
    "k/3==": { payload: [payout("p5")] },
  };

  function pageClient(url: string): Client {
    return createClient({
      apiKey: API_KEY,
      signature: signature(SECRET),
      baseUrl: url,
      maxRetries: 0,
    });
  }

  it("item iteration follows lastkey across pages, repeating the filters, and stops when lastkey is absent", async () => {
    server = await startPageServer({ pages, apiKey: API_KEY, secret: SECRET });
    const ids: string[] = [];
    for await (const p of listPayouts(pageClient(server.url), {
      subaccount_id: "sub-1",
      status: 1,
    }))
      ids.push(p.id);
    expect(ids).toEqual(["p1", "p2", "p3", "p4", "p5"]);
    expect(server.seen.map((q) => q.get("lastkey"))).toEqual([null, "eyJQSyI6InAyIn0+/=", "k/3=="]);
    expect(server.seen.map((q) => [q.get("subaccount_id"), q.get("status")])).toEqual([
      ["sub-1", "1"],
      ["sub-1", "1"],
      ["sub-1", "1"],
    ]);
  });

  it(".pages() yields each typed page; maxPages stops early", async () => {
    server = await startPageServer({ pages, apiKey: API_KEY, secret: SECRET });
    const all: (string | undefined)[] = [];
    for await (const page of listPayouts(pageClient(server.url), {
      subaccount_id: "sub-1",
    }).pages())
      all.push(page.lastkey);
    expect(all).toEqual(["eyJQSyI6InAyIn0+/=", "k/3==", undefined]);
    const firstTwo: number[] = [];
    for await (const page of listPayouts(
      pageClient(server.url),
      { subaccount_id: "sub-1" },
      { maxPages: 2 },
    ).pages())
      firstTwo.push(page.payload.length);
    expect(firstTwo).toEqual([2, 2]);
  });

  it("a wrong signing secret is rejected by the server's own HMAC check (401 with the provider's code)", async () => {
    server = await startPageServer({ pages, apiKey: API_KEY, secret: SECRET });
    const wrong = createClient({
      apiKey: API_KEY,
      signature: signature("other"),
      baseUrl: server.url,
      maxRetries: 0,
    });
    const error = (await listPayouts(wrong, { subaccount_id: "sub-1" }).catch(
      (e: unknown) => e,
    )) as ApiError<ErrorResponse>;
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.code).toBe("AUTH001");
    expect(server.seen).toHaveLength(0);
  });
});
