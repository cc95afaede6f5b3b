/**
 * Reads one call's parameters and body back from the wire (by each parameter's style and schema) and checks
 * them, and the request's credentials, against the operation.
 */
import type { Answerer } from "./mock-answer.js";
import { pageOf } from "./mock-pages.js";
import {
  authorized,
  readBody,
  type Incoming,
  type MockOperation,
  type MockParam,
  type RequestIssue,
} from "./mock-request.js";
import { check, deref, typesOf, type MockDefs, type MockSchema } from "./mock-schema.js";

/** A string from the wire as the schema's type: numbers, booleans, null; arrays and objects item by item. */
export function coerce(v: unknown, schema: MockSchema | undefined, defs: MockDefs): unknown {
  if (schema === undefined || v === undefined) return v;
  const s = deref(schema, defs);
  const branches = s.oneOf ?? s.anyOf ?? s.allOf ?? [];
  const types = new Set([...typesOf(s), ...branches.flatMap((b) => typesOf(deref(b, defs)))]);
  // a form field holds a list as repeated keys (one key: a single value) and an object as JSON text
  if (types.has("array") && !Array.isArray(v) && types.size === 1) v = [v];
  if (typeof v === "string" && (types.has("object") || types.has("array")) && /^[[{]/.test(v))
    try {
      v = JSON.parse(v);
    } catch {
      // not JSON: validation reports the type
    }
  if (typeof v === "string") {
    if ((types.has("integer") || types.has("number")) && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(v))
      return Number(v);
    if (types.has("boolean") && (v === "true" || v === "false")) return v === "true";
    return types.has("null") && v === "null" ? null : v;
  }
  if (Array.isArray(v))
    return v.map((x) => coerce(x, typeof s.items === "object" ? s.items : undefined, defs));
  if (v && typeof v === "object" && !(v instanceof Blob)) {
    const extra = typeof s.additionalProperties === "object" ? s.additionalProperties : undefined;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = coerce(x, s.properties?.[k] ?? extra, defs);
    return out;
  }
  return v;
}

const shape = (p: MockParam, defs: MockDefs): string => {
  const t = p.schema ? typesOf(deref(p.schema, defs)) : [];
  return t.includes("array") ? "array" : t.includes("object") ? "object" : "scalar";
};

/** `a,b,c` (or `k,v,k2,v2`, or exploded `k=v,k2=v2`) as a list or object, per the parameter's schema. */
function split(p: MockParam, raw: string, sep: string, defs: MockDefs, explode = false): unknown {
  const k = shape(p, defs);
  const parts = raw.split(sep);
  if (k === "array") return parts;
  if (k !== "object") return raw;
  const out: Record<string, string> = {};
  if (explode)
    for (const part of parts) out[part.split("=")[0]!] = part.slice(part.indexOf("=") + 1);
  else for (let i = 0; i + 1 < parts.length; i += 2) out[parts[i]!] = parts[i + 1]!;
  return out;
}

const json = (s: string): unknown => {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
};

/** `name=value` pairs of the query string or the `cookie` header. */
function pairs(p: MockParam, req: Incoming): [string, string][] {
  if (p.in === "query") return [...req.url.searchParams];
  return (req.headers["cookie"] ?? "")
    .split(/;\s*/)
    .filter(Boolean)
    .map((c) => {
      const i = c.indexOf("=");
      return [decodeURIComponent(c.slice(0, i)), decodeURIComponent(c.slice(i + 1))];
    });
}

/** One parameter's value as the client serialized it, or undefined when the request does not carry it. */
export function readParam(
  p: MockParam,
  req: Incoming,
  pathValues: Readonly<Record<string, string>>,
  defs: MockDefs,
): unknown {
  if (p.in === "path" || p.in === "header") {
    const raw = p.in === "path" ? pathValues[p.name] : req.headers[p.name.toLowerCase()];
    if (raw === undefined) return undefined;
    const v = p.in === "path" ? decodeURIComponent(raw) : raw;
    const explode = p.explode ?? false;
    if (p.json) return json(v);
    if (p.style === "label") return split(p, v.slice(1), explode ? "." : ",", defs, explode);
    if (p.style !== "matrix") return split(p, v, ",", defs, explode);
    const prefix = `;${p.name}=`;
    const items = v.startsWith(prefix)
      ? v.slice(prefix.length).split(prefix).join(",")
      : v.slice(1);
    return split(p, explode ? items.replace(/;/g, ",") : items, ",", defs, explode);
  }
  const all = pairs(p, req);
  if (p.style === "deepObject") {
    const out: Record<string, unknown> = {};
    for (const [name, v] of all) {
      if (!name.startsWith(`${p.name}[`)) continue;
      const keys = (name.slice(p.name.length).match(/\[([^\]]*)\]/g) ?? []).map((x) =>
        x.slice(1, -1),
      );
      let o = out;
      keys.slice(0, -1).forEach((key) => (o = (o[key] ??= {}) as Record<string, unknown>));
      if (keys.length) o[keys.at(-1)!] = v;
    }
    return Object.keys(out).length ? out : undefined;
  }
  const explode = p.explode ?? (p.style === undefined || p.style === "form");
  if (shape(p, defs) === "object" && explode && !p.json) {
    const props = deref(p.schema!, defs).properties ?? {};
    const out = Object.fromEntries(all.filter(([name]) => Object.hasOwn(props, name)));
    return Object.keys(out).length ? out : undefined;
  }
  const values = all.filter(([k]) => k === p.name).map(([, v]) => v);
  if (!values.length) return undefined;
  if (p.json) return json(values[0]!);
  if (shape(p, defs) === "array" && explode) return values;
  const sep = p.style === "spaceDelimited" ? " " : p.style === "pipeDelimited" ? "|" : ",";
  return split(p, values[0]!, sep, defs);
}

/** Issues of a value against a schema, worded for the request part it came from. */
function issues(
  where: string,
  name: string | undefined,
  schema: MockSchema | undefined,
  value: unknown,
  defs: MockDefs,
): RequestIssue[] {
  if (schema === undefined) return [];
  const what = name !== undefined ? `${where} parameter '${name}'` : "the request body";
  return check(schema, value, defs, "request").map((i) => ({
    in: where,
    ...(name !== undefined ? { name } : {}),
    ...(i.pointer ? { pointer: i.pointer } : {}),
    message: `${what}${i.pointer ? ` at ${i.pointer}` : ""} ${i.message}`,
  }));
}

/** One call read back: parameters by `params` key (body under `body`), what is wrong, credentials, page. */
export interface ReadCall {
  readonly params: Record<string, unknown>;
  readonly issues: readonly RequestIssue[];
  readonly authorized: boolean;
  /** A paginated operation is asked for a page after the first. */
  readonly followUp: boolean;
}

/**
 * Reads and checks a call of `op`: its parameters and body as values, checked against their schemas.
 * @param pathValues the raw (still percent-encoded) path parameter values, by name, from `match`
 * @returns the values by `params` key, every issue found (empty: a valid call), whether the call carries the
 *   credentials its security requires, and whether it asks for a page after the first
 */
export async function readCall(
  a: Answerer,
  op: MockOperation,
  req: Incoming,
  pathValues: Readonly<Record<string, string>>,
): Promise<ReadCall> {
  const defs = a.api.schemas;
  const params: Record<string, unknown> = {};
  const found: RequestIssue[] = [];
  for (const p of op.params ?? []) {
    const v = coerce(readParam(p, req, pathValues, defs), p.schema, defs);
    if (v === undefined) {
      if (p.required)
        found.push({
          in: p.in,
          name: p.name,
          message: `${p.in} parameter '${p.name}' is required`,
        });
    } else {
      params[p.key ?? p.name] = v;
      found.push(...issues(p.in, p.name, p.schema, v, defs));
    }
  }
  if (op.body) {
    const { value, error } = await readBody(req, op.body.mediaType);
    const body = /json/i.test(op.body.mediaType) ? value : coerce(value, op.body.schema, defs);
    if (error) found.push({ in: "body", message: error });
    else if (body === undefined) {
      if (op.body.required) found.push({ in: "body", message: "the request body is required" });
    } else {
      params["body"] = body;
      found.push(...issues("body", undefined, op.body.schema, body, defs));
    }
  }
  const o = a.options;
  const followUp =
    !!op.pagination &&
    pageOf({
      pg: op.pagination,
      params,
      url: req.url,
      cursors: a.cursors,
      pages: o.pages ?? 3,
      pageSize: o.pageSize ?? 2,
    }).followUp;
  return { params, issues: found, authorized: authorized(op, a.api, req), followUp };
}
