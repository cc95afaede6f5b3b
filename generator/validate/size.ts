/**
 * Size limits: documents whose client would not fit in memory get a clear error from validate, before any stage
 * builds the code, instead of exhausting the heap (or a string's maximum length) later.
 */
import {
  asArray,
  asRecord,
  entries,
  getPointer,
  isRecord,
  METHODS,
  type JsonRecord,
} from "../util/document.js";
import { pointer, pointerToken } from "../util/issues.js";

type ErrorSink = (code: string, ptr: string, message: string) => void;

/**
 * Most operations one client is generated with. Memory grows with the emitted code (measured: 2,280 operations
 * and schemas peak at 1.3 GB RSS), so a bigger document gets a clear error instead of exhausting the heap.
 */
export const MAX_OPERATIONS = 4000;
/** Most component schemas one client is generated with (same reason as {@link MAX_OPERATIONS}). */
export const MAX_SCHEMAS = 10_000;

function checkCounts(doc: JsonRecord, paths: JsonRecord, error: ErrorSink): void {
  let operations = 0;
  for (const key of Object.keys(paths)) {
    const item = asRecord(paths[key]);
    if (item !== undefined)
      for (const method of METHODS) if (item[method] !== undefined) operations++;
  }
  if (operations > MAX_OPERATIONS) {
    error(
      "too-many-operations",
      "/paths",
      `the document has ${operations} operations; one client holds at most ${MAX_OPERATIONS} (the generated code would not fit in memory). Split the document into several targets, e.g. by tag.`,
    );
  }
  const schemas = Object.keys(asRecord(asRecord(doc["components"])?.["schemas"]) ?? {}).length;
  if (schemas > MAX_SCHEMAS) {
    error(
      "too-many-schemas",
      "/components/schemas",
      `the document has ${schemas} component schemas; one client holds at most ${MAX_SCHEMAS}. Split the document into several targets.`,
    );
  }
}

/**
 * Most characters of description the operations' docs may carry in all (16 Mi). Each operation's JSDoc, and the
 * types of its parameters, repeat the descriptions of the parameters, request body and responses it uses, so a long
 * description shared through `$ref` by many operations multiplies: a 100 KB parameter description used by 2,000
 * operations gave 600 MB of code, and by 2,700 a RangeError ("Invalid string length"). The real specs under
 * SPECS_DIR carry at most 0.3 M.
 */
export const MAX_OPERATION_DOCS = 16 * 1024 * 1024;

/** `value` with local `$ref`s followed, and the pointer of where it was found (undefined when dangling or cyclic). */
function resolve(doc: JsonRecord, value: unknown, at: string): [string, JsonRecord | undefined] {
  const seen = new Set<string>();
  let node = value;
  let ptr = at;
  while (isRecord(node) && typeof node["$ref"] === "string") {
    const ref = node["$ref"];
    if (!ref.startsWith("#") || seen.has(ref)) return [ptr, undefined];
    seen.add(ref);
    ptr = ref.slice(1);
    node = getPointer(doc, ref);
  }
  return [ptr, asRecord(node)];
}

/** Characters of description each operation's docs carry, by where each description is (pointer). */
function operationDocs(
  doc: JsonRecord,
  paths: JsonRecord,
): Map<string, { chars: number; uses: number }> {
  const sources = new Map<string, { chars: number; uses: number }>();
  const add = (value: unknown, at: string): void => {
    const [ptr, record] = resolve(doc, value, at);
    const description = record?.["description"];
    if (typeof description !== "string" || description === "") return;
    const source = sources.get(ptr) ?? { chars: description.length, uses: 0 };
    source.uses++;
    sources.set(ptr, source);
  };
  for (const [path, rawItem] of entries(paths)) {
    const [itemPtr, item] = resolve(doc, rawItem, pointer("paths", path));
    if (item === undefined) continue;
    for (const method of METHODS) {
      const op = asRecord(item[method]);
      if (op === undefined) continue;
      const opPtr = pointer("paths", path, method);
      asArray(item["parameters"]).forEach((p, i) => add(p, `${itemPtr}/parameters/${i}`));
      asArray(op["parameters"]).forEach((p, i) => add(p, `${opPtr}/parameters/${i}`));
      if (op["requestBody"] !== undefined) add(op["requestBody"], `${opPtr}/requestBody`);
      for (const [status, response] of entries(asRecord(op["responses"])))
        add(response, `${opPtr}/responses/${pointerToken(status)}`);
    }
  }
  return sources;
}

/**
 * Errors `too-many-operations`, `too-many-schemas` and `output-too-large` (descriptions repeated in the operations'
 * docs over {@link MAX_OPERATION_DOCS}; the message names the description with the largest share).
 */
export function checkSize(doc: JsonRecord, paths: JsonRecord, error: ErrorSink): void {
  checkCounts(doc, paths, error);
  let total = 0;
  let top: [string, { chars: number; uses: number }] | undefined;
  for (const entry of operationDocs(doc, paths)) {
    const [, { chars, uses }] = entry;
    total += chars * uses;
    if (top === undefined || chars * uses > top[1].chars * top[1].uses) top = entry;
  }
  if (total > MAX_OPERATION_DOCS && top !== undefined) {
    const [ptr, { chars, uses }] = top;
    error(
      "output-too-large",
      `${ptr}/description`,
      `the operations' docs would carry ${total} characters of descriptions; the limit is ${MAX_OPERATION_DOCS} (the generated code would not fit in memory). Each operation's docs repeat the descriptions of the parameters, request body and responses it uses; the largest share is this description (${chars} characters, used by ${uses} operations). Shorten it (long text belongs in info.description or externalDocs), or split the document into several targets.`,
    );
  }
}
