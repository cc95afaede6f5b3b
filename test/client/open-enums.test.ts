/**
 * openEnums at run time: the client generated from test/fixtures/open-enums.yaml with `openEnums: true` hands a
 * response holding values the document does not list (an enum value, a number, an array item, a header value, an
 * unknown discriminated-union variant, an error body) to the caller unchanged, from a real loopback server.
 * The types that accept them are checked by test/fixtures/assertions/open-enums.ts.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { generate } from "../../generator/index.js";
import { PROJECT_ROOT } from "../helpers/specs-dir.js";
import { writeFiles } from "../helpers/typecheck.js";

/** The part of the generated client this test calls (its types are checked by the fixture's assertions). */
type Client = { readonly __client: never };
type Call = PromiseLike<unknown> & {
  withResponse(): Promise<{ data: unknown; headers: Record<string, unknown> }>;
};
interface FixtureClient {
  createClient(config: { baseUrl: string; maxRetries: number }): Client;
  getInvoice(client: Client, params: { id: string }): Call;
  listInvoices(client: Client, params?: Record<string, unknown>): Call;
  ApiError: new (...args: never[]) => Error & { status: number; body: unknown };
}

const UNLISTED_INVOICE = {
  id: "i1",
  status: "REFUNDED",
  priority: 7,
  tags: ["urgent", "escalated"],
  reminder: "sms",
  currency: "EUR",
  payment: { method: "cash", receipt: "R-1" },
};

let api: FixtureClient;
let dir = "";
let server: Server;
let baseUrl = "";

beforeAll(async () => {
  const result = await generate(
    {
      input: "test/fixtures/open-enums.yaml",
      output: "generated/open-enums",
      name: "OpenEnums",
      openEnums: true,
    },
    { cwd: PROJECT_ROOT },
  );
  dir = await mkdtemp(path.join(os.tmpdir(), "open-enums-"));
  await writeFiles(dir, result.files);
  api = (await import(pathToFileURL(path.join(dir, "index.ts")).href)) as FixtureClient;
  server = createServer((req, res) => {
    const json = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    };
    if (req.url === "/invoices/i1") json(200, UNLISTED_INVOICE);
    else if (req.url === "/invoices") json(200, [UNLISTED_INVOICE], { "x-plan": "enterprise" });
    else json(404, { code: "rate_limited" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (dir !== "") await rm(dir, { recursive: true, force: true });
});

it("hands a response with unlisted enum values and an unknown variant through unchanged", async () => {
  const client = api.createClient({ baseUrl, maxRetries: 0 });
  expect(await api.getInvoice(client, { id: "i1" })).toEqual(UNLISTED_INVOICE);
  const list = await api.listInvoices(client).withResponse();
  expect(list.data).toEqual([UNLISTED_INVOICE]);
  expect(list.headers["x-plan"]).toBe("enterprise");
});

it("hands an error body with an unlisted enum value through on ApiError.body", async () => {
  const client = api.createClient({ baseUrl, maxRetries: 0 });
  const error = await Promise.resolve(api.getInvoice(client, { id: "missing" })).catch(
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(api.ApiError);
  expect((error as { status: number; body: unknown }).status).toBe(404);
  expect((error as { body: unknown }).body).toEqual({ code: "rate_limited" });
});
