/**
 * Schema comparison for the changelog, in one direction: `request` (the client sends it: narrowing breaks callers)
 * or `response` (the client receives it: widening breaks readers). Follows local `$ref`s in each document, flattens
 * `allOf`, compares `oneOf`/`anyOf` variants by their `$ref` names, and stops at cycles. A property that becomes
 * (or stops being) `deprecated` is reported too: the generated types carry `@deprecated`, which editors and
 * linters show at every use.
 */
import { derefRecord, isRecord, type JsonRecord } from "../util/document.js";
import { compareCodeUnits } from "../model/naming.js";
import type { SpecChange } from "./types.js";

export type Direction = "request" | "response";

/** The set of JSON types a schema allows (`nullable` and 3.1 `type` arrays included); empty when unconstrained. */
function typesOf(schema: JsonRecord): string[] {
  const raw = schema["type"];
  const types = new Set<string>(
    typeof raw === "string"
      ? [raw]
      : Array.isArray(raw)
        ? raw.filter((t): t is string => typeof t === "string")
        : [],
  );
  if (schema["nullable"] === true && types.size > 0) types.add("null");
  if (types.size === 0 && isRecord(schema["properties"])) types.add("object");
  return [...types].sort(compareCodeUnits);
}

/** `allOf` flattened: properties and `required` merged (members dereferenced). */
function flatten(doc: unknown, schema: JsonRecord, depth = 0): JsonRecord {
  const allOf = schema["allOf"];
  if (!Array.isArray(allOf) || depth > 8) return schema;
  const properties: JsonRecord = {
    ...(isRecord(schema["properties"]) ? schema["properties"] : {}),
  };
  const required = new Set<string>(
    Array.isArray(schema["required"])
      ? schema["required"].filter((r): r is string => typeof r === "string")
      : [],
  );
  let type: unknown = schema["type"];
  for (const member of allOf) {
    const m = derefRecord(doc, member);
    if (m === undefined) continue;
    const f = flatten(doc, m, depth + 1);
    if (isRecord(f["properties"])) Object.assign(properties, f["properties"]);
    if (Array.isArray(f["required"]))
      for (const r of f["required"]) if (typeof r === "string") required.add(r);
    type ??= f["type"];
  }
  const { allOf: _allOf, ...rest } = schema;
  return { ...rest, ...(type !== undefined ? { type } : {}), properties, required: [...required] };
}

const refName = (v: unknown): string | undefined =>
  isRecord(v) && typeof v["$ref"] === "string" ? v["$ref"].split("/").pop() : undefined;

/** Context of one comparison: both documents, the direction, and where we are (for messages). */
export interface SchemaDiffContext {
  readonly before: unknown;
  readonly after: unknown;
  readonly direction: Direction;
  readonly out: SpecChange[];
  /** `before→after` $ref pairs already compared (cycle guard). */
  readonly visited: Set<string>;
}

/**
 * Appends to `ctx.out` every change between schema `a` (in `ctx.before`) and `b` (in `ctx.after`) at `where`.
 */
export function diffSchema(
  ctx: SchemaDiffContext,
  a: unknown,
  b: unknown,
  where: string,
  depth = 0,
): void {
  const refPair = `${ctx.direction}:${isRecord(a) ? String(a["$ref"]) : ""}→${isRecord(b) ? String(b["$ref"]) : ""}`;
  if (
    isRecord(a) &&
    isRecord(b) &&
    typeof a["$ref"] === "string" &&
    typeof b["$ref"] === "string"
  ) {
    if (ctx.visited.has(refPair)) return;
    ctx.visited.add(refPair);
  }
  if (depth > 32) return;
  const sa = derefRecord(ctx.before, a);
  const sb = derefRecord(ctx.after, b);
  if (sa === undefined || sb === undefined) return;
  const fa = flatten(ctx.before, sa);
  const fb = flatten(ctx.after, sb);
  const request = ctx.direction === "request";
  const push = (kind: SpecChange["kind"], breaking: boolean, message: string): void => {
    ctx.out.push({ kind, breaking, where, message });
  };

  if (depth > 0 && (sa["deprecated"] === true) !== (sb["deprecated"] === true))
    push(
      "deprecation-changed",
      false,
      sb["deprecated"] === true ? "field deprecated" : "field no longer deprecated",
    );

  const ta = typesOf(fa);
  const tb = typesOf(fb);
  if (ta.length > 0 && tb.length > 0 && ta.join() !== tb.join()) {
    const widen = (from: string[], to: string[]): boolean =>
      from.every((t) => to.includes(t) || (t === "integer" && to.includes("number")));
    const widened = widen(ta, tb);
    const narrowed = widen(tb, ta);
    const how = widened ? "widened" : narrowed ? "narrowed" : "changed";
    const breaking = how === "changed" || (request ? narrowed : widened);
    push("type-changed", breaking, `type ${how} from ${ta.join(" | ")} to ${tb.join(" | ")}`);
  } else if (ta.length === 0 && tb.length > 0 && depth > 0) {
    push("type-changed", !request, `type narrowed from any to ${tb.join(" | ")}`);
  }

  const ea = Array.isArray(fa["enum"]) ? fa["enum"].map((v) => JSON.stringify(v)) : undefined;
  const eb = Array.isArray(fb["enum"]) ? fb["enum"].map((v) => JSON.stringify(v)) : undefined;
  if (ea !== undefined && eb !== undefined) {
    for (const v of eb.filter((x) => !ea.includes(x)))
      push("enum-value-added", !request, `enum value ${v} added`);
    for (const v of ea.filter((x) => !eb.includes(x)))
      push("enum-value-removed", request, `enum value ${v} removed`);
  } else if (ea !== undefined && eb === undefined) {
    push("type-changed", !request, `enum constraint removed (was ${ea.join(", ")})`);
  } else if (ea === undefined && eb !== undefined) {
    push("type-changed", request, `now restricted to ${eb.join(", ")}`);
  }

  for (const key of ["oneOf", "anyOf"] as const) {
    const va = Array.isArray(fa[key])
      ? fa[key].map(refName).filter((n): n is string => n !== undefined)
      : [];
    const vb = Array.isArray(fb[key])
      ? fb[key].map(refName).filter((n): n is string => n !== undefined)
      : [];
    for (const n of vb.filter((x) => !va.includes(x)))
      push("type-changed", !request, `${key} variant ${n} added`);
    for (const n of va.filter((x) => !vb.includes(x)))
      push("type-changed", request, `${key} variant ${n} removed`);
  }

  const pa = isRecord(fa["properties"]) ? fa["properties"] : {};
  const pb = isRecord(fb["properties"]) ? fb["properties"] : {};
  const ra = new Set(Array.isArray(fa["required"]) ? fa["required"] : []);
  const rb = new Set(Array.isArray(fb["required"]) ? fb["required"] : []);
  const names = [...new Set([...Object.keys(pa), ...Object.keys(pb)])].sort(compareCodeUnits);
  for (const name of names) {
    const at = `${where}.${name}`;
    const inA = Object.prototype.hasOwnProperty.call(pa, name);
    const inB = Object.prototype.hasOwnProperty.call(pb, name);
    if (!inA) {
      const required = rb.has(name);
      ctx.out.push({
        kind: "field-added",
        breaking: request && required,
        where: at,
        message: `${required ? "required" : "optional"} field added`,
      });
      continue;
    }
    if (!inB) {
      ctx.out.push({ kind: "field-removed", breaking: true, where: at, message: "field removed" });
      continue;
    }
    if (ra.has(name) !== rb.has(name)) {
      const nowRequired = rb.has(name);
      ctx.out.push({
        kind: "field-required-changed",
        breaking: request ? nowRequired : !nowRequired,
        where: at,
        message: nowRequired ? "field is now required" : "field is now optional",
      });
    }
    diffSchema(ctx, pa[name], pb[name], at, depth + 1);
  }
  if (fa["items"] !== undefined && fb["items"] !== undefined)
    diffSchema(ctx, fa["items"], fb["items"], `${where}[]`, depth + 1);
}
