/**
 * OpenAPI 3.1 `$defs` inside a component schema → components of their own. Part of normalize.
 *
 * openapi-typescript types a schema's `$defs` as a required `$defs` property of the object, so a `Shape`
 * with `$defs: { Point }` would demand a `$defs` key in every value. Hoisting each definition to
 * `components.schemas["Shape.Point"]` (and rewriting the `$ref`s that point into it) keeps `Shape` exact and
 * gives `Point` a named alias. Pure: returns a new document and leaves the input untouched.
 */
import { asRecord, entries, isRecord, type JsonRecord } from "../util/document.js";
import { pointer, pointerToken } from "../util/issues.js";
import type { Issue } from "./model.js";

interface Hoist {
  /** `#/components/schemas/Shape/$defs/Point` */
  readonly from: string;
  /** `#/components/schemas/Shape.Point` */
  readonly to: string;
}

/**
 * Hoists `$defs` of component schemas (at any depth of nesting of `$defs` themselves) to components.
 * Returns the document unchanged (same object) when no component schema has `$defs`.
 */
export function hoistSchemaDefs<T extends JsonRecord>(doc: T, issues: Issue[]): T {
  const components = asRecord(doc["components"]);
  const schemas = asRecord(components?.["schemas"]);
  if (
    schemas === undefined ||
    !Object.values(schemas).some((s) => asRecord(asRecord(s)?.["$defs"]) !== undefined)
  )
    return doc;
  const out: JsonRecord = {};
  const hoists: Hoist[] = [];
  const queue: [string, unknown][] = entries(schemas);
  while (queue.length > 0) {
    const [key, value] = queue.shift()!;
    const schema = asRecord(value);
    const defs = asRecord(schema?.["$defs"]);
    if (schema === undefined || defs === undefined) {
      out[key] = value;
      continue;
    }
    const { $defs: _removed, ...rest } = schema;
    out[key] = rest;
    for (const [name, def] of entries(defs)) {
      let target = `${key}.${name}`;
      for (
        let n = 2;
        Object.prototype.hasOwnProperty.call(schemas, target) ||
        Object.prototype.hasOwnProperty.call(out, target);
        n++
      )
        target = `${key}.${name}${n}`;
      hoists.push({
        from: `#${pointer("components", "schemas", key)}/$defs/${pointerToken(name)}`,
        to: `#${pointer("components", "schemas", target)}`,
      });
      queue.push([target, def]);
    }
  }
  issues.push({
    code: "hoisted-defs",
    severity: "warning",
    pointer: "/components/schemas",
    message: `$defs inside component schemas became components of their own: ${hoists.map((h) => `'${h.to.slice("#/components/schemas/".length)}'`).join(", ")}.`,
  });
  // Longest source first, so a nested `$defs` path is rewritten before its parent's prefix.
  hoists.sort((a, b) => b.from.length - a.from.length);
  const rewritten = rewriteRefs({ ...doc, components: { ...components, schemas: out } }, hoists);
  return rewritten as T;
}

/** A copy of `node` with every `$ref` under a hoisted `$defs` path pointed at its new component. Iterative. */
function rewriteRefs(root: JsonRecord, hoists: readonly Hoist[]): JsonRecord {
  const mapRef = (ref: string): string => {
    for (const h of hoists)
      if (ref === h.from || ref.startsWith(`${h.from}/`))
        return mapRef(h.to + ref.slice(h.from.length));
    return ref;
  };
  const copy = (node: unknown): unknown =>
    Array.isArray(node) ? [...(node as unknown[])] : isRecord(node) ? { ...node } : node;
  const result = copy(root) as JsonRecord;
  const stack: unknown[] = [result];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        if (typeof child === "object" && child !== null) stack.push((node[i] = copy(child)));
      });
    } else if (isRecord(node)) {
      for (const key of Object.keys(node)) {
        const child = node[key];
        if (key === "$ref" && typeof child === "string") node[key] = mapRef(child);
        else if (
          typeof child === "object" &&
          child !== null &&
          key !== "example" &&
          key !== "examples"
        )
          stack.push((node[key] = copy(child)));
      }
    }
  }
  return result;
}
