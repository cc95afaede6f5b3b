/**
 * The `dates` option end to end: the dates fixture's client (generated with `dates: { dateTime: "Date", date: "Date" }`)
 * against its generated mock and against a loopback server, and one real spec with date-time fields generated with
 * `dates: "Date"`, strictly type-checked and called through its mock (revived values serialize back to valid data).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/index.js";
import type { GenerateOptions } from "../../generator/config/config.js";
import { checkConfig } from "../../generator/config/load-config.js";
import { listFixtures } from "../helpers/fixtures.js";
import { read, readmeBlocks, region } from "../helpers/readme.js";
import { credentials, validParams } from "../helpers/mock-calls.js";
import { openapiValidator, responseSchemaPointer } from "../helpers/openapi-ajv.js";
import { PROJECT_ROOT, SPECS_DIR, describeWithSpecs } from "../helpers/specs-dir.js";
import { typecheckDirs, writeFiles } from "../helpers/typecheck.js";

type Fn = (client: unknown, params?: unknown, options?: unknown) => Call;
interface Call extends PromiseLike<unknown>, AsyncIterable<unknown> {
  withResponse(): Promise<{ data: unknown; response: Response }>;
}
type Client = Record<string, Fn> & { createClient(config: object): unknown };
interface Mock {
  (input: string | Request, init?: RequestInit): Promise<Response>;
  calls(operation?: string): { url: string; params: Record<string, unknown> }[];
}
type MockModule = { createMockFetch(options?: object): Mock };

/** An operation of the dates fixture as README.md's example uses it (the fixture's assertions check its types). */
type Example = (
  client: unknown,
  params?: object,
) => Promise<{ createdAt: Date }> & AsyncIterable<{ createdAt: Date }>;

const AT = "2024-05-01T10:00:00.000Z";
let tmp: string | undefined;
afterAll(async () => {
  if (tmp !== undefined) await rm(tmp, { recursive: true, force: true });
});

/** Generates `options` into a temporary folder; returns the folder, the modules and the generate result. */
async function load(options: GenerateOptions) {
  const result = await generate(options, { cwd: PROJECT_ROOT });
  tmp ??= await mkdtemp(path.join(os.tmpdir(), "dates-"));
  const dir = path.join(tmp, options.name);
  await writeFiles(dir, result.files);
  const client = (await import(pathToFileURL(path.join(dir, "index.ts")).href)) as Client;
  const mock = (await import(pathToFileURL(path.join(dir, "mock.ts")).href)) as MockModule;
  return { dir, client, mock, result };
}

/** Every Date in `value` (depth first). */
function dates(value: unknown): Date[] {
  if (value instanceof Date) return [value];
  if (value === null || typeof value !== "object") return [];
  return Object.values(value).flatMap(dates);
}

describe("the dates fixture", () => {
  const fixture = listFixtures().find((f) => f.name === "dates")!;
  let api: Awaited<ReturnType<typeof load>>;
  beforeAll(async () => {
    api = await load({ ...fixture.options, input: fixture.input, output: "out", name: "Dates" });
  });

  it("revives exactly the strings the mock sends, through nested, recursive, map and allOf schemas", async () => {
    const { client, mock } = api;
    const fetch = mock.createMockFetch({ seed: 7 });
    const raw = mock.createMockFetch({ seed: 7 });
    const c = client.createClient({ fetch, maxRetries: 0 });
    const calendar = (await client["getCalendar"]!(c)) as Record<string, unknown>;
    const sent = (await (await raw("https://api.example.com/calendar")).json()) as Record<
      string,
      unknown
    >;
    const days = Object.entries(sent["days"] as Record<string, string>);
    expect(days.length).toBeGreaterThan(0);
    for (const [k, v] of days)
      expect((calendar["days"] as Record<string, Date>)[k]).toEqual(new Date(v));
    // every string the schema marks as a date came back as a Date, nothing else did
    expect(dates(calendar).length).toBe(
      JSON.stringify(sent).match(/"\d{4}-\d\d-\d\d[T"]/g)?.length,
    );
  });

  it("sends Date parameters as RFC 3339 and format: date as YYYY-MM-DD, which the mock validates", async () => {
    const { client, mock } = api;
    const fetch = mock.createMockFetch({ seed: 1 });
    const c = client.createClient({ fetch, maxRetries: 0 });
    const event = (await client["getEventAt"]!(c, { at: new Date(AT) })) as Record<string, unknown>;
    expect(event["createdAt"]).toBeInstanceOf(Date);
    expect(decodeURIComponent(fetch.calls("getEventAt")[0]!.url)).toContain(`/events/${AT}`);
    const body = { day: new Date(Date.UTC(2024, 4, 1)), startsAt: new Date(AT), label: "x" };
    const made = (await client["createEvent"]!(c, { body })) as Record<string, unknown>;
    expect(made["createdAt"]).toBeInstanceOf(Date);
    expect(fetch.calls("createEvent")[0]!.params["body"]).toEqual({
      day: "2024-05-01",
      startsAt: AT,
      label: "x",
    });
    const items: Record<string, unknown>[] = [];
    const since = new Date(AT);
    for await (const item of client["listEvents"]!(c, { since, day: since }, { maxItems: 3 }))
      items.push(item as Record<string, unknown>);
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i["createdAt"] instanceof Date)).toBe(true);
    const query = new URL(fetch.calls("listEvents")[0]!.url).searchParams;
    expect([query.get("since"), query.get("day")]).toEqual([AT, "2024-05-01"]);
    expect(await client["listNames"]!(c)).toEqual(expect.any(Array));
  });

  it("runs README.md's Dates example verbatim, and its config passes the config schema", async () => {
    const { client: generated, mock } = api;
    const client = generated.createClient({
      fetch: mock.createMockFetch({ seed: 2 }),
      maxRetries: 0,
    });
    const { getEventAt, createEvent, listEvents } = generated as unknown as Record<
      "getEventAt" | "createEvent" | "listEvents",
      Example
    >;
    // readme-dates
    const event = await getEventAt(client, { at: new Date("2024-05-01T10:00:00Z") });
    const created: Date = event.createdAt;
    await createEvent(client, { body: { day: new Date("2024-05-01"), startsAt: created } });
    for await (const item of listEvents(client, { since: "2024-05-01T00:00:00Z" }))
      item.createdAt.getTime();
    // end readme-dates
    const [config, usage] = readmeBlocks("Dates");
    expect(usage).toBe(region(read("test/client/dates.test.ts"), "readme-dates"));
    const literal = config!.slice(config!.indexOf("{"), config!.lastIndexOf("}") + 1);
    // the block is an object literal (unquoted keys): evaluated in an empty context
    const value: unknown = runInNewContext(`(${literal})`);
    expect(() => checkConfig(value, "README.md")).not.toThrow();
  });

  describe("against a loopback server", () => {
    let server: Server;
    let received = "";
    beforeAll(async () => {
      server = createServer((req, res) => {
        let body = "";
        req.on("data", (chunk: Buffer) => (body += chunk.toString()));
        req.on("end", () => {
          received = body;
          res.writeHead(201, { "content-type": "application/json" });
          res.end(
            JSON.stringify({
              id: "e1",
              createdAt: "2024-05-01T12:00:00+02:00",
              updatedAt: null,
              day: "2024-05-01",
              history: ["2024-04-30T23:59:59.999Z", "not a date"],
            }),
          );
        });
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it("round-trips a body: Dates out as text, text back as Dates (offsets, null, invalid strings kept)", async () => {
      const { client } = api;
      const { port } = server.address() as AddressInfo;
      const c = client.createClient({ baseUrl: `http://127.0.0.1:${port}`, maxRetries: 0 });
      const body = { day: "2024-05-01", startsAt: new Date(AT) };
      const event = (await client["createEvent"]!(c, { body })) as Record<string, unknown>;
      expect(JSON.parse(received)).toEqual({ day: "2024-05-01", startsAt: AT });
      expect(event).toEqual({
        id: "e1",
        createdAt: new Date("2024-05-01T10:00:00.000Z"),
        updatedAt: null,
        day: new Date("2024-05-01T00:00:00.000Z"),
        history: [new Date("2024-04-30T23:59:59.999Z"), "not a date"],
      });
    });
  });
});

describeWithSpecs("dates on a real spec", () => {
  it("AWS App Mesh with dates: 'Date': strict type-check, and every GET that holds dates round-trips through the mock", async () => {
    const input = path.join(SPECS_DIR, "apis-guru/amazonaws.com__appmesh__2019-01-25.yaml");
    const { dir, client, mock, result } = await load({
      input,
      output: "out",
      name: "AppMesh",
      dates: "Date",
    });
    const checked = await typecheckDirs(path.join(tmp!, "check-appmesh"), [dir]);
    expect([...checked.errors.values()].flat()).toEqual([]);
    expect(checked.other).toEqual([]);

    const model = result.model;
    const doc = JSON.parse(
      result.files.find((f) => f.path === "spec.normalized.json")!.contents,
    ) as Record<string, unknown>;
    const check = openapiValidator(doc);
    const fetch = mock.createMockFetch({ seed: 3 });
    const c = client.createClient({ ...credentials(model), fetch, maxRetries: 0 });
    const gets = model.operations
      .map((o, i) => [o, i] as const)
      .filter(([o]) => o.method === "GET" && o.dates?.response !== undefined && !o.pagination);
    expect(gets.length).toBeGreaterThan(0);
    let revived = 0;
    for (const [o, i] of gets) {
      const data = await client[o.name]!(c, validParams(model, i, 3000 + i));
      revived += dates(data).length;
      // Dates serialize back to the RFC 3339 text the schema asks for
      const s = o.success[0]!;
      const pointer = responseSchemaPointer(doc, o.path, "get", s.status, s.mediaType!)!;
      expect(check(pointer, JSON.parse(JSON.stringify(data)))).toEqual([]);
    }
    expect(revived).toBeGreaterThan(0);
  }, 120_000);
});
