import { Ajv2020 } from "ajv/dist/2020.js";
import type { ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

/** ajv-formats is CommonJS: under NodeNext the default import is `module.exports`, whose `default` is the plugin. */
const addFormats = addFormatsModule.default;

/** OpenAPI keywords that may appear inside a 3.1 Schema Object and carry no validation meaning. */
const OPENAPI_ANNOTATIONS = ["example", "discriminator", "xml", "externalDocs"] as const;
const DOC_ID = "urn:openapi-client-gen:document";

/** Result of validating one value against a schema of the document. */
export interface SchemaCheck {
  valid: boolean;
  /** ajv messages as `<instancePath> <message>` (`/` for the root), empty when valid. */
  errors: string[];
}

function collectExtensionKeys(node: unknown, into: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectExtensionKeys(item, into);
  } else if (typeof node === "object" && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith("x-")) into.add(key);
      collectExtensionKeys(value, into);
    }
  }
}

/** Turns a JSON pointer into a URI fragment ajv can resolve (each token percent-encoded). */
function toFragment(pointer: string): string {
  return pointer.split("/").map(encodeURIComponent).join("/");
}

/**
 * Builds a validator for values against schemas located anywhere in an OpenAPI 3.1 document.
 * Uses ajv in JSON Schema draft 2020-12 mode with ajv-formats, strict schema checking, and `$ref`s resolved
 * inside the document (e.g. `#/components/schemas/PayoutResponse`). OpenAPI annotations (`example`,
 * `discriminator`, `xml`, `externalDocs`), every `x-*` extension used in the document and the document's root
 * field names are allowed keywords.
 * @param doc the parsed OpenAPI document; it is not modified.
 * @returns `check(schemaPointer, value)`; throws (ajv's error) when the schema at the pointer does not compile
 *   or a `$ref` cannot be resolved.
 */
export function createSchemaValidator(
  doc: Record<string, unknown>,
): (schemaPointer: string, value: unknown) => SchemaCheck {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictTypes: true,
    allowUnionTypes: true,
  });
  addFormats(ajv);
  const extensions = new Set<string>();
  collectExtensionKeys(doc, extensions);
  // ajv compiles the document root before resolving a pointer into it, so the root's own fields
  // (openapi, info, paths, components, …) must be known keywords; they are annotations without effect.
  const rootFields = Object.keys(doc).filter((key) => !key.startsWith("x-"));
  const keywords = new Set<string>([...OPENAPI_ANNOTATIONS, ...rootFields, ...extensions]);
  for (const keyword of [...keywords].sort()) ajv.addKeyword(keyword);
  ajv.addSchema(structuredClone(doc), DOC_ID);
  const compiled = new Map<string, ValidateFunction>();

  return (schemaPointer, value) => {
    let validate = compiled.get(schemaPointer);
    if (validate === undefined) {
      validate = ajv.compile({ $ref: `${DOC_ID}#${toFragment(schemaPointer)}` });
      compiled.set(schemaPointer, validate);
    }
    const valid = validate(value);
    const errors = (validate.errors ?? []).map(
      (e) => `${e.instancePath || "/"} ${e.message ?? e.keyword}`,
    );
    return { valid, errors };
  };
}
