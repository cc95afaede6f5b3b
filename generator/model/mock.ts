/**
 * What the generated `mock.ts` needs from the document (part of normalize): each operation's parameter, request
 * body and response schemas with their examples, and every schema they reference, once, by `$ref`. Schemas are
 * reduced to the keywords that decide validity (documentation dropped) and OpenAPI 3.0's forms are turned into
 * 3.1's (`nullable` → a `null` type, boolean `exclusiveMinimum` → a number), so the mock reads one dialect.
 */
import { streamFormat } from "./media.js";
import { parsedEvent } from "./stream.js";
import {
  asArray,
  asRecord,
  asString,
  deref,
  derefRecord,
  entries,
  getPointer,
  isRecord,
  type JsonRecord,
} from "../util/document.js";
import { compareCodeUnits } from "./naming.js";
import type {
  MockModel,
  MockOperationModel,
  MockResponseModel,
  OperationModel,
  ServerModel,
} from "./model.js";
import type { RawOperation } from "./types-document.js";

/** Keywords copied as they are (when their value has the right JSON type). */
const NUMBERS = [
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "multipleOf",
  "minItems",
  "maxItems",
  "minProperties",
  "maxProperties",
];
const FLAGS = ["uniqueItems", "readOnly", "writeOnly"];
const STRINGS = ["format", "pattern"];
/** Nesting beyond this is not followed (the mock's own limits are far lower). */
const MAX_DEPTH = 64;

const isScalar = (v: unknown): boolean =>
  v === null || ["string", "number", "boolean"].includes(typeof v);

/** Reduces schemas and collects the `$ref`s they use. */
class Reducer {
  readonly refs = new Set<string>();
  constructor(private readonly doc: JsonRecord) {}

  /**
   * A local `$ref` (a schema's, or a discriminator mapping's: validate has turned mapped schema names into
   * `$ref`s, see `invalid-discriminator`) → the schema table key.
   */
  private ref(ref: string): string {
    this.refs.add(ref);
    return ref;
  }

  schema(value: unknown, depth = 0): JsonRecord {
    if (value === true || !isRecord(value) || depth > MAX_DEPTH)
      return value === false ? { not: {} } : {};
    const out: JsonRecord = {};
    const ref = asString(value["$ref"]);
    if (ref !== undefined) {
      if (!ref.startsWith("#")) return {};
      out["$ref"] = this.ref(ref);
    }
    const nested = (v: unknown): JsonRecord => this.schema(v, depth + 1);
    const list = (v: unknown): JsonRecord[] | undefined =>
      Array.isArray(v) ? v.map(nested) : undefined;
    // validate's repair has dropped unknown `type` names (`unknown-type`), so what is left is copied as it is
    const type = value["type"];
    if (typeof type === "string" || Array.isArray(type)) out["type"] = type;
    if (Array.isArray(value["enum"])) out["enum"] = value["enum"];
    if ("const" in value) out["const"] = value["const"];
    for (const k of STRINGS) if (typeof value[k] === "string") out[k] = value[k];
    for (const k of NUMBERS) if (typeof value[k] === "number") out[k] = value[k];
    for (const k of FLAGS) if (value[k] === true) out[k] = true;
    for (const k of ["Minimum", "Maximum"] as const) {
      const ex = value[`exclusive${k}`];
      const bound = value[k.toLowerCase()];
      if (typeof ex === "number") out[`exclusive${k}`] = ex;
      else if (ex === true && typeof bound === "number") {
        out[`exclusive${k}`] = bound;
        delete out[k.toLowerCase()];
      }
    }
    if (isScalar(value["default"])) out["default"] = value["default"];
    const example = value["example"] ?? asArray(value["examples"])[0];
    if (example !== undefined && isScalar(example)) out["example"] = example;
    if (Array.isArray(value["required"]))
      out["required"] = value["required"].filter((r) => typeof r === "string");
    if (isRecord(value["properties"]))
      out["properties"] = Object.fromEntries(
        entries(value["properties"]).map(([k, v]) => [k, nested(v)]),
      );
    const extra = value["additionalProperties"];
    if (typeof extra === "boolean") out["additionalProperties"] = extra;
    else if (isRecord(extra)) out["additionalProperties"] = nested(extra);
    const items = value["items"];
    if (typeof items === "boolean") out["items"] = items;
    else if (isRecord(items)) out["items"] = nested(items);
    for (const k of ["prefixItems", "allOf", "anyOf", "oneOf"]) {
      const l = list(value[k]);
      if (l !== undefined && l.length > 0) out[k] = l;
    }
    if (isRecord(value["not"])) out["not"] = nested(value["not"]);
    const d = asRecord(value["discriminator"]);
    const propertyName = asString(d?.["propertyName"]);
    if (propertyName !== undefined) {
      const mapping = entries(asRecord(d?.["mapping"])).filter(
        (e): e is [string, string] => typeof e[1] === "string",
      );
      out["discriminator"] = {
        propertyName,
        ...(mapping.length > 0
          ? { mapping: Object.fromEntries(mapping.map(([k, t]) => [k, this.ref(t)])) }
          : {}),
      };
    }
    if (value["nullable"] !== true) return out;
    // OpenAPI 3.0: `nullable` adds null to the types (an enum without null still refuses it, as ajv reads it)
    if (typeof out["type"] === "string") out["type"] = [out["type"], "null"];
    else if (Array.isArray(out["type"]))
      out["type"] = [...new Set([...(out["type"] as unknown[]), "null"])];
    else return { anyOf: [out, { type: "null" }] };
    return out;
  }

  /** Every referenced schema, reduced, by `$ref` (code-unit order). */
  table(): Record<string, JsonRecord> {
    const out: Record<string, JsonRecord> = {};
    for (
      let pending = [...this.refs];
      pending.length > 0;
      pending = [...this.refs].filter((r) => !(r in out))
    )
      for (const ref of pending) out[ref] = this.schema(getPointer(this.doc, ref));
    return Object.fromEntries(
      Object.keys(out)
        .sort(compareCodeUnits)
        .map((k) => [k, out[k]!]),
    );
  }
}

/** A media type's examples by name: `example` as `default`, `examples` entries' values (`$ref`s followed). */
function examples(
  doc: JsonRecord,
  media: JsonRecord | undefined,
  schema: unknown,
): Record<string, unknown> | undefined {
  if (media === undefined) return undefined;
  const out: Record<string, unknown> = {};
  if (media["example"] !== undefined) out["default"] = media["example"];
  for (const [name, e] of entries(asRecord(media["examples"]))) {
    const value = derefRecord(doc, e)?.["value"];
    if (value !== undefined) out[name] = value;
  }
  const own = derefRecord(doc, schema)?.["example"];
  if (Object.keys(out).length === 0 && own !== undefined) out["default"] = own;
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The path prefixes of the servers' URLs (`https://api.example.com/v2` → `/v2`), longest first. */
function basePaths(servers: readonly ServerModel[]): string[] {
  const paths = new Set<string>();
  for (const s of servers) {
    const url = s.url.replace(/\{([^}]+)\}/g, (_, v: string) => s.variables[v]?.default ?? "x");
    try {
      const p = new URL(url, "http://localhost").pathname.replace(/\/+$/, "");
      if (p !== "") paths.add(p);
    } catch {
      // a server URL that does not parse adds no prefix
    }
  }
  return [...paths].sort((a, b) => b.length - a.length || compareCodeUnits(a, b));
}

/** The last `$ref` of a chain of references starting at `value` (its own `$ref`), if it is one. */
function lastRef(doc: JsonRecord, value: unknown): string | undefined {
  let ref: string | undefined;
  for (let n = 0; n < 16; n++) {
    const next = asString(asRecord(value)?.["$ref"]);
    if (next === undefined || !next.startsWith("#")) return ref;
    ref = next;
    value = getPointer(doc, next);
  }
  return ref;
}

/** A response's media type: its reduced schema, examples and declared headers (a `$ref`'d header by reference). */
function responseBody(
  doc: JsonRecord,
  reducer: Reducer,
  response: JsonRecord,
  mediaType: string | undefined,
  streamMedia?: string,
): Omit<MockResponseModel, "status"> {
  const media =
    mediaType !== undefined ? asRecord(asRecord(response["content"])?.[mediaType]) : undefined;
  // a stream's item (server-sent events: with JSON data as its parsed value, which the mock serializes)
  const item = media?.["itemSchema"];
  const schema =
    media?.["schema"] ??
    (item !== undefined && mediaType !== undefined && streamFormat(mediaType) === "sse"
      ? parsedEvent(doc, item)
      : item);
  const found = examples(doc, media, schema);
  const headers = entries(asRecord(response["headers"])).flatMap(([name, h]) => {
    const ref = lastRef(doc, h);
    const s = derefRecord(doc, h)?.["schema"];
    if (s === undefined || name.toLowerCase() === "content-type") return [];
    // a header component is referenced, not copied into every response that declares it
    return [
      [
        name.toLowerCase(),
        ref !== undefined ? reducer.schema({ $ref: `${ref}/schema` }) : reducer.schema(s),
      ] as const,
    ];
  });
  return {
    ...(mediaType !== undefined ? { mediaType } : {}),
    ...(schema !== undefined
      ? { schema: reducer.schema(deref(doc, schema) === undefined ? {} : schema) }
      : {}),
    ...(found !== undefined ? { examples: found } : {}),
    ...(headers.length > 0 ? { headers: Object.fromEntries(headers) } : {}),
    ...(streamMedia !== undefined
      ? { stream: streamBody(doc, reducer, response, streamMedia) }
      : {}),
  };
}

/** The stream media type a response offers besides its chosen one: its schema and examples. */
function streamBody(
  doc: JsonRecord,
  reducer: Reducer,
  response: JsonRecord,
  mediaType: string,
): Pick<MockResponseModel, "mediaType" | "schema" | "examples"> {
  const { schema, examples } = responseBody(
    doc,
    reducer,
    { content: response["content"] },
    mediaType,
  );
  return {
    mediaType,
    ...(schema !== undefined ? { schema } : {}),
    ...(examples !== undefined ? { examples } : {}),
  };
}

/**
 * The mock's view of every operation and the schemas they reference. `raw[i]` is the document's operation that
 * `operations[i]` was built from; `servers` give the base paths requests are matched under. Returns operations
 * aligned with `operations`, reduced schemas and shared responses keyed by `$ref` (code-unit order). Never throws:
 * a `$ref` that points nowhere reduces to the empty schema (validate has reported it).
 */
export function mockModel(
  doc: JsonRecord,
  raw: readonly RawOperation[],
  operations: readonly OperationModel[],
  servers: readonly ServerModel[],
): MockModel {
  const reducer = new Reducer(doc);
  const shared: Record<string, Omit<MockResponseModel, "status">> = {};
  const ops = operations.map((o, i): MockOperationModel => {
    const r = raw[i]!;
    const params = o.parameters.map((p) => {
      const param = derefRecord(doc, getPointer(doc, `#${p.pointer}`)) ?? {};
      const content = asRecord(param["content"]);
      const schema =
        param["schema"] ?? asRecord(content?.[Object.keys(content ?? {})[0] ?? ""])?.["schema"];
      return schema !== undefined ? { schema: reducer.schema(schema) } : {};
    });
    const bodyMedia = o.requestBody?.mediaType;
    const requestBody = derefRecord(doc, r.op["requestBody"]);
    const bodySchema =
      bodyMedia !== undefined
        ? asRecord(asRecord(requestBody?.["content"])?.[bodyMedia])?.["schema"]
        : undefined;
    const variant = o.streamVariant?.stream;
    const responses = [...o.success, ...o.errors].map((m): MockResponseModel => {
      const value = asRecord(r.op["responses"])?.[m.status];
      const response = derefRecord(doc, value) ?? {};
      const ref = lastRef(doc, value);
      const streamMedia = variant?.status === m.status ? variant.mediaType : undefined;
      // a response component is described once, in `responses`, for every operation that uses it
      if (ref === undefined)
        return {
          status: m.status,
          ...responseBody(doc, reducer, response, m.mediaType, streamMedia),
        };
      shared[ref] ??= responseBody(doc, reducer, response, m.mediaType, streamMedia);
      return { status: m.status, $ref: ref };
    });
    return {
      params,
      ...(bodySchema !== undefined ? { bodySchema: reducer.schema(bodySchema) } : {}),
      responses,
    };
  });
  const responses = Object.fromEntries(
    Object.keys(shared)
      .sort(compareCodeUnits)
      .map((k) => [k, shared[k]!]),
  );
  return { schemas: reducer.table(), responses, operations: ops, basePaths: basePaths(servers) };
}
