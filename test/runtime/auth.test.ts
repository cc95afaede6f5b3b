/**
 * Security requirements (issue: a requirement only partly configured sent no credential at all and the
 * user got a bare 401) and credentials computed from the outgoing request (request signing without a
 * placeholder credential and an onRequest hook).
 */
import { describe, expect, it } from "vitest";
import { bearerAuth, rejectPartial } from "../../templates/runtime/auth.js";
import {
  createClientCore,
  type ClientOptions,
  type OutgoingRequest,
} from "../../templates/runtime/client.js";
import { request } from "../../templates/runtime/request.js";
import type { ClientSpec, OperationSpec } from "../../templates/runtime/types.js";
import { jsonBody } from "../../templates/runtime/serialize.js";
import { FakeClock, json, scriptedFetch } from "./fakes.js";

const spec: ClientSpec = {
  servers: [{ name: "main", url: "https://api.example.test" }],
  securitySchemes: {
    Key: { type: "apiKey", in: "header", name: "x-api-key" },
    Signature: { type: "apiKey", in: "header", name: "signature" },
    QueryKey: { type: "apiKey", in: "query", name: "key" },
    Bearer: { type: "http", scheme: "bearer", encode: bearerAuth },
  },
};
const op = (security: string[][], more: Partial<OperationSpec> = {}): OperationSpec => ({
  id: "createThing",
  method: "POST",
  path: "/things",
  params: [{ name: "tag", in: "query" }],
  body: { mediaType: "application/json", encoding: "json", required: true, encode: jsonBody },
  response: "json",
  security,
  // as the generator emits it for a requirement of several schemes
  partial: rejectPartial,
  ...more,
});

function setup(auth: ClientOptions["auth"], steps = [json(200, { ok: true })]) {
  const f = scriptedFetch(...steps);
  const client = createClientCore(spec, {
    fetch: f.fetch,
    clock: new FakeClock(),
    auth,
    random: () => 0,
  });
  return { client, calls: f.calls };
}

describe("security requirements", () => {
  it("a requirement with one of its two schemes configured is a TypeError naming the missing one; nothing is sent", async () => {
    const { client, calls } = setup({ Key: "k1" });
    await expect(request(client, op([["Key", "Signature"]]), { body: {} })).rejects.toThrow(
      new TypeError("createThing: security scheme Signature has no credential (required with Key)"),
    );
    expect(calls).toHaveLength(0);
  });

  it("another complete alternative is used instead", async () => {
    const { client, calls } = setup({ Key: "k1", Bearer: "b1" });
    await request(client, op([["Key", "Signature"], ["Bearer"]]), { body: {} });
    expect(calls[0]!.headers["authorization"]).toBe("Bearer b1");
    expect(calls[0]!.headers["x-api-key"]).toBeUndefined();
  });

  it("optional security ({} among the alternatives) may still go without credentials", async () => {
    const { client, calls } = setup({ Key: "k1" });
    await request(client, op([["Key", "Signature"], []]), { body: {} });
    expect(calls[0]!.headers["x-api-key"]).toBeUndefined();
  });

  it("nothing configured at all sends the request as it is (credentials may come from headers or hooks)", async () => {
    const { client, calls } = setup({});
    await request(client, op([["Key", "Signature"]]), { body: {} });
    expect(calls).toHaveLength(1);
  });
});

describe("credentials computed from the outgoing request", () => {
  it("a function gets method, final URL, headers (with the constant credentials) and body", async () => {
    const seen: OutgoingRequest[] = [];
    const sign = (r: OutgoingRequest): string => {
      seen.push(r);
      return `sig(${r.method} ${r.url} ${r.headers["x-api-key"]} ${String(r.body)})`;
    };
    // the function is listed first: it still runs after every constant credential
    const { client, calls } = setup({ Signature: sign, Key: "k1", QueryKey: "q1" });
    await request(client, op([["Signature", "Key", "QueryKey"]]), { tag: "a b", body: { n: 1 } });
    expect(seen).toEqual([
      {
        method: "POST",
        url: "https://api.example.test/things?tag=a%20b&key=q1",
        headers: {
          accept: "application/json",
          "content-type": "application/json",
          "x-api-key": "k1",
        },
        body: '{"n":1}',
      },
    ]);
    expect(calls[0]!.headers["signature"]).toBe(
      'sig(POST https://api.example.test/things?tag=a%20b&key=q1 k1 {"n":1})',
    );
  });

  it("is called for every attempt (a retry is signed afresh), in requirement order after the constants", async () => {
    let n = 0;
    const { client, calls } = setup(
      {
        Key: async () => `k${++n}`,
        Signature: (r: OutgoingRequest) => `s-${r.headers["x-api-key"]}`,
      },
      [json(429, {}), json(200, { ok: true })],
    );
    await request(client, op([["Key", "Signature"]]), { body: {} });
    expect(calls.map((c) => [c.headers["x-api-key"], c.headers["signature"]])).toEqual([
      ["k1", "s-k1"],
      ["k2", "s-k2"],
    ]);
  });

  it("a signature credential is a secret: an echo of it is redacted", async () => {
    const { client } = setup({ Key: "k1", Signature: () => "sig_0123456789abcdef" }, [
      (req) => new Response(`bad signature ${req.headers.get("signature")}`, { status: 401 }),
    ]);
    const err = await request(client, op([["Key", "Signature"]]), { body: {} }).catch(
      (e: Error) => e,
    );
    expect((err as Error).message).toBe("401: bad signature [REDACTED]");
  });
});
