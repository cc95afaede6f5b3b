/**
 * Hand-written ClientSpec/OperationSpec objects shaped like the Introw API, for runtime tests.
 */
import {
  createClientCore,
  type Client,
  type ClientOptions,
} from "../../templates/runtime/client.js";
import { request } from "../../templates/runtime/request.js";
import { redirectRule } from "../../templates/runtime/redirect.js";
import { notSent } from "../../templates/runtime/retry.js";
import { FakeClock, json, scriptedFetch } from "./fakes.js";
import {
  headerStyles,
  jsonBody,
  pathStyles,
  queryStyles,
} from "../../templates/runtime/serialize.js";
import type { ClientSpec, OperationSpec, ParamSpec } from "../../templates/runtime/types.js";
import { paramSerializer } from "../../generator/emit/runtime-refs.js";

/**
 * A parameter with the `serialize` the generator would give it (none when the core's default applies), for a
 * schema that admits only scalars (`scalar`) or any value.
 */
export function styled(p: ParamSpec, scalar = false): ParamSpec {
  const name = paramSerializer({ ...p, scalar });
  return name === undefined
    ? p
    : { ...p, serialize: { pathStyles, headerStyles, queryStyles }[name] };
}

export const API_KEY = "sk_live_SECRET_0123456789";

export const clientSpec: ClientSpec = {
  servers: [
    { name: "production", url: "https://api.introw.test" },
    { name: "staging", url: "https://api.staging.introw.test" },
  ],
  securitySchemes: { ApiKeyAuth: { type: "apiKey", in: "header", name: "x-api-key" } },
  rateLimitHeaders: ["x-ratelimit-limit-minute", "x-ratelimit-remaining-minute"],
};

export const getPayout: OperationSpec = {
  id: "getPayout",
  method: "GET",
  path: "/api/v1/payouts/{id}",
  params: [{ name: "id", in: "path" }],
  response: "json",
  security: [["ApiKeyAuth"]],
};

export const createLine: OperationSpec = {
  id: "createCommissionLine",
  method: "POST",
  path: "/api/v1/commission-lines",
  params: [],
  body: { mediaType: "application/json", encoding: "json", required: true, encode: jsonBody },
  response: "json",
  security: [["ApiKeyAuth"]],
  unsent: notSent,
  redirect: redirectRule,
};

export const updatePayout: OperationSpec = {
  id: "updatePayout",
  method: "PATCH",
  path: "/api/v1/payouts/{id}",
  params: [{ name: "id", in: "path" }],
  body: { mediaType: "application/json", encoding: "json", required: true, encode: jsonBody },
  response: "json",
  security: [["ApiKeyAuth"]],
  unsent: notSent,
  redirect: redirectRule,
};

export const listPayouts: OperationSpec = {
  id: "listPayouts",
  method: "GET",
  path: "/api/v1/payouts",
  params: [
    { name: "stage", in: "query" },
    { name: "limit", in: "query" },
    { name: "cursor", in: "query" },
  ],
  response: "json",
  security: [["ApiKeyAuth"]],
  pagination: { cursorParam: "cursor", nextCursor: ["pagination", "nextCursor"], items: ["data"] },
};

/** A client with the fake fetch/clock and a fixed random source (0.5 → half of each backoff window). */
export function testClient(options: ClientOptions = {}): Client {
  return createClientCore(clientSpec, {
    auth: { ApiKeyAuth: API_KEY },
    random: () => 0.5,
    ...options,
  });
}

/** Sends `op` once through a client whose fetch answers 200 `{ ok: true }`; returns the promise and what fetch saw. */
export function runOnce(
  op: OperationSpec,
  params: object | undefined,
  options: ClientOptions = {},
  spec = clientSpec,
) {
  const f = scriptedFetch(json(200, { ok: true }));
  const client = createClientCore(spec, { fetch: f.fetch, clock: new FakeClock(), ...options });
  return { promise: request(client, op, params), calls: f.calls };
}
