/**
 * Collects every example in an OpenAPI 3.1 document together with the schema it must satisfy.
 *
 * Covered locations (in paths, webhooks, callbacks and components alike):
 * - media types (request bodies, responses, parameters/headers with `content`): `example` and `examples.*.value`
 * - parameters and headers with a `schema`: `example` and `examples.*.value`
 * - schemas, at any depth: the OpenAPI `example` keyword and each item of the JSON Schema `examples` array
 *
 * `examples` entries given as `{ $ref: "#/components/examples/X" }` are resolved; `externalValue` entries are
 * skipped (nothing to validate locally). Parameters, responses, request bodies and headers given as `$ref` are
 * not followed: they are collected once, where they are defined under `components`.
 */

/** One example found in the document. */
export interface CollectedExample {
  /** JSON pointer (RFC 6901) of the example value in the document, e.g. `/paths/~1a/get/responses/200/content/application~1json/example`. */
  pointer: string;
  /** JSON pointer of the schema the example must validate against (it may itself be a `{ $ref }`). */
  schemaPointer: string;
  /** The example value (the target of a `$ref`'d Example Object when the example was a reference). */
  value: unknown;
}

type Json = Record<string, unknown>;

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** Schema keywords whose value is a single subschema. */
const SUBSCHEMA_KEYWORDS = [
  "items",
  "additionalProperties",
  "not",
  "if",
  "then",
  "else",
  "contains",
  "propertyNames",
  "unevaluatedItems",
  "unevaluatedProperties",
  "contentSchema",
] as const;
/** Schema keywords whose value is an array of subschemas. */
const SUBSCHEMA_ARRAY_KEYWORDS = ["allOf", "anyOf", "oneOf", "prefixItems"] as const;
/** Schema keywords whose value is a map of name → subschema. */
const SUBSCHEMA_MAP_KEYWORDS = [
  "properties",
  "patternProperties",
  "$defs",
  "dependentSchemas",
] as const;

/** Escapes one reference token for a JSON pointer (RFC 6901: `~` → `~0`, `/` → `~1`). */
export function escapePointerToken(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

/**
 * Resolves a local JSON pointer in `doc`: a URI fragment (`#/a/b`, percent-decoded) or a plain pointer (`/a/b`).
 * @returns the value at the pointer, or `undefined` when any segment is missing.
 */
export function resolvePointer(doc: unknown, pointer: string): unknown {
  const isFragment = pointer.startsWith("#");
  const path = isFragment ? pointer.slice(1) : pointer;
  if (path === "") return doc;
  let node: unknown = doc;
  for (const raw of path.slice(1).split("/")) {
    const token = (isFragment ? decodeURIComponent(raw) : raw)
      .replace(/~1/g, "/")
      .replace(/~0/g, "~");
    if (!isObject(node) && !Array.isArray(node)) return undefined;
    node = (node as Json)[token];
  }
  return node;
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function entries(value: unknown): Array<[string, unknown]> {
  return isObject(value) ? Object.entries(value) : [];
}

function child(pointer: string, token: string | number): string {
  return `${pointer}/${escapePointerToken(String(token))}`;
}

/**
 * Walks `doc` and returns every example with the pointer of its schema, in document order.
 * @param doc a parsed OpenAPI 3.1 document (JSON or YAML already parsed to plain data).
 * @returns the collected examples; empty when the document has none.
 */
export function collectExamples(doc: Json): CollectedExample[] {
  const found: CollectedExample[] = [];

  const schema = (node: unknown, ptr: string): void => {
    if (!isObject(node)) return;
    if ("example" in node)
      found.push({ pointer: child(ptr, "example"), schemaPointer: ptr, value: node.example });
    if (Array.isArray(node.examples)) {
      node.examples.forEach((value, i) =>
        found.push({ pointer: child(child(ptr, "examples"), i), schemaPointer: ptr, value }),
      );
    }
    for (const key of SUBSCHEMA_KEYWORDS) schema(node[key], child(ptr, key));
    for (const key of SUBSCHEMA_ARRAY_KEYWORDS) {
      const list = node[key];
      if (Array.isArray(list)) list.forEach((sub, i) => schema(sub, child(child(ptr, key), i)));
    }
    for (const key of SUBSCHEMA_MAP_KEYWORDS) {
      for (const [name, sub] of entries(node[key])) schema(sub, child(child(ptr, key), name));
    }
  };

  /** `example` / `examples` on a media type, parameter or header, checked against `schemaPtr`. */
  const exampleHolder = (node: Json, ptr: string, schemaPtr: string): void => {
    if ("example" in node)
      found.push({ pointer: child(ptr, "example"), schemaPointer: schemaPtr, value: node.example });
    for (const [name, ex] of entries(node.examples)) {
      let exPtr = child(child(ptr, "examples"), name);
      let target: unknown = ex;
      if (isObject(ex) && typeof ex.$ref === "string" && ex.$ref.startsWith("#")) {
        exPtr = ex.$ref.slice(1);
        target = resolvePointer(doc, ex.$ref);
      }
      if (isObject(target) && "value" in target) {
        found.push({
          pointer: child(exPtr, "value"),
          schemaPointer: schemaPtr,
          value: target.value,
        });
      }
    }
  };

  const content = (node: unknown, ptr: string): void => {
    for (const [mediaType, media] of entries(node)) {
      const mediaPtr = child(ptr, mediaType);
      if (!isObject(media)) continue;
      schema(media.schema, child(mediaPtr, "schema"));
      if (media.schema !== undefined) exampleHolder(media, mediaPtr, child(mediaPtr, "schema"));
    }
  };

  /** A Parameter Object or Header Object (same shape for examples). */
  const parameterLike = (node: unknown, ptr: string): void => {
    if (!isObject(node) || "$ref" in node) return;
    if (node.schema !== undefined) {
      schema(node.schema, child(ptr, "schema"));
      exampleHolder(node, ptr, child(ptr, "schema"));
    }
    content(node.content, child(ptr, "content"));
  };

  const headers = (node: unknown, ptr: string): void => {
    for (const [name, header] of entries(node)) parameterLike(header, child(ptr, name));
  };

  const response = (node: unknown, ptr: string): void => {
    if (!isObject(node) || "$ref" in node) return;
    headers(node.headers, child(ptr, "headers"));
    content(node.content, child(ptr, "content"));
  };

  const requestBody = (node: unknown, ptr: string): void => {
    if (!isObject(node) || "$ref" in node) return;
    content(node.content, child(ptr, "content"));
  };

  const pathItem = (node: unknown, ptr: string): void => {
    if (!isObject(node) || "$ref" in node) return;
    const params = node.parameters;
    if (Array.isArray(params))
      params.forEach((p, i) => parameterLike(p, child(child(ptr, "parameters"), i)));
    for (const method of HTTP_METHODS) {
      const op = node[method];
      if (!isObject(op)) continue;
      const opPtr = child(ptr, method);
      const opParams = op.parameters;
      if (Array.isArray(opParams))
        opParams.forEach((p, i) => parameterLike(p, child(child(opPtr, "parameters"), i)));
      requestBody(op.requestBody, child(opPtr, "requestBody"));
      for (const [status, res] of entries(op.responses))
        response(res, child(child(opPtr, "responses"), status));
      for (const [name, callback] of entries(op.callbacks)) {
        if (isObject(callback) && "$ref" in callback) continue;
        for (const [expr, item] of entries(callback))
          pathItem(item, child(child(child(opPtr, "callbacks"), name), expr));
      }
    }
  };

  for (const [path, item] of entries(doc.paths)) pathItem(item, child("/paths", path));
  for (const [name, item] of entries(doc.webhooks)) pathItem(item, child("/webhooks", name));

  const components = isObject(doc.components) ? doc.components : {};
  const at = (section: string, name: string): string => child(child("/components", section), name);
  for (const [name, s] of entries(components.schemas)) schema(s, at("schemas", name));
  for (const [name, p] of entries(components.parameters)) parameterLike(p, at("parameters", name));
  for (const [name, h] of entries(components.headers)) parameterLike(h, at("headers", name));
  for (const [name, r] of entries(components.responses)) response(r, at("responses", name));
  for (const [name, b] of entries(components.requestBodies))
    requestBody(b, at("requestBodies", name));
  for (const [name, item] of entries(components.pathItems)) pathItem(item, at("pathItems", name));
  for (const [name, callback] of entries(components.callbacks)) {
    for (const [expr, item] of entries(callback))
      pathItem(item, child(at("callbacks", name), expr));
  }
  return found;
}
