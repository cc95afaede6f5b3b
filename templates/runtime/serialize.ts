/**
 * Parameter and body serialization per the OpenAPI `style`/`explode` rules.
 *
 * The request core uses {@link plain} (scalar values), {@link buildPath} and {@link own}; the generated
 * operations import the serializers (`pathStyles`, `headerStyles`, `queryStyles`) and body encoders
 * (`jsonBody`, `mediaBody`) only where a parameter (an array or object, or a style that changes a scalar) or a
 * body needs them, so a bundle carries
 * no style it does not use.
 *
 * Path values are percent-encoded so that no value can add, remove or escape a path segment
 * (`/`, `?`, `#`, `%` are encoded; a segment that would read as `.` or `..` is refused).
 */
import type { BodyEncoder, BodyMedia, ParamSerializer, ParamSpec } from "./types.js";

type Encode = (s: string) => string;

/** Percent-encodes all but RFC 3986 unreserved characters. */
export const enc: Encode = encodeURIComponent;
/** `allowReserved`: RFC 3986 reserved characters stay as they are, except `#`, which would end the query. */
const encReserved: Encode = (s) => encodeURI(s).replace(/#/g, "%23");
const same: Encode = (s) => s;

/**
 * A parameter value: own properties only, so an omitted `constructor` or `toString` parameter does not
 * read Object.prototype.
 */
export const own = (values: Record<string, unknown>, key: string): unknown =>
  Object.hasOwn(values, key) ? values[key] : undefined;

/** A scalar as text: `Date` as ISO 8601, everything else through `String`. */
export const text = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));

/** An object with fields (not an array, Date or Blob; null-prototype objects included). */
const isObj = (v: unknown): v is Record<string, unknown> =>
  ({}).toString.call(v) === "[object Object]";

/**
 * The parts of a value: array items, or object keys and values (`k=v` when `explode`), or the scalar.
 * Every part is already encoded with `e`.
 */
function parts(v: unknown, explode: boolean, e: Encode): string[] {
  return Array.isArray(v)
    ? v.map((x) => e(text(x)))
    : isObj(v)
      ? Object.entries(v).flatMap(([k, x]) =>
          x == null ? [] : explode ? [e(k) + "=" + e(text(x))] : [e(k), e(text(x))],
        )
      : [e(text(v))];
}

/**
 * The serializer of a parameter without `serialize`, whose value is a scalar (string, number, boolean, Date):
 * the value as text, percent-encoded in a path, as it is in a header, and as one `name=value` pair in a query
 * or cookie. Every style gives that for a scalar, except `label` and `matrix` paths, `allowReserved` queries
 * and JSON parameters, which the generator gives a serializer.
 */
export const plain: ParamSerializer = (p, v) =>
  p.in === "header" ? [text(v)] : [(p.in === "path" ? "" : enc(p.name) + "=") + enc(text(v))];

/**
 * Serializes one path parameter (`simple`, `label` or `matrix`) into its encoded template replacement.
 * @returns e.g. `a,b` (simple), `.a.b` (label, explode), `;id=a;id=b` (matrix, explode)
 */
export function pathValue(p: ParamSpec, v: unknown): string {
  const explode = p.explode ?? false;
  const list = parts(v, explode, enc);
  const n = ";" + enc(p.name) + "=";
  return p.style === "label"
    ? "." + list.join(explode ? "." : ",")
    : p.style !== "matrix"
      ? list.join(",")
      : explode && Array.isArray(v)
        ? n + list.join(n)
        : explode && isObj(v)
          ? ";" + list.join(";")
          : n + list.join(",");
}

/**
 * Expands a path template with encoded parameter values.
 * @param template path as in the document, e.g. `/payouts/{id}`
 * @param specs the operation's parameters: a path parameter's `key` and `serialize` (else `plain`, by its name)
 * @param values parameter values by `{name}` in the template (by `key` where a parameter has one)
 * @returns the path with every `{name}` replaced, e.g. `/payouts/po_1`
 * @throws TypeError when a path parameter is missing or serializes to nothing (`""`, `[]`: the request would
 *   go to another resource, e.g. `PUT /items/`), or a segment would read as `.` or `..`
 */
export function buildPath(
  template: string,
  specs: readonly ParamSpec[],
  values: Record<string, unknown>,
): string {
  const path = template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const p = specs.find((s) => s.in === "path" && s.name === name) ?? {
      name,
      in: "path" as const,
    };
    const v = own(values, p.key ?? name);
    const s = v == null ? "" : (p.serialize ?? plain)(p, v).join(",");
    if (!s) throw new TypeError(`Missing path parameter "${name}" (or empty)`);
    return s;
  });
  if (/(^|\/)(\.|%2e){1,2}(\/|$)/i.test(path))
    throw new TypeError(`Path parameter would change the path ${template}`);
  return path;
}

/**
 * Serializes one query (or cookie) parameter into `name=value` pairs, each already encoded
 * (`allowReserved` applies to query parameters only).
 * Styles: form (explode true/false), spaceDelimited, pipeDelimited, deepObject; `json` sends JSON text.
 */
export function formPairs(p: ParamSpec, v: unknown): string[] {
  const e = p.allowReserved && p.in === "query" ? encReserved : enc;
  const n = enc(p.name);
  if (p.json) return [n + "=" + e(JSON.stringify(v))];
  if (p.style === "deepObject") return deep(n, v, e);
  const explode = p.explode ?? (p.style === undefined || p.style === "form");
  if (explode && Array.isArray(v)) return v.map((x) => n + "=" + e(text(x)));
  if (explode && isObj(v)) return parts(v, true, e);
  const sep = p.style === "spaceDelimited" ? "%20" : p.style === "pipeDelimited" ? "|" : ",";
  return [n + "=" + parts(v, false, e).join(sep)];
}

/** deepObject: `name[key]=value`, nested objects as `name[a][b]`, arrays as repeated keys. */
function deep(prefix: string, v: unknown, e: Encode): string[] {
  if (Array.isArray(v)) return v.flatMap((x) => deep(prefix, x, e));
  if (!isObj(v)) return [prefix + "=" + e(text(v))];
  return Object.entries(v).flatMap(([k, x]) =>
    x == null ? [] : deep(prefix + "[" + enc(k) + "]", x, e),
  );
}

/** Header parameter value (`simple` style, no percent-encoding; CR/LF is checked when the header is set). */
export function headerValue(p: ParamSpec, v: unknown): string {
  return p.json ? JSON.stringify(v) : parts(v, p.explode ?? false, same).join(",");
}

/** `ParamSpec.serialize` for a path parameter that is not a scalar in `simple` style (see {@link pathValue}). */
export const pathStyles: ParamSerializer = (p, v) => [pathValue(p, v)];
/** `ParamSpec.serialize` for a header parameter that is not a scalar, or is JSON (see {@link headerValue}). */
export const headerStyles: ParamSerializer = (p, v) => [headerValue(p, v)];
/**
 * `ParamSpec.serialize` for a query or cookie parameter that is not a scalar, or is `allowReserved` (query) or
 * JSON, in any style (see {@link formPairs}).
 */
export const queryStyles: ParamSerializer = formPairs;

/**
 * Encodes a request body per its media type (`json`, `form`, `multipart`, `text`, `binary`).
 * @returns the fetch body and the `Content-Type` to send (undefined for multipart: fetch adds the boundary)
 */
export function encodeBody(
  spec: BodyMedia,
  v: unknown,
): { body: RequestInit["body"]; type: string | undefined } {
  const e = spec.encoding;
  let body = v as RequestInit["body"]; // binary: the Blob, ArrayBuffer or Uint8Array itself
  if (e === "json") body = JSON.stringify(v);
  else if (e === "text") body = text(v);
  else if (e === "form" || e === "multipart") {
    const f = e === "form" ? new URLSearchParams() : new FormData();
    // Arrays repeat the key; nested objects travel as JSON; Blob/File parts stay binary (multipart).
    for (const [k, x] of Object.entries(v ?? {}))
      for (const item of [x].flat())
        if (item != null)
          (f as FormData).append(
            k,
            item instanceof Blob ? item : isObj(item) ? JSON.stringify(item) : text(item),
          );
    body = f;
  }
  return { body, type: e === "multipart" ? undefined : spec.mediaType };
}

/** `BodySpec.encode` of a JSON requestBody (any JSON media type, e.g. `application/merge-patch+json`). */
export const jsonBody: BodyEncoder = (spec, v, headers) => {
  headers["content-type"] = spec.mediaType;
  return JSON.stringify(v);
};

/** `BodySpec.encode` of a `form`, `multipart`, `text` or `binary` requestBody (see {@link encodeBody}). */
export const mediaBody: BodyEncoder = (spec, v, headers) => {
  const { body, type } = encodeBody(spec, v);
  if (type) headers["content-type"] = type;
  return body;
};
