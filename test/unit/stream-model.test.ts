/**
 * Streamed responses in the model (generator/model/media.ts, stream.ts): which media types stream, which one
 * an operation reads, whether server-sent events carry JSON data (per event name from an itemSchema), and the
 * types document's view of an itemSchema.
 */
import { describe, expect, it } from "vitest";
import { pickMediaType, responseKind, streamFormat } from "../../generator/model/media.js";
import type { ApiModel } from "../../generator/model/model.js";
import { normalize } from "../../generator/model/normalize.js";
import { validate } from "../../generator/validate/validate.js";
import { read, readmeBlocks, region } from "../helpers/readme.js";

function model(
  content: Record<string, unknown>,
  components: Record<string, unknown> = {},
): ApiModel {
  const result = validate({
    openapi: "3.2.0",
    info: { title: "T", version: "1" },
    paths: {
      "/s": { get: { operationId: "s", responses: { "200": { description: "ok", content } } } },
    },
    components: { schemas: components },
  });
  if (result.document === undefined) throw new Error(JSON.stringify(result.issues));
  return normalize(result.document, { input: "x.yaml", output: "out", name: "T" });
}
/** The schema of the only operation's 200 `mediaType` in the types document. */
function typedSchema(m: ApiModel, mediaType: string): unknown {
  const at = (v: unknown, ...keys: string[]): unknown =>
    keys.reduce((o, k) => (o as Record<string, unknown> | undefined)?.[k], v);
  return at(
    m.typesDocument,
    "paths",
    "/s",
    "get",
    "responses",
    "200",
    "content",
    mediaType,
    "schema",
  );
}
const stream = (content: Record<string, unknown>, components?: Record<string, unknown>) =>
  model(content, components).operations[0]!.stream;

describe("stream media types", () => {
  it.each([
    ["text/event-stream; charset=utf-8", "sse"],
    ["application/x-ndjson", "ndjson"],
    ["application/jsonl", "ndjson"],
    ["application/jsonlines", "ndjson"],
    ["application/json-seq", "json-seq"],
    ["application/json", undefined],
    ["application/ndjsonx", undefined],
    ["text/plain", undefined],
  ])("%s → %s", (mediaType, format) => {
    expect(streamFormat(mediaType)).toBe(format);
    expect(responseKind(mediaType) === "stream").toBe(format !== undefined);
  });

  it("a stream is read only when the response offers nothing else the client reads whole", () => {
    expect(pickMediaType(["text/event-stream", "application/json"])).toBe("application/json");
    expect(pickMediaType(["text/event-stream", "application/octet-stream"])).toBe(
      "application/octet-stream",
    );
    expect(pickMediaType(["application/x-ndjson", "application/xml"])).toBe("application/x-ndjson");
  });
});

describe("streamModel", () => {
  it("SSE with a schema: the schema types the data, parsed when it is not a string", () => {
    const Chunk = { type: "object", properties: { text: { type: "string" } } };
    expect(
      stream(
        { "text/event-stream": { schema: { $ref: "#/components/schemas/Chunk" } } },
        { Chunk },
      ),
    ).toEqual({
      format: "sse",
      mediaType: "text/event-stream",
      json: true,
      status: "200",
      events: false,
    });
    expect(stream({ "text/event-stream": { schema: { type: "string" } } })).not.toHaveProperty(
      "json",
    );
    expect(stream({ "text/event-stream": {} })).not.toHaveProperty("json");
  });

  it("SSE with an itemSchema: data is JSON for the events whose data schema is JSON, by event name", () => {
    const json = {
      type: "string",
      contentMediaType: "application/json",
      contentSchema: { type: "object" },
    };
    const s = stream({
      "text/event-stream": {
        itemSchema: {
          oneOf: [
            { properties: { event: { const: "b" }, data: json } },
            { properties: { event: { enum: ["a", "c"] }, data: { type: "object" } } },
            { properties: { event: { const: "text" }, data: { type: "string" } } },
          ],
        },
      },
    });
    expect(s).toMatchObject({ events: true, json: ["a", "b", "c"] });
    // an alternative with JSON data and any event name: every event
    const any = stream({ "text/event-stream": { itemSchema: { properties: { data: json } } } });
    expect(any).toMatchObject({ events: true, json: true });
  });

  it("NDJSON items: the itemSchema types each item, with no item-schema warning", () => {
    const m = model({
      "application/x-ndjson": {
        itemSchema: { type: "object", properties: { id: { type: "string" } } },
      },
    });
    expect(m.operations[0]!.stream).toEqual({
      format: "ndjson",
      mediaType: "application/x-ndjson",
      status: "200",
      events: false,
    });
    expect(m.operations[0]!.responseKind).toBe("stream");
    expect(m.issues.filter((i) => i.code === "item-schema")).toEqual([]);
    expect(typedSchema(m, "application/x-ndjson")).toEqual({
      type: "object",
      properties: { id: { type: "string" } },
    });
  });

  it("the types document types an event's JSON data by its contentSchema", () => {
    const m = model(
      {
        "text/event-stream": {
          itemSchema: {
            properties: {
              event: { const: "x" },
              data: {
                type: "string",
                contentMediaType: "application/json",
                contentSchema: { $ref: "#/components/schemas/X" },
              },
            },
          },
        },
      },
      { X: { type: "object" } },
    );
    expect(typedSchema(m, "text/event-stream")).toHaveProperty("properties.data", {
      $ref: "#/components/schemas/X",
    });
  });

  it("a response that offers JSON too is not a stream", () => {
    expect(
      stream({ "application/json": { schema: {} }, "text/event-stream": { schema: {} } }),
    ).toBeUndefined();
  });
});

describe("streaming companions", () => {
  function dual(extra: Record<string, unknown> = {}): ApiModel {
    const content = {
      "application/json": { schema: { $ref: "#/components/schemas/Chunk" } },
      "application/x-ndjson": { schema: { $ref: "#/components/schemas/Chunk" } },
    };
    const result = validate({
      openapi: "3.1.0",
      info: { title: "T", version: "1" },
      paths: {
        "/c": {
          post: { operationId: "complete", responses: { "200": { description: "ok", content } } },
        },
        ...extra,
      },
      components: { schemas: { Chunk: { type: "object" } } },
    });
    if (result.document === undefined) throw new Error(JSON.stringify(result.issues));
    return normalize(result.document, { input: "x.yaml", output: "out", name: "T" });
  }

  it("an operation offering JSON and a stream keeps reading JSON and gets a <name>Stream companion", () => {
    const [o] = dual().operations;
    expect(o!.responseKind).toBe("json");
    expect(o!.stream).toBeUndefined();
    expect(o!.streamVariant).toEqual({
      name: "completeStream",
      itemType: "CompleteStreamItem",
      namedType: "Chunk",
      stream: { format: "ndjson", mediaType: "application/x-ndjson", status: "200", events: false },
    });
  });

  it("a companion name taken by an operation is claimed deterministically, with a warning", () => {
    const clash = {
      "/s": { get: { operationId: "completeStream", responses: { "204": { description: "ok" } } } },
    };
    const m = dual(clash);
    expect(m.operations.map((o) => [o.name, o.streamVariant?.name])).toEqual([
      ["complete", "completeStream2"],
      ["completeStream", undefined],
    ]);
    expect(m.issues.find((i) => i.code === "renamed-operation")?.message).toBe(
      "the streaming variant of 'complete' is generated as 'completeStream2': 'completeStream' is already taken.",
    );
  });
});

describe("README", () => {
  it("shows the streaming example that test/fixtures/assertions/streaming.ts type-checks, verbatim", () => {
    const [block] = readmeBlocks("Streaming responses");
    expect(block).toBe(region(read("test/fixtures/assertions/streaming.ts"), "README example"));
  });
});
