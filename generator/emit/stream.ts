/**
 * emit/stream: a streaming operation as generated code and docs — the `stream` object of its `OperationSpec`,
 * the type of one item, how to iterate it, and an operation's streaming companion as an operation of its own.
 */
import type { OperationModel } from "../model/model.js";
import type { StreamModel } from "../model/stream.js";
import { literal } from "./docs.js";

/** `{ format: "sse", mediaType: "text/event-stream", json: true }`: the runtime's `StreamSpec`. */
export function streamLiteral(s: StreamModel): string {
  const fields = [`format: ${literal(s.format)}`, `mediaType: ${literal(s.mediaType)}`];
  if (s.json !== undefined)
    fields.push(
      `json: ${typeof s.json === "boolean" ? s.json : `[${s.json.map(literal).join(", ")}]`}`,
    );
  return `{ ${fields.join(", ")} }`;
}

/**
 * The type of one item, from the streamed response's content type `body`: a server-sent event whose `data`
 * is that type (JSON) or a string, an event typed by an `itemSchema` (one alternative per event name), or
 * the NDJSON / json-seq item.
 */
export function streamItemType(s: StreamModel, body: string): string {
  if (s.format !== "sse") return body;
  if (s.events) return `ServerSentEvent<unknown> & ${body}`;
  return s.json === true ? `ServerSentEvent<${body}>` : "ServerSentEvent<string>";
}

/** The paragraph of the function's docs on iterating it. */
export function streamDescription(o: OperationModel, s: StreamModel): string {
  const what =
    s.format === "sse"
      ? `server-sent events (\`${s.mediaType}\`): each item is \`{ event, data, id, retry }\`${
          s.json === true
            ? ", `data` parsed as JSON"
            : Array.isArray(s.json)
              ? `, \`data\` parsed as JSON for ${s.json.map((n) => `\`${n}\``).join(", ")}`
              : ""
        }`
      : `${s.mediaType}: each item is one parsed JSON value`;
  const reconnect =
    s.format === "sse"
      ? " When the connection drops it reconnects with `Last-Event-ID` after the server's `retry` time (for a method safe to repeat, with `idempotencyKey`, or once events carry an `id`), at most `maxRetries` times in a row."
      : "";
  return `Streams ${what}. Iterate with \`for await (const item of ${o.name}(…))\` (the request is sent then); \`break\` or abort \`signal\` to close the connection.${reconnect} \`timeoutMs\` bounds the wait for the headers and between bytes, not the whole stream; \`maxEventBytes\` caps one event.`;
}

/**
 * An operation's streaming companion as an operation of its own: the same parameters, request body and headers,
 * the streamed 2xx media type as its only success content, no pagination and no response dates.
 */
export function streamCompanion(o: OperationModel): OperationModel {
  const v = o.streamVariant!;
  const streamed = o.success.find((r) => r.status === v.stream.status) ?? {
    status: v.stream.status,
    hasHeaders: false,
  };
  const { namedType: _named, ...response } = streamed;
  const { response: _dates, ...dates } = o.dates ?? { inputs: [], errors: [] };
  const { pagination: _p, itemType: _i, streamVariant: _s, dates: _d, ...rest } = o;
  return {
    ...rest,
    name: v.name,
    variantOf: o.name,
    types: { ...o.types, item: v.itemType, responseDeclared: false },
    success: [
      {
        ...response,
        mediaType: v.stream.mediaType,
        ...(v.namedType !== undefined ? { namedType: v.namedType } : {}),
      },
    ],
    responseKind: "stream",
    stream: v.stream,
    ...(o.dates !== undefined ? { dates } : {}),
  };
}
