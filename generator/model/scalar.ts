/**
 * Whether a parameter's schema admits only scalar values (strings, numbers, booleans, null). The request core
 * sends a scalar as it is; any other value needs a style serializer (`ParamSpec.serialize`), which the
 * generated client then imports. Unknown or untyped schemas are not scalar (the safe side).
 */
import { asArray, derefRecord, type JsonRecord } from "../util/document.js";

const SCALAR_TYPES: readonly unknown[] = ["string", "number", "integer", "boolean", "null"];

const isScalarValue = (v: unknown): boolean => v === null || typeof v !== "object";

/**
 * True when every value the schema allows is a scalar: its `type` (or each of its 3.1 `type` list), its `enum`
 * or `const` values, one of its `allOf` members, and every `anyOf`/`oneOf` member say so, and at least one of
 * them is present. `$ref`s are followed (8 levels).
 */
export function isScalarSchema(doc: JsonRecord, schema: unknown, depth = 0): boolean {
  const s = derefRecord(doc, schema);
  if (s === undefined || depth > 8) return false;
  const member = (m: unknown): boolean => isScalarSchema(doc, m, depth + 1);
  const type = s["type"];
  const verdicts: boolean[] = [];
  if (type !== undefined) verdicts.push([type].flat().every((t) => SCALAR_TYPES.includes(t)));
  if (Array.isArray(s["enum"])) verdicts.push(s["enum"].every(isScalarValue));
  if ("const" in s) verdicts.push(isScalarValue(s["const"]));
  const allOf = asArray(s["allOf"]);
  if (allOf.length > 0) verdicts.push(allOf.some(member));
  for (const key of ["anyOf", "oneOf"]) {
    const list = asArray(s[key]);
    if (list.length > 0) verdicts.push(list.every(member));
  }
  return verdicts.length > 0 && verdicts.every(Boolean);
}
