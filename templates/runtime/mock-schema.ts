/**
 * The mock's schemas and their validator. A {@link MockSchema} is the JSON Schema subset the mock reads
 * (OpenAPI 3.0 `nullable` and boolean `exclusiveMinimum` already turned into 3.1 forms by the generator,
 * documentation keywords dropped); `$ref`s name entries of a {@link MockDefs} table.
 */

/** JSON Schema type names. */
export type JsonType = "string" | "number" | "integer" | "boolean" | "object" | "array" | "null";

/** The schema keywords the mock generates data from and validates requests against. */
export interface MockSchema {
  /** A key of the schema table (`#/components/schemas/Payout`); the schema's other keywords apply too. */
  readonly $ref?: string;
  readonly type?: JsonType | readonly JsonType[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly format?: string;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly multipleOf?: number;
  readonly items?: MockSchema | boolean;
  readonly prefixItems?: readonly MockSchema[];
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
  readonly properties?: Readonly<Record<string, MockSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: MockSchema | boolean;
  readonly minProperties?: number;
  readonly maxProperties?: number;
  readonly allOf?: readonly MockSchema[];
  readonly anyOf?: readonly MockSchema[];
  readonly oneOf?: readonly MockSchema[];
  readonly not?: MockSchema;
  /** OpenAPI discriminator; `mapping` values are schema table keys. */
  readonly discriminator?: {
    readonly propertyName: string;
    readonly mapping?: Readonly<Record<string, string>>;
  };
  readonly readOnly?: boolean;
  readonly writeOnly?: boolean;
  readonly default?: unknown;
  /** A scalar example from the document, used when a `pattern` cannot be generated. */
  readonly example?: unknown;
}

/** Schemas by `$ref` (`#/components/schemas/Payout`). */
export type MockDefs = Readonly<Record<string, MockSchema>>;

/** What a value is checked for: a request omits `readOnly` properties, a response `writeOnly` ones. */
export type Direction = "request" | "response";

/** One reason a value does not match its schema. */
export interface SchemaIssue {
  /** JSON pointer into the value (`/data/0/stage`), `""` for the value itself. */
  readonly pointer: string;
  readonly message: string;
}

/** The schema a `$ref` names, merged with the reference's siblings. @throws Error for an unknown reference */
export function deref(schema: MockSchema, defs: MockDefs): MockSchema {
  for (let n = 0; schema.$ref !== undefined && n < 64; n++) {
    const target = defs[schema.$ref];
    if (target === undefined) throw new Error(`mock: unknown schema reference ${schema.$ref}`);
    const { $ref: _, ...rest } = schema;
    // siblings of a $ref apply as well (OpenAPI 3.1): the target joins them as an allOf branch
    schema = Object.keys(rest).length
      ? { ...rest, allOf: [target, ...(rest.allOf ?? [])] }
      : target;
  }
  return schema;
}

/** The JSON type of a value (`integer` for whole numbers). */
export function typeOf(v: unknown): JsonType {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v as JsonType;
}

/** The schema's types as a list (empty: any). */
export const typesOf = (s: MockSchema): readonly JsonType[] =>
  s.type === undefined ? [] : typeof s.type === "string" ? [s.type] : s.type;

const DATE = "\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])";
const TIME =
  "([01]\\d|2[0-3]):[0-5]\\d:([0-5]\\d|60)(\\.\\d+)?([zZ]|[+-]([01]\\d|2[0-3]):[0-5]\\d)";
const OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";

/** Checks of the string formats the mock knows (others are not checked). */
export const FORMATS: Readonly<Record<string, RegExp>> = {
  "date-time": new RegExp(`^${DATE}[tT ]${TIME}$`),
  date: new RegExp(`^${DATE}$`),
  time: new RegExp(`^${TIME}$`),
  email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  uri: /^[a-z][a-z0-9+.-]*:[^\s]*$/i,
  ipv4: new RegExp(`^(${OCTET}\\.){3}${OCTET}$`),
  ipv6: /^[0-9a-f:]*:[0-9a-f:.]*$/i,
  byte: /^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/,
};

/** Compiled patterns (compiling one costs more than checking a value against it). */
const compiled = new Map<string, RegExp | undefined>();

/** A RegExp for a schema `pattern` (unicode mode, else plain), or undefined when neither compiles. */
export function patternRegExp(pattern: string): RegExp | undefined {
  if (compiled.has(pattern)) return compiled.get(pattern);
  let re: RegExp | undefined;
  for (const flags of ["u", ""])
    try {
      re ??= new RegExp(pattern, flags);
    } catch {
      // not valid in this mode
    }
  compiled.set(pattern, re);
  return re;
}

/** Deep equality of JSON values (for `enum`, `const` and `uniqueItems`). */
export function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every((k) => equal((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

const show = (v: unknown): string => JSON.stringify(v) ?? String(v);
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** True when the value matches the schema (same rules as {@link check}). */
export const valid = (s: MockSchema, v: unknown, defs: MockDefs, dir: Direction): boolean =>
  check(s, v, defs, dir).length === 0;

/**
 * Checks a value against a schema: type, enum/const, formats above, pattern, lengths and bounds, items,
 * required and additional properties, allOf/anyOf/oneOf/not. A `readOnly` property is not required in a
 * request, nor a `writeOnly` one in a response.
 * @returns every issue found, empty when the value is valid
 */
export function check(
  schema: MockSchema,
  value: unknown,
  defs: MockDefs,
  dir: Direction,
  pointer = "",
  depth = 0,
): SchemaIssue[] {
  const out: SchemaIssue[] = [];
  if (depth > 64) return out;
  const s = deref(schema, defs);
  const fail = (message: string, at = pointer): void => void out.push({ pointer: at, message });
  const sub = (child: MockSchema, v: unknown, at: string): SchemaIssue[] =>
    check(child, v, defs, dir, at, depth + 1);
  const t = typeOf(value);
  const types = typesOf(s);
  if (types.length && !types.includes(t) && !(t === "integer" && types.includes("number")))
    return [{ pointer, message: `must be ${types.join(" or ")}, not ${t}` }];
  if (s.const !== undefined && !equal(s.const, value)) fail(`must be ${show(s.const)}`);
  if (s.enum && !s.enum.some((e) => equal(e, value)))
    fail(`must be one of ${s.enum.map(show).join(", ")}`);
  if (typeof value === "string") {
    const n = [...value].length;
    if (s.minLength !== undefined && n < s.minLength)
      fail(`must have at least ${s.minLength} characters`);
    if (s.maxLength !== undefined && n > s.maxLength)
      fail(`must have at most ${s.maxLength} characters`);
    const f = s.format !== undefined ? FORMATS[s.format] : undefined;
    if (f && !f.test(value)) fail(`must be a ${s.format}`);
    const re = s.pattern !== undefined ? patternRegExp(s.pattern) : undefined;
    if (re && !re.test(value)) fail(`must match ${s.pattern}`);
  } else if (typeof value === "number") {
    if (s.minimum !== undefined && value < s.minimum) fail(`must be >= ${s.minimum}`);
    if (s.maximum !== undefined && value > s.maximum) fail(`must be <= ${s.maximum}`);
    if (s.exclusiveMinimum !== undefined && value <= s.exclusiveMinimum)
      fail(`must be > ${s.exclusiveMinimum}`);
    if (s.exclusiveMaximum !== undefined && value >= s.exclusiveMaximum)
      fail(`must be < ${s.exclusiveMaximum}`);
    if (s.multipleOf && Math.abs(Math.round(value / s.multipleOf) * s.multipleOf - value) > 1e-9)
      fail(`must be a multiple of ${s.multipleOf}`);
    if (s.format === "int32" && (value < -(2 ** 31) || value >= 2 ** 31)) fail("must be an int32");
  } else if (Array.isArray(value)) {
    if (s.minItems !== undefined && value.length < s.minItems)
      fail(`must have at least ${s.minItems} items`);
    if (s.maxItems !== undefined && value.length > s.maxItems)
      fail(`must have at most ${s.maxItems} items`);
    if (s.uniqueItems && value.some((v, i) => value.findIndex((w) => equal(v, w)) !== i))
      fail("must not repeat items");
    value.forEach((v, i) => {
      const item = s.prefixItems?.[i] ?? s.items;
      if (item === false) fail("must not have this item", `${pointer}/${i}`);
      else if (item && item !== true) out.push(...sub(item, v, `${pointer}/${i}`));
    });
  } else if (isObject(value)) {
    const keys = Object.keys(value);
    if (s.minProperties !== undefined && keys.length < s.minProperties)
      fail(`must have at least ${s.minProperties} properties`);
    if (s.maxProperties !== undefined && keys.length > s.maxProperties)
      fail(`must have at most ${s.maxProperties} properties`);
    for (const k of s.required ?? []) {
      const p = s.properties?.[k];
      const skip = p && deref(p, defs)[dir === "request" ? "readOnly" : "writeOnly"];
      if (!Object.hasOwn(value, k) && !skip) fail(`must have required property '${k}'`);
    }
    for (const k of keys) {
      const at = `${pointer}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`;
      const p = s.properties && Object.hasOwn(s.properties, k) ? s.properties[k] : undefined;
      const extra = s.additionalProperties;
      if (p) out.push(...sub(p, value[k], at));
      else if (extra === false) fail(`must not have property '${k}'`, at);
      else if (extra && extra !== true) out.push(...sub(extra, value[k], at));
    }
  }
  for (const branch of s.allOf ?? []) out.push(...sub(branch, value, pointer));
  if (s.anyOf && !s.anyOf.some((b) => !sub(b, value, pointer).length))
    fail("must match a schema in anyOf");
  if (s.oneOf) {
    // with a discriminator, its value picks the branch (as OpenAPI reads it), even where branches overlap
    const d = s.discriminator;
    const tag = d && isObject(value) ? value[d.propertyName] : undefined;
    const ref =
      typeof tag === "string" && d
        ? d.mapping
          ? d.mapping[tag]
          : `#/components/schemas/${tag}`
        : undefined;
    const branch = ref === undefined ? undefined : s.oneOf.find((b) => b.$ref === ref);
    if (branch) out.push(...sub(branch, value, pointer));
    else {
      const n = s.oneOf.filter((b) => !sub(b, value, pointer).length).length;
      if (n !== 1) fail(`must match exactly one schema in oneOf (matches ${n})`);
    }
  }
  if (s.not && !sub(s.not, value, pointer).length) fail("must not match the schema in not");
  return out;
}
