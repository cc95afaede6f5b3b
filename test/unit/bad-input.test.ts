/**
 * Bad input: every broken spec gets a precise message (what, where, what to do), exit 1 (2 for usage errors),
 * no stack trace without --verbose, and an existing output directory byte-identical before and after.
 * Fixtures are built in a temp dir (some cannot be committed: a symlink to /etc/passwd, a 65 MB sparse file).
 */
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readdir, rm, symlink, truncate, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  hashTree as hashTreeAt,
  runCli as runCliIn,
  STACK_LINE,
  type CliResult,
} from "../helpers/cli-run.js";
import { typecheckDirs } from "../helpers/typecheck.js";
import { MAX_DEPTH } from "../../generator/validate/validate.js";

type FileSpec = string | Buffer | { symlink: string } | { sparseBytes: number };

interface BadCase {
  readonly name: string;
  /** Files of the case, relative to its directory; the input is `spec.yaml` unless `input` says otherwise. */
  readonly files: Readonly<Record<string, FileSpec>>;
  readonly input?: string;
  readonly args?: readonly string[];
  /** Issue code printed as `error [code]`. */
  readonly code: string;
  /** Where: a regex over the issue line, e.g. `:3:12: ` (file:line:column) or `at /paths/...` (JSON pointer). */
  readonly where: RegExp;
  readonly what: RegExp;
  readonly fix: RegExp;
}

const PET_PATHS = `paths:
  /pets/{petId}:
    get:
      operationId: getPet
      parameters:
        - name: petId
          in: path
          required: true
          schema: { type: string }
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Pet" }
`;
const HEAD = `openapi: 3.1.0\ninfo:\n  title: Pets\n  version: "1.0"\n`;
const PET_COMPONENTS = `components:\n  schemas:\n    Pet:\n      type: object\n      properties:\n        id: { type: string }\n`;
const VALID = HEAD + PET_PATHS + PET_COMPONENTS;

/** A document whose one response schema is `schema` (a YAML flow value); the `$ref` sits on line 14, column 15 (its key). */
const withSchema = (schema: string, extra = ""): string =>
  `${HEAD}paths:\n  /a:\n    get:\n      operationId: getA\n      responses:\n        "200":\n          description: ok\n          content:\n            application/json:\n              schema: ${schema}\n${extra}`;
const RESPONSE_SCHEMA = "/paths/~1a/get/responses/200/content/application~1json/schema";

const deepJson = (levels: number): string =>
  `{"openapi":"3.1.0","info":{"title":"T","version":"1"},"paths":{},"components":{"schemas":{"Deep":${'{"type":"array","items":'.repeat(levels)}{"type":"string"}${"}".repeat(levels)}}}}`;
const aliasBomb = (): string => {
  let text = `${HEAD}paths: {}\nx-a: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n`;
  for (let i = 1; i < 10; i++)
    text += `x-${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(", ")}]\n`;
  return text;
};

const CASES: readonly BadCase[] = [
  {
    name: "missing file",
    files: {},
    input: "nope.yaml",
    code: "file-not-found",
    where: /nope\.yaml: error/,
    what: /no file at '.*nope\.yaml'/,
    fix: /Check --input/,
  },
  {
    name: "directory instead of file",
    files: { "spec.yaml/readme.txt": "x" },
    code: "not-a-file",
    where: /spec\.yaml: error/,
    what: /is a directory, not a file/,
    fix: /Point --input at the spec's entry file/,
  },
  {
    name: "empty file",
    files: { "spec.yaml": "" },
    code: "empty-file",
    where: /spec\.yaml: error/,
    what: /is empty/,
    fix: /Expected an OpenAPI document in JSON or YAML/,
  },
  {
    name: "whitespace-only file",
    files: { "spec.yaml": " \n\t\n\n" },
    code: "empty-file",
    where: /spec\.yaml: error/,
    what: /is empty/,
    fix: /Expected an OpenAPI document/,
  },
  {
    name: "binary garbage",
    files: { "spec.yaml": Buffer.concat([randomBytes(2048), Buffer.from([0, 0xff, 0])]) },
    code: "not-text",
    where: /spec\.yaml: error/,
    what: /not a text file/,
    fix: /Expected an OpenAPI document/,
  },
  {
    name: "not UTF-8 (Latin-1 é)",
    files: {
      "spec.yaml": Buffer.concat([
        Buffer.from(`openapi: 3.1.0\ninfo:\n  title: caf`),
        Buffer.from([0xe9]),
        Buffer.from("\n"),
      ]),
    },
    code: "not-utf8",
    where: /spec\.yaml:3:13: error/,
    what: /not valid UTF-8/,
    fix: /Save the spec as UTF-8/,
  },
  {
    name: "invalid JSON",
    files: { "spec.json": '{\n  "openapi": "3.1.0",\n  "info": {,}\n}\n' },
    input: "spec.json",
    code: "invalid-json",
    where: /spec\.json:3:12: error/,
    what: /invalid JSON: Expected property name/,
    fix: /Fix the syntax at that position/,
  },
  {
    name: "truncated JSON",
    files: { "spec.json": '{"openapi": "3.1.0", "info": {"title": "T"' },
    input: "spec.json",
    code: "invalid-json",
    where: /spec\.json:1:\d+: error/,
    what: /invalid JSON/,
    fix: /Fix the syntax/,
  },
  {
    name: "invalid YAML (unclosed flow sequence)",
    files: { "spec.yaml": `${HEAD}paths:\n  /a: [unclosed\n  /b: {}\n` },
    code: "invalid-yaml",
    where: /spec\.yaml:\d+:\d+: error/,
    what: /invalid YAML: /,
    fix: /Fix the YAML syntax at that position/,
  },
  {
    name: "invalid YAML (tab indentation)",
    files: { "spec.yaml": `openapi: 3.1.0\ninfo:\n\ttitle: T\n` },
    code: "invalid-yaml",
    where: /spec\.yaml:3:1: error/,
    what: /invalid YAML: .*[Tt]ab/,
    fix: /Fix the YAML syntax/,
  },
  {
    name: "YAML with duplicate keys",
    files: { "spec.yaml": `${HEAD}  title: Again\npaths: {}\n` },
    code: "duplicate-key",
    where: /spec\.yaml:5:3: error/,
    what: /Map keys must be unique/,
    fix: /Remove or rename one of the duplicate keys/,
  },
  {
    name: "YAML alias bomb",
    files: { "spec.yaml": aliasBomb() },
    code: "invalid-yaml",
    where: /spec\.yaml: error/,
    what: /[Aa]lias/,
    fix: /Expand or remove the aliases/,
  },
  {
    name: "JSON with duplicate keys (JSON.parse would keep only the last)",
    files: {
      "spec.json": `{
  "openapi": "3.1.0",
  "info": { "title": "T", "version": "1" },
  "paths": {
    "/pets": {
      "get": { "operationId": "listPets", "responses": { "200": { "description": "ok" } } },
      "get": { "operationId": "listAgain", "responses": { "200": { "description": "ok" } } }
    }
  }
}
`,
    },
    input: "spec.json",
    code: "duplicate-key",
    where: /spec\.json:7:7: error .*\(at \/paths\/~1pets\/get\)/,
    what: /the key "get" appears twice in one object \(first at line 6, column 7\)/,
    fix: /Remove or rename one of the duplicate keys/,
  },
  {
    name: "JSON array at the root",
    files: { "spec.json": "[1, 2, 3]\n" },
    input: "spec.json",
    code: "root-not-object",
    where: /spec\.json: error/,
    what: /the document is an array/,
    fix: /object with 'openapi', 'info' and 'paths'/,
  },
  {
    name: "null at the root",
    files: { "spec.yaml": "null\n" },
    code: "root-not-object",
    where: /spec\.yaml: error/,
    what: /the document is null/,
    fix: /object with 'openapi'/,
  },
  {
    name: "a string at the root",
    files: { "spec.yaml": "just some words\n" },
    code: "root-not-object",
    where: /spec\.yaml: error/,
    what: /the document is a string/,
    fix: /object with 'openapi'/,
  },
  {
    name: "a number at the root",
    files: { "spec.json": "42\n" },
    input: "spec.json",
    code: "root-not-object",
    where: /spec\.json: error/,
    what: /the document is a number/,
    fix: /object with 'openapi'/,
  },
  {
    name: "no openapi field",
    files: { "spec.yaml": `info:\n  title: T\n  version: "1"\npaths: {}\n` },
    code: "missing-openapi-version",
    where: /spec\.yaml: error/,
    what: /no 'openapi' field/,
    fix: /Add e\.g\. "openapi": "3\.1\.0"/,
  },
  {
    name: "openapi: 4.0.0",
    files: { "spec.yaml": `openapi: 4.0.0\ninfo: { title: T, version: "1" }\npaths: {}\n` },
    code: "unsupported-openapi-version",
    where: /spec\.yaml:1:1: error .*\(at \/openapi\)/,
    what: /'openapi: 4\.0\.0' is not supported/,
    fix: /use 3\.0\.x, 3\.1\.x or 3\.2\.x/,
  },
  {
    name: "openapi as a number (3.1)",
    files: { "spec.yaml": `openapi: 3.1\ninfo: { title: T, version: "1" }\npaths: {}\n` },
    code: "unsupported-openapi-version",
    where: /\(at \/openapi\)/,
    what: /'openapi: 3\.1' is not supported/,
    fix: /use 3\.0\.x/,
  },
  {
    name: "Swagger 1.2",
    files: { "spec.yaml": `swagger: "1.2"\ninfo: { title: T, version: "1" }\npaths: {}\n` },
    code: "missing-openapi-version",
    where: /spec\.yaml: error/,
    what: /only when 'swagger' is '2\.0'/,
    fix: /Add e\.g\./,
  },
  {
    name: "Swagger 2.0 whose paths is not an object (converted, then validated)",
    files: { "spec.yaml": `swagger: "2.0"\ninfo: { title: T, version: "1" }\npaths: []\n` },
    code: "invalid-paths",
    where: /spec\.yaml:3:1: error .*\(at \/paths\)/,
    what: /'paths' is not an object/,
    fix: /must map path templates to path items/,
  },
  {
    name: "info missing",
    files: { "spec.yaml": `openapi: 3.1.0\npaths: {}\n` },
    code: "missing-info",
    where: /spec\.yaml:1:1: error .*\(at \/info\)/,
    what: /'info' object is missing/,
    fix: /add info\.title and info\.version/,
  },
  {
    name: "info is a string",
    files: { "spec.yaml": `openapi: 3.1.0\ninfo: Pets\npaths: {}\n` },
    code: "missing-info",
    where: /spec\.yaml:2:1: error .*\(at \/info\)/,
    what: /'info' object is missing/,
    fix: /add info\.title/,
  },
  {
    name: "paths is an array",
    files: { "spec.yaml": `${HEAD}paths:\n  - /pets\n` },
    code: "invalid-paths",
    where: /spec\.yaml:5:1: error .*\(at \/paths\)/,
    what: /'paths' is not an object/,
    fix: /must map path templates to path items/,
  },
  {
    name: "a path not starting with /",
    files: { "spec.yaml": VALID.replace("  /pets/{petId}:", "  pets/{petId}:") },
    code: "path-not-absolute",
    where: /spec\.yaml:6:3: error .*\(at \/paths\/pets~1\{petId\}\)/,
    what: /does not start with '\/'/,
    fix: /write it as '\/pets\/\{petId\}'/,
  },
  {
    name: "a name with a '%' (openapi-typescript decodes names)",
    files: { "spec.yaml": VALID.replace("  /pets/{petId}:", "  /pets/{petId}/100%:") },
    code: "percent-in-name",
    where: /spec\.yaml:\d+:\d+: error .*\(at \/paths\)/,
    what: /the name '\/pets\/\{petId\}\/100%' contains '%'/,
    fix: /Rename it without '%'/,
  },
  {
    name: "a dangling local $ref",
    files: { "spec.yaml": withSchema(`{ $ref: "#/components/schemas/Nope" }`) },
    code: "dangling-ref",
    where: new RegExp(`spec\\.yaml:14:15: error .*\\(at ${RESPONSE_SCHEMA}\\)`),
    what: /'#\/components\/schemas\/Nope' points at nothing/,
    fix: /fix the reference or add the component/,
  },
  {
    name: "a $ref to a missing file",
    files: { "spec.yaml": withSchema(`{ $ref: "./schemas/missing.yaml" }`) },
    code: "unresolved-ref",
    where: /spec\.yaml:14:15: error/,
    what: /no file at '.*schemas\/missing\.yaml'/,
    fix: /Fix or remove the \$ref/,
  },
  {
    name: "a $ref cycle with no schema in it",
    files: {
      "spec.yaml": withSchema(
        `{ $ref: "#/components/schemas/A" }`,
        `components:\n  schemas:\n    A: { $ref: "#/components/schemas/B" }\n    B: { $ref: "#/components/schemas/A" }\n`,
      ),
    },
    code: "ref-cycle",
    where: /spec\.yaml:\d+:\d+: error .*\(at \/components\/schemas\/[AB]\)/,
    what: /cycle of references with no schema in it/,
    fix: /Make one of them a real schema/,
  },
  {
    name: "a $ref to itself",
    files: {
      "spec.yaml": withSchema(
        `{ $ref: "#/components/schemas/A" }`,
        `components:\n  schemas:\n    A: { $ref: "#/components/schemas/A" }\n`,
      ),
    },
    code: "ref-cycle",
    where: /\(at \/components\/schemas\/A\)/,
    what: /cycle of references/,
    fix: /Make one of them a real schema/,
  },
  {
    name: "a $ref escaping the spec's directory to /etc/passwd",
    files: { "spec.yaml": withSchema(`{ $ref: "../../../../../../../../etc/passwd" }`) },
    code: "ref-refused",
    where: /spec\.yaml:14:15: error/,
    what: /'\/etc\/passwd' refused: it is outside the spec's directory 'cases\/\d+'/,
    fix: /Fix or remove the \$ref/,
  },
  {
    name: "a referenced file whose own $ref escapes to /etc/passwd",
    files: {
      "schemas/pet.yaml": `type: object\nproperties:\n  owner: { $ref: "../../../../../../../../../etc/passwd" }\n`,
      "spec.yaml": withSchema(`{ $ref: "./schemas/pet.yaml" }`),
    },
    code: "ref-refused",
    where: /schemas\/pet\.yaml:3:\d+: error/,
    what: /'\/etc\/passwd' refused: it is outside the spec's directory/,
    fix: /Fix or remove the \$ref/,
  },
  {
    name: "an absolute $ref to /etc/passwd",
    files: { "spec.yaml": withSchema(`{ $ref: "/etc/passwd" }`) },
    code: "ref-refused",
    where: /spec\.yaml:14:15: error/,
    what: /refused: it is outside the spec's directory/,
    fix: /Fix or remove the \$ref/,
  },
  {
    name: "a $ref through a symlink pointing outside",
    files: {
      "schemas/pet.yaml": { symlink: "/etc/passwd" },
      "spec.yaml": withSchema(`{ $ref: "./schemas/pet.yaml" }`),
    },
    code: "ref-refused",
    where: /spec\.yaml:14:15: error/,
    what: /schemas\/pet\.yaml' refused: it is outside/,
    fix: /Fix or remove the \$ref/,
  },
  {
    name: "a remote https $ref without --allow-remote-refs",
    files: { "spec.yaml": withSchema(`{ $ref: "https://example.com/schemas/pet.yaml" }`) },
    code: "ref-refused",
    where: /spec\.yaml:14:15: error/,
    what: /remote \$ref 'https:\/\/example\.com\/schemas\/pet\.yaml' refused/,
    fix: /unless --allow-remote-refs is given/,
  },
  {
    name: "a file:// $ref",
    files: { "spec.yaml": withSchema(`{ $ref: "file:///etc/passwd" }`) },
    code: "ref-refused",
    where: /spec\.yaml:14:15: error/,
    what: /\$ref 'file:.*etc\/passwd' refused/,
    fix: /only local files .* can be referenced/,
  },
  {
    name: "a referenced file with invalid YAML",
    files: { "pet.yaml": "type: [object\n", "spec.yaml": withSchema(`{ $ref: "./pet.yaml" }`) },
    code: "unresolved-ref",
    where: /spec\.yaml:14:15: error/,
    what: /pet\.yaml/,
    fix: /Fix or remove the \$ref/,
  },
  {
    name: "a referenced file whose $ref points at itself",
    files: {
      "pet.yaml": `Pet:\n  $ref: "#/Pet"\n`,
      "spec.yaml": withSchema(`{ $ref: "./pet.yaml#/Pet" }`),
    },
    code: "ref-cycle",
    where: /spec\.yaml: error/,
    what: /points at itself/,
    fix: /Make it a real schema/,
  },
  {
    name: "10 000-deep nesting (JSON)",
    files: { "spec.json": deepJson(10_000) },
    input: "spec.json",
    code: "too-deep",
    where: /spec\.json:1:\d+: error .*\(at \/components\/schemas\/Deep\/items\/items/,
    what: new RegExp(`nests deeper than ${MAX_DEPTH} levels`),
    fix: /flatten it with named components/,
  },
  {
    name: "10 000-deep nesting (YAML flow)",
    files: {
      "spec.yaml": `${HEAD}paths: {}\nx-deep: ${"[".repeat(10_000)}${"]".repeat(10_000)}\n`,
    },
    code: "too-deep",
    where: /spec\.yaml: error/,
    what: /nests too deeply to parse/,
    fix: /Flatten it with named components/,
  },
  {
    name: "2 000-deep nesting (YAML block)",
    files: {
      "spec.yaml": `${HEAD}paths: {}\nx-deep:\n${Array.from({ length: 2000 }, (_, i) => `${" ".repeat(i + 1)}a:`).join("\n")} 1\n`,
    },
    code: "too-deep",
    where: /spec\.yaml: error/,
    what: /nests too deeply to parse/,
    fix: /Flatten it/,
  },
  {
    name: "10 000-deep nesting in a referenced file",
    files: {
      "deep.json": deepJson(10_000),
      "spec.yaml": withSchema(`{ $ref: "./deep.json#/components/schemas/Deep" }`),
    },
    code: "unresolved-ref",
    where: /spec\.yaml:14:15: error/,
    what: /nesting exceeded maxDepth/,
    fix: /Fix or remove the \$ref/,
  },
  {
    name: "a 65 MB file (over the 64 MiB limit)",
    files: { "spec.json": { sparseBytes: 65 * 1024 * 1024 } },
    input: "spec.json",
    code: "file-too-large",
    where: /spec\.json: error/,
    what: /is 68157440 bytes; the limit is 67108864 bytes/,
    fix: /Split it into files joined by \$refs/,
  },
];

/** Defects real specs carry: a warning with a fallback by default, an error with --strict. */
interface WarningCase {
  readonly name: string;
  readonly spec: string;
  readonly code: string;
  readonly where: RegExp;
  readonly what: RegExp;
}

const WARNING_CASES: readonly WarningCase[] = [
  {
    name: "duplicate operationIds",
    spec: VALID.replace(
      PET_COMPONENTS,
      `  /pets:\n    get:\n      operationId: getPet\n      responses:\n        "204": { description: none }\n${PET_COMPONENTS}`,
    ),
    code: "duplicate-operation-id",
    where: /spec\.yaml:\d+:\d+: warning .*\(at \/paths\/~1pets\/get\/operationId\)/,
    what: /operationId 'getPet' is already used at \/paths\/~1pets~1\{petId\}\/get; this operation gets a derived name/,
  },
  {
    name: "a declared path parameter missing from the template",
    spec: VALID.replace("  /pets/{petId}:", "  /pets:"),
    code: "unused-path-parameter",
    where: /spec\.yaml:10:11: warning .*\(at \/paths\/~1pets\/get\/parameters\/0\)/,
    what: /path parameter 'petId' is not in the path template; it is dropped/,
  },
  {
    name: "a template parameter that is not declared",
    spec: VALID.replace("  /pets/{petId}:", "  /pets/{petId}/toys/{toyId}:"),
    code: "undeclared-path-parameter",
    where: /\(at \/paths\/~1pets~1\{petId\}~1toys~1\{toyId\}\/get\)/,
    what: /'\{toyId\}' is in the path but not declared; it is added as a required string/,
  },
  {
    name: "an invalid regex pattern",
    spec: VALID.replace("id: { type: string }", 'id: { type: string, pattern: "([a-z]" }'),
    code: "invalid-pattern",
    where:
      /spec\.yaml:\d+:\d+: warning .*\(at \/components\/schemas\/Pet\/properties\/id\/pattern\)/,
    what: /not a valid regular expression; it is ignored/,
  },
  {
    name: "an unknown schema type",
    spec: VALID.replace("id: { type: string }", "id: { type: uuid }"),
    code: "unknown-type",
    where: /\(at \/components\/schemas\/Pet\/properties\/id\/type\)/,
    what: /unknown schema type 'uuid'; it is ignored, so the schema is typed by its other keywords \(unknown when it has none\)/,
  },
  {
    name: "a $ref cycle through items, which TypeScript cannot type",
    spec: VALID.replace(
      "      type: object\n      properties:\n        id: { type: string }\n",
      '      type: array\n      items: { $ref: "#/components/schemas/Pet" }\n',
    ),
    code: "untypable-ref-cycle",
    where: /spec\.yaml:\d+:\d+: warning .*\(at \/components\/schemas\/Pet\/items\)/,
    what: /closes a cycle .* it is typed as unknown here/,
  },
  {
    name: "no paths",
    spec: HEAD + PET_COMPONENTS,
    code: "missing-paths",
    where: /\(at \/paths\)/,
    what: /no 'paths' object; the client has types but no operations/,
  },
  {
    name: "header parameters whose names differ only in case",
    spec: VALID.replace(
      '      responses:\n        "200":',
      '        - { name: X-Trace, in: header, schema: { type: string } }\n        - { name: x-trace, in: header, schema: { type: string } }\n      responses:\n        "200":',
    ),
    code: "header-case-clash",
    where: /spec\.yaml:15:11: warning .*\(at \/paths\/~1pets~1\{petId\}\/get\/parameters\/2\)/,
    what: /header parameters 'X-Trace' and 'x-trace' differ only in case; .* one 'x-trace' header, with the value of 'x-trace' when both are given/,
  },
  {
    name: "keys next to a $ref in 3.0",
    spec: VALID.replace("openapi: 3.1.0", "openapi: 3.0.3").replace(
      'schema: { $ref: "#/components/schemas/Pet" }',
      'schema: { $ref: "#/components/schemas/Pet", nullable: true }',
    ),
    code: "ref-siblings",
    where:
      /\(at \/paths\/~1pets~1\{petId\}\/get\/responses\/200\/content\/application~1json\/schema\)/,
    what: /keys next to \$ref \(nullable\) are ignored/,
  },
];

let root = "";
let outputHash = "";

/** The CLI in process, working in the temp directory: every path in these tests is relative to it. */
const runCli = (argv: readonly string[]): Promise<CliResult> => runCliIn(argv, root);
const hashTree = (dir: string): Promise<string> => hashTreeAt(path.join(root, dir));

async function writeCase(dir: string, files: Readonly<Record<string, FileSpec>>): Promise<void> {
  await mkdir(path.join(root, dir), { recursive: true });
  for (const [name, spec] of Object.entries(files)) {
    const file = path.join(root, dir, name);
    await mkdir(path.dirname(file), { recursive: true });
    if (typeof spec === "string" || Buffer.isBuffer(spec)) await writeFile(file, spec);
    else if ("symlink" in spec) await symlink(spec.symlink, file);
    else {
      await writeFile(file, "");
      await truncate(file, spec.sparseBytes);
    }
  }
}

function expectNoStack(result: CliResult): void {
  expect(result.stderr).not.toMatch(STACK_LINE);
  expect(result.stderr).not.toMatch(/RangeError|Maximum call stack|internal error/);
}

/** The issue lines of stderr with a given severity and code. */
function issueLines(stderr: string, severity: "error" | "warning", code: string): string[] {
  return stderr.split("\n").filter((l) => l.includes(`${severity} [${code}]`));
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "bad-input-"));
  await writeCase("valid", { "spec.yaml": VALID });
  const first = await runCli(["generate", "-i", "valid/spec.yaml", "-o", "out", "--name", "Pets"]);
  expect(first.code, first.stderr).toBe(0);
  outputHash = await hashTree("out");
});

afterAll(async () => {
  if (root !== "") await rm(root, { recursive: true, force: true });
});

describe("bad input: precise error, exit 1, output untouched", () => {
  it("has at least 30 cases", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(CASES.map((c, i) => [c.name, c, i] as const))("%s", async (_name, c, i) => {
    const dir = `cases/${i}`;
    await writeCase(dir, c.files);
    const result = await runCli([
      "generate",
      "-i",
      `${dir}/${c.input ?? "spec.yaml"}`,
      "-o",
      "out",
      "--name",
      "Pets",
      ...(c.args ?? []),
    ]);
    expect(result.code, result.stderr).toBe(1);
    const lines = issueLines(result.stderr, "error", c.code);
    expect(lines.length, result.stderr).toBeGreaterThan(0);
    const line = lines.find((l) => c.where.test(l)) ?? lines[0]!;
    expect(line.startsWith(`${dir}/`), line).toBe(true);
    expect(line).toMatch(c.where);
    expect(line).toMatch(c.what);
    expect(line).toMatch(c.fix);
    expect(result.stderr).toMatch(
      /openapi-client-gen: \d+ errors?; the output directory was left unchanged\.\n$/,
    );
    expect(result.stderr).not.toContain(root);
    expect(result.stderr).not.toMatch(/root:x:0:0/);
    expect(result.stdout).toBe("");
    expectNoStack(result);
    expect(await hashTree("out")).toBe(outputHash);
    expect((await readdir(root)).filter((f) => f.includes(".tmp-"))).toEqual([]);
  });

  it("--verbose adds the stack trace", async () => {
    await writeCase("verbose", { "spec.yaml": "[1]\n" });
    const quiet = await runCli(["generate", "-i", "verbose/spec.yaml", "-o", "out"]);
    const verbose = await runCli(["generate", "-i", "verbose/spec.yaml", "-o", "out", "--verbose"]);
    expect([quiet.code, verbose.code]).toEqual([1, 1]);
    expect(quiet.stderr).not.toMatch(STACK_LINE);
    expect(verbose.stderr).toContain("error [root-not-object]");
    expect(verbose.stderr).toMatch(STACK_LINE);
    expect(await hashTree("out")).toBe(outputHash);
  });
});

describe("the output directory", () => {
  it("refuses an --output directory holding files the generator did not write, and keeps them", async () => {
    await writeCase("foreign", { "notes.txt": "mine\n", "src/app.ts": "export const app = 1;\n" });
    const before = await hashTree("foreign");
    const result = await runCli(["generate", "-i", "valid/spec.yaml", "-o", "foreign"]);
    expect(result.code).toBe(1);
    const line = issueLines(result.stderr, "error", "output-has-foreign-files")[0] ?? "";
    expect(line).toMatch(/^foreign: error/);
    expect(line).toMatch(
      /holds files the generator did not write \(notes\.txt, src\/app\.ts\); refusing to delete them/,
    );
    expect(line).toMatch(/Move them away or choose an empty directory/);
    expectNoStack(result);
    expect(await hashTree("foreign")).toBe(before);
  });

  it("refuses to add files to the generator's own output directory when a foreign file appears in it", async () => {
    await writeCase("owned", {});
    const first = await runCli(["generate", "-i", "valid/spec.yaml", "-o", "owned/client"]);
    expect(first.code, first.stderr).toBe(0);
    await writeFile(path.join(root, "owned/client/local-patch.ts"), "export {};\n");
    const before = await hashTree("owned");
    const second = await runCli([
      "generate",
      "-i",
      "valid/spec.yaml",
      "-o",
      "owned/client",
      "--force",
    ]);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/error \[output-has-foreign-files\] .*\(local-patch\.ts\)/);
    expect(await hashTree("owned")).toBe(before);
  });

  it("refuses an --output that is a file", async () => {
    await writeCase("file-out", { "client.ts": "export {};\n" });
    const result = await runCli(["generate", "-i", "valid/spec.yaml", "-o", "file-out/client.ts"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^file-out\/client\.ts: error \[output-not-directory\] .*is not a directory; choose another output path/m,
    );
    expectNoStack(result);
  });
});

describe("usage errors exit 2 with the usage text", () => {
  it.each([
    ["an unknown option", ["generate", "--frobnicate"], /Unknown option '--frobnicate'/],
    ["no command", [], /missing command/],
    ["an unknown command", ["build"], /unknown command 'build'/],
    ["an extra argument", ["generate", "extra"], /unexpected argument 'extra'/],
    ["an empty --input", ["generate", "--input="], /--input needs a value/],
    ["--input without --output", ["generate", "-i", "valid/spec.yaml"], /--input needs --output/],
  ] as const)("%s", async (_name, argv, message) => {
    const result = await runCli(argv);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(message);
    expectNoStack(result);
    expect(await hashTree("out")).toBe(outputHash);
  });
});

describe("defects real specs carry: warnings with a fallback, errors with --strict", () => {
  const outputs: string[] = [];

  it.each(WARNING_CASES.map((c, i) => [c.name, c, i] as const))("%s", async (_name, c, i) => {
    const dir = `warnings/${i}`;
    await writeCase(dir, { "spec.yaml": c.spec });
    const lenient = await runCli([
      "generate",
      "-i",
      `${dir}/spec.yaml`,
      "-o",
      `${dir}/client`,
      "--name",
      "Pets",
    ]);
    expect(lenient.code, lenient.stderr).toBe(0);
    const warning = issueLines(lenient.stderr, "warning", c.code)[0] ?? "";
    expect(warning, lenient.stderr).toMatch(new RegExp(`^${dir}/spec\\.yaml`));
    expect(warning).toMatch(c.where);
    expect(warning).toMatch(c.what);
    outputs.push(path.join(root, dir, "client"));

    const strict = await runCli([
      "generate",
      "-i",
      `${dir}/spec.yaml`,
      "-o",
      "out",
      "--name",
      "Pets",
      "--strict",
    ]);
    expect(strict.code, strict.stderr).toBe(1);
    const error = issueLines(strict.stderr, "error", c.code)[0] ?? "";
    expect(error).toMatch(
      c.where.source.includes("warning")
        ? new RegExp(c.where.source.replace("warning", "error"))
        : c.where,
    );
    expect(error).toMatch(c.what);
    expectNoStack(strict);
    expect(await hashTree("out")).toBe(outputHash);
  });

  it("every fallback gives a client that type-checks (strict tsc)", async () => {
    expect(outputs.length).toBe(WARNING_CASES.length);
    const result = await typecheckDirs(path.join(root, "tsc"), outputs);
    const errors = [...result.errors.values()].flat();
    expect([...errors, ...result.other]).toEqual([]);
  }, 120_000);
});

describe("accepted input", () => {
  it.each([
    ["YAML with a UTF-8 BOM", "spec.yaml", `\uFEFF${VALID}`],
    [
      "JSON with a UTF-8 BOM",
      "spec.json",
      `\uFEFF${JSON.stringify({ openapi: "3.1.0", info: { title: "Pets", version: "1.0" }, paths: {} })}`,
    ],
    ["YAML with CRLF line ends", "spec.yaml", VALID.replace(/\n/g, "\r\n")],
  ] as const)("%s", async (name, file, text) => {
    const dir = `accepted/${name.replace(/\W+/g, "-")}`;
    await writeCase(dir, { [file]: text });
    const result = await runCli([
      "generate",
      "-i",
      `${dir}/${file}`,
      "-o",
      `${dir}/client`,
      "--name",
      "Pets",
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe("");
  });

  it("a remote $ref is fetched only with --allow-remote-refs (loopback server)", async () => {
    let requests = 0;
    const server: Server = createServer((_req, res) => {
      requests++;
      res.writeHead(200, { "content-type": "application/yaml" });
      res.end("type: object\nproperties:\n  id: { type: string }\n");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      await writeCase("remote", {
        "spec.yaml": withSchema(`{ $ref: "http://127.0.0.1:${port}/pet.yaml" }`),
      });
      const refused = await runCli(["generate", "-i", "remote/spec.yaml", "-o", "out"]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/error \[ref-refused\] .*unless --allow-remote-refs is given/);
      expect(requests).toBe(0);
      expect(await hashTree("out")).toBe(outputHash);
      const allowed = await runCli([
        "generate",
        "-i",
        "remote/spec.yaml",
        "-o",
        "remote/client",
        "--allow-remote-refs",
      ]);
      expect(allowed.code, allowed.stderr).toBe(0);
      expect(requests).toBe(1);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
