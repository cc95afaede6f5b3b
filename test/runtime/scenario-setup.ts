/**
 * Shared setup for the scenario-server tests: one server per test file, fresh path keys, hand-written
 * OperationSpecs for the server's routes, and a client with an injected clock and a capturing logger.
 */
import { afterAll, beforeAll } from "vitest";
import { createClientCore, type ClientOptions } from "../../templates/runtime/client.js";
import type { HttpMethod, OperationSpec } from "../../templates/runtime/types.js";
import { redirectRule } from "../../templates/runtime/redirect.js";
import { notSent } from "../../templates/runtime/retry.js";
import { jsonBody } from "../../templates/runtime/serialize.js";
import { startScenarioServer, type ScenarioServer } from "../helpers/scenario-server.js";
import { FakeClock } from "./fakes.js";
import { API_KEY, clientSpec } from "./specs.js";

/** Starts a scenario server before the file's tests and closes it after; call at module level. */
export function useScenarioServer(): () => ScenarioServer {
  let server: ScenarioServer | undefined;
  beforeAll(async () => {
    server = await startScenarioServer();
  });
  afterAll(async () => {
    await server?.close();
  });
  return () => server!;
}

let seq = 0;
/** A fresh path key per call, so each test counts only its own hits. */
export const key = (): string => `k${++seq}`;

/** An operation on `/<scenario>/{key}` with the given query parameters (POST carries a JSON body). */
export function op(method: HttpMethod, scenario: string, query: string[] = []): OperationSpec {
  return {
    id: `${method.toLowerCase()}_${scenario}`,
    method,
    path: `/${scenario}/{key}`,
    params: [{ name: "key", in: "path" }, ...query.map((name) => ({ name, in: "query" as const }))],
    ...(method === "POST"
      ? {
          body: {
            mediaType: "application/json",
            encoding: "json" as const,
            required: true,
            encode: jsonBody,
          },
          unsent: notSent,
          redirect: redirectRule,
        }
      : {}),
    response: "json",
    security: [["ApiKeyAuth"]],
  };
}

const STATUS_QUERY = ["codes", "retryAfter", "retryAfterMs", "reset"];
export const getStatus = op("GET", "status", STATUS_QUERY);
export const postStatus = op("POST", "status", STATUS_QUERY);

/** A client for `server` with a FakeClock, random 0.5, and every log line captured in `lines`. */
export function scenarioClient(server: ScenarioServer, options: ClientOptions = {}) {
  const clock = new FakeClock();
  const lines: string[] = [];
  const log = (m: string, f: Record<string, unknown>): void =>
    void lines.push(`${m} ${JSON.stringify(f)}`);
  const client = createClientCore(clientSpec, {
    baseUrl: server.url,
    auth: { ApiKeyAuth: API_KEY },
    clock,
    timeoutMs: clock.timeoutMs,
    random: () => 0.5,
    logger: { debug: log, info: log, warn: log, error: log },
    logLevel: "debug",
    ...options,
  });
  return { client, clock, lines };
}
