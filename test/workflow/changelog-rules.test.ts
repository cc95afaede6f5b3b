/**
 * The changelog reuses the generator's rules (model/): the HTTP methods it emits (OpenAPI 3.2 `query` too), the
 * media type the client sends, the function names from naming.ts; and lists only client-visible changes.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { diffSpecs } from "../../generator/changelog/diff.js";
import { buildChangelog } from "../../generator/changelog/render.js";
import { brief, doc, jsonBody } from "../helpers/changelog-docs.js";
import { applyPatch } from "../helpers/json-patch.js";
import { PROJECT_ROOT } from "../helpers/specs-dir.js";

describe("the generator's own rules: methods, media types, function names", () => {
  const query = parse(
    readFileSync(path.join(PROJECT_ROOT, "test/fixtures/oas32-query.yaml"), "utf8"),
  ) as Record<string, unknown>;

  it("sees OpenAPI 3.2 query operations", () => {
    const next = applyPatch(query, [
      {
        op: "add",
        path: "/paths/~1search/query/requestBody/content/application~1json/schema/properties/limit",
        value: { type: "integer" },
      },
    ]);
    expect(brief(diffSpecs(query, next))).toEqual([
      "field-added | searchItems (QUERY /search) request body.limit | optional field added",
    ]);
    const without = applyPatch(query, [{ op: "remove", path: "/paths/~1search/query" }]);
    expect(brief(diffSpecs(without, query))).toEqual([
      "operation-added | searchItems (QUERY /search) | operation added",
    ]);
  });

  it("compares the body in the media type the client sends, and reports a change of it", () => {
    const body = (xml: unknown, multipart: unknown): Record<string, unknown> => ({
      requestBody: {
        content: {
          "application/xml": { schema: xml },
          "multipart/form-data": { schema: multipart },
        },
      },
    });
    const file = { type: "object", properties: { file: { type: "string" } } };
    const fileAndName = { type: "object", properties: { file: { type: "string" }, name: {} } };
    // Without JSON, the client sends multipart/form-data (model/media.ts) and never the XML.
    expect(brief(diffSpecs(doc(body(file, file)), doc(body(fileAndName, file))))).toEqual([]);
    expect(brief(diffSpecs(doc(body(file, file)), doc(body(file, fileAndName))))).toEqual([
      "field-added | createThing (POST /things) request body.name | optional field added",
    ]);
    const form = doc({
      requestBody: { content: { "application/x-www-form-urlencoded": { schema: file } } },
    });
    expect(brief(diffSpecs(doc(body(file, file)), form))).toEqual([
      "media-type-changed | createThing (POST /things) request body | sent as application/x-www-form-urlencoded (was multipart/form-data)",
    ]);
  });

  it("names operations by the function client code calls, and reports a function renamed by a new clash", () => {
    const api = (paths: Record<string, unknown>): Record<string, unknown> => ({
      openapi: "3.1.0",
      info: { title: "T", version: "1" },
      paths,
    });
    const ok = { responses: { "204": { description: "ok" } } };
    const before = api({ "/a": { get: { operationId: "get-thing", ...ok } } });
    const after = api({
      "/0": { get: { operationId: "getThing", ...ok } },
      "/a": { get: { operationId: "get-thing", ...ok } },
      "/b": { post: ok },
    });
    expect(brief(diffSpecs(before, after))).toEqual([
      "BREAKING operation-renamed | getThing2 (GET /a) | function renamed from getThing to getThing2",
      "operation-added | getThing (GET /0) | operation added",
      "operation-added | postB (POST /b) | operation added",
    ]);
  });

  it("deprecations are listed as non-breaking; descriptions, summaries and examples are not listed", () => {
    const param = (extra: Record<string, unknown>): Record<string, unknown> => ({
      parameters: [{ name: "q", in: "query", schema: { type: "string" }, ...extra }],
    });
    const field = (extra: Record<string, unknown>): unknown =>
      jsonBody({ type: "object", properties: { a: { type: "string", ...extra } } });
    const before = doc({ ...param({}), ...(field({}) as object) });
    const reworded = doc({
      summary: "New summary",
      description: "New description",
      ...param({ description: "The query.", example: "x" }),
      ...(field({ description: "A.", examples: ["a"] }) as object),
    });
    expect(diffSpecs(before, reworded)).toEqual([]);
    const deprecated = doc({
      deprecated: true,
      ...param({ deprecated: true }),
      ...(field({ deprecated: true }) as object),
    });
    expect(brief(diffSpecs(before, deprecated))).toEqual([
      "deprecation-changed | createThing (POST /things) | operation deprecated",
      "deprecation-changed | createThing (POST /things) query parameter q | parameter deprecated",
      "deprecation-changed | createThing (POST /things) request body.a | field deprecated",
    ]);
    expect(buildChangelog(before, deprecated, "T", true).bump).toBe("minor");
  });
});
