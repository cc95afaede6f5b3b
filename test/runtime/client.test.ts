import { describe, expect, it } from "vitest";
import { bearerAuth } from "../../templates/runtime/auth.js";
import { createClientCore, withOptions } from "../../templates/runtime/client.js";
import type { ClientSpec, OperationSpec } from "../../templates/runtime/types.js";
import { clientSpec, runOnce as run } from "./specs.js";

describe("createClientCore", () => {
  it("defaults to the first server and strips a trailing slash", () => {
    expect(createClientCore(clientSpec).baseUrl).toBe("https://api.introw.test");
    expect(createClientCore(clientSpec, { server: "staging" }).baseUrl).toBe(
      "https://api.staging.introw.test",
    );
    expect(createClientCore(clientSpec, { baseUrl: "http://127.0.0.1:8080/v2/" }).baseUrl).toBe(
      "http://127.0.0.1:8080/v2",
    );
  });

  it("fills server variables from defaults and config", () => {
    const spec: ClientSpec = {
      servers: [
        {
          name: "r",
          url: "https://{region}.api.test/{v}",
          variables: { region: { default: "eu", enum: ["eu", "us"] }, v: { default: "v1" } },
        },
      ],
      securitySchemes: {},
    };
    expect(createClientCore(spec).baseUrl).toBe("https://eu.api.test/v1");
    expect(createClientCore(spec, { serverVariables: { region: "us" } }).baseUrl).toBe(
      "https://us.api.test/v1",
    );
    // the result must still be an http(s) URL
    expect(() => createClientCore(spec, { serverVariables: { region: "x/?q" } })).toThrow(
      TypeError,
    );
  });

  it.each([
    "ftp://x.test",
    "javascript:alert(1)",
    "file:///etc/passwd",
    "/relative",
    "https://",
    "example.com",
    "https://a.test/v1?key=1",
    "https://a.test/#x",
  ])("rejects baseUrl %s", (baseUrl) =>
    expect(() => createClientCore(clientSpec, { baseUrl })).toThrow(TypeError),
  );

  it("rejects an unknown server name", () => {
    expect(() => createClientCore(clientSpec, { server: "moon" })).toThrow(/Unknown server "moon"/);
  });

  it("withOptions returns a new client and leaves the original unchanged", () => {
    const a = createClientCore(clientSpec, { maxRetries: 1 });
    const b = withOptions(a, { maxRetries: 5, server: "staging" });
    expect([a.options.maxRetries, b.options.maxRetries, b.baseUrl]).toEqual([
      1,
      5,
      "https://api.staging.introw.test",
    ]);
  });
});

describe("security schemes", () => {
  const spec: ClientSpec = {
    servers: [{ name: "p", url: "https://a.test" }],
    securitySchemes: {
      Key: { type: "apiKey", in: "header", name: "X-Api-Key" },
      QKey: { type: "apiKey", in: "query", name: "key" },
      CKey: { type: "apiKey", in: "cookie", name: "session" },
      Bearer: { type: "http", scheme: "bearer", encode: bearerAuth },
      OAuth: { type: "oauth2", encode: bearerAuth },
    },
  };
  const op = (security: string[][]): OperationSpec => ({
    id: "x",
    method: "GET",
    path: "/x",
    params: [],
    response: "json",
    security,
  });

  it("apiKey in header, query and cookie", async () => {
    const { promise, calls } = run(
      op([["Key", "QKey", "CKey"]]),
      undefined,
      { auth: { Key: "k1", QKey: "k 2", CKey: "k3" } },
      spec,
    );
    await promise;
    expect(calls[0]!.headers).toMatchObject({ "x-api-key": "k1", cookie: "session=k3" });
    expect(calls[0]!.url).toBe("https://a.test/x?key=k%202");
  });

  it("bearer and oauth2 send Authorization: Bearer; credential functions are called per request", async () => {
    let n = 0;
    const { promise, calls } = run(
      op([["OAuth"]]),
      undefined,
      { auth: { OAuth: async () => `tok${++n}` } },
      spec,
    );
    await promise;
    expect(calls[0]!.headers["authorization"]).toBe("Bearer tok1");
    const r2 = run(op([["Bearer"]]), undefined, { auth: { Bearer: "abc" } }, spec);
    await r2.promise;
    expect(r2.calls[0]!.headers["authorization"]).toBe("Bearer abc");
  });

  it("picks the first alternative whose schemes all have credentials", async () => {
    const { promise, calls } = run(
      op([["Key", "QKey"], ["Bearer"]]),
      undefined,
      { auth: { Key: "k1", Bearer: "b" } },
      spec,
    );
    await promise;
    expect(calls[0]!.headers["authorization"]).toBe("Bearer b");
    expect(calls[0]!.headers["x-api-key"]).toBeUndefined();
  });

  it("security [] sends no credentials; missing credentials send none (the server answers 401)", async () => {
    const a = run(op([]), undefined, { auth: { Key: "k1" } }, spec);
    await a.promise;
    expect(a.calls[0]!.headers["x-api-key"]).toBeUndefined();
    const b = run(op([["Key"]]), undefined, {}, spec);
    await b.promise;
    expect(Object.keys(b.calls[0]!.headers)).toEqual(["accept"]);
  });
});
