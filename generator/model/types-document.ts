/**
 * The document openapi-typescript types (part of normalize): the valid document with every operationId set to
 * its generated name and the quirks openapi-typescript would type loosely repaired. Pure.
 */
import {
  asRecord,
  entries,
  someRecord,
  type JsonRecord,
  type LowerMethod,
} from "../util/document.js";
import type { ValidDocument } from "../validate/validate.js";

/** One operation as found in `paths`. */
export interface RawOperation {
  readonly path: string;
  readonly method: LowerMethod;
  readonly op: JsonRecord;
  readonly item: JsonRecord;
  readonly pointer: string;
}

/** True when any schema in the document has `readOnly: true` or `writeOnly: true` (examples are skipped). Iterative. */
export function hasReadWriteOnly(doc: JsonRecord): boolean {
  return someRecord(
    doc,
    (record) => record["readOnly"] === true || record["writeOnly"] === true,
    (key) => key !== "example" && key !== "examples" && !key.startsWith("x-"),
  );
}

/**
 * The document with every operationId set to the generated name, so `operations[name]` exists for all.
 * openapi-typescript types only the eight classic methods, so each OpenAPI 3.2 `query` operation is typed
 * through a `webhooks` entry named `QUERY <path>` (its path item's parameters included).
 */
export function typesDocument(
  doc: ValidDocument,
  raw: readonly RawOperation[],
  names: readonly string[],
): Record<string, unknown> {
  const paths: JsonRecord = { ...doc.paths };
  const webhooks: JsonRecord = { ...asRecord(doc["webhooks"]) };
  raw.forEach((r, i) => {
    const item = { ...(paths[r.path] as JsonRecord) };
    if (Array.isArray(item["parameters"]))
      item["parameters"] = item["parameters"].map(parameterWithSchema);
    const op: JsonRecord = { ...(item[r.method] as JsonRecord), operationId: names[i] };
    if (Array.isArray(op["parameters"]))
      op["parameters"] = op["parameters"].map(parameterWithSchema);
    if (r.method === "query") {
      delete item[r.method];
      webhooks[`QUERY ${r.path}`] = {
        ...(item["parameters"] !== undefined ? { parameters: item["parameters"] } : {}),
        post: op,
      };
    } else item[r.method] = op;
    paths[r.path] = item;
  });
  const components = asRecord(doc["components"]);
  const parameters = asRecord(components?.["parameters"]);
  const fixed =
    parameters !== undefined
      ? {
          components: {
            ...components,
            parameters: Object.fromEntries(
              entries(parameters).map(([k, p]) => [k, parameterWithSchema(p)]),
            ),
          },
        }
      : {};
  return { ...doc, ...fixed, paths, ...(Object.keys(webhooks).length > 0 ? { webhooks } : {}) };
}

/**
 * A parameter described by `content` (e.g. JSON in a query string) typed by its media type's schema:
 * openapi-typescript reads only `schema` and would type it `string`.
 */
function parameterWithSchema(value: unknown): unknown {
  const param = asRecord(value);
  const content = asRecord(param?.["content"]);
  if (param === undefined || content === undefined || param["schema"] !== undefined) return value;
  const first = asRecord(content[Object.keys(content)[0] ?? ""]);
  return first?.["schema"] !== undefined ? { ...param, schema: first["schema"] } : value;
}
