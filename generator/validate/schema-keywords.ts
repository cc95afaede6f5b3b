/**
 * The keyword checks of the schema repairs (see schemas.ts): `$ref`, annotations, `format`, `required`, `type`,
 * `enum` (an object enum among them) and `discriminator`. Each repairs one schema's draft and reports a warning.
 */
import { getPointer, isRecord, type JsonRecord } from "../util/document.js";
import { pointerToken } from "../util/issues.js";
import { Draft, isBlank, kindOf, preview, type Warn } from "./draft.js";

/** Type names JSON Schema defines. */
export const SCHEMA_TYPES = new Set([
  "string",
  "number",
  "integer",
  "boolean",
  "array",
  "object",
  "null",
]);

/** Annotations the type generator prints into JSDoc (it calls `.trim()` on some of them). */
const TEXTS = ["title", "description", "summary"] as const;
/** Keywords that make a schema an object's; dropped when `enum` decides the type instead. */
const OBJECT_KEYWORDS = [
  "type",
  "properties",
  "additionalProperties",
  "patternProperties",
  "required",
] as const;

/** `$ref`, annotations, `format` and `required` of the wrong JSON type; blank annotations. */
export function checkKeywords(draft: Draft, ptr: string, warn: Warn): void {
  const s = draft.current;
  const dropped = (key: string, expected: string): void => {
    warn(
      "invalid-keyword",
      `${ptr}/${pointerToken(key)}`,
      `'${key}' must be ${expected}, not ${kindOf(s[key])}; it is ignored.`,
    );
    draft.delete(key);
  };
  if ("$ref" in s && typeof s["$ref"] !== "string") dropped("$ref", "a string");
  for (const key of TEXTS) {
    if (!(key in s)) continue;
    if (typeof s[key] !== "string") dropped(key, "a string");
    else if (isBlank(s[key])) draft.delete(key);
  }
  if ("format" in s && typeof s["format"] !== "string") dropped("format", "a string");
  const required = s["required"];
  if (required !== undefined) {
    if (!Array.isArray(required))
      dropped("required", "a list of property names (`required: [id]` on the object schema)");
    else if (required.some((r) => typeof r !== "string")) {
      warn(
        "invalid-keyword",
        `${ptr}/required`,
        `'required' must list property names (strings); the other entries are ignored.`,
      );
      draft.set(
        "required",
        required.filter((r) => typeof r === "string"),
      );
    }
  }
}

/** `type`: an unknown name or a value that is no name is dropped (the schema is typed by its other keywords). */
export function checkType(draft: Draft, ptr: string, warn: Warn): void {
  const type = draft.current["type"];
  if (type === undefined) return;
  if (typeof type === "string") {
    if (SCHEMA_TYPES.has(type)) return;
    warn(
      "unknown-type",
      `${ptr}/type`,
      `unknown schema type '${type}'; it is ignored, so the schema is typed by its other keywords (unknown when it has none).`,
    );
    draft.delete("type");
    return;
  }
  if (!Array.isArray(type)) {
    warn(
      "invalid-keyword",
      `${ptr}/type`,
      `'type' must be a type name or a list of them, not ${kindOf(type)}; it is ignored.`,
    );
    draft.delete("type");
    return;
  }
  const known = type.filter((t): t is string => typeof t === "string" && SCHEMA_TYPES.has(t));
  if (known.length === type.length && known.length > 0) return;
  const odd = type.filter((t) => !known.includes(t as string)).map(preview);
  warn(
    "unknown-type",
    `${ptr}/type`,
    known.length > 0
      ? `'type' lists ${odd.join(", ")}, which are no schema types; they are ignored.`
      : `'type' lists no schema type (${type.map(preview).join(", ") || "an empty list"}); it is ignored.`,
  );
  if (known.length > 0) draft.set("type", known);
  else draft.delete("type");
}

/** `enum` that is not a list, is empty, or lists the values of a `type: object` schema. */
export function checkEnum(draft: Draft, ptr: string, warn: Warn): void {
  const s = draft.current;
  const values = s["enum"];
  if (values === undefined) return;
  if (!Array.isArray(values)) {
    warn(
      "invalid-keyword",
      `${ptr}/enum`,
      `'enum' must be a list of values, not ${kindOf(values)}; it is ignored.`,
    );
    draft.delete("enum");
    return;
  }
  if (values.length === 0) {
    warn(
      "empty-enum",
      `${ptr}/enum`,
      "'enum' is empty, so no value would be valid; it is ignored and the schema is typed by its other keywords.",
    );
    draft.delete("enum");
    return;
  }
  if (s["type"] !== "object") return;
  // openapi-typescript reads the values of an object enum as schemas and fails on a string. The values are what
  // the server sends, so they decide the type (an object value is typed as that object literal).
  warn(
    "object-enum",
    `${ptr}/enum`,
    `'type: object' with 'enum' [${values.slice(0, 3).map(preview).join(", ")}${values.length > 3 ? ", …" : ""}]: the enum lists every valid value, so the schema is typed by its values and its object keywords (${OBJECT_KEYWORDS.filter((k) => k in s).join(", ")}) are ignored.`,
  );
  for (const key of OBJECT_KEYWORDS) draft.delete(key);
  // Values of one primitive type keep a type (`@enum {string}` in the docs instead of `{unknown}`).
  const types = new Set(values.filter((v) => v !== null).map((v) => typeof v));
  const [only] = types;
  if (types.size === 1 && (only === "string" || only === "number" || only === "boolean"))
    draft.set("type", only);
}

/**
 * A discriminator needs a `propertyName` string; its `mapping` values must be names of component schemas or
 * `$ref`s that resolve (the bundler fails on one that does not).
 */
export function checkDiscriminator(draft: Draft, ptr: string, warn: Warn, doc: JsonRecord): void {
  const discriminator = draft.current["discriminator"];
  if (discriminator === undefined) return;
  const at = `${ptr}/discriminator`;
  if (!isRecord(discriminator) || typeof discriminator["propertyName"] !== "string") {
    warn(
      "invalid-discriminator",
      at,
      `a discriminator must be an object with a 'propertyName' string, not ${isRecord(discriminator) ? "an object without one" : kindOf(discriminator)}; it is ignored.`,
    );
    draft.delete("discriminator");
    return;
  }
  const mapping = discriminator["mapping"];
  if (mapping === undefined) return;
  const fixed = new Draft(discriminator);
  if (!isRecord(mapping)) {
    warn(
      "invalid-discriminator",
      `${at}/mapping`,
      `a discriminator's 'mapping' must be an object (value → schema), not ${kindOf(mapping)}; it is ignored.`,
    );
    fixed.delete("mapping");
  } else {
    const entries = new Draft(mapping);
    for (const [value, target] of Object.entries(mapping)) {
      const ref = typeof target === "string" ? mappingRef(doc, target) : undefined;
      if (ref !== undefined) {
        entries.set(value, ref);
        continue;
      }
      warn(
        "invalid-discriminator",
        `${at}/mapping/${pointerToken(value)}`,
        `the discriminator value '${value}' maps to ${typeof target === "string" ? `'${target}', which is no schema in the document` : kindOf(target)}; the mapping entry is ignored.`,
      );
      entries.delete(value);
    }
    fixed.set("mapping", entries.current);
  }
  draft.set("discriminator", fixed.current);
}

/**
 * A mapping target as a local `$ref`, or undefined when it points nowhere. A schema name (which OpenAPI allows)
 * becomes its `$ref`: the bundler inside openapi-typescript would read it as a file name and fail.
 */
function mappingRef(doc: JsonRecord, target: string): string | undefined {
  if (target.startsWith("#")) return getPointer(doc, target) !== undefined ? target : undefined;
  const ref = `#/components/schemas/${pointerToken(target)}`;
  return getPointer(doc, ref) !== undefined ? ref : undefined;
}
