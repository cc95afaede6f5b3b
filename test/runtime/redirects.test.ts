/**
 * Redirects (issue: cross-origin redirects forwarded credentials). The runtime asks fetch for
 * `redirect: "manual"` and follows 301/302/303/307/308 itself: same-origin by default, at most 5, with the
 * Fetch standard's method rules; another origin is an ApiRedirectError unless `followRedirects: "any-origin"`,
 * which follows after removing every credential. Injected fetch here; real sockets at the end.
 */
import { describe, expect, it } from "vitest";
import { bearerAuth } from "../../templates/runtime/auth.js";
import { createClientCore, type ClientOptions } from "../../templates/runtime/client.js";
import { ApiError, ApiRedirectError } from "../../templates/runtime/errors.js";
import { redirectRule } from "../../templates/runtime/redirect.js";
import { request } from "../../templates/runtime/request.js";
import type { ClientSpec, OperationSpec } from "../../templates/runtime/types.js";
import { FakeClock, scriptedFetch, type Step } from "./fakes.js";
import { key, op, useScenarioServer } from "./scenario-setup.js";
import { API_KEY, createLine, getPayout } from "./specs.js";

const BASE = "https://api.example.test";
const OTHER = "https://cdn.elsewhere.test";
const TOKEN = "tok_SECRET_bearer_123456";
const QUERY_KEY = "qk_SECRET_query_987654";
const COOKIE_KEY = "ck_SECRET_cookie_55555";
const MANUAL = "manual_SECRET_header_4242";

/** Every kind of credential: an API-key header, a bearer token, a query key and a cookie key. */
const spec: ClientSpec = {
  servers: [{ name: "main", url: BASE }],
  securitySchemes: {
    Key: { type: "apiKey", in: "header", name: "x-api-key" },
    Bearer: { type: "http", scheme: "bearer", encode: bearerAuth },
    Query: { type: "apiKey", in: "query", name: "api_key" },
    Cookie: { type: "apiKey", in: "cookie", name: "session_id" },
  },
};
const all = [["Key", "Bearer", "Query", "Cookie"]];

/** A fetch that answers each URL with `routes[url without query]`, else 200 `{ at: url }`. */
function router(routes: Record<string, Step>) {
  return scriptedFetch((req, init) => {
    const u = new URL(req.url);
    const step = routes[u.origin + u.pathname];
    if (step instanceof Error) throw step;
    return step
      ? step(req, init)
      : new Response(JSON.stringify({ at: req.url }), {
          headers: { "content-type": "application/json" },
        });
  });
}
const redirect =
  (status: number, location: string): Step =>
  () =>
    new Response("moved", { status, headers: { location } });

function client(f: ReturnType<typeof router>, options: ClientOptions = {}) {
  return createClientCore(spec, {
    fetch: f.fetch,
    clock: new FakeClock(),
    auth: { Key: API_KEY, Bearer: TOKEN, Query: QUERY_KEY, Cookie: COOKIE_KEY },
    headers: { "x-auth-token": MANUAL, "x-trace": "t-1" },
    ...options,
  });
}

const get: OperationSpec = { ...getPayout, security: all };
const post: OperationSpec = { ...createLine, security: all };

describe("same-origin redirects are followed by the runtime", () => {
  it("asks fetch not to follow (redirect: manual) and follows a 302 with the credentials", async () => {
    const f = router({ [`${BASE}/api/v1/payouts/p1`]: redirect(302, "/v2/payouts/p1") });
    const data = await request(client(f), get, { id: "p1" });
    expect(data).toEqual({ at: `${BASE}/v2/payouts/p1` });
    expect(f.calls.map((c) => c.request.redirect)).toEqual(["manual", "manual"]);
    const second = f.calls[1]!;
    expect(second.headers["x-api-key"]).toBe(API_KEY);
    expect(second.headers["authorization"]).toBe(`Bearer ${TOKEN}`);
  });

  it.each([
    [303, "POST", "GET", ""],
    [301, "POST", "GET", ""],
    [302, "POST", "GET", ""],
    [307, "POST", "POST", '{"amount":1}'],
    [308, "POST", "POST", '{"amount":1}'],
  ])(
    "%i after a %s: the next request is %s with body %j (the Fetch standard)",
    async (status, _, method, body) => {
      const f = router({ [`${BASE}/api/v1/commission-lines`]: redirect(status, "/moved") });
      await request(client(f), post, { body: { amount: 1 } });
      const next = f.calls[1]!;
      expect(next.method).toBe(method);
      expect(await next.body).toBe(body);
      expect(next.headers["content-type"]).toBe(body ? "application/json" : undefined);
    },
  );

  it("a 303 after a GET stays a GET; after a HEAD it stays a HEAD", async () => {
    const f = router({ [`${BASE}/api/v1/payouts/p1`]: redirect(303, "/other") });
    await request(client(f), get, { id: "p1" });
    const head: OperationSpec = { ...get, method: "HEAD", response: "empty" };
    await request(client(f), head, { id: "p1" });
    expect(f.calls.map((c) => c.method)).toEqual(["GET", "GET", "HEAD", "HEAD"]);
  });

  it.each<[number, string, string]>([
    [303, "PUT", "GET"],
    [303, "DELETE", "GET"],
    [303, "HEAD", "HEAD"],
    [301, "PUT", "PUT"],
    [302, "PATCH", "PATCH"],
    [302, "POST", "GET"],
    [307, "POST", "POST"],
  ])("redirectRule: %i after a %s → %s", (status, method, next) => {
    const req = { method, headers: { "content-type": "text/plain", accept: "*/*" }, body: "x" };
    redirectRule(status, req);
    const changed = next !== method;
    expect(req).toEqual({
      method: next,
      headers: changed ? { accept: "*/*" } : { "content-type": "text/plain", accept: "*/*" },
      body: changed ? undefined : "x",
    });
  });

  it("an operation without `redirect` (GET, HEAD) keeps its request on a 303", async () => {
    const f = router({ [`${BASE}/api/v1/commission-lines`]: redirect(303, "/moved") });
    const { redirect: _, ...kept } = post;
    await request(client(f), kept, { body: { amount: 1 } });
    expect(f.calls.map((c) => c.method)).toEqual(["POST", "POST"]);
  });

  it("follows at most 5 redirects: the 6th is an ApiRedirectError, not retried", async () => {
    const routes: Record<string, Step> = {};
    for (let i = 0; i < 10; i++) routes[`${BASE}/r${i}`] = redirect(307, `/r${i + 1}`);
    const f = router(routes);
    const r: OperationSpec = { ...get, path: "/r0", params: [] };
    const err = (await request(client(f), r, {}).catch((e: unknown) => e)) as ApiRedirectError;
    expect(err).toBeInstanceOf(ApiRedirectError);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.message).toMatch(/^Redirect not followed \(over 5 redirects\): 307 GET /);
    expect(err.location).toBe(`${BASE}/r6`);
    expect(f.calls).toHaveLength(6);
  });
});

describe("a redirect to another origin", () => {
  it("is an ApiRedirectError by default, and nothing reaches the other origin", async () => {
    const f = router({ [`${BASE}/api/v1/payouts/p1`]: redirect(302, `${OTHER}/steal?x=1`) });
    const err = (await request(client(f), get, { id: "p1" }).catch(
      (e: unknown) => e,
    )) as ApiRedirectError;
    expect(err).toBeInstanceOf(ApiRedirectError);
    expect(err).toMatchObject({
      name: "ApiRedirectError",
      status: 302,
      location: `${OTHER}/steal?x=1`,
    });
    expect(err.message).toBe(
      `Redirect not followed (followRedirects: same-origin): 302 GET ${BASE}/api/v1/payouts/p1?api_key=[REDACTED] → ${OTHER}/steal?x=1`,
    );
    expect(f.calls).toHaveLength(1);
  });

  it.each([
    [302, "GET", get, {}],
    [307, "POST", post, { body: { amount: 1 } }],
  ])(
    'with followRedirects "any-origin" (%i %s): followed without any credential the client added',
    async (status, method, operation, params) => {
      const f = router({
        [`${BASE}/api/v1/payouts/p1`]: redirect(
          status,
          `${OTHER}/files/1?api_key=${QUERY_KEY}&sig=abc`,
        ),
        [`${BASE}/api/v1/commission-lines`]: redirect(status, `${OTHER}/files/1?sig=abc`),
      });
      await request(client(f, { followRedirects: "any-origin" }), operation, {
        id: "p1",
        ...params,
      });
      const there = f.calls[1]!;
      expect(there.method).toBe(method);
      expect(new URL(there.url).origin).toBe(OTHER);
      expect(new URL(there.url).searchParams.get("sig")).toBe("abc");
      const seen = JSON.stringify({ url: there.url, headers: there.headers });
      for (const secret of [API_KEY, TOKEN, QUERY_KEY, COOKIE_KEY, MANUAL])
        expect(seen).not.toContain(secret);
      expect(Object.keys(there.headers).sort()).toEqual(
        method === "POST" ? ["accept", "content-type", "x-trace"] : ["accept", "x-trace"],
      );
      // 307 keeps the body, as fetch would
      if (method === "POST") expect(await there.body).toBe('{"amount":1}');
      // the first request carried them all
      expect(f.calls[0]!.headers["cookie"]).toBe(`session_id=${COOKIE_KEY}`);
    },
  );

  it("followRedirects per request overrides the client's", async () => {
    const f = router({ [`${BASE}/api/v1/payouts/p1`]: redirect(302, `${OTHER}/x`) });
    const c = client(f, { followRedirects: "any-origin" });
    await expect(
      request(c, get, { id: "p1" }, { followRedirects: "same-origin" }),
    ).rejects.toBeInstanceOf(ApiRedirectError);
    await expect(request(c, get, { id: "p1" })).resolves.toEqual({ at: `${OTHER}/x` });
  });
});

describe("redirects that are never followed", () => {
  it('followRedirects "none": even a same-origin redirect is an ApiRedirectError with its location', async () => {
    const f = router({ [`${BASE}/api/v1/payouts/p1`]: redirect(301, "/moved") });
    const err = await request(client(f, { followRedirects: "none" }), get, { id: "p1" }).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ name: "ApiRedirectError", status: 301, location: `${BASE}/moved` });
    expect((err as Error).message).toMatch(/\(followRedirects: none\)/);
    expect(f.calls).toHaveLength(1);
  });

  it("a browser's opaqueredirect response (target hidden) is an ApiRedirectError with status 0", async () => {
    // What a browser's fetch gives for redirect: "manual": type "opaqueredirect", status 0, no headers.
    const opaque = (): Response =>
      Object.defineProperties(new Response(null), {
        type: { value: "opaqueredirect" },
        status: { value: 0 },
        ok: { value: false },
      });
    const f = router({ [`${BASE}/api/v1/payouts/p1`]: opaque });
    const err = await request(client(f), get, { id: "p1" }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "ApiRedirectError", status: 0, location: undefined });
    expect((err as Error).message).toMatch(/^Redirect not followed \(no usable Location\): 0 GET /);
  });

  it("an invalid Location is an ApiRedirectError", async () => {
    const f = router({ [`${BASE}/api/v1/payouts/p1`]: redirect(302, "http://[bad") });
    const err = await request(client(f), get, { id: "p1" }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "ApiRedirectError", status: 302, location: undefined });
  });

  it("a 3xx without Location (304) is a plain ApiError", async () => {
    const f = router({ [`${BASE}/api/v1/payouts/p1`]: () => new Response(null, { status: 304 }) });
    const err = await request(client(f), get, { id: "p1" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).not.toBeInstanceOf(ApiRedirectError);
  });
});

describe("redirects through real sockets (two loopback servers = two origins)", () => {
  const home = useScenarioServer();
  const other = useScenarioServer();

  const echoOp = op("GET", "redirect", ["to", "status"]);
  const clientFor = (options: ClientOptions = {}) =>
    createClientCore(
      {
        servers: [],
        securitySchemes: { ApiKeyAuth: { type: "apiKey", in: "header", name: "x-api-key" } },
      },
      {
        baseUrl: home().url,
        auth: { ApiKeyAuth: API_KEY },
        headers: { authorization: `Bearer ${TOKEN}` },
        maxRetries: 0,
        ...options,
      },
    );

  it("a 307 to another origin is refused by default: the other server sees no request", async () => {
    const k = key();
    const to = `${other().url}/echo/${k}`;
    const err = await request(clientFor(), echoOp, { key: key(), to, status: "307" }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ApiRedirectError);
    expect(other().hits(`/echo/${k}`)).toBe(0);
  });

  it('with "any-origin" the other server gets the request without the API key or the Authorization header', async () => {
    const k = key();
    const to = `${other().url}/echo/${k}`;
    const seen = await request<{ headers: Record<string, string> }>(
      clientFor({ followRedirects: "any-origin" }),
      echoOp,
      { key: key(), to, status: "307" },
    );
    expect(other().hits(`/echo/${k}`)).toBe(1);
    expect(seen.headers["x-api-key"]).toBeUndefined();
    expect(seen.headers["authorization"]).toBeUndefined();
  });

  it("a same-origin 302 is followed with the API key", async () => {
    const k = key();
    const seen = await request<{ headers: Record<string, string> }>(clientFor(), echoOp, {
      key: key(),
      to: `/echo/${k}`,
    });
    expect(seen.headers["x-api-key"]).toBe(API_KEY);
    expect(home().hits(`/echo/${k}`)).toBe(1);
  });
});
