/**
 * Where `ApiError.code` and the message detail come from, across the error envelopes APIs use:
 * top-level `{ code, message }`, `{ error: { code, message } }` and `{ error: [{ code, message }] }`
 * (e.g. the payout provider's `{ message, error: [{ code: "PAYO101", … }] }`), RFC 9457 problem details,
 * OAuth errors and `{ errors: [...] }` lists (issue 13.5: a 404 problem+json said only "404 Not Found").
 */
import { describe, expect, it } from "vitest";
import { ApiError, NotFoundError } from "../../templates/runtime/errors.js";
import { request } from "../../templates/runtime/request.js";
import { json, scriptedFetch } from "./fakes.js";
import { getPayout, testClient } from "./specs.js";

async function errorFor(body: unknown): Promise<ApiError> {
  const c = testClient({ fetch: scriptedFetch(json(404, body)).fetch, maxRetries: 0 });
  return (await request(c, getPayout, { id: "p1" }).catch((e: unknown) => e)) as ApiError;
}

describe("error code and message from the error envelope", () => {
  it.each([
    ["top level", { code: "E_TOP", message: "top" }, "E_TOP", "404 E_TOP: top"],
    ["error object", { error: { code: "E_OBJ", message: "obj" } }, "E_OBJ", "404 E_OBJ: obj"],
    [
      "first entry of an error list",
      {
        message: "Get payout failed",
        error: [{ code: "PAYO101", message: "Payout ID not found" }, { code: "X2" }],
      },
      "PAYO101",
      "404 PAYO101: Get payout failed",
    ],
    [
      "error list message when there is no top-level one",
      { error: [{ code: "PAYO101", message: "Payout ID not found" }] },
      "PAYO101",
      "404 PAYO101: Payout ID not found",
    ],
    [
      "top-level code wins over a nested one",
      { code: "E_TOP", error: [{ code: "E_NESTED" }] },
      "E_TOP",
      "404 E_TOP",
    ],
  ])("%s", async (_, body, code, message) => {
    const error = await errorFor(body);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe(code);
    expect(error.message).toBe(message);
    expect(error.body).toEqual(body);
  });

  it.each([
    [
      "RFC 9457 title and detail",
      {
        type: "https://example.test/probs/no-payout",
        title: "Payout not found",
        detail: "No payout p1",
        status: 404,
      },
      undefined,
      "404 Not Found: Payout not found: No payout p1",
    ],
    [
      "RFC 9457 title only (type is not a code)",
      { type: "about:blank", title: "Not Found" },
      undefined,
      "404 Not Found: Not Found",
    ],
    ["RFC 9457 detail only", { detail: "No payout p1" }, undefined, "404 Not Found: No payout p1"],
    [
      "OAuth error and error_description",
      { error: "invalid_grant", error_description: "Refresh token expired" },
      "invalid_grant",
      "404 invalid_grant: Refresh token expired",
    ],
    ["a string error", { error: "Payout not found" }, undefined, "404 Not Found: Payout not found"],
    [
      "an errors list with messages",
      { errors: [{ message: "id is unknown" }, { message: "second" }] },
      undefined,
      "404 Not Found: id is unknown",
    ],
    [
      "a JSON:API errors list",
      {
        errors: [{ status: "404", code: "E_GONE", title: "Gone", detail: "Deleted on 2026-01-01" }],
      },
      "E_GONE",
      "404 E_GONE: Gone: Deleted on 2026-01-01",
    ],
    [
      "a top-level message wins over title and detail",
      { message: "m", title: "t", detail: "d" },
      undefined,
      "404 Not Found: m",
    ],
  ])("%s", async (_, body, code, message) => {
    const c = testClient({
      fetch: scriptedFetch(
        () =>
          new Response(JSON.stringify(body), {
            status: 404,
            statusText: "Not Found",
            headers: { "content-type": "application/problem+json" },
          }),
      ).fetch,
      maxRetries: 0,
    });
    const error = (await request(c, getPayout, { id: "p1" }).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.code).toBe(code);
    expect(error.message).toBe(message);
    expect(error.body).toEqual(body);
  });

  it.each([
    ["an empty error list", { error: [] }],
    ["a null error", { error: null }],
    ["a non-string code", { error: [{ code: 101 }] }],
  ])("%s gives no code", async (_, body) => {
    const error = await errorFor(body);
    expect(error.code).toBeUndefined();
    expect(error.message).toBe("404"); // the fake response has no status text
  });
});
