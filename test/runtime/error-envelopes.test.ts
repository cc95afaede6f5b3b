/**
 * Where `ApiError.code` and the message detail come from, across the error envelopes APIs use:
 * top-level `{ code, message }`, `{ error: { code, message } }` and `{ error: [{ code, message }] }`
 * (e.g. the payout provider's `{ message, error: [{ code: "PAYO101", … }] }`).
 */
import { describe, expect, it } from "vitest";
import { ApiError } from "../../templates/runtime/errors.js";
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
    ["an empty error list", { error: [] }],
    ["a null error", { error: null }],
    ["a string error", { error: "nope" }],
    ["a non-string code", { error: [{ code: 101 }] }],
  ])("%s gives no code", async (_, body) => {
    const error = await errorFor(body);
    expect(error.code).toBeUndefined();
    expect(error.message).toBe("404"); // the fake response has no status text
  });
});
