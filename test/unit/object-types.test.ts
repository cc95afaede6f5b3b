/**
 * How object schemas without properties, and schemas a transform types (`format: binary`), come out of types.ts
 * (issue 13 item 2): one component per row, its declared alias compared with the expected type.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { PROJECT_ROOT } from "../helpers/specs-dir.js";

const ROWS: readonly [string, "3.0.3" | "3.1.0", unknown, string][] = [
  ["no properties", "3.0.3", { type: "object" }, "Record<string, unknown>"],
  ["empty properties", "3.0.3", { type: "object", properties: {} }, "Record<string, unknown>"],
  ["nullable (3.0)", "3.0.3", { type: "object", nullable: true }, "Record<string, unknown> | null"],
  [
    "additionalProperties false",
    "3.0.3",
    { type: "object", additionalProperties: false },
    "Record<string, never>",
  ],
  [
    "additionalProperties false, nullable (3.0)",
    "3.0.3",
    { type: "object", additionalProperties: false, nullable: true },
    "Record<string, never> | null",
  ],
  [
    "additionalProperties false, null in the type list (3.1)",
    "3.1.0",
    { type: ["object", "null"], additionalProperties: false },
    "Record<string, never> | null",
  ],
  [
    "additionalProperties true",
    "3.0.3",
    { type: "object", additionalProperties: true },
    "{ [key: string]: unknown; }",
  ],
  [
    "additionalProperties false with allOf (typed by the allOf)",
    "3.0.3",
    { type: "object", additionalProperties: false, allOf: [{ $ref: "#/components/schemas/Q" }] },
    "Q",
  ],
  [
    "items without properties",
    "3.0.3",
    { type: "array", items: { type: "object", additionalProperties: false, nullable: true } },
    "(Record<string, never> | null)[]",
  ],
  [
    "binary, nullable (3.0)",
    "3.0.3",
    { type: "string", format: "binary", nullable: true },
    "Blob | null",
  ],
  [
    "a nullable binary property (3.0)",
    "3.0.3",
    { type: "object", properties: { file: { type: "string", format: "binary", nullable: true } } },
    "{ file?: Blob | null; }",
  ],
];

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "object-types-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it.each(ROWS)("%s (%s)", async (_name, version, schema, expected) => {
  const input = path.join(dir, "spec.json");
  await writeFile(
    input,
    JSON.stringify({
      openapi: version,
      info: { title: "T", version: "1" },
      paths: {},
      components: {
        schemas: { X: schema, Q: { type: "object", properties: { q: { type: "string" } } } },
      },
    }),
  );
  const { files } = await generate(
    { input, output: path.join(dir, "out"), name: "T" },
    { cwd: PROJECT_ROOT, formatCache: false },
  );
  const types = files.find((f) => f.path === "types.ts")!.contents;
  const declared = /\nexport type X = ([\s\S]*?);\n(?:export|\/\*\*)/.exec(types)?.[1];
  expect(declared?.replace(/\s+/g, " ").replace(/\/\*\*.*?\*\/ /g, "")).toBe(expected);
});
