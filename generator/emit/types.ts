/**
 * emit/types: openapi-typescript's `paths`/`components`/`operations` for the model's document, plus the
 * named aliases users reach for (`PayoutResponse`) and enums as types with `as const` value arrays.
 */
import type { OpenAPI3, SchemaObject } from "openapi-typescript";
import ts from "typescript";
import {
  StructureKind,
  VariableDeclarationKind,
  type JSDocStructure,
  type OptionalKind,
} from "ts-morph";
import { dateFormat } from "../model/dates.js";
import { isRecord } from "../util/document.js";
import { hasViews, type ApiModel, type DatesModel, type EnumModel } from "../model/model.js";
import { docText, literal } from "./docs.js";
import { OPEN_HELPERS, openType, withoutReadWriteHelpers } from "./open-types.js";
import { openApiSegments } from "./interface-segments.js";
import { openapiTS } from "./openapi-typescript.js";
import { redoclyConfig } from "./redocly.js";
import type { Printer, Statement } from "./print.js";
import type { Segment } from "./segments.js";

/**
 * `format: binary` strings (file uploads and downloads, multipart file parts) are `Blob`, the type `fetch`
 * sends and returns; a 3.1 type array with `"null"` keeps `| null` (3.0 `nullable` is added by openapi-typescript).
 */
function binaryAsBlob(schema: SchemaObject): ts.TypeNode | undefined {
  const record = schema as Record<string, unknown>;
  const type = record["type"];
  const types = Array.isArray(type) ? type : type === undefined ? ["string"] : [type];
  if (record["format"] !== "binary" || !types.includes("string")) return undefined;
  const blob = ts.factory.createTypeReferenceNode("Blob");
  return types.includes("null")
    ? ts.factory.createUnionTypeNode([
        blob,
        ts.factory.createLiteralTypeNode(ts.factory.createNull()),
      ])
    : blob;
}

/** The path (a JSON pointer) is inside a response header's schema: header values stay strings. */
function inHeader(path: string | undefined): boolean {
  const segments = (path ?? "").split("/");
  const end = segments.findIndex((s) => s === "content" || s === "schemas" || s === "parameters");
  return segments.slice(0, end === -1 ? undefined : end).includes("headers");
}

/**
 * With the `dates` option, the schemas model/dates.ts revives (`format: date-time`, and `format: date` when
 * configured) are `Date`, with `| null` kept as for binary; response headers stay strings.
 */
function dateAsDate(
  schema: SchemaObject,
  path: string | undefined,
  dates: DatesModel | undefined,
): ts.TypeNode | undefined {
  if (dates === undefined || dateFormat(schema, dates.config) === undefined || inHeader(path))
    return undefined;
  const type = (schema as Record<string, unknown>)["type"];
  const date = ts.factory.createTypeReferenceNode("Date");
  return Array.isArray(type) && type.includes("null")
    ? ts.factory.createUnionTypeNode([
        date,
        ts.factory.createLiteralTypeNode(ts.factory.createNull()),
      ])
    : date;
}

/**
 * 3.0 `nullable: true` on the schemas typed `Date` becomes a 3.1 type array (in openapi-typescript's copy): a
 * `transform` result for an object property replaces the property's whole type, `| null` included, so the
 * transform must see the null itself, and openapi-typescript then adds no second one elsewhere.
 */
function nullableDates(node: unknown, dates: DatesModel): void {
  if (Array.isArray(node)) for (const item of node) nullableDates(item, dates);
  if (!isRecord(node)) return;
  if (node["nullable"] === true && dateFormat(node, dates.config) !== undefined) {
    node["type"] = ["string", "null"];
    delete node["nullable"];
  }
  for (const value of Object.values(node)) nullableDates(value, dates);
}

/**
 * openapi-typescript's statements (`paths`, `components`, `operations`, …) for `model.typesDocument`, through its
 * public `openapiTS()` (redocly configured by redocly.ts). openapi-typescript changes the object it is given (it adds
 * discriminator properties to schemas), hence the copy.
 * @throws {RangeError} when the schemas nest too deeply for openapi-typescript's recursion.
 */
export async function emitOpenApiNodes(model: ApiModel): Promise<ts.Node[]> {
  const document = structuredClone(model.typesDocument);
  if (model.dates !== undefined) nullableDates(document, model.dates);
  const nodes = await openapiTS(document as unknown as OpenAPI3, {
    redocly: await redoclyConfig(),
    silent: true,
    defaultNonNullable: false,
    alphabetize: false,
    readWriteMarkers: model.readWriteMarkers,
    transform: (schema, options) =>
      (model.openTypes ? openType(schema) : undefined) ??
      binaryAsBlob(schema) ??
      dateAsDate(schema, options.path, model.dates),
    ...(model.openTypes ? { inject: OPEN_HELPERS } : {}),
  });
  return model.openTypes ? withoutReadWriteHelpers(nodes) : nodes;
}

function docs(
  description: string | undefined,
  deprecated: boolean,
  extra: readonly string[] = [],
): OptionalKind<JSDocStructure>[] {
  const lines = [
    ...(description !== undefined ? [docText(description)] : []),
    ...extra.map(docText),
  ];
  const tags = deprecated ? [{ tagName: "deprecated" }] : [];
  return lines.length > 0 || tags.length > 0 ? [{ description: lines.join("\n\n"), tags }] : [];
}

function enumValuesDoc(e: EnumModel): string[] {
  if (e.varNames === undefined && e.valueDescriptions === undefined) return [];
  const rows = e.values.map((v, i) => {
    const name = e.varNames?.[i];
    const description = e.valueDescriptions?.[i];
    return `- \`${JSON.stringify(v)}\`${name !== undefined ? ` ${name}` : ""}${description !== undefined ? `: ${description}` : ""}`;
  });
  return [`Values:\n${rows.join("\n")}`];
}

/** `DateInput<T>` (request types) and `DateText<T>` (error bodies, which are not revived), for the `dates` option. */
function dateTypes(): Statement[] {
  const map = (name: string, date: string): string =>
    `T extends Date ? ${date} : T extends Blob ? T : T extends object ? { [K in keyof T]: ${name}<T[K]> } : T`;
  return [
    {
      kind: StructureKind.TypeAlias,
      name: "DateInput",
      isExported: true,
      typeParameters: ["T"],
      type: map("DateInput", "Date | string"),
      docs: docs(
        "A request value: each `Date` may also be given as an RFC 3339 string (`format: date`: `YYYY-MM-DD`).",
        false,
      ),
    },
    {
      kind: StructureKind.TypeAlias,
      name: "DateText",
      isExported: true,
      typeParameters: ["T"],
      type: map("DateText", "string"),
      docs: docs(
        "An error body (`ApiError.body`): not revived, so each `Date` of its schema is the string the server sent.",
        false,
      ),
    },
  ];
}

/** Alias and enum statements appended after openapi-typescript's output. */
export function aliasStatements(model: ApiModel): Statement[] {
  const statements: Statement[] = [];
  for (const alias of model.schemaAliases) {
    statements.push({
      kind: StructureKind.TypeAlias,
      name: alias.name,
      isExported: true,
      type: hasViews(model) ? `Readable<${alias.target}>` : alias.target,
      docs: docs(alias.description, alias.deprecated),
    });
  }
  if (model.dates !== undefined) statements.push(...dateTypes());
  for (const e of model.enums) {
    const valuesDoc = enumValuesDoc(e);
    statements.push({
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: docs(
        `Every value of \`${e.typeName}\`${e.description !== undefined ? `: ${e.description}` : "."}`,
        false,
        valuesDoc,
      ),
      declarations: [
        {
          name: e.valuesName,
          initializer: `[${e.values.map((v) => (typeof v === "string" ? literal(v) : JSON.stringify(v))).join(", ")}] as const`,
        },
      ],
    });
    if (!e.fromComponent) {
      statements.push({
        kind: StructureKind.TypeAlias,
        name: e.typeName,
        isExported: true,
        type: `(typeof ${e.valuesName})[number]`,
        docs: docs(e.description, false, valuesDoc),
      });
    }
  }
  return statements;
}

/**
 * types.ts as segments (see segments.ts): openapi-typescript's statements, then, after a blank line, the aliases and
 * enums.
 * @throws {RangeError} when schemas nest too deeply to type.
 */
export async function emitTypes(model: ApiModel, printer: Printer): Promise<Segment[]> {
  const nodes = await emitOpenApiNodes(model);
  return [...openApiSegments(nodes), ...printer.segments(aliasStatements(model), true)];
}
