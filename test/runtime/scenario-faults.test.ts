/**
 * The runtime against the fault-injecting loopback server (test/helpers/scenario-scenario().ts): timeouts,
 * unusual bodies, error fields and pagination. Retries are in scenario.test.ts.
 */
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  ApiError,
  ApiTimeoutError,
  AuthenticationError,
  InternalServerError,
} from "../../templates/runtime/errors.js";
import { paginate, PaginationError } from "../../templates/runtime/pagination.js";
import { request } from "../../templates/runtime/request.js";
import type { OperationSpec } from "../../templates/runtime/types.js";
import { API_KEY } from "./specs.js";
import { key, op, scenarioClient, useScenarioServer } from "./scenario-setup.js";

const scenario = useScenarioServer();
const setup = () => scenarioClient(scenario());

describe("timeouts, bodies and errors against the scenario server", () => {
  it("a response slower than the timeout throws ApiTimeoutError (GET retried, POST not)", async () => {
    const { client, clock } = setup();
    const off = scenario().onHeld(() => clock.fireTimeouts());
    const k = key();
    const err = await request(client, op("GET", "slow"), { key: k }, { maxRetries: 1 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ApiTimeoutError);
    expect(err).toMatchObject({ method: "GET", url: `${scenario().url}/slow/${k}` });
    expect(scenario().hits(`/slow/${k}`)).toBe(2);
    const k2 = key();
    await expect(request(client, op("POST", "slow"), { key: k2, body: {} })).rejects.toBeInstanceOf(
      ApiTimeoutError,
    );
    expect(scenario().hits(`/slow/${k2}`)).toBe(1);
    off();
  });

  it("the caller's abort rejects with its reason and is not retried", async () => {
    const { client } = setup();
    const ctrl = new AbortController();
    const reason = new Error("user cancelled");
    const off = scenario().onHeld(() => ctrl.abort(reason));
    const k = key();
    await expect(
      request(client, op("GET", "slow"), { key: k }, { signal: ctrl.signal }),
    ).rejects.toBe(reason);
    off();
    expect(scenario().hits(`/slow/${k}`)).toBe(1);
  });

  it("invalid JSON in a 200 is an ApiError carrying the text", async () => {
    const { client } = setup();
    const err = await request(client, op("GET", "invalid-json"), { key: key() }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 200, body: '{"id": "p1", "amount": ' });
  });

  it("an HTML 502 page gives InternalServerError with the first 1 KB of text, after retries", async () => {
    const { client } = setup();
    const k = key();
    const err = (await request(client, op("GET", "html"), { key: k }).catch(
      (e: unknown) => e,
    )) as ApiError;
    expect(err).toBeInstanceOf(InternalServerError);
    expect(scenario().hits(`/html/${k}`)).toBe(3);
    expect(typeof err.body).toBe("string");
    expect((err.body as string).length).toBe(1024);
    expect(err.body as string).toMatch(/^<!DOCTYPE html>/);
    expect(err.message).toMatch(/^502 Bad Gateway: <!DOCTYPE html>/);
  });

  it("an API key the server echoes appears in no error field, message, stack, JSON or log line", async () => {
    const { client, lines } = setup();
    const err = (await request(client, op("GET", "echo-key"), { key: key() }).catch(
      (e: unknown) => e,
    )) as ApiError;
    expect(err).toBeInstanceOf(AuthenticationError);
    expect(scenario().requests.at(-1)!.headers["x-api-key"]).toBe(API_KEY);
    expect(err.message).toBe("401 UNAUTHORIZED: Invalid API key [REDACTED]");
    for (const text of [
      err.message,
      String(err),
      err.stack!,
      JSON.stringify(err),
      inspect(err, { depth: 10 }),
      ...lines,
    ])
      expect(text).not.toContain(API_KEY);
    expect(lines.length).toBeGreaterThan(0);
  });
});

describe("pagination against the scenario server", () => {
  const listSpec = (): OperationSpec => ({
    ...op("GET", "payouts", ["pages", "per", "repeat", "cursor"]),
    pagination: {
      cursorParam: "cursor",
      nextCursor: ["pagination", "nextCursor"],
      items: ["data"],
    },
  });
  type Page = { data: Array<{ id: string }>; pagination: { nextCursor: string | null } };

  it("iterates every item of a multi-page listing with for await", async () => {
    const { client } = setup();
    const k = key();
    const ids: string[] = [];
    for await (const item of paginate<Page, { id: string }>(client, listSpec(), {
      key: k,
      pages: 3,
      per: 2,
    }))
      ids.push(item.id);
    expect(ids).toEqual(["po_1", "po_2", "po_3", "po_4", "po_5", "po_6"]);
    expect(
      scenario()
        .requests.filter((r) => r.path === `/payouts/${k}`)
        .map((r) => new URLSearchParams(r.search).get("cursor")),
    ).toEqual([null, "c2", "c3"]);
  });

  it(".pages() and maxPages/maxItems", async () => {
    const { client } = setup();
    const pages: Page[] = [];
    for await (const p of paginate<Page, { id: string }>(
      client,
      listSpec(),
      { key: key(), pages: 5 },
      { maxPages: 2 },
    ).pages())
      pages.push(p);
    expect(pages.map((p) => p.pagination.nextCursor)).toEqual(["c2", "c3"]);
    const k = key();
    const items: string[] = [];
    for await (const i of paginate<Page, { id: string }>(
      client,
      listSpec(),
      { key: k, pages: 5, per: 2 },
      { maxItems: 3 },
    ))
      items.push(i.id);
    expect(items).toEqual(["po_1", "po_2", "po_3"]);
    expect(scenario().hits(`/payouts/${k}`)).toBe(2);
  });

  it("a server that repeats a cursor gets a PaginationError", async () => {
    const { client } = setup();
    const k = key();
    const ids: string[] = [];
    const run = async (): Promise<void> => {
      for await (const i of paginate<Page, { id: string }>(client, listSpec(), {
        key: k,
        pages: 5,
        per: 1,
        repeat: 3,
      }))
        ids.push(i.id);
    };
    // page 1 → c2, page 2 → c3, page 3 → c1 (new: the first request sent no cursor), then page 1 again → c2: repeated
    await expect(run()).rejects.toBeInstanceOf(PaginationError);
    expect(ids).toEqual(["po_1", "po_2", "po_3", "po_1"]);
    expect(scenario().hits(`/payouts/${k}`)).toBe(4);
  });
});
