/**
 * validate: parsed document → valid document + issues.
 *
 * Collects every issue before failing. Errors stop generation; defects real specs carry
 * (duplicate operationIds, undeclared path parameters, `$ref` siblings, bad regex patterns, unknown
 * types and other schemas the type generator cannot take, `$ref` cycles TypeScript cannot type, header parameters
 * differing only in case) are warnings, with a repair
 * applied where one exists, so later stages can trust the document. Documents too large to generate are errors.
 */
import { asRecord, getPointer, isRecord, type JsonRecord } from "../util/document.js";
import { breakUntypableCycles } from "./cycles.js";
import { repairOperations } from "./repair.js";
import { repairSchemas } from "./schemas.js";
import { checkSize } from "./size.js";
import type { Issue } from "../util/issues.js";
import { entryPointer, MAX_DEPTH, tooDeepIssue } from "../load/depth.js";

export { findTooDeep, MAX_DEPTH, tooDeepIssue } from "../load/depth.js";
export { MAX_OPERATION_DOCS, MAX_OPERATIONS, MAX_SCHEMAS } from "./size.js";

/** A document that passed validation: an object with a supported `openapi` version, `info` and `paths`. */
export type ValidDocument = JsonRecord & {
  readonly openapi: string;
  readonly info: JsonRecord;
  readonly paths: JsonRecord;
};

export interface ValidationResult {
  /** The repaired document, or undefined when there are errors. */
  readonly document?: ValidDocument;
  readonly issues: readonly Issue[];
}

/** Validates `input` and repairs known defects. Never throws on any input. */
export function validate(input: unknown): ValidationResult {
  const issues: Issue[] = [];
  const error = (code: string, ptr: string, message: string): void => {
    issues.push({ code, severity: "error", pointer: ptr, message });
  };
  const warn = (code: string, ptr: string, message: string): void => {
    issues.push({ code, severity: "warning", pointer: ptr, message });
  };
  if (!isRecord(input)) {
    const kind = input === null ? "null" : Array.isArray(input) ? "an array" : `a ${typeof input}`;
    error(
      "root-not-object",
      "",
      `the document is ${kind}; an OpenAPI document is an object with 'openapi', 'info' and 'paths'.`,
    );
    return { issues };
  }
  const version = input["openapi"];
  if (version === undefined) {
    const hint =
      input["swagger"] !== undefined
        ? " (Swagger documents are converted automatically only when 'swagger' is '2.0')"
        : "";
    error(
      "missing-openapi-version",
      "",
      `no 'openapi' field: this is not an OpenAPI 3.x document${hint}. Add e.g. "openapi": "3.1.0".`,
    );
  } else if (typeof version !== "string" || !/^3\.[0-2](\.\d+)?(-[\w.]+)?$/.test(version)) {
    error(
      "unsupported-openapi-version",
      "/openapi",
      `'openapi: ${typeof version === "string" || typeof version === "number" ? String(version) : JSON.stringify(version)}' is not supported; use 3.0.x, 3.1.x or 3.2.x.`,
    );
  }
  const info = input["info"];
  if (!isRecord(info)) {
    error(
      "missing-info",
      "/info",
      "the 'info' object is missing; add info.title and info.version.",
    );
  } else {
    if (typeof info["title"] !== "string")
      warn("missing-title", "/info", "info.title is missing; the API name from config is used.");
    if (info["version"] === undefined)
      warn("missing-info-version", "/info", "info.version is missing; '0.0.0' is assumed.");
  }
  let paths = input["paths"];
  if (paths === undefined) {
    // 3.1 makes `paths` optional (components-only documents); real 3.0 documents omit it too. Types only.
    warn(
      "missing-paths",
      "/paths",
      "the document has no 'paths' object; the client has types but no operations.",
    );
    paths = {};
  } else if (!isRecord(paths)) {
    error(
      "invalid-paths",
      "/paths",
      "'paths' is not an object; it must map path templates to path items.",
    );
  }
  walkDocument(input, issues);
  checkSize(input, isRecord(paths) ? paths : {}, error);
  if (issues.some((i) => i.severity === "error")) return { issues };
  const schemasRepaired = repairSchemas({ ...input, paths }, warn);
  const repaired = repairOperations(
    schemasRepaired,
    schemasRepaired["paths"] as JsonRecord,
    error,
    warn,
  );
  if (issues.some((i) => i.severity === "error")) return { issues };
  const cycles = breakUntypableCycles({ ...schemasRepaired, paths: repaired });
  issues.push(...cycles.issues);
  return { document: cycles.document as ValidDocument, issues };
}

interface WalkEntry {
  readonly node: unknown;
  readonly key: string;
  readonly parent: WalkEntry | undefined;
  readonly depth: number;
  /** Under `components/securitySchemes`, where `type` is not a schema type. */
  readonly securitySchemes: boolean;
}

/**
 * A `%` in a name: openapi-typescript builds JSON pointers from names and decodes them with decodeURIComponent,
 * repeatedly at each level, so any `%` (even a valid `%25`) ends in "URI malformed" inside it.
 */
const PERCENT = /%/;

const VALUE_KEYS = new Set(["examples", "example", "default", "const", "enum"]);

/** Objects whose keys are names (a property, header or path may be called `x-…`), not fields. */
const NAME_MAPS = new Set([
  "properties",
  "patternProperties",
  "headers",
  "paths",
  "schemas",
  "parameters",
  "responses",
  "callbacks",
  "links",
  "requestBodies",
  "pathItems",
  "content",
  "encoding",
  "variables",
  "mapping",
  "$defs",
  "definitions",
  "dependentSchemas",
  "webhooks",
]);

/** True when the entry is inside a specification extension (`x-…` field), whose contents are free-form data. */
function inExtension(entry: WalkEntry): boolean {
  for (let e: WalkEntry | undefined = entry; e?.parent !== undefined; e = e.parent) {
    if (e.key.startsWith("x-") && !NAME_MAPS.has(e.parent.key)) return true;
  }
  return false;
}

/** One iterative pass over every node: depth limit, local `$ref`s, `$ref` siblings, patterns, types. */
function walkDocument(doc: JsonRecord, issues: Issue[]): void {
  const is30 = typeof doc["openapi"] === "string" && doc["openapi"].startsWith("3.0");
  const stack: WalkEntry[] = [
    { node: doc, key: "", parent: undefined, depth: 0, securitySchemes: false },
  ];
  while (stack.length > 0) {
    const entry = stack.pop()!;
    const { node, depth } = entry;
    if (typeof node !== "object" || node === null) continue;
    if (depth > MAX_DEPTH) {
      issues.push(tooDeepIssue(entryPointer(entry)));
      return;
    }
    const securitySchemes =
      entry.securitySchemes ||
      (depth === 2 && entry.key === "securitySchemes" && entry.parent?.key === "components");
    if (Array.isArray(node)) {
      node.forEach((item, i) =>
        stack.push({
          node: item,
          key: String(i),
          parent: entry,
          depth: depth + 1,
          securitySchemes,
        }),
      );
      continue;
    }
    const record = node as JsonRecord;
    const ref = record["$ref"];
    if (typeof ref === "string") {
      const path = entryPointer(entry);
      checkRef(doc, ref, path, issues);
      const siblings = Object.keys(record).filter(
        (k) => k !== "$ref" && k !== "description" && k !== "summary" && !k.startsWith("x-"),
      );
      if (is30 && siblings.length > 0) {
        issues.push({
          code: "ref-siblings",
          severity: "warning",
          pointer: path,
          message: `keys next to $ref (${siblings.join(", ")}) are ignored in OpenAPI 3.0; the $ref wins.`,
        });
      }
    }
    if (!securitySchemes && typeof record["pattern"] === "string") {
      try {
        new RegExp(record["pattern"], "u");
      } catch {
        issues.push({
          code: "invalid-pattern",
          severity: "warning",
          pointer: `${entryPointer(entry)}/pattern`,
          message: `'pattern' is not a valid regular expression; it is ignored.`,
        });
      }
    }
    const names = [
      ...Object.keys(record),
      ...(typeof record["name"] === "string" && typeof record["in"] === "string"
        ? [record["name"]]
        : []),
    ];
    const badName = names.find((k) => PERCENT.test(k));
    if (badName !== undefined && !inExtension(entry)) {
      issues.push({
        code: "percent-in-name",
        severity: "error",
        pointer: entryPointer(entry),
        message: `the name '${badName}' contains '%', which the type generator (openapi-typescript) decodes as a URI escape and cannot type. Rename it without '%'.`,
      });
    }
    const inProperties = entry.key === "properties" || entry.key === "patternProperties";
    for (const key of Object.keys(record)) {
      if (!inProperties && VALUE_KEYS.has(key)) continue;
      stack.push({ node: record[key], key, parent: entry, depth: depth + 1, securitySchemes });
    }
  }
}

function checkRef(doc: JsonRecord, ref: string, path: string, issues: Issue[]): void {
  if (!ref.startsWith("#")) {
    issues.push({
      code: "unresolved-ref",
      severity: "error",
      pointer: path,
      message: `$ref '${ref}' was not bundled; external $refs are resolved by load.`,
    });
    return;
  }
  const seen = new Set<string>();
  let current = ref;
  for (;;) {
    if (seen.has(current)) {
      issues.push({
        code: "ref-cycle",
        severity: "error",
        pointer: path,
        message: `$ref '${ref}' is a cycle of references with no schema in it (${[...seen].join(" → ")}); it cannot be typed. Make one of them a real schema.`,
      });
      return;
    }
    seen.add(current);
    const target = getPointer(doc, current);
    if (target === undefined) {
      issues.push({
        code: "dangling-ref",
        severity: "error",
        pointer: path,
        message: `$ref '${current}' points at nothing in the document; fix the reference or add the component.`,
      });
      return;
    }
    const next = asRecord(target)?.["$ref"];
    if (typeof next !== "string" || !next.startsWith("#")) return;
    current = next;
  }
}
