/**
 * test/fixtures/object-enum.yaml (`type: object` with an enum of strings, which openapi-typescript cannot type):
 * the client generated from it reads and sends the enum's values against Prism. Prism serves the document the
 * client was generated from (its `spec.normalized.json`, the repair applied), and with `--errors` it refuses a body
 * the document does not allow: the test proves that by sending a value outside the enum. (Prism cannot check the
 * original document: it treats `"global"` under `type: object` as valid and invalid alike.)
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

const FIXTURE = "test/fixtures/object-enum.yaml";

/** The part of the generated client these tests call (its types are checked by the fixture's assertions). */
type Client = { readonly __client: never };
interface Sharing {
  scope: string;
  audience: string;
  link?: { access: string };
}
interface FixtureClient {
  createClient(config: { baseUrl: string; maxRetries: number }): Client;
  getSharing(client: Client, params: { folderId: string }): Promise<Sharing>;
  updateSharing(client: Client, params: { folderId: string; body: Sharing }): Promise<Sharing>;
  audienceValues: readonly string[];
  ApiError: new (...args: never[]) => Error & { status: number; body: unknown };
}

let api: FixtureClient;
let dir = "";
let prism: PrismServer;

beforeAll(async () => {
  const result = await generate(
    { input: FIXTURE, output: "generated/object-enum", name: "ObjectEnum" },
    { cwd: PROJECT_ROOT },
  );
  expect(result.issues.map((i) => i.code)).toEqual(["object-enum", "object-enum", "object-enum"]);
  dir = await mkdtemp(path.join(os.tmpdir(), "object-enum-"));
  await writeFiles(dir, result.files);
  api = (await import(pathToFileURL(path.join(dir, "index.ts")).href)) as FixtureClient;
  prism = await startPrism(path.join(dir, "spec.normalized.json"));
}, 90_000);

afterAll(async () => {
  await prism?.stop();
  if (dir !== "") await rm(dir, { recursive: true, force: true });
});

describe("type: object with an enum, against Prism", () => {
  it("reads the enum values the server sends", async () => {
    const client = api.createClient({ baseUrl: prism.url, maxRetries: 0 });
    const sharing = await api.getSharing(client, { folderId: "f1" });
    expect(sharing.scope).toBe("global");
    expect(api.audienceValues).toContain(sharing.audience);
    expect(sharing.link).toEqual({ access: "view" });
  });

  it("sends them in a request body that Prism validates", async () => {
    const client = api.createClient({ baseUrl: prism.url, maxRetries: 0 });
    const body: Sharing = { scope: "global", audience: "team", link: { access: "edit" } };
    await expect(api.updateSharing(client, { folderId: "f1", body })).resolves.toMatchObject({
      scope: "global",
    });
    // The check is real: a value outside the enum is refused (the generated types refuse it too).
    const refused = await api
      .updateSharing(client, { folderId: "f1", body: { ...body, audience: "private" } })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(api.ApiError);
    expect((refused as { status: number }).status).toBe(422);
  });
});
