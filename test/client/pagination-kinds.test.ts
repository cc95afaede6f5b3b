/**
 * The client generated from test/fixtures/pagination-kinds.yaml walks pages with `for await`, for every kind the
 * generator detects or reads from `x-pagination`: against a loopback server that really pages (several pages of
 * each kind, stopping on a short or empty page, a missing `rel="next"`, a null next URL or a false `more`), and
 * against Prism serving the fixture (`--errors`: a request the spec does not allow fails), whose named examples
 * a request picks with `Prefer: example=<name>`. The client is generated in memory and written to a temporary
 * directory, as a user would vendor it.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/index.js";
import { startPrism, type PrismServer } from "../helpers/prism.js";
import { PROJECT_ROOT } from "../helpers/specs-dir.js";
import { writeFiles } from "../helpers/typecheck.js";
import { startPagingServer, type PagingServer } from "./pagination-kinds-server.js";

const FIXTURE = "test/fixtures/pagination-kinds.yaml";

/** The part of the generated client these tests call (its real types are checked by the fixture's assertions). */
type Client = { readonly __client: never };
type Params = Record<string, unknown>;
type Thing = { id: string; name: string };
type List<T> = (client: Client, params?: Params) => AsyncIterable<T> & PromiseLike<unknown>;
interface FixtureClient {
  createClient(config: {
    baseUrl: string;
    maxRetries: number;
    onRequest?: (request: Request) => Request;
    onResponse?: (response: Response) => void;
  }): Client;
  listPages: List<Thing>;
  listOffsets: List<Thing>;
  listLinked: List<Thing>;
  listNextUrl: List<Thing>;
  listConfigured: List<string>;
}

let api: FixtureClient;
let dir = "";

beforeAll(async () => {
  const result = await generate(
    { input: FIXTURE, output: "generated/pagination-kinds", name: "PaginationKinds" },
    { cwd: PROJECT_ROOT },
  );
  dir = await mkdtemp(path.join(os.tmpdir(), "pagination-kinds-"));
  await writeFiles(dir, result.files);
  api = (await import(pathToFileURL(path.join(dir, "index.ts")).href)) as FixtureClient;
});

afterAll(async () => {
  if (dir !== "") await rm(dir, { recursive: true, force: true });
});

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const ids = async (items: AsyncIterable<Thing>): Promise<string[]> =>
  (await all(items)).map((t) => t.id);

describe("against a loopback server that pages (5 items)", () => {
  let server: PagingServer;
  let client: Client;
  const FIVE = ["t1", "t2", "t3", "t4", "t5"];

  beforeAll(async () => {
    server = await startPagingServer(5);
    client = api.createClient({ baseUrl: server.url, maxRetries: 0 });
  });
  afterAll(() => server.close());
  const sent = (from: number): string[] => server.requests.slice(from);

  it("page numbers: page + 1 each time, stopping at the page shorter than per_page", async () => {
    const from = server.requests.length;
    expect(await ids(api.listPages(client, { per_page: 2 }))).toEqual(FIVE);
    expect(sent(from)).toEqual([
      "/pages?per_page=2",
      "/pages?page=2&per_page=2",
      "/pages?page=3&per_page=2",
    ]);
  });

  it("offsets: advanced by the items received; at a short page with a limit, at the empty page without", async () => {
    let from = server.requests.length;
    expect(await ids(api.listOffsets(client, { limit: 2 }))).toEqual(FIVE);
    expect(sent(from)).toEqual([
      "/offsets?limit=2",
      "/offsets?offset=2&limit=2",
      "/offsets?offset=4&limit=2",
    ]);
    from = server.requests.length;
    expect(await ids(api.listOffsets(client, { offset: 1 }))).toEqual(FIVE.slice(1));
    expect(sent(from)).toEqual(["/offsets?offset=1", "/offsets?offset=3", "/offsets?offset=5"]);
  });

  it('Link header: follows rel="next" (an absolute URL on the same origin) until a page has none', async () => {
    const from = server.requests.length;
    expect(await ids(api.listLinked(client, { per_page: 2 }))).toEqual(FIVE);
    expect(sent(from)).toEqual([
      "/linked?per_page=2",
      "/linked?page=2&per_page=2",
      "/linked?page=3&per_page=2",
    ]);
  });

  it("next URL: follows links.next (relative to the response) until it is null", async () => {
    const from = server.requests.length;
    expect(await ids(api.listNextUrl(client))).toEqual(FIVE);
    expect(sent(from)).toEqual(["/next-url", "/next-url?token=2", "/next-url?token=4"]);
  });

  it("x-pagination page numbers from 0 stop when payload.more is false, even after a full page", async () => {
    const from = server.requests.length;
    expect(await all(api.listConfigured(client, { n: 1 }))).toEqual(FIVE);
    expect(sent(from)).toHaveLength(5);
    const again = server.requests.length;
    expect(await all(api.listConfigured(client, { n: 5 }))).toEqual(FIVE);
    expect(sent(again)).toEqual(["/configured?n=5"]);
  });
});

describe("against Prism serving the fixture", () => {
  let prism: PrismServer;
  const violations: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    prism = await startPrism(FIXTURE);
  });
  afterAll(() => prism.stop());

  /** A client that asks Prism for the example `pick` names for each request's URL (none: the first example). */
  function client(pick: (url: URL) => string | undefined = () => undefined): Client {
    return api.createClient({
      baseUrl: prism.url,
      maxRetries: 0,
      onRequest: (request) => {
        const url = new URL(request.url);
        requests.push(url.pathname + url.search);
        const example = pick(url);
        if (example === undefined) return request;
        const next = new Request(request);
        next.headers.set("prefer", `example=${example}`);
        return next;
      },
      onResponse: (response) => {
        const v = response.headers.get("sl-violations");
        if (v !== null) violations.push(v);
      },
    });
  }

  it("iterates page numbers and next URLs across two pages, and the other kinds to their last page", async () => {
    const byPage = (u: URL): string | undefined => `page${u.searchParams.get("page") ?? 1}`;
    expect(await ids(api.listPages(client(byPage), { per_page: 2 }))).toEqual(["t1", "t2", "t3"]);
    const byToken = (u: URL): string => (u.searchParams.has("token") ? "last" : "first");
    expect(await ids(api.listNextUrl(client(byToken)))).toEqual(["t1", "t2", "t3"]);
    const emptyLater = (u: URL): string => (u.searchParams.has("offset") ? "empty" : "first");
    expect(await ids(api.listOffsets(client(emptyLater)))).toEqual(["t1", "t2"]);
    expect(await ids(api.listLinked(client(), { per_page: 30 }))).toEqual(["t1"]);
    expect(await all(api.listConfigured(client(), { p: 0, n: 2 }))).toEqual(["a", "b"]);
    expect(requests).toEqual([
      "/pages?per_page=2",
      "/pages?page=2&per_page=2",
      "/next-url",
      "/next-url?token=2",
      "/offsets",
      "/offsets?offset=2",
      "/linked?per_page=30",
      "/configured?p=0&n=2",
    ]);
    expect(violations, "Prism reported request/response violations").toEqual([]);
  });
});
