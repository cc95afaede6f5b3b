/**
 * An independent check of response bodies: ajv (with ajv-formats) over the whole OpenAPI document, in draft
 * 2020-12 for OpenAPI 3.1+ and draft-07 with ajv's own `nullable` support for 3.0. 3.0's boolean
 * `exclusiveMinimum`/`exclusiveMaximum` become numbers and a `nullable` without `type` an `anyOf` with null,
 * the forms ajv reads. Patterns that are not valid in unicode mode are compiled without it (as browsers and
 * the mock do). Unknown keywords and formats are ignored (`strict: false`), as OpenAPI documents carry many.
 * Required `writeOnly` properties are not required (a response leaves them out, as OpenAPI says).
 */
import { Ajv, type ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

const addFormats = addFormatsModule.default;
const DOC_ID = "urn:openapi-client-gen:mock-check";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** OpenAPI 3.0 schema forms → what ajv's draft-07 validator reads (in place, every object of the document). */
function upgrade30(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(upgrade30);
  if (!isObject(node)) return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node))
    out[k] =
      k === "example" || k === "examples" || k === "default" || k === "enum" ? v : upgrade30(v);
  for (const k of ["Minimum", "Maximum"]) {
    const ex = out[`exclusive${k}`];
    const bound = out[k.toLowerCase()];
    if (ex === true && typeof bound === "number") {
      out[`exclusive${k}`] = bound;
      delete out[k.toLowerCase()];
    } else if (typeof ex === "boolean") delete out[`exclusive${k}`];
  }
  if (out["nullable"] !== undefined && out["type"] === undefined) {
    const { nullable, ...rest } = out;
    return nullable === true ? { anyOf: [rest, { type: "null" }] } : rest;
  }
  return out;
}

/**
 * A response's view of the document (OpenAPI: a required `writeOnly` property is required in requests only):
 * such properties leave `required`, in place.
 */
function responseView(doc: Json): Json {
  const target = (v: unknown): unknown => {
    for (let i = 0; isObject(v) && typeof v["$ref"] === "string" && i < 16; i++)
      v = lookup(doc, decodeURIComponent(v["$ref"].slice(1)));
    return v;
  };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isObject(node)) return;
    const props = node["properties"];
    if (Array.isArray(node["required"]) && isObject(props))
      node["required"] = node["required"].filter((k) => {
        const p = target(props[k as string]);
        return !(isObject(p) && p["writeOnly"] === true);
      });
    for (const [k, v] of Object.entries(node)) if (k !== "example" && k !== "examples") visit(v);
  };
  visit(doc);
  return doc;
}

/** ajv's RegExp engine: unicode mode when the pattern allows it. */
function regExp(pattern: string, flags: string): RegExp {
  try {
    return new RegExp(pattern, flags);
  } catch {
    return new RegExp(pattern, flags.replace("u", ""));
  }
}
regExp.code = "regExp";

/**
 * `check(pointer, value)`: ajv's errors (`/path message`) for a response body against the schema at a JSON
 * pointer (a required `writeOnly` property is not required there).
 */
export function openapiValidator(doc: Json): (pointer: string, value: unknown) => string[] {
  const v31 = /^3\.[1-9]/.test(String(doc["openapi"]));
  const options = { strict: false, allErrors: true, logger: false as const, code: { regExp } };
  const ajv = v31 ? new Ajv2020(options) : new Ajv({ ...options, nullable: true } as never);
  addFormats(ajv);
  ajv.addSchema(responseView(v31 ? structuredClone(doc) : (upgrade30(doc) as Json)), DOC_ID);
  const compiled = new Map<string, ValidateFunction>();
  return (pointer, value) => {
    let validate = compiled.get(pointer);
    if (validate === undefined) {
      const fragment = pointer.split("/").map(encodeURIComponent).join("/");
      validate = ajv.compile({ $ref: `${DOC_ID}#${fragment}` });
      compiled.set(pointer, validate);
    }
    return validate(value)
      ? []
      : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? e.keyword}`);
  };
}

/** Escapes a JSON pointer token. */
const token = (t: string): string => t.replace(/~/g, "~0").replace(/\//g, "~1");

/**
 * The JSON pointer of a response's schema, following a `$ref`'d response (`#/components/responses/X`).
 * @returns undefined when the response declares no schema for the media type
 */
export function responseSchemaPointer(
  doc: Json,
  path: string,
  method: string,
  status: string,
  mediaType: string,
): string | undefined {
  let at = `/paths/${token(path)}/${method}/responses/${token(status)}`;
  let node = lookup(doc, at);
  for (let i = 0; isObject(node) && typeof node["$ref"] === "string" && i < 8; i++) {
    at = decodeURIComponent(node["$ref"].slice(1));
    node = lookup(doc, at);
  }
  const content = isObject(node) ? node["content"] : undefined;
  const media = isObject(content) ? content[mediaType] : undefined;
  return isObject(media) && media["schema"] !== undefined
    ? `${at}/content/${token(mediaType)}/schema`
    : undefined;
}

function lookup(doc: unknown, pointer: string): unknown {
  let node = doc;
  for (const t of pointer.split("/").slice(1)) {
    const key = t.replace(/~1/g, "/").replace(/~0/g, "~");
    node = isObject(node) || Array.isArray(node) ? (node as Json)[key] : undefined;
  }
  return node;
}
