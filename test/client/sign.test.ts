/**
 * The README's payout-provider section does not drift: its signing function is test/client/sign.ts and its usage
 * example is test/client/payout-provider-example.ts, verbatim; the signer agrees with node:crypto, and the usage
 * example runs against the loopback provider (test/client/payout-provider-server.ts).
 */
import { createHmac } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { read, readmeBlocks, region, withoutImports } from "../helpers/readme.js";
import { payoutProviderExample } from "./payout-provider-example.js";
import { startPageServer, type PageServer } from "./payout-provider-server.js";
import { createClient, getPayout } from "../../generated/payout-provider/index.js";
import { hmacSha256Hex, signature, signedContent } from "./sign.js";

/** The ```ts blocks of README.md's "A second API: the payout provider" section. */
const readmeSection = (): string[] => readmeBlocks("A second API: the payout provider");

describe("README: A second API: the payout provider", () => {
  it("shows the signing function of test/client/sign.ts verbatim", () => {
    const block = readmeSection().find((b) => b.includes("function hmacSha256Hex"));
    expect(block).toBe(region(read("test/client/sign.ts"), "README example"));
  });

  it("shows the usage example of test/client/payout-provider-example.ts verbatim", () => {
    const block = readmeSection().find((b) => b.includes("createClient("));
    expect(block, "usage block").toBeDefined();
    expect(withoutImports(block!)).toBe(
      region(read("test/client/payout-provider-example.ts"), "README usage"),
    );
  });
});

describe("signing (Web Crypto HMAC-SHA256)", () => {
  it("agrees with node:crypto on method, path?query and body", async () => {
    const req = {
      method: "POST",
      url: "http://127.0.0.1/api/payout/?subaccount_id=s%201&lastkey=a%2Bb",
      body: '{"amount":"2200"}',
    };
    expect(signedContent(req)).toBe(
      'POST\n/api/payout/?subaccount_id=s%201&lastkey=a%2Bb\n{"amount":"2200"}',
    );
    const expected = createHmac("sha256", "s3cret").update(signedContent(req)).digest("hex");
    expect(await hmacSha256Hex("s3cret", signedContent(req))).toBe(expected);
    expect(await signature("s3cret")(req)).toBe(expected);
    expect(
      signedContent({ method: "GET", url: "http://127.0.0.1/api/payout/p1", body: undefined }),
    ).toBe("GET\n/api/payout/p1\n");
  });

  it("refuses a body that is not text", () => {
    expect(() =>
      signedContent({ method: "POST", url: "http://127.0.0.1/x", body: new FormData() }),
    ).toThrow(TypeError);
  });

  it("different secrets or contents give different signatures", async () => {
    const a = await hmacSha256Hex("k1", "GET\n/api/payout/p1\n");
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(await hmacSha256Hex("k2", "GET\n/api/payout/p1\n")).not.toBe(a);
    expect(await hmacSha256Hex("k1", "GET\n/api/payout/p2\n")).not.toBe(a);
  });
});

describe("signing in an onRequest hook still works (a placeholder credential completes the requirement)", () => {
  let server: PageServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("the hook's signature replaces the placeholder and the server's HMAC check accepts it", async () => {
    const payout = {
      id: "p1",
      amount: 1,
      receiver: { id: "r1", firstname: "A", lastname: "B", email: "a@example.test" },
    };
    server = await startPageServer({
      apiKey: "key-1",
      secret: "secret-1",
      pages: { "": { payload: [payout] } },
    });
    const client = createClient({
      baseUrl: server.url,
      apiKey: "key-1",
      signature: "placeholder",
      maxRetries: 0,
      onRequest: async (request) => {
        const body = request.body === null ? "" : await request.clone().text();
        request.headers.set(
          "signature",
          await hmacSha256Hex(
            "secret-1",
            signedContent({ method: request.method, url: request.url, body }),
          ),
        );
      },
    });
    await expect(getPayout(client, { id: "p1" })).resolves.toMatchObject({ payload: { id: "p1" } });
    const wrong = createClient({
      baseUrl: server.url,
      apiKey: "key-1",
      signature: "placeholder",
      maxRetries: 0,
    });
    await expect(getPayout(wrong, { id: "p1" })).rejects.toMatchObject({
      status: 401,
      code: "AUTH001",
    });
  });
});

describe("the README usage example runs", () => {
  let server: PageServer | undefined;
  afterEach(async () => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
    await server?.close();
    server = undefined;
  });

  it("lists every page through lastkey and reports PAYO101 for an unknown id", async () => {
    const payout = (id: string, amount: number | string) => ({
      id,
      amount,
      receiver: { id: "r1", firstname: "A", lastname: "B", email: `${id}@example.test` },
    });
    server = await startPageServer({
      apiKey: "key-1",
      secret: "secret-1",
      pages: {
        "": { payload: [payout("p1", 2000)], lastkey: "k2" },
        k2: { payload: [payout("p2", "2200")] },
      },
    });
    vi.stubEnv("PAYOUT_PROVIDER_URL", server.url);
    vi.stubEnv("PAYOUT_PROVIDER_API_KEY", "key-1");
    vi.stubEnv("PAYOUT_PROVIDER_SECRET", "secret-1");
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    await payoutProviderExample();
    expect(log.mock.calls).toEqual([
      ["p1", 2000, "p1@example.test"],
      ["p2", "2200", "p2@example.test"],
      [404, "PAYO101"],
    ]);
    expect(
      server.seen.map((q) => [
        q.get("subaccount_id"),
        q.get("from"),
        q.get("status"),
        q.get("lastkey"),
      ]),
    ).toEqual([
      ["sub-1", "2024-02-08 09:00", "4", null],
      ["sub-1", "2024-02-08 09:00", "4", "k2"],
    ]);
  });
});
