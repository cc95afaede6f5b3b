/**
 * Safe accessors over an untrusted, loosely typed OpenAPI document.
 * Real documents are messy, so nothing here assumes a shape: every read checks its type.
 */
import { parsePointer } from "./issues.js";

export type JsonRecord = Record<string, unknown>;

/** The HTTP methods a path item may hold, lower-case, in the order the generator visits them. */
export const METHODS = [
  "get",
  "put",
  "post",
  "delete",
  "options",
  "head",
  "patch",
  "trace",
  "query",
] as const;
export type LowerMethod = (typeof METHODS)[number];

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function asRecord(value: unknown): JsonRecord | undefined {
  return isRecord(value) ? value : undefined;
}

export function asString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** A string with something in it, or undefined: blank text (`""`, `" "`) documents nothing. */
export function asText(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Own enumerable keys that are not `__proto__`-style traps, in document order. */
export function entries(record: JsonRecord | undefined): [string, unknown][] {
  if (record === undefined) return [];
  return Object.keys(record).map((k) => [k, record[k]]);
}

/** Value at a local JSON pointer (`#/components/schemas/Pet`), or undefined. */
export function getPointer(doc: unknown, ref: string): unknown {
  let node: unknown = doc;
  for (const token of parsePointer(ref)) {
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isRecord(node) && Object.prototype.hasOwnProperty.call(node, token))
      node = node[token];
    else return undefined;
  }
  return node;
}

/**
 * Follows local `$ref`s until a non-reference value. Returns undefined for a dangling or cyclic chain
 * (validate reports those; everything after it may assume they are gone).
 */
export function deref(doc: unknown, value: unknown): unknown {
  const seen = new Set<string>();
  let node = value;
  while (isRecord(node) && typeof node["$ref"] === "string") {
    const ref = node["$ref"];
    if (!ref.startsWith("#") || seen.has(ref)) return undefined;
    seen.add(ref);
    node = getPointer(doc, ref);
  }
  return node;
}

/** `deref` as a record, or undefined. */
export function derefRecord(doc: unknown, value: unknown): JsonRecord | undefined {
  return asRecord(deref(doc, value));
}

/**
 * True when `test` holds for any object (not array) reachable from `root`. Iterative, so deep documents cannot
 * overflow the stack; `descend(key)` decides which properties are walked (all by default).
 */
export function someRecord(
  root: unknown,
  test: (record: JsonRecord) => boolean,
  descend: (key: string) => boolean = () => true,
): boolean {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== "object" || node === null) continue;
    if (Array.isArray(node)) {
      for (const item of node) stack.push(item);
      continue;
    }
    const record = node as JsonRecord;
    if (test(record)) return true;
    for (const key of Object.keys(record)) if (descend(key)) stack.push(record[key]);
  }
  return false;
}
