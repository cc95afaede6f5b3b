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
import { nameComponents, printType } from "./component-aliases.js";
import { docBlock, docLine, docPhrase, literal } from "./docs.js";
import { OPEN_HELPERS, openType, withoutReadWriteHelpers } from "./open-types.js";
import { openApiSegments } from "./interface-segments.js";
import { openapiTS } from "./openapi-typescript.js";
import { redoclyConfig } from "./redocly.js";
import type { Printer, Statement } from "./print.js";
import type { Segment } from "./segments.js";

const NULL = (): ts.TypeNode => ts.factory.createLiteralTypeNode(ts.factory.createNull());

/**
 * `type | null` when the schema allows null (3.0 `nullable: true`, or a 3.1 type list with `"null"`): a transform's
 * result replaces openapi-typescript's whole type for a property or component, so it must say so itself.
 */
function orNull(schema: Record<string, unknown>, type: ts.TypeNode): ts.TypeNode {
  const types = schema["type"];
  const nullable =
    schema["nullable"] === true || (Array.isArray(types) && (types as unknown[]).includes("null"));
  return nullable ? ts.factory.createUnionTypeNode([type, NULL()]) : type;
}

/**
 * `format: binary` strings (file uploads and downloads, multipart file parts) are `Blob`, the type `fetch`
 * sends and returns.
 */
function binaryAsBlob(schema: SchemaObject): ts.TypeNode | undefined {
  const record = schema as Record<string, unknown>;
  const type = record["type"];
  const types = Array.isArray(type) ? type : type === undefined ? ["string"] : [type];
  if (record["format"] !== "binary" || !types.includes("string")) return undefined;
  return orNull(record, ts.factory.createTypeReferenceNode("Blob"));
}

/**
 * A union with `null` once: openapi-typescript adds `| null` for `nullable` after a transform that already did
 * (inside `items`, where no transform replaces its result). Nested unions are flattened.
 */
function nullOnce(type: ts.TypeNode): ts.TypeNode | undefined {
  if (!ts.isUnionTypeNode(type)) return undefined;
  const members: ts.TypeNode[] = [];
  // The factory wraps a union inside a union in parentheses.
  const flatten = (node: ts.TypeNode): void => {
    if (ts.isParenthesizedTypeNode(node)) flatten(node.type);
    else if (ts.isUnionTypeNode(node)) node.types.forEach(flatten);
    else members.push(node);
  };
  flatten(type);
  const isNull = (t: ts.TypeNode): boolean =>
    ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword;
  if (members.filter(isNull).length < 2) return undefined;
  const firstNull = members.findIndex(isNull);
  return ts.factory.createUnionTypeNode(members.filter((t, i) => !isNull(t) || i === firstNull));
}

/**
 * An object schema that allows no property at all (`additionalProperties: false` and no properties, pattern
 * properties or composition): `Record<string, never>`. Every other object schema without properties is
 * `Record<string, unknown>` (`emptyObjectsUnknown`): in JSON Schema it accepts any object, and typed
 * `Record<string, never>` a required field of that schema could not be given any value.
 */
function closedEmptyObject(schema: SchemaObject): ts.TypeNode | undefined {
  const record = schema as Record<string, unknown>;
  const type = record["type"];
  const has = (key: string): boolean => {
    const value = record[key];
    return typeof value === "object" && value !== null && Object.keys(value).length > 0;
  };
  if (
    type !== "object" ||
    record["additionalProperties"] !== false ||
    ["properties", "patternProperties", "allOf", "anyOf", "oneOf", "enum"].some(has) ||
    "const" in record
  )
    return undefined;
  return orNull(
    record,
    ts.factory.createTypeReferenceNode("Record", [
      ts.factory.createKeywordTypeNode(ts.SyntaxKind.StringKeyword),
      ts.factory.createKeywordTypeNode(ts.SyntaxKind.NeverKeyword),
    ]),
  );
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
    // Options that would type values nobody can write are left at their defaults (see the README, "Types"):
    // additionalProperties, arrayLength, propertiesRequiredByDefault, excludeDeprecated, enum.
    emptyObjectsUnknown: true,
    transform: (schema, options) =>
      (model.openTypes ? openType(schema) : undefined) ??
      binaryAsBlob(schema) ??
      dateAsDate(schema, options.path, model.dates) ??
      closedEmptyObject(schema),
    postTransform: nullOnce,
    ...(model.openTypes ? { inject: OPEN_HELPERS } : {}),
  });
  return model.openTypes ? withoutReadWriteHelpers(nodes) : nodes;
}

function docs(
  description: string | undefined,
  deprecated: boolean,
  extra: readonly string[] = [],
): OptionalKind<JSDocStructure>[] {
  const lines = [description, ...extra]
    .map(docBlock)
    .filter((line): line is string => line !== undefined);
  const tags = deprecated ? [{ tagName: "deprecated" }] : [];
  return lines.length > 0 || tags.length > 0 ? [{ description: lines.join("\n\n"), tags }] : [];
}

function enumValuesDoc(e: EnumModel): string[] {
  const said = (text: string | undefined): boolean => docPhrase(text) !== undefined;
  if (e.varNames === undefined && !(e.valueDescriptions ?? []).some(said)) return [];
  const rows = e.values.map((v, i) => {
    const name = e.varNames?.[i];
    const description = e.valueDescriptions?.[i];
    return `- \`${JSON.stringify(v)}\`${name !== undefined ? ` ${name}` : ""}${said(description) ? `: ${docLine(description!)}` : ""}`;
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

/**
 * Alias and enum statements appended after openapi-typescript's output.
 * @param types Alias name → the component schema's type (component-aliases.ts), declared by the alias itself.
 */
export function aliasStatements(
  model: ApiModel,
  types: ReadonlyMap<string, ts.TypeNode> = new Map(),
): Statement[] {
  const statements: Statement[] = [];
  for (const alias of model.schemaAliases) {
    const declared = types.get(alias.name);
    statements.push({
      kind: StructureKind.TypeAlias,
      name: alias.name,
      isExported: true,
      type:
        declared !== undefined
          ? printType(declared)
          : hasViews(model)
            ? `Readable<${alias.target}>`
            : alias.target,
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
        `Every value of \`${e.typeName}\`${docPhrase(e.description) !== undefined ? `: ${e.description}` : "."}`,
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
 * The statements of types.ts: openapi-typescript's (`paths`, `components`, `operations`…) and ours (aliases, enums).
 * Component schemas are declared by their aliases (component-aliases.ts), except when types are seen through views
 * (readOnly/writeOnly markers, `openEnums`): the aliases are then `Readable<components["schemas"]["X"]>`.
 * @throws {RangeError} when schemas nest too deeply to type.
 */
export async function typesStatements(
  model: ApiModel,
): Promise<{ nodes: ts.Node[]; aliases: Statement[] }> {
  const nodes = await emitOpenApiNodes(model);
  if (hasViews(model)) return { nodes, aliases: aliasStatements(model) };
  const named = nameComponents(
    nodes,
    new Map(model.schemaAliases.map((a) => [a.schemaKey, a.name])),
  );
  return { nodes: named.nodes, aliases: aliasStatements(model, named.types) };
}

/**
 * types.ts as segments (see segments.ts): openapi-typescript's statements, then, after a blank line, the aliases and
 * enums.
 * @throws {RangeError} when schemas nest too deeply to type.
 */
export async function emitTypes(model: ApiModel, printer: Printer): Promise<Segment[]> {
  const { nodes, aliases } = await typesStatements(model);
  return [...openApiSegments(nodes), ...printer.segments(aliases, true)];
}
