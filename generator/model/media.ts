/**
 * Media types: which one of a requestBody's or response's `content` the client uses, and how it is encoded.
 */
import type { BodyEncoding, ResponseKind, StreamFormat } from "../../templates/runtime/types.js";

/** Lower-cased media type without parameters: `application/json; charset=utf-8` → `application/json`. */
export function baseMediaType(mediaType: string): string {
  return (mediaType.split(";")[0] ?? "").trim().toLowerCase();
}

export function isJsonMediaType(mediaType: string): boolean {
  const base = baseMediaType(mediaType);
  return (
    base === "application/json" ||
    base.endsWith("+json") ||
    base === "*/*+json" ||
    /^application\/[\w.-]*json$/.test(base)
  );
}

/**
 * How a response of this media type streams, if it does: `text/event-stream` server-sent events,
 * `application/x-ndjson` / `application/jsonl` (also `jsonlines`) one JSON text per line, RFC 7464
 * `application/json-seq` records.
 */
export function streamFormat(mediaType: string): StreamFormat | undefined {
  const base = baseMediaType(mediaType);
  if (base === "text/event-stream") return "sse";
  if (/^application\/(x-)?(ndjson|jsonl|jsonlines)$/.test(base)) return "ndjson";
  if (base === "application/json-seq") return "json-seq";
  return undefined;
}

function rank(mediaType: string): number {
  const base = baseMediaType(mediaType);
  if (base === "application/json") return 0;
  // a stream only when the response offers nothing else the client reads whole
  if (streamFormat(base)) return 5.5;
  if (isJsonMediaType(base)) return 1;
  if (base === "application/x-www-form-urlencoded") return 2;
  if (base === "multipart/form-data") return 3;
  if (base.startsWith("text/")) return 4;
  if (base === "application/octet-stream") return 5;
  return 6;
}

/**
 * The media type the client uses among `content`'s keys: JSON first, then form, multipart, text, binary,
 * then a stream (server-sent events, NDJSON, json-seq).
 */
export function pickMediaType(mediaTypes: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const mediaType of mediaTypes) {
    if (best === undefined || rank(mediaType) < rank(best)) best = mediaType;
  }
  return best;
}

/** How a request body of this media type is encoded by the runtime. */
export function bodyEncoding(mediaType: string): BodyEncoding {
  const base = baseMediaType(mediaType);
  if (isJsonMediaType(base)) return "json";
  if (base === "application/x-www-form-urlencoded") return "form";
  if (base.startsWith("multipart/")) return "multipart";
  if (base.startsWith("text/") || base === "application/xml" || base.endsWith("+xml"))
    return "text";
  return "binary";
}

/** How a response of this media type is read (undefined media type: no content). */
export function responseKind(mediaType: string | undefined): ResponseKind {
  if (mediaType === undefined) return "empty";
  if (streamFormat(mediaType)) return "stream";
  const encoding = bodyEncoding(mediaType);
  return encoding === "json"
    ? "json"
    : encoding === "text" || encoding === "form"
      ? "text"
      : "binary";
}
