/**
 * Partial support (part of normalize): the warnings for what the client handles only partly — path-item and
 * operation `servers`, OpenAPI 3.2 `additionalOperations`, `query` operations and sequential `itemSchema` media,
 * and parameters in an unknown location. Pure apart from pushing issues.
 */
import {
  asArray,
  asRecord,
  asString,
  derefRecord,
  entries,
  isRecord,
  type JsonRecord,
} from "../util/document.js";
import { pointer, pointerToken } from "../util/issues.js";
import { responseKind, streamFormat } from "./media.js";
import type { Issue } from "./model.js";
import type { RawOperation } from "./types-document.js";

/**
 * What the client handles partially, reported once per place: OpenAPI 3.2 `query` operations and sequential
 * `itemSchema` media, and `servers` on a path item or operation (the client's server applies to every call).
 */
export function reportPartialSupport(
  doc: JsonRecord,
  raw: readonly RawOperation[],
  issues: Issue[],
): void {
  const reportedItems = new Set<string>();
  for (const r of raw) {
    if (Array.isArray(r.item["servers"]) && !reportedItems.has(r.path)) {
      reportedItems.add(r.path);
      issues.push({
        code: "path-servers-ignored",
        severity: "warning",
        pointer: `${pointer("paths", r.path)}/servers`,
        message:
          "servers on a path item are not used; the client's server (or baseUrl) applies to its operations.",
      });
    }
    if (
      isRecord(r.item["additionalOperations"]) &&
      !reportedItems.has(`${r.path} additionalOperations`)
    ) {
      reportedItems.add(`${r.path} additionalOperations`);
      issues.push({
        code: "additional-operations-ignored",
        severity: "warning",
        pointer: `${pointer("paths", r.path)}/additionalOperations`,
        message:
          "additionalOperations (OpenAPI 3.2 custom HTTP methods) are not generated; call them with fetch directly.",
      });
    }
    for (const [i, p] of asArray(r.op["parameters"]).entries()) {
      const location = asString(derefRecord(doc, p)?.["in"]);
      if (location !== undefined && !["path", "query", "header", "cookie"].includes(location)) {
        issues.push({
          code: "unsupported-parameter-location",
          severity: "warning",
          pointer: `${r.pointer}/parameters/${i}`,
          message: `parameters in '${location}' are not sent by the client; add it with onRequest.`,
        });
      }
    }
    if (Array.isArray(r.op["servers"])) {
      issues.push({
        code: "operation-servers-ignored",
        severity: "warning",
        pointer: `${r.pointer}/servers`,
        message:
          "servers on an operation are not used; the client's server (or baseUrl) applies; pass a client with baseUrl set for this call.",
      });
    }
    if (r.method === "query") {
      issues.push({
        code: "query-method",
        severity: "warning",
        pointer: r.pointer,
        message: `the QUERY operation is sent as QUERY; its types are generated under webhooks["QUERY ${r.path}"] because the paths type has no query method.`,
      });
    }
    const contents: [string, unknown][] = [
      ["requestBody", derefRecord(doc, r.op["requestBody"])?.["content"]],
    ];
    for (const [status, response] of entries(asRecord(r.op["responses"])))
      contents.push([`responses/${pointerToken(status)}`, derefRecord(doc, response)?.["content"]]);
    for (const [where, content] of contents) {
      for (const [mediaType, media] of entries(asRecord(content))) {
        const record = asRecord(media);
        if (record?.["itemSchema"] === undefined || record["schema"] !== undefined) continue;
        // a stream's items: typed and read one by one (model/stream.ts)
        if (where !== "requestBody" && streamFormat(mediaType) !== undefined) continue;
        issues.push({
          code: "item-schema",
          severity: "warning",
          pointer: `${r.pointer}/${where}/content/${pointerToken(mediaType)}`,
          message: `'${mediaType}' describes a sequence with itemSchema (OpenAPI 3.2); the body is typed unknown and read as ${responseKind(mediaType)}, not split into items.`,
        });
      }
    }
  }
}
