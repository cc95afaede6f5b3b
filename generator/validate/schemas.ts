/**
 * Schema repairs (part of validate): shapes real documents carry that the type generator (openapi-typescript)
 * cannot take. It throws an internal error on a keyword of the wrong JSON type (`properties: "x"`,
 * `required: true`, `allOf: {…}`), on a schema that is not an object (`items: "string"`), on `type: object` with an
 * `enum` of strings, or on a discriminator mapping that points nowhere; an unknown `type` or an empty `enum` make it
 * type a value nobody can write. Each is repaired in a copy, with a warning that names the place and the repair.
 * Blank text (a `description: ""`) is dropped without a warning: there is nothing to document.
 *
 * The walk knows where schemas are: `components.schemas`, every `schema`/`itemSchema` of a parameter, header or
 * media type, and below a schema its subschema keywords. Examples, `default`s and `x-` extensions are data and
 * are left alone. Copy-on-write: an unchanged subtree is the same object. Recursive: validate has already refused
 * documents nested deeper than MAX_DEPTH.
 */
import { isRecord, type JsonRecord } from "../util/document.js";
import { pointerToken } from "../util/issues.js";
import { Draft, isBlank, kindOf, preview, type Warn } from "./draft.js";
import { checkDiscriminator, checkEnum, checkKeywords, checkType } from "./schema-keywords.js";

/** Keywords holding one subschema (a boolean schema allowed). */
const SINGLE = [
  "not",
  "if",
  "then",
  "else",
  "contains",
  "propertyNames",
  "unevaluatedItems",
  "unevaluatedProperties",
  "additionalItems",
  "contentSchema",
] as const;
/** Keywords holding a map of name → subschema. */
const MAPS = [
  "properties",
  "patternProperties",
  "$defs",
  "definitions",
  "dependentSchemas",
] as const;
/** Keywords holding a list of subschemas. */
const LISTS = ["allOf", "anyOf", "oneOf", "prefixItems"] as const;
/** Keys of a structural object (path item, operation, parameter…) whose values are data, not structure. */
const DATA_KEYS = new Set(["example", "examples", "default", "value", "links"]);

/** Repairs every schema of `doc` (see the module comment); returns `doc` itself when nothing changed. */
export function repairSchemas(doc: JsonRecord, warn: Warn): JsonRecord {
  const repairer = new SchemaRepairer(doc, warn);
  return repairer.structure(doc, "", false) as JsonRecord;
}

class SchemaRepairer {
  constructor(
    private readonly doc: JsonRecord,
    private readonly warn: Warn,
  ) {}

  /**
   * A structural node (the document, a path item, an operation, a parameter…); `names` when its keys are names
   * (`paths`, `responses`, `content`, `headers`…), so a key `schema` or `description` there is not a field.
   */
  structure(node: unknown, ptr: string, names: boolean): unknown {
    if (Array.isArray(node)) return this.list(node, ptr, (v, p) => this.structure(v, p, false));
    if (!isRecord(node)) return node;
    const draft = new Draft(node);
    for (const key of Object.keys(node)) {
      const value = node[key];
      const at = `${ptr}/${pointerToken(key)}`;
      if (names) {
        draft.set(key, this.structure(value, at, false));
        continue;
      }
      if (key.startsWith("x-") || DATA_KEYS.has(key)) continue;
      if ((key === "description" || key === "summary") && isBlank(value)) draft.delete(key);
      else if (key === "schema" || key === "itemSchema") draft.set(key, this.schema(value, at));
      else if (key === "schemas" && ptr === "/components") {
        const schemas = this.map(value, at, "schemas");
        if (schemas === undefined) draft.delete(key);
        else draft.set(key, schemas);
      } else if (typeof value === "object" && value !== null)
        draft.set(key, this.structure(value, at, !Array.isArray(value) && NAMED.has(key)));
    }
    return draft.current;
  }

  private list(
    items: readonly unknown[],
    ptr: string,
    each: (value: unknown, ptr: string) => unknown,
  ): unknown[] {
    let out: unknown[] | undefined;
    items.forEach((item, i) => {
      const repaired = each(item, `${ptr}/${i}`);
      if (repaired !== item) (out ??= [...items])[i] = repaired;
    });
    return out ?? (items as unknown[]);
  }

  /** A map of name → schema (`properties`, `components.schemas`); undefined when it is not an object. */
  private map(value: unknown, ptr: string, keyword: string): JsonRecord | undefined {
    if (!isRecord(value)) {
      this.warn(
        "invalid-keyword",
        ptr,
        `'${keyword}' must be an object mapping names to schemas, not ${kindOf(value)}; it is ignored.`,
      );
      return undefined;
    }
    const draft = new Draft(value);
    for (const name of Object.keys(value)) {
      const schema = this.schema(value[name], `${ptr}/${pointerToken(name)}`);
      // openapi-typescript reads a definition as an object (`"readOnly" in v`): the object forms of true/false.
      const definition = keyword === "$defs" || keyword === "definitions";
      draft.set(
        name,
        definition && typeof schema === "boolean" ? (schema ? {} : { not: {} }) : schema,
      );
    }
    return draft.current;
  }

  /** One schema: an object, or a boolean (JSON Schema's "anything"/"nothing"). Anything else becomes `{}`. */
  schema(value: unknown, ptr: string): unknown {
    if (typeof value === "boolean") return value;
    if (!isRecord(value)) {
      this.warn(
        "invalid-schema",
        ptr,
        `a schema must be an object, not ${kindOf(value)} (${preview(value)}); it is typed as unknown.`,
      );
      return {};
    }
    const draft = new Draft(value);
    checkKeywords(draft, ptr, this.warn);
    checkType(draft, ptr, this.warn);
    checkEnum(draft, ptr, this.warn);
    this.subschemas(draft, ptr);
    checkDiscriminator(draft, ptr, this.warn, this.doc);
    return draft.current;
  }

  private subschemas(draft: Draft, ptr: string): void {
    const s = draft.current;
    const at = (key: string): string => `${ptr}/${pointerToken(key)}`;
    for (const key of MAPS) {
      if (!(key in s)) continue;
      const repaired = this.map(s[key], at(key), key);
      if (repaired === undefined) draft.delete(key);
      else draft.set(key, repaired);
    }
    for (const key of LISTS) {
      if (!(key in s)) continue;
      const repaired = this.composition(s[key], at(key), key);
      if (repaired === undefined) draft.delete(key);
      else draft.set(key, repaired);
    }
    for (const key of SINGLE) if (key in s) draft.set(key, this.schema(s[key], at(key)));
    const items = s["items"];
    if (items !== undefined)
      // A list is the 2019-09 tuple form (openapi-typescript types it as a tuple).
      draft.set(
        "items",
        Array.isArray(items)
          ? this.list(items, at("items"), (v, p) => this.schema(v, p))
          : this.schema(items, at("items")),
      );
    const additional = s["additionalProperties"];
    if (additional !== undefined && typeof additional !== "boolean") {
      if (isRecord(additional))
        draft.set("additionalProperties", this.schema(additional, at("additionalProperties")));
      else {
        this.warn(
          "invalid-keyword",
          at("additionalProperties"),
          `'additionalProperties' must be a boolean or a schema, not ${kindOf(additional)}; it is ignored.`,
        );
        draft.delete("additionalProperties");
      }
    }
  }

  /** `allOf`/`anyOf`/`oneOf`/`prefixItems`: a list of schema objects; undefined when nothing usable is left. */
  private composition(value: unknown, ptr: string, keyword: string): unknown[] | undefined {
    if (!Array.isArray(value)) {
      this.warn(
        "invalid-keyword",
        ptr,
        `'${keyword}' must be a list of schemas, not ${kindOf(value)}; it is ignored.`,
      );
      return undefined;
    }
    const kept: unknown[] = [];
    let changed = false;
    value.forEach((member, i) => {
      if (isRecord(member)) {
        const repaired = this.schema(member, `${ptr}/${i}`);
        changed ||= repaired !== member;
        kept.push(repaired);
        return;
      }
      changed = true;
      // openapi-typescript reads every member as an object (`"$ref" in member`), booleans too.
      this.warn(
        "invalid-schema",
        `${ptr}/${i}`,
        `a schema in '${keyword}' must be an object, not ${kindOf(member)} (${preview(member)}); it is left out.`,
      );
    });
    if (!changed) return value as unknown[];
    return kept.length > 0 ? kept : undefined;
  }
}

/** Objects whose keys are names, not fields (a header may be called `schema`, a property `description`). */
const NAMED = new Set([
  "paths",
  "webhooks",
  "responses",
  "content",
  "headers",
  "callbacks",
  "encoding",
  "parameters",
  "requestBodies",
  "securitySchemes",
  "pathItems",
  "variables",
  "mapping",
]);
