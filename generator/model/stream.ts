/**
 * Streamed responses (part of normalize): which operations stream, how their items are cut and whether an
 * event's `data` is JSON, the types document's view of an OpenAPI 3.2 `itemSchema`, and the naming of streaming
 * companions (`<name>Stream`) for operations that offer a whole body and a stream. Pure.
 */
import type { StreamSpec } from "../../templates/runtime/types.js";
import {
  asArray,
  asRecord,
  asString,
  derefRecord,
  entries,
  type JsonRecord,
} from "../util/document.js";
import type { Issue } from "../util/issues.js";
import { isJsonMediaType, streamFormat } from "./media.js";
import { claim } from "./naming.js";
import { buildResponses } from "./operation-parts.js";
import type { RawOperation } from "./types-document.js";

/** How an operation's 2xx response streams. */
export interface StreamModel extends StreamSpec {
  /** Status of the streamed response (`200`). */
  readonly status: string;
  /**
   * The media type's `itemSchema` describes whole server-sent events (`{ event, data, id, retry }`); otherwise
   * its `schema` (or `itemSchema`) describes each event's `data`, or each NDJSON / json-seq item.
   */
  readonly events: boolean;
}

/**
 * Whether a `data` schema says the data is JSON: any schema but a string (or an empty one); a string whose
 * `contentMediaType` is JSON is JSON too.
 */
function jsonData(doc: JsonRecord, value: unknown): boolean {
  const s = derefRecord(doc, value);
  if (s === undefined || Object.keys(s).length === 0) return false;
  const media = asString(s["contentMediaType"]);
  if (media !== undefined) return isJsonMediaType(media);
  const types = asArray(s["type"]).concat(typeof s["type"] === "string" ? [s["type"]] : []);
  return !(types.length > 0 && types.every((t) => t === "string" || t === "null"));
}

/** The event names an event schema's `event` property allows (`const`, `enum`), or undefined for any. */
function eventNames(doc: JsonRecord, value: unknown): string[] | undefined {
  const s = derefRecord(doc, value);
  const values = s?.["const"] !== undefined ? [s["const"]] : asArray(s?.["enum"]);
  const names = values.filter((v): v is string => typeof v === "string");
  return names.length > 0 ? names : undefined;
}

/** The alternatives of an event schema (`oneOf`/`anyOf` entries), each dereferenced. */
function variants(doc: JsonRecord, value: unknown): JsonRecord[] {
  const s = derefRecord(doc, value) ?? {};
  const list = asArray(s["oneOf"] ?? s["anyOf"]);
  return list.length > 0 ? list.map((v) => derefRecord(doc, v) ?? {}) : [s];
}

/**
 * The stream of an operation whose chosen 2xx media type streams (see `streamFormat`), else undefined.
 * For server-sent events, `json` is `true` when every event's data is JSON, the names of the events whose
 * data is JSON (an `itemSchema` whose alternatives fix `event` with `const`/`enum`), or absent.
 */
export function streamModel(
  doc: JsonRecord,
  response: JsonRecord | undefined,
  status: string,
  mediaType: string | undefined,
): StreamModel | undefined {
  const format = mediaType !== undefined ? streamFormat(mediaType) : undefined;
  if (format === undefined) return undefined;
  const media = asRecord(asRecord(response?.["content"])?.[mediaType!]);
  const events = format === "sse" && media?.["itemSchema"] !== undefined;
  let json: boolean | string[] = format !== "sse";
  if (format === "sse" && !events) json = jsonData(doc, media?.["schema"]);
  if (events) {
    const names = new Set<string>();
    for (const v of variants(doc, media["itemSchema"])) {
      if (!jsonData(doc, asRecord(v["properties"])?.["data"])) continue;
      const ns = eventNames(doc, asRecord(v["properties"])?.["event"]);
      if (ns === undefined) {
        json = true;
        break;
      }
      ns.forEach((n) => names.add(n));
    }
    if (json !== true && names.size > 0)
      json = [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }
  return {
    format,
    mediaType: mediaType!,
    ...(format === "sse" && json !== false ? { json } : {}),
    status,
    events,
  };
}

/**
 * The stream an operation offers besides the body it returns: its first 2xx response with content is read whole
 * (JSON, text, …) but also offers a stream media type (the first in document order), so the operation gets a
 * streaming companion function. Undefined when the operation already streams or offers no stream.
 */
export function streamAlternative(
  doc: JsonRecord,
  op: JsonRecord,
): { status: string; mediaType: string } | undefined {
  const first = buildResponses(doc, op, new Map()).success.find((s) => s.mediaType !== undefined);
  if (first === undefined || streamFormat(first.mediaType!) !== undefined) return undefined;
  const response = derefRecord(doc, asRecord(op["responses"])?.[first.status]);
  const content = Object.keys(asRecord(response?.["content"]) ?? {});
  const mediaType = content.find((m) => streamFormat(m) !== undefined);
  return mediaType !== undefined ? { status: first.status, mediaType } : undefined;
}

/** An event schema with a JSON `data` typed by what it holds: `contentSchema`, or unknown. */
export function parsedEvent(doc: JsonRecord, value: unknown): unknown {
  const s = derefRecord(doc, value);
  const props = asRecord(s?.["properties"]);
  const list = asArray(s?.["oneOf"] ?? s?.["anyOf"]);
  if (s === undefined) return value;
  if (list.length > 0) {
    const key = s["oneOf"] !== undefined ? "oneOf" : "anyOf";
    return { ...s, [key]: list.map((v) => parsedEvent(doc, v)) };
  }
  const data = derefRecord(doc, props?.["data"]);
  if (props === undefined || data?.["contentMediaType"] === undefined) return s;
  const parsed = jsonData(doc, data) ? (data["contentSchema"] ?? {}) : data;
  return { ...s, properties: { ...props, data: parsed } };
}

/** A `content` map with each streamed media type's `itemSchema` as its `schema` (events' JSON data parsed). */
function withItemSchema(doc: JsonRecord, content: unknown): unknown {
  const map = asRecord(content);
  if (map === undefined) return content;
  let changed = false;
  const out: JsonRecord = {};
  for (const [mediaType, value] of entries(map)) {
    const media = asRecord(value);
    const item = media?.["itemSchema"];
    const format = streamFormat(mediaType);
    if (format === undefined || item === undefined || media!["schema"] !== undefined) {
      out[mediaType] = value;
      continue;
    }
    changed = true;
    out[mediaType] = { ...media, schema: format === "sse" ? parsedEvent(doc, item) : item };
  }
  return changed ? out : content;
}

/**
 * The responses of a document (operations' and `components.responses`) with every streamed `itemSchema`
 * moved to `schema`, so openapi-typescript types each item (it reads only `schema`). Copies only what changes.
 */
export function typeItemSchemas(doc: JsonRecord): JsonRecord {
  const fixResponse = (r: unknown): unknown => {
    const response = asRecord(r);
    if (response?.["content"] === undefined) return r;
    const content = withItemSchema(doc, response["content"]);
    return content === response["content"] ? r : { ...response, content };
  };
  const fixResponses = (rs: unknown): unknown => {
    const map = asRecord(rs);
    if (map === undefined) return rs;
    const out = Object.fromEntries(entries(map).map(([k, v]) => [k, fixResponse(v)]));
    return entries(map).some(([k, v]) => out[k] !== v) ? out : rs;
  };
  const fixItem = (item: unknown): unknown => {
    const rec = asRecord(item);
    if (rec === undefined) return item;
    const out: JsonRecord = { ...rec };
    for (const [method, op] of entries(rec)) {
      const o = asRecord(op);
      if (o?.["responses"] === undefined) continue;
      const responses = fixResponses(o["responses"]);
      if (responses !== o["responses"]) out[method] = { ...o, responses };
    }
    return out;
  };
  const fixPaths = (paths: unknown): unknown => {
    const map = asRecord(paths);
    return map && Object.fromEntries(entries(map).map(([k, v]) => [k, fixItem(v)]));
  };
  const components = asRecord(doc["components"]);
  return {
    ...doc,
    ...(doc["paths"] !== undefined ? { paths: fixPaths(doc["paths"]) } : {}),
    ...(doc["webhooks"] !== undefined ? { webhooks: fixPaths(doc["webhooks"]) } : {}),
    ...(components?.["responses"] !== undefined
      ? { components: { ...components, responses: fixResponses(components["responses"]) } }
      : {}),
  };
}

/** An operation's streaming companion: its name and the 2xx response's stream media type it reads. */
export interface StreamCompanion {
  readonly status: string;
  readonly mediaType: string;
  readonly name: string;
}

/**
 * The streaming companion of each operation in `raw` (undefined where it has none), named `<name>Stream` after
 * `names`, claimed in `functionNames` (a taken name gets a suffix and a `renamed-operation` warning on `issues`).
 */
export function streamCompanions(
  doc: JsonRecord,
  raw: readonly RawOperation[],
  names: readonly string[],
  functionNames: Set<string>,
  issues: Issue[],
): (StreamCompanion | undefined)[] {
  return raw.map((r, i) => {
    const alternative = streamAlternative(doc, r.op);
    if (alternative === undefined) return undefined;
    const natural = `${names[i]!}Stream`;
    const name = claim(natural, functionNames);
    if (name !== natural)
      issues.push({
        code: "renamed-operation",
        severity: "warning",
        pointer: r.pointer,
        message: `the streaming variant of '${names[i]!}' is generated as '${name}': '${natural}' is already taken.`,
      });
    return { ...alternative, name };
  });
}
