/**
 * Repairs of the operations validate applies (each reported as a warning): duplicate operationIds, path parameters
 * that the path template lacks or declares without defining; and the header-parameter case check.
 */
import {
  asArray,
  asRecord,
  asString,
  deref,
  entries,
  METHODS,
  type JsonRecord,
} from "../util/document.js";
import { pointer } from "../util/issues.js";
import { warnHeaderCaseClashes } from "./headers.js";

/** Path keys, duplicate operationIds and path parameters: reported, and repaired in a copy of `paths`. */
export function repairOperations(
  doc: JsonRecord,
  paths: JsonRecord,
  error: (code: string, ptr: string, message: string) => void,
  warn: (code: string, ptr: string, message: string) => void,
): JsonRecord {
  const out: JsonRecord = {};
  const seenIds = new Map<string, string>();
  const reportedClashes = new Set<string>();
  for (const [path, rawItem] of entries(paths)) {
    const itemPtr = pointer("paths", path);
    if (!path.startsWith("/")) {
      error(
        "path-not-absolute",
        itemPtr,
        `path '${path}' does not start with '/'; write it as '/${path}'.`,
      );
      continue;
    }
    const item = asRecord(deref(doc, rawItem));
    if (item === undefined) continue;
    const templateNames = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
    const newItem: JsonRecord = { ...item };
    for (const method of METHODS) {
      const op = asRecord(item[method]);
      if (op === undefined) continue;
      const opPtr = pointer("paths", path, method);
      const newOp: JsonRecord = { ...op };
      const id = asString(op["operationId"]);
      if (id !== undefined) {
        const first = seenIds.get(id);
        if (first !== undefined) {
          warn(
            "duplicate-operation-id",
            `${opPtr}/operationId`,
            `operationId '${id}' is already used at ${first}; this operation gets a derived name.`,
          );
          delete newOp["operationId"];
        } else seenIds.set(id, opPtr);
      }
      newOp["parameters"] = repairPathParams(doc, item, op, templateNames, opPtr, warn);
      warnHeaderCaseClashes(doc, item, op, itemPtr, opPtr, reportedClashes, warn);
      newItem[method] = newOp;
    }
    out[path] = newItem;
  }
  return out;
}

function repairPathParams(
  doc: JsonRecord,
  item: JsonRecord,
  op: JsonRecord,
  templateNames: readonly string[],
  opPtr: string,
  warn: (code: string, ptr: string, message: string) => void,
): unknown[] {
  const own = asArray(op["parameters"]);
  const declared = new Set<string>();
  for (const p of [...asArray(item["parameters"]), ...own]) {
    const param = asRecord(deref(doc, p));
    if (param?.["in"] === "path" && typeof param["name"] === "string") declared.add(param["name"]);
  }
  const result: unknown[] = [];
  own.forEach((p, i) => {
    const param = asRecord(deref(doc, p));
    if (
      param?.["in"] === "path" &&
      typeof param["name"] === "string" &&
      !templateNames.includes(param["name"])
    ) {
      warn(
        "unused-path-parameter",
        `${opPtr}/parameters/${i}`,
        `path parameter '${param["name"]}' is not in the path template; it is dropped.`,
      );
      return;
    }
    result.push(p);
  });
  for (const name of templateNames) {
    if (!declared.has(name)) {
      warn(
        "undeclared-path-parameter",
        opPtr,
        `path parameter '{${name}}' is in the path but not declared; it is added as a required string.`,
      );
      result.push({ name, in: "path", required: true, schema: { type: "string" } });
    }
  }
  return result;
}
