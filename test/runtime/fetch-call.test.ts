/**
 * How the client calls fetch: `fetch(url, init)` without hooks (no Request is built), and
 * `fetch(request, { signal })` when `onRequest` or `onResponse` needs a Request.
 */
import { describe, expect, it } from "vitest";
import { request } from "../../templates/runtime/request.js";
import { createLine, getPayout, testClient } from "./specs.js";

/** Records each fetch call's arguments and answers 200 `{}`. */
function recordingFetch(): {
  fetch: (input: string | Request, init?: RequestInit) => Promise<Response>;
  calls: { input: string | Request; init: RequestInit | undefined }[];
} {
  const calls: { input: string | Request; init: RequestInit | undefined }[] = [];
  const fetch = async (input: string | Request, init?: RequestInit): Promise<Response> => {
    calls.push({ input, init });
    return new Response("{}", { headers: { "content-type": "application/json" } });
  };
  return { fetch, calls };
}

describe("fetch call", () => {
  it("without hooks: fetch(url, { method, headers, body, signal })", async () => {
    const f = recordingFetch();
    await request(testClient({ fetch: f.fetch }), createLine, { body: { amount: 5 } });
    const { input, init } = f.calls[0]!;
    expect(typeof input).toBe("string");
    expect(input).toMatch(/\/api\/v1\/commission-lines$/);
    expect(init?.method).toBe("POST");
    expect(init?.body).toBe('{"amount":5}');
    expect((init?.headers as Record<string, string>)["content-type"]).toBe("application/json");
    expect(init?.signal).toBeInstanceOf(AbortSignal);
    expect(init?.signal?.aborted).toBe(false); // a successful attempt does not abort its signal
  });

  it("with onResponse only: fetch gets a Request and the same Request reaches the hook", async () => {
    const f = recordingFetch();
    let seen: Request | undefined;
    const client = testClient({ fetch: f.fetch, onResponse: (_res, req) => void (seen = req) });
    await request(client, getPayout, { id: "p1" });
    const { input, init } = f.calls[0]!;
    expect(input).toBeInstanceOf(Request);
    expect(seen).toBe(input);
    expect((input as Request).headers.get("accept")).toBe("application/json");
    expect(Object.keys(init ?? {})).toEqual(["signal"]); // the Request's method, headers and body stand
  });

  it("with onRequest: the hook's replacement Request is what fetch gets", async () => {
    const f = recordingFetch();
    const client = testClient({
      fetch: f.fetch,
      onRequest: (req) => new Request(req, { headers: { signature: "s" } }),
    });
    await request(client, getPayout, { id: "p1" });
    expect((f.calls[0]!.input as Request).headers.get("signature")).toBe("s");
  });
});
