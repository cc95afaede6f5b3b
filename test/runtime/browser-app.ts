/**
 * Runs in a real browser page (bundled by browser.test.ts): drives the runtime against the scenario
 * server that served the page (same origin), and reports plain results for the test to assert.
 */
import { createClientCore } from "../../templates/runtime/client.js";
import { ApiError } from "../../templates/runtime/errors.js";
import { paginate } from "../../templates/runtime/pagination.js";
import { request } from "../../templates/runtime/request.js";
import type { ClientSpec, OperationSpec } from "../../templates/runtime/types.js";
import { jsonBody } from "../../templates/runtime/serialize.js";

const spec: ClientSpec = {
  servers: [{ name: "here", url: location.origin }],
  securitySchemes: { ApiKeyAuth: { type: "apiKey", in: "header", name: "x-api-key" } },
};
const param = (name: string): { name: string; in: "query" } => ({ name, in: "query" });
const op = (method: "GET" | "POST", scenario: string, query: string[] = []): OperationSpec => ({
  id: scenario,
  method,
  path: `/${scenario}/{key}`,
  params: [{ name: "key", in: "path" }, ...query.map(param)],
  ...(method === "POST"
    ? {
        body: {
          mediaType: "application/json",
          encoding: "json",
          required: true,
          encode: jsonBody,
        } as const,
      }
    : {}),
  response: "json",
  security: [["ApiKeyAuth"]],
});

export async function run(apiKey: string): Promise<Record<string, unknown>> {
  const sleeps: number[] = [];
  const client = createClientCore(spec, {
    auth: { ApiKeyAuth: apiKey },
    random: () => 0.5,
    // Backoff sleeps return at once (recorded); the 60 s timeout timer only ends when its attempt does.
    clock: {
      now: () => Date.now(),
      sleep: (ms, signal) =>
        ms === 60000
          ? new Promise((_, reject) =>
              signal?.addEventListener("abort", () => reject(signal.reason)),
            )
          : Promise.resolve(void sleeps.push(ms)),
    },
  });
  const out: Record<string, unknown> = {};
  out["recovered"] = await request(client, op("GET", "status", ["codes"]), {
    key: "b1",
    codes: "503,200",
  });
  out["sleeps"] = sleeps;
  const e = await request(client, op("POST", "status", ["codes"]), {
    key: "b2",
    codes: "500,200",
    body: {},
  }).safe();
  out["postFailure"] = e.ok
    ? null
    : { name: e.error.name, status: e.error instanceof ApiError ? e.error.status : null };
  const k = await request(client, op("GET", "echo-key"), { key: "b3" }).catch((err: Error) => err);
  out["echo"] = { name: (k as Error).name, message: (k as Error).message, json: JSON.stringify(k) };
  const list: OperationSpec = {
    ...op("GET", "payouts", ["pages", "per", "cursor"]),
    pagination: {
      cursorParam: "cursor",
      nextCursor: ["pagination", "nextCursor"],
      items: ["data"],
    },
  };
  const ids: string[] = [];
  for await (const item of paginate<unknown, { id: string }>(client, list, {
    key: "b4",
    pages: 3,
    per: 2,
  }))
    ids.push(item.id);
  out["ids"] = ids;
  const path = await request(client, op("GET", "status"), { key: "../../x?y#z" }).withResponse();
  out["pathUrl"] = path.response.url;
  // fetch hides a redirect's target from the page (opaqueredirect): even a same-origin one is refused
  const moved = await request(client, op("GET", "redirect", ["to"]), {
    key: "b5",
    to: "/echo/b6",
  }).safe();
  out["redirect"] = moved.ok ? null : { ...moved.error, message: moved.error.message };
  const big = await request(
    client,
    op("GET", "stream", ["bytes"]),
    { key: "b7", bytes: 100000 },
    { maxResponseBytes: 1000 },
  ).safe();
  out["tooLarge"] = big.ok
    ? null
    : { name: big.error.name, limit: (big.error as { limit?: number }).limit };
  return out;
}

(globalThis as { runRuntime?: typeof run }).runRuntime = run;
