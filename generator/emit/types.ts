/**
 * emit/types: openapi-typescript's `paths`/`components`/`operations` for the model's document, plus the
 * named aliases users reach for (`PayoutResponse`) and enums as types with `as const` value arrays.
 */
import type { OpenAPI3, SchemaObject } from "openapi-typescript";
// The parts of openapi-typescript used on every run, without its main module (which loads @redocly/openapi-core for
// openapiTS()'s own parsing: ~0.1 s of startup). Typed by openapi-typescript-parts.d.ts; the reference path below
// imports the whole package.
import transformSchema from "openapi-typescript/dist/transform/index.js";
import { astToString } from "openapi-typescript/dist/lib/ts.js";
import { resolveRef, scanDiscriminators } from "openapi-typescript/dist/lib/utils.js";
import ts from "typescript";
import {
  StructureKind,
  VariableDeclarationKind,
  type JSDocStructure,
  type OptionalKind,
} from "ts-morph";
import type { ApiModel, EnumModel } from "../model/model.js";
import { docText, literal } from "./docs.js";
import type { Printer, Statement } from "./print.js";
import { prettyStructures } from "./pretty-structures.js";
import type { Segment } from "./pretty-common.js";
import { prettyStatements } from "./pretty-types.js";

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

/** The options openapi-typescript runs with; `emitOpenApiTypes` and the reference `openapiTS` call share them. */
function openApiTsOptions(model: ApiModel) {
  return {
    silent: true,
    defaultNonNullable: false,
    alphabetize: false,
    readWriteMarkers: model.readWriteMarkers,
    transform: binaryAsBlob,
  } as const;
}

/**
 * openapi-typescript's output for `model.typesDocument`, through its `transformSchema` directly: the
 * document is already parsed, bundled and validated, so `openapiTS()`'s own redocly parse + lint + bundle
 * pass is skipped (it returned the document unchanged; `openApiTsReference` is that path, and
 * test/bench/verify-types.ts compares the two on every shared spec).
 */
export function emitOpenApiTypes(model: ApiModel): string {
  return astToString(emitOpenApiNodes(model));
}

/** The statements `emitOpenApiTypes` prints: openapi-typescript's AST (synthetic JSDoc comments included). */
export function emitOpenApiNodes(model: ApiModel): ts.Node[] {
  const document = model.typesDocument as unknown as OpenAPI3;
  // redocly's bundle gives a document without components an empty `components` object; so does this path.
  const schema: OpenAPI3 =
    document.components === undefined ? { ...document, components: {} } : document;
  const options = openApiTsOptions(model);
  const ctx: Parameters<typeof transformSchema>[1] = {
    additionalProperties: false,
    alphabetize: options.alphabetize,
    arrayLength: false,
    defaultNonNullable: options.defaultNonNullable,
    discriminators: scanDiscriminators(schema, options),
    emptyObjectsUnknown: false,
    enum: false,
    enumValues: false,
    conditionalEnums: false,
    dedupeEnums: false,
    excludeDeprecated: false,
    exportType: false,
    immutable: false,
    rootTypes: false,
    rootTypesNoSchemaPrefix: false,
    rootTypesKeepCasing: false,
    injectFooter: [],
    pathParamsAsTypes: false,
    propertiesRequiredByDefault: false,
    redoc: undefined as never,
    silent: true,
    transform: options.transform,
    postTransform: undefined,
    transformProperty: undefined,
    makePathsEnum: false,
    generatePathParams: false,
    readWriteMarkers: options.readWriteMarkers,
    resolve<T>($ref: string): T | undefined {
      return resolveRef<T>(schema, $ref, { silent: true });
    },
  };
  return transformSchema(schema, ctx);
}

/** openapi-typescript's full `openapiTS()` path (redocly parse + lint + bundle, then the transform): the reference. */
export async function openApiTsReference(model: ApiModel): Promise<string> {
  const { createConfig } = await import("@redocly/openapi-core");
  const { default: openapiTS } = await import("openapi-typescript");
  const redocly = await createConfig({ rules: {} }, { extends: [] as never[] });
  return astToString(
    await openapiTS(structuredClone(model.typesDocument) as never, {
      redocly,
      ...openApiTsOptions(model),
    }),
  );
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

/** Alias and enum statements appended after openapi-typescript's output. */
export function aliasStatements(model: ApiModel): Statement[] {
  const statements: Statement[] = [];
  for (const alias of model.schemaAliases) {
    statements.push({
      kind: StructureKind.TypeAlias,
      name: alias.name,
      isExported: true,
      type: model.readWriteMarkers ? `Readable<${alias.target}>` : alias.target,
      docs: docs(alias.description, alias.deprecated),
    });
  }
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
 * types.ts before formatting: `segments` are openapi-typescript's declarations printed in prettier's layout
 * (emit/pretty-types.ts) followed by the aliases and enums (emit/pretty-structures.ts); a few pieces still need prettier;
 * `source()` is the whole file unformatted (what prettier formats when joining the segments fails).
 */
export interface TypesSource {
  readonly segments: readonly Segment[];
  source(): string;
}

/** Emits types.ts (see `TypesSource`). @throws {RangeError} when schemas nest too deeply to print. */
export function emitTypes(model: ApiModel, printer: Printer): TypesSource {
  const nodes = emitOpenApiNodes(model);
  const aliases = aliasStatements(model);
  const aliasText = (): string => printer.print(aliases);
  const aliasSegments = prettyStructures(aliases, (s) => printer.print([s]), true) ?? [
    { piece: { text: aliasText(), head: [], tail: [], blankBefore: true } },
  ];
  return {
    segments: [...prettyStatements(nodes), ...aliasSegments],
    source: () => `${astToString(nodes)}\n${aliasText()}`,
  };
}
