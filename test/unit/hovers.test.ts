/**
 * What an editor shows (issue 13 item 10): the TypeScript language service's quick info over a program that uses
 * the client generated from test/fixtures/named-types.yaml names component schemas (`GroupInfo`, `Image[]`,
 * `Owner`) instead of their structure or openapi-typescript's indexed accesses (`components["schemas"]["Image"]`).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/index.js";
import { PROJECT_ROOT } from "../helpers/specs-dir.js";
import { writeFiles } from "../helpers/typecheck.js";

/** A user's module; `/*@name*\/` marks where quick info is asked (right after the marker). */
const USER = `import { createClient, getGroupImages, getGroupInfo, listImages, setGroupImages } from "./client/index.js";

const client = createClient({});
export async function use(): Promise<void> {
  const /*@pending*/pending = getGroupInfo(client, { groupId: "g1" });
  const /*@group*/group = await pending;
  const /*@groupImages*/groupImages = group.images;
  const /*@images*/images = await getGroupImages(client, { groupId: "g1" });
  const /*@owner*/owner = images[0]!.owner;
  const /*@result*/result = await getGroupInfo(client, { groupId: "g1" }).safe();
  if (!result.ok) console.log(result./*@error*/error);
  const /*@page*/page = await listImages(client);
  console.log(page.data.length);
  for await (const /*@item*/item of listImages(client, { /*@view*/view: "full" })) console.log(item.url);
  await setGroupImages(client, { groupId: "g1", /*@body*/body: images });
}
`;

let dir = "";
let service: ts.LanguageService;
const userFile = (): string => path.join(dir, "user.ts");

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "hovers-"));
  const result = await generate(
    {
      input: "test/fixtures/named-types.yaml",
      output: "generated/named-types",
      name: "NamedTypes",
    },
    { cwd: PROJECT_ROOT },
  );
  await writeFiles(path.join(dir, "client"), result.files);
  await writeFiles(dir, [{ path: "package.json", contents: '{ "type": "module" }\n' }]);
  const read = (file: string): string | undefined =>
    file === userFile() ? USER : existsSync(file) ? readFileSync(file, "utf8") : undefined;
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => [userFile()],
    getScriptVersion: () => "1",
    getScriptSnapshot: (file) => {
      const text = read(file);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => dir,
    getCompilationSettings: () => ({
      strict: true,
      exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ["lib.es2022.d.ts", "lib.dom.d.ts", "lib.dom.asynciterable.d.ts"],
      types: [],
    }),
    getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
    fileExists: (file) => read(file) !== undefined,
    readFile: read,
  };
  service = ts.createLanguageService(host);
});

afterAll(async () => {
  service?.dispose();
  if (dir !== "") await rm(dir, { recursive: true, force: true });
});

/** The quick info text at marker `name`. */
function hover(name: string): string {
  const marker = `/*@${name}*/`;
  const at = USER.indexOf(marker);
  expect(at, name).toBeGreaterThan(-1);
  const info = service.getQuickInfoAtPosition(userFile(), at + marker.length);
  return ts.displayPartsToString(info?.displayParts).replace(/\s+/g, " ");
}

describe("quick info over the generated client", () => {
  it("the program type-checks", () => {
    const diagnostics = [
      ...service.getSyntacticDiagnostics(userFile()),
      ...service.getSemanticDiagnostics(userFile()),
    ].map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    expect(diagnostics).toEqual([]);
  });

  it.each([
    ["pending", "const pending: ApiPromise<GroupInfo, Problem, GetGroupInfoHeaders>"],
    ["group", "const group: GroupInfo"],
    ["groupImages", "const groupImages: Image[] | undefined"],
    ["images", "const images: Image[]"],
    ["page", "const page: ImagePage"],
    ["owner", "const owner: Owner | undefined"],
    ["item", "const item: Image"],
    ["view", "(property) ListImagesParams.view?: View | undefined"],
    ["body", "(property) SetGroupImagesParams.body: Image[]"],
  ])("%s reads %s", (name, expected) => {
    expect(hover(name)).toBe(expected);
  });

  it("an error body is typed by its component's name", () => {
    expect(hover("error")).toContain("ApiError<Problem>");
  });

  it("no quick info shows openapi-typescript's indexed accesses or a schema's structure", () => {
    const markers = [...USER.matchAll(/\/\*@(\w+)\*\//g)].map((m) => m[1]!);
    for (const name of markers)
      expect(hover(name), name).not.toMatch(/components\[|operations\[|\{ url/);
  });

  it("the response alias shows what it is", () => {
    const at = readFileSync(path.join(dir, "client", "operations.ts"), "utf8");
    expect(at).toContain("export type GetGroupImagesResponse = Image[];");
    expect(at).toContain("export type GetGroupInfoResponse = GroupInfo;");
  });
});
