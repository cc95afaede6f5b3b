/**
 * test/fixtures/empty-objects.yaml (object schemas without properties, typed `Record<string, unknown>`): the client
 * sends a payment whose `paymentMethod` is any object and reads the `action` object back, against Prism serving the
 * fixture (`--errors`: a request the spec does not allow fails). A string where the object goes is refused by Prism
 * (and by the generated types: see test/fixtures/assertions/empty-objects.ts).
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/index.js";
import { startPrism, type PrismServer } from "../helpers/prism.js";
import { PROJECT_ROOT } from "../helpers/specs-dir.js";
import { writeFiles } from "../helpers/typecheck.js";

const FIXTURE = "test/fixtures/empty-objects.yaml";

/** The part of the generated client these tests call (its types are checked by the fixture's assertions). */
type Client = { readonly __client: never };
interface PaymentRequest {
  amount: number;
  paymentMethod: unknown;
  metadata?: Record<string, unknown>;
  reserved?: Record<string, never>;
}
interface FixtureClient {
  createClient(config: {
    baseUrl: string;
    maxRetries: number;
    onResponse?: (response: Response) => void;
  }): Client;
  createPayment(
    client: Client,
    params: { body: PaymentRequest },
  ): Promise<{ resultCode: string; action?: Record<string, unknown> }>;
  ApiError: new (...args: never[]) => Error & { status: number };
}

let api: FixtureClient;
let dir = "";
let prism: PrismServer;
const violations: string[] = [];

beforeAll(async () => {
  const result = await generate(
    { input: FIXTURE, output: "generated/empty-objects", name: "EmptyObjects" },
    { cwd: PROJECT_ROOT },
  );
  dir = await mkdtemp(path.join(os.tmpdir(), "empty-objects-"));
  await writeFiles(dir, result.files);
  api = (await import(pathToFileURL(path.join(dir, "index.ts")).href)) as FixtureClient;
  prism = await startPrism(FIXTURE);
}, 90_000);

afterAll(async () => {
  await prism?.stop();
  if (dir !== "") await rm(dir, { recursive: true, force: true });
});

describe("object schemas without properties, against Prism", () => {
  const client = (): Client =>
    api.createClient({
      baseUrl: prism.url,
      maxRetries: 0,
      onResponse: (response) => {
        const v = response.headers.get("sl-violations");
        if (v !== null && response.ok) violations.push(v);
      },
    });

  it("send any object as paymentMethod and read the action object", async () => {
    const payment = await api.createPayment(client(), {
      body: {
        amount: 1000,
        paymentMethod: { type: "scheme", number: "4111111111111111", expiryMonth: 3 },
        metadata: { orderId: "o-1" },
        reserved: {},
      },
    });
    expect(payment.resultCode).toBe("Authorised");
    expect(payment.action).toEqual({ type: "redirect", url: "https://bank.example.test/3ds" });
    expect(violations, "Prism reported request/response violations").toEqual([]);
  });

  it("a paymentMethod that is no object is refused (the check is real)", async () => {
    const refused = await api
      .createPayment(client(), { body: { amount: 1, paymentMethod: "scheme" } })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(api.ApiError);
    expect((refused as { status: number }).status).toBe(422);
  });
});
