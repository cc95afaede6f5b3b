/**
 * The mock engine answers streaming operations with a stream built from the example or generated data
 * (templates/runtime/mock-stream.ts), which the streaming client iterates like a server's.
 */
import { describe, expect, it } from "vitest";
import { createClientCore } from "../../templates/runtime/client.js";
import { createMockFetchCore } from "../../templates/runtime/mock.js";
import type { MockApi } from "../../templates/runtime/mock-request.js";
import { request } from "../../templates/runtime/request.js";
import { stream, type ServerSentEvent } from "../../templates/runtime/stream.js";
import type { OperationSpec, StreamSpec } from "../../templates/runtime/types.js";

const progress = {
  type: "object",
  required: ["event", "data"],
  properties: {
    event: { const: "progress" },
    data: { type: "object", required: ["percent"], properties: { percent: { type: "integer" } } },
  },
} as const;
const api: MockApi = {
  schemas: {},
  operations: [
    {
      id: "watch",
      method: "GET",
      path: "/watch",
      responses: [
        {
          status: "200",
          mediaType: "text/event-stream",
          examples: {
            two: [
              { event: "progress", data: '{"percent":50}', id: "1" },
              { event: "done", data: "{}" },
            ],
          },
        },
      ],
    },
    {
      id: "generated",
      method: "GET",
      path: "/generated",
      responses: [{ status: "200", mediaType: "text/event-stream", schema: progress }],
    },
    {
      id: "lines",
      method: "GET",
      path: "/lines",
      responses: [
        {
          status: "200",
          mediaType: "application/x-ndjson",
          examples: { default: [{ a: 1 }, { a: 2 }] },
        },
      ],
    },
    {
      // a response offering JSON and a stream: the JSON unless Accept asks for the stream
      id: "chat",
      method: "POST",
      path: "/chat",
      responses: [
        {
          status: "200",
          mediaType: "application/json",
          examples: { default: { text: "whole" } },
          stream: {
            mediaType: "text/event-stream",
            examples: { default: [{ data: '{"text":"a"}' }, { data: '{"text":"b"}' }] },
          },
        },
      ],
    },
    {
      id: "seq",
      method: "GET",
      path: "/seq",
      responses: [{ status: "200", mediaType: "application/json-seq", schema: { type: "number" } }],
    },
  ],
};
const client = createClientCore(
  { servers: [], securitySchemes: {} },
  { baseUrl: "http://mock.test", fetch: createMockFetchCore(api, { seed: 1 }) },
);
const op = (id: string, s: StreamSpec): OperationSpec => ({
  id,
  method: "GET",
  path: "/" + id,
  params: [],
  response: "stream",
  security: [],
  stream: s,
});
async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of items) out.push(x);
  return out;
}
const SSE: StreamSpec = { format: "sse", mediaType: "text/event-stream", json: true };

describe("mock streams", () => {
  it("answers server-sent events from an example: one event per array entry, fields kept", async () => {
    const events = await all(stream<ServerSentEvent<unknown>>(client, op("watch", SSE), undefined));
    expect(events).toEqual([
      { event: "progress", data: { percent: 50 }, id: "1", retry: undefined },
      { event: "done", data: {}, id: "1", retry: undefined },
    ]);
  });

  it("answers an event generated from the item schema, its JSON data serialized", async () => {
    const [e, ...rest] = await all(
      stream<ServerSentEvent<{ percent: number }>>(client, op("generated", SSE), undefined),
    );
    expect(rest).toEqual([]);
    expect(e!.event).toBe("progress");
    expect(typeof e!.data.percent).toBe("number");
  });

  it("answers NDJSON lines and json-seq records", async () => {
    expect(
      await all(
        stream(
          client,
          op("lines", { format: "ndjson", mediaType: "application/x-ndjson" }),
          undefined,
        ),
      ),
    ).toEqual([{ a: 1 }, { a: 2 }]);
    const seq = await all(
      stream(
        client,
        op("seq", { format: "json-seq", mediaType: "application/json-seq" }),
        undefined,
      ),
    );
    expect(seq.map((v) => typeof v)).toEqual(["number"]);
  });

  it("answers a streaming companion (Accept: the stream) with the stream, its operation with JSON", async () => {
    const chat = { ...op("chat", SSE), method: "POST" as const, path: "/chat" };
    const { stream: _stream, ...plain } = chat;
    expect(await request(client, { ...plain, response: "json" }, undefined)).toEqual({
      text: "whole",
    });
    const events = await all(
      stream<ServerSentEvent<{ text: string }>>(client, { ...chat, id: "chatStream" }, undefined),
    );
    expect(events.map((e) => e.data.text)).toEqual(["a", "b"]);
  });
});
