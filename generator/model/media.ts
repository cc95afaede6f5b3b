/**
 * Media types: which one of a requestBody's or response's `content` the client uses, and how it is encoded.
 */
import type { BodyEncoding, ResponseKind } from "../../templates/runtime/types.js";

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

function rank(mediaType: string): number {
  const base = baseMediaType(mediaType);
  if (base === "application/json") return 0;
  if (isJsonMediaType(base)) return 1;
  if (base === "application/x-www-form-urlencoded") return 2;
  if (base === "multipart/form-data") return 3;
  if (base.startsWith("text/")) return 4;
  if (base === "application/octet-stream") return 5;
  return 6;
}

/** The media type the client uses among `content`'s keys: JSON first, then form, multipart, text, binary. */
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
  const encoding = bodyEncoding(mediaType);
  return encoding === "json"
    ? "json"
    : encoding === "text" || encoding === "form"
      ? "text"
      : "binary";
}
