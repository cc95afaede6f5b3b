/**
 * Empty descriptions leave no artifacts (issue 13 item 4): a document whose every description, summary and title
 * is blank (`""`, `" "`, a line break) or says nothing (`"."`) generates docs without "()", dangling colons or
 * empty JSDoc blocks, in every generated file.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { PROJECT_ROOT } from "../helpers/specs-dir.js";

const BLANKS = ["", " ", "\n", "."];

/** The document, with `blank` wherever text goes. */
function spec(blank: string): Record<string, unknown> {
  const text = { description: blank };
  return {
    openapi: "3.0.3",
    info: { title: "Groups", version: "1", ...text },
    servers: [{ url: "https://api.example.test", ...text }],
    security: [{ key: [] }],
    paths: {
      "/groups/{GroupId}": {
        get: {
          operationId: "getGroupInfo",
          summary: blank,
          ...text,
          parameters: [
            { name: "GroupId", in: "path", required: true, schema: { type: "string" }, ...text },
            { name: "view", in: "query", schema: { $ref: "#/components/schemas/View" }, ...text },
          ],
          responses: {
            "200": {
              ...text,
              content: { "application/json": { schema: { $ref: "#/components/schemas/Group" } } },
            },
            "404": { ...text, content: { "application/json": { schema: { type: "object" } } } },
          },
        },
        put: {
          operationId: "putGroup",
          parameters: [{ name: "GroupId", in: "path", required: true, schema: { type: "string" } }],
          requestBody: {
            ...text,
            content: { "application/json": { schema: { $ref: "#/components/schemas/Group" } } },
          },
          responses: { "204": text },
        },
      },
    },
    components: {
      securitySchemes: { key: { type: "apiKey", in: "header", name: "X-Key", ...text } },
      schemas: {
        Group: {
          type: "object",
          title: blank,
          ...text,
          properties: { name: { type: "string", title: blank, ...text } },
        },
        View: {
          type: "string",
          enum: ["full", "short"],
          "x-enum-descriptions": [blank, blank],
          ...text,
        },
      },
    },
  };
}

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "empty-docs-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every JSDoc block and README line with text that comes from an empty description. */
function artifacts(file: string, contents: string): string[] {
  const found: string[] = [];
  const blocks = file.endsWith(".md")
    ? contents.split("\n")
    : (contents.match(/\/\*\*[\s\S]*?\*\//g) ?? []);
  for (const block of blocks) {
    const text = block
      .replace(/^\/\*\*|\*\/$/g, "")
      .replace(/^\s*\* ?/gm, "")
      .trim();
    if (!file.endsWith(".md") && text === "") found.push(`empty JSDoc: ${block}`);
    for (const bad of [
      /\(\s*\)/,
      /:\s*[.;]?\s*$/,
      /:\s+[.;](\s|$)/m,
      /\(\s*[.;]\s*\)/,
      /@description\s*$/m,
    ])
      if (bad.test(text) && !/\(\)\s*=>|\w\(\)/.test(text))
        found.push(`${String(bad)} in: ${text}`);
  }
  return found;
}

it.each(BLANKS.map((b) => [JSON.stringify(b), b]))(
  "descriptions %s leave no artifacts",
  async (_, blank) => {
    const input = path.join(dir, `spec-${BLANKS.indexOf(blank)}.json`);
    await writeFile(input, JSON.stringify(spec(blank)));
    const result = await generate(
      { input, output: path.join(dir, "out"), name: "Groups" },
      { cwd: PROJECT_ROOT, formatCache: false },
    );
    const found = result.files
      .filter((f) => /\.(ts|md)$/.test(f.path) && !f.path.startsWith("runtime/"))
      .flatMap((f) => artifacts(f.path, f.contents).map((a) => `${f.path}: ${a}`));
    expect(found).toEqual([]);
    const operations = result.files.find((f) => f.path === "operations.ts")!.contents;
    expect(operations).toContain("`GroupId` (path, required); `view` (query).");
    expect(operations).toContain("@returns The 200 response body");
    expect(operations).toMatch(/@throws \{NotFoundError\} 404\n/);
  },
);
