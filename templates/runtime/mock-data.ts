/**
 * Data generated from a schema: deterministic from the {@link Random} it is given, valid against the schema
 * (formats, patterns, enums, bounds, required, allOf merged, oneOf with exactly one branch matching,
 * discriminators set, nullable), with recursion and size bounded and ids unique for the lifetime of `ids`.
 */
import { fromPattern, type Random } from "./mock-random.js";
import {
  check,
  deref,
  equal,
  typesOf,
  valid,
  type Direction,
  type JsonType,
  type MockDefs,
  type MockSchema,
} from "./mock-schema.js";

/** Ids already issued, shared by every value one mock generates (so ids never repeat). */
export interface IdPool {
  n: number;
  readonly seen: Set<unknown>;
}

/** What one generation needs. */
export interface GenContext {
  readonly defs: MockDefs;
  readonly r: Random;
  /** `response` leaves out `writeOnly` properties, `request` `readOnly` ones. */
  readonly dir: Direction;
  readonly ids: IdPool;
  /** Values left before generation keeps to the minimum (required properties, minItems). @default 400 */
  budget?: number;
  /** Schemas whose `pattern` could not be satisfied (the value is then the example, or invalid). */
  readonly unsatisfied?: string[];
}

/** A property name that holds an identifier (`id`, `payoutId`, `user_id`, `uuid`). */
const ID_KEY = /^(id|uuid)$|[a-z0-9]Id$|_id$/i;
const WORDS = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima".split(" ");
const pad = (n: number, w = 2): string => String(n).padStart(w, "0");

function merge(a: MockSchema, b: MockSchema): MockSchema {
  const m: Record<string, unknown> = { ...b, ...a };
  const ta = typesOf(a);
  const tb = typesOf(b);
  if (ta.length && tb.length) {
    const both = ta.filter((t) => tb.includes(t) || (t === "integer" && tb.includes("number")));
    for (const t of tb) if (t === "integer" && ta.includes("number")) both.push(t);
    m["type"] = both.length ? both : ta;
  }
  if (a.properties && b.properties) {
    const props: Record<string, MockSchema> = { ...b.properties };
    for (const [k, p] of Object.entries(a.properties))
      props[k] = props[k] ? { allOf: [props[k], p] } : p;
    m["properties"] = props;
  }
  if (a.required && b.required) m["required"] = [...new Set([...a.required, ...b.required])];
  if (a.enum && b.enum) m["enum"] = a.enum.filter((v) => b.enum!.some((w) => equal(v, w)));
  if (a.items && b.items && a.items !== b.items)
    m["items"] =
      typeof a.items === "object" && typeof b.items === "object"
        ? { allOf: [a.items, b.items] }
        : false;
  for (const k of [
    "minimum",
    "exclusiveMinimum",
    "minLength",
    "minItems",
    "minProperties",
  ] as const)
    if (a[k] !== undefined && b[k] !== undefined) m[k] = Math.max(a[k], b[k]);
  for (const k of [
    "maximum",
    "exclusiveMaximum",
    "maxLength",
    "maxItems",
    "maxProperties",
  ] as const)
    if (a[k] !== undefined && b[k] !== undefined) m[k] = Math.min(a[k], b[k]);
  if (a.additionalProperties === false || b.additionalProperties === false)
    m["additionalProperties"] = false;
  return m;
}

/**
 * The schema with its `$ref` resolved and its `allOf` branches merged in. `refs` receives every schema
 * reference it is made of (its own first, then its branches'): the identities a discriminator can name.
 * @param depth the `allOf` nesting so far: past 16 (a cycle) the schema is returned without merging its `allOf`
 * @throws Error for an unknown `$ref` (from {@link deref})
 */
export function flatten(s: MockSchema, defs: MockDefs, refs: string[], depth = 0): MockSchema {
  if (s.$ref !== undefined) refs.push(s.$ref);
  s = deref(s, defs);
  if (!s.allOf || depth > 16) return s;
  const { allOf, ...rest } = s;
  let out: MockSchema = rest;
  for (const b of allOf) out = merge(out, flatten(b, defs, refs, depth + 1));
  return out;
}

/** The discriminator value naming a schema made of `refs` (a mapping key, else the first's component name). */
function tagFor(
  d: NonNullable<MockSchema["discriminator"]>,
  refs: readonly string[],
): string | undefined {
  if (d.mapping) return Object.keys(d.mapping).find((k) => refs.includes(d.mapping![k]!));
  return refs[0]?.slice(refs[0].lastIndexOf("/") + 1);
}

function text(s: MockSchema, c: GenContext, key: string | undefined): string {
  const r = c.r;
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? Infinity;
  const fits = (v: string): boolean => [...v].length >= min && [...v].length <= max;
  const ok = (v: unknown): v is string => typeof v === "string" && valid(s, v, c.defs, c.dir);
  const idLike = key !== undefined && ID_KEY.test(key);
  for (let tries = 0; tries < 6 && (s.format || s.pattern); tries++) {
    // the pattern only when the format's value does not do
    for (const make of [
      () => format(s.format, r, c.ids),
      () => (s.pattern ? fromPattern(s.pattern, r, fits, Math.max(3, min)) : undefined),
    ]) {
      const v = make();
      if (v !== undefined && ok(v) && !(idLike && c.ids.seen.has(v))) {
        if (idLike || s.format === "uuid") c.ids.seen.add(v);
        return v;
      }
    }
  }
  if (!idLike && ok(s.example)) return s.example;
  if (ok(s.default)) return s.default;
  if (s.pattern !== undefined) c.unsatisfied?.push(s.pattern);
  let v = idLike ? `${key.replace(/[^A-Za-z0-9]/g, "").toLowerCase()}_${++c.ids.n}` : r.pick(WORDS);
  while ([...v].length < min) v += idLike ? "0" : ` ${r.pick(WORDS)}`;
  return fits(v) ? v : [...v].slice(0, max).join("");
}

/** A value for a string `format`, or undefined for formats without a generator. */
function format(f: string | undefined, r: Random, ids: IdPool): string | undefined {
  const date = `20${pad(r.int(20, 29))}-${pad(r.int(1, 12))}-${pad(r.int(1, 28))}`;
  const time = `${pad(r.int(0, 23))}:${pad(r.int(0, 59))}:${pad(r.int(0, 59))}`;
  const hex = (n: number): string =>
    Array.from({ length: n }, () => r.int(0, 15).toString(16)).join("");
  const word = r.pick(WORDS);
  switch (f) {
    case "date-time":
      return `${date}T${time}Z`;
    case "date":
      return date;
    case "time":
      return `${time}Z`;
    case "duration":
      return `P${r.int(1, 30)}DT${r.int(0, 23)}H`;
    case "email":
    case "idn-email":
      return `${word}.${++ids.n}@example.com`;
    case "hostname":
    case "idn-hostname":
      return `${word}${r.int(1, 99)}.example.com`;
    case "ipv4":
      return `192.0.2.${r.int(1, 254)}`;
    case "ipv6":
      return `2001:db8::${hex(4)}`;
    case "uri":
    case "url":
    case "iri":
      return `https://example.com/${word}/${r.int(1, 999)}`;
    case "uri-reference":
    case "iri-reference":
      return `/${word}/${r.int(1, 999)}`;
    case "uri-template":
      return `https://example.com/${word}/{id}`;
    case "uuid":
      return `${hex(8)}-${hex(4)}-4${hex(3)}-${r.pick(["8", "9", "a", "b"])}${hex(3)}-${hex(12)}`;
    case "byte":
      return btoa(`${word}${r.int(100, 999)}`);
    case "json-pointer":
      return `/${word}/${r.int(0, 9)}`;
    case "relative-json-pointer":
      return `${r.int(0, 3)}/${word}`;
    case "regex":
      return `^${word}[0-9]+$`;
  }
  return undefined;
}

function numeric(s: MockSchema, c: GenContext, integer: boolean, key: string | undefined): number {
  const int32 = s.format === "int32";
  let lo = Math.max(s.minimum ?? -Infinity, int32 ? -(2 ** 31) : -Number.MAX_SAFE_INTEGER);
  let hi = Math.min(s.maximum ?? Infinity, int32 ? 2 ** 31 - 1 : Number.MAX_SAFE_INTEGER);
  const step = s.multipleOf ?? (integer ? 1 : 0.01);
  const exMin = s.exclusiveMinimum;
  const exMax = s.exclusiveMaximum;
  if (exMin !== undefined) lo = Math.max(lo, exMin + step / 2);
  if (exMax !== undefined) hi = Math.min(hi, exMax - step / 2);
  if (s.minimum === undefined && exMin === undefined) lo = Math.max(lo, Math.min(hi - 1000, 1));
  if (s.maximum === undefined && exMax === undefined) hi = Math.min(hi, lo + 1000);
  const kLo = Math.ceil(lo / step - 1e-9);
  const kHi = Math.floor(hi / step + 1e-9);
  const decimals = (String(step).split(".")[1] ?? "").length;
  const at = (k: number): number => (decimals ? Number((k * step).toFixed(decimals)) : k * step);
  if (key !== undefined && ID_KEY.test(key) && kHi >= kLo)
    for (let tries = 0; tries < 16; tries++) {
      const v = at(kLo + ((c.ids.n++ + tries) % (kHi - kLo + 1)));
      if (!c.ids.seen.has(v)) return (c.ids.seen.add(v), v);
    }
  return kHi >= kLo ? at(c.r.int(kLo, Math.min(kHi, kLo + 100000))) : lo;
}

function object(
  s: MockSchema,
  c: GenContext,
  depth: number,
  refs: readonly string[],
  lean: boolean,
): unknown {
  const out: Record<string, unknown> = {};
  const required = new Set(s.required ?? []);
  const skip = c.dir === "response" ? "writeOnly" : "readOnly";
  for (const [k, p] of Object.entries(s.properties ?? {})) {
    const target = p.$ref;
    if (deref(p, c.defs)[skip] || (!required.has(k) && (lean || (target && refs.includes(target)))))
      continue;
    out[k] = gen(p, c, k, depth + 1, refs);
  }
  const extra = s.additionalProperties;
  for (const k of required)
    if (!Object.hasOwn(out, k) && !Object.hasOwn(s.properties ?? {}, k))
      out[k] = gen(typeof extra === "object" ? extra : {}, c, k, depth + 1, refs);
  const want = Math.min(
    s.maxProperties ?? Infinity,
    Math.max(s.minProperties ?? 0, s.properties ? 0 : 1),
  );
  for (let n = 1; Object.keys(out).length < want && extra !== false && n < 100; n++)
    if (!Object.hasOwn(out, `key${n}`))
      out[`key${n}`] = gen(
        typeof extra === "object" ? extra : { type: "string" },
        c,
        `key${n}`,
        depth + 1,
        refs,
      );
  return out;
}

function array(
  s: MockSchema,
  c: GenContext,
  depth: number,
  refs: readonly string[],
  lean: boolean,
): unknown[] {
  const min = s.minItems ?? 0;
  const n = Math.max(min, Math.min(s.maxItems ?? Infinity, lean ? 0 : depth < 3 ? 2 : 1));
  const out: unknown[] = [];
  for (let i = 0; i < n; i++) {
    const item = s.prefixItems?.[i] ?? (typeof s.items === "object" ? s.items : {});
    let v = gen(item, c, undefined, depth + 1, refs);
    for (let t = 0; s.uniqueItems && t < 8 && out.some((w) => equal(v, w)); t++)
      v = gen(item, c, undefined, depth + 1, refs);
    if (s.uniqueItems && out.some((w) => equal(v, w))) break;
    out.push(v);
  }
  return out;
}

/** Picks a type to generate: not null when another is allowed (null now and then, and when lean). */
function pickType(s: MockSchema, c: GenContext, lean: boolean): JsonType {
  const types = typesOf(s);
  const others = types.filter((t) => t !== "null");
  if (!types.length)
    return s.properties || s.additionalProperties !== undefined || s.required
      ? "object"
      : s.items || s.prefixItems
        ? "array"
        : s.minimum !== undefined || s.maximum !== undefined || s.multipleOf !== undefined
          ? "number"
          : "string";
  if (!others.length || (types.includes("null") && (lean || c.r.next() < 0.15))) return "null";
  return c.r.pick(others);
}

/**
 * Generates a value valid against `schema` (`key` is the property name it goes under: id-like names get
 * unique values).
 */
export function gen(
  schema: MockSchema,
  c: GenContext,
  key?: string,
  depth = 0,
  refs: readonly string[] = [],
): unknown {
  c.budget = (c.budget ?? 400) - 1;
  const seen: string[] = [];
  const s = flatten(schema, c.defs, seen);
  const path = [...refs, ...seen];
  const lean = c.budget <= 0 || depth > 6 || seen.some((r) => refs.includes(r));
  if (depth > 40) return null; // a required property that recurses without end: no valid value exists
  if (s.const !== undefined) return s.const;
  if (s.enum) {
    const { enum: values, ...rest } = s;
    const fit = values.filter((v) => v !== null && valid(rest, v, c.defs, c.dir));
    return fit.length ? c.r.pick(fit) : values[0];
  }
  const d = s.discriminator;
  const tag = d && tagFor(d, seen);
  // a base schema with a mapping stands for its subtypes: one of them is generated
  if (d?.mapping && tag === undefined && seen.length && !s.oneOf && !s.anyOf) {
    const targets = Object.values(d.mapping).filter((t) => !path.includes(t));
    if (targets.length) return gen({ $ref: c.r.pick(targets) }, c, key, depth + 1, refs);
  }
  const branches = s.oneOf ?? s.anyOf;
  if (branches?.length) {
    const { oneOf: _, anyOf: __, ...rest } = s;
    const whole: MockSchema = s.anyOf
      ? { anyOf: branches }
      : { oneOf: branches, ...(d ? { discriminator: d } : {}) };
    // a value matching exactly one branch is best; with a discriminator, one valid by its mapping will do
    let fallback: { v: unknown } | undefined;
    let v: unknown;
    const order = branches.map((b, i) => [c.r.next(), i] as const).sort((x, y) => x[0] - y[0]);
    for (const [, i] of order) {
      v = gen({ ...rest, allOf: [branches[i]!] }, c, key, depth, path);
      const n = branches.filter((x) => !check(x, v, c.defs, c.dir).length).length;
      if (s.anyOf ? n > 0 : n === 1) return v;
      if (!fallback && !check(whole, v, c.defs, c.dir).length) fallback = { v };
    }
    return fallback ? fallback.v : v;
  }
  switch (pickType(s, c, lean)) {
    case "null":
      return null;
    case "boolean":
      return c.r.next() < 0.5;
    case "integer":
      return numeric(s, c, true, key);
    case "number":
      return numeric(s, c, typesOf(s).includes("integer"), key);
    case "array":
      return array(s, c, depth, path, lean);
    case "object": {
      const v = object(s, c, depth, path, lean) as Record<string, unknown>;
      if (d && tag !== undefined) v[d.propertyName] = tag;
      return v;
    }
    default:
      return text(s, c, key);
  }
}
