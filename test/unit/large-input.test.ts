/**
 * Large and deep input through the real CLI process (real stack limit, real heap limit): a 50 MB document
 * succeeds or fails clearly under a 1 GB heap, and 10 000-deep nesting never overflows the stack.
 * The documents are generated here in a temp dir, never committed.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_DEPTH } from "../../generator/validate/validate.js";
import { runCliChild, STACK_LINE } from "../helpers/cli-run.js";

const MB = 1024 * 1024;
/** The heap the CLI gets: if memory were unbounded, V8 would abort instead of exiting 0 or 1. */
const HEAP_LIMIT = ["--max-old-space-size=1024"];

/** 20 operations and `bytes` of `components/examples` (large payload examples, as real specs carry). */
function examplesHeavy(bytes: number): string {
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  const examples: Record<string, unknown> = {};
  for (let i = 0; i < 20; i++) {
    schemas[`Item${i}`] = {
      type: "object",
      properties: { id: { type: "string" }, n: { type: "integer" } },
    };
    paths[`/items${i}/{id}`] = {
      get: {
        operationId: `getItem${i}`,
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        responses: {
          "200": {
            description: "ok",
            content: {
              "application/json": {
                schema: { $ref: `#/components/schemas/Item${i}` },
                examples: { big: { $ref: `#/components/examples/ex${i}` } },
              },
            },
          },
        },
      },
    };
  }
  const rows = (offset: number): unknown[] =>
    Array.from({ length: 2000 }, (_, k) => ({
      id: `item-${k + offset}`,
      n: k + offset,
      note: "x".repeat(40),
    }));
  const count = Math.ceil(bytes / JSON.stringify(rows(0)).length);
  for (let e = 0; e < count; e++) examples[`ex${e}`] = { summary: `example ${e}`, value: rows(e) };
  return JSON.stringify({
    openapi: "3.1.0",
    info: { title: "Big", version: "1" },
    paths,
    components: { schemas, examples },
  });
}

/** `bytes` of operations (about 1,200 bytes each). */
function operationsHeavy(bytes: number): string {
  const paths: Record<string, unknown> = {};
  const description = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(4);
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const item = {
      get: {
        operationId: `getThing${i}`,
        summary: `Get thing ${i}`,
        description,
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        responses: {
          "200": {
            description: "ok",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: { id: { type: "string" }, name: { type: "string", description } },
                },
              },
            },
          },
        },
      },
    };
    paths[`/things${i}/{id}`] = item;
    size += JSON.stringify(item).length + 20;
  }
  return JSON.stringify({ openapi: "3.1.0", info: { title: "Big", version: "1" }, paths });
}

let dir = "";

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "large-input-"));
});

afterAll(async () => {
  if (dir !== "") await rm(dir, { recursive: true, force: true });
});

describe("a 50 MB document, CLI process with a 1 GB heap", () => {
  it("50 MB of examples: generates the client (bounded memory)", async () => {
    const text = examplesHeavy(50 * MB);
    expect(text.length).toBeGreaterThanOrEqual(50 * MB);
    await writeFile(path.join(dir, "examples.json"), text);
    const result = await runCliChild(
      ["generate", "-i", "examples.json", "-o", "examples-client"],
      dir,
      HEAP_LIMIT,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Api: 20 operations, 20 schemas, 0 warnings/);
    console.info(
      `50 MB examples document: exit 0 in ${result.ms} ms, peak RSS ${Math.round(result.maxRssBytes / MB)} MB`,
    );
  }, 120_000);

  it("50 MB of operations: a clear error before memory runs out", async () => {
    const text = operationsHeavy(50 * MB);
    expect(text.length).toBeGreaterThanOrEqual(50 * MB);
    await writeFile(path.join(dir, "operations.json"), text);
    const result = await runCliChild(
      ["generate", "-i", "operations.json", "-o", "operations-client"],
      dir,
      HEAP_LIMIT,
    );
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toMatch(
      /^operations\.json:1:\d+: error \[too-many-operations\] the document has \d+ operations; one client holds at most 4000 .*Split the document into several targets/m,
    );
    expect(result.stderr).not.toMatch(STACK_LINE);
    console.info(
      `50 MB operations document: exit 1 in ${result.ms} ms, peak RSS ${Math.round(result.maxRssBytes / MB)} MB`,
    );
  }, 120_000);
});

describe("10 000-deep nesting, CLI process (real stack limit)", () => {
  it.each([
    [
      "JSON objects",
      "deep.json",
      `{"openapi":"3.1.0","info":{"title":"T","version":"1"},"paths":{},"x-deep":${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}}`,
      new RegExp(`nests deeper than ${MAX_DEPTH} levels`),
    ],
    [
      "JSON arrays",
      "deep-array.json",
      `{"openapi":"3.1.0","info":{"title":"T","version":"1"},"paths":{},"x-deep":${"[".repeat(10_000)}${"]".repeat(10_000)}}`,
      new RegExp(`nests deeper than ${MAX_DEPTH} levels`),
    ],
    [
      "YAML flow",
      "deep.yaml",
      `openapi: 3.1.0\ninfo: { title: T, version: "1" }\npaths: {}\nx-deep: ${"{a: ".repeat(10_000)}1${"}".repeat(10_000)}\n`,
      /nests too deeply to parse/,
    ],
  ] as const)(
    "%s: exit 1 with too-deep, no stack overflow",
    async (_name, file, text, message) => {
      await writeFile(path.join(dir, file), text);
      const result = await runCliChild(["generate", "-i", file, "-o", "deep-client"], dir);
      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr, result.stderr).toMatch(
        new RegExp(`^${file.replace(".", "\\.")}(:\\d+:\\d+)?: error \\[too-deep\\]`, "m"),
      );
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/RangeError|Maximum call stack|internal error/);
      expect(result.stderr).not.toMatch(STACK_LINE);
    },
    60_000,
  );
});

describe("nesting just inside the limit, CLI process", () => {
  // The most stack-hungry shapes measured (openapi-typescript, its printer and prettier recurse per level):
  // nested additionalProperties overflow at 256 levels, nullable arrays at 310. At the limit they must generate.
  const wrap = {
    additionalProperties: (s: unknown): unknown => ({ type: "object", additionalProperties: s }),
    "nullable arrays": (s: unknown): unknown => ({ type: ["array", "null"], items: s }),
  };
  it.each(Object.entries(wrap))(
    "%s: exit 0 at the depth limit",
    async (name, nest) => {
      // /components/schemas/Deep is 3 levels; each wrapper adds one.
      let schema: unknown = { type: "string" };
      for (let i = 0; i < MAX_DEPTH - 3; i++) schema = nest(schema);
      const file = `limit-${name.replace(/\W+/g, "-")}.json`;
      await writeFile(
        path.join(dir, file),
        JSON.stringify({
          openapi: "3.1.0",
          info: { title: "T", version: "1" },
          paths: {},
          components: { schemas: { Deep: schema } },
        }),
      );
      const result = await runCliChild(["generate", "-i", file, "-o", `${file}-client`], dir);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).not.toMatch(/too-deep|RangeError|Maximum call stack/);
    },
    60_000,
  );
});
