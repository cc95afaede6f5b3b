/**
 * emit/types: openapi-typescript's `paths`/`components`/`operations` for the model's document, plus the
 * named aliases users reach for (`PayoutResponse`) and enums as types with `as const` value arrays.
 */
import { createConfig } from "@redocly/openapi-core";
import openapiTS, { astToString } from "openapi-typescript";
import { StructureKind, VariableDeclarationKind, type JSDocStructure, type OptionalKind } from "ts-morph";
import type { ApiModel, EnumModel } from "../model.js";
import { docText } from "./docs.js";
import type { Printer, Statement } from "./print.js";

/** openapi-typescript's output for `model.typesDocument`. */
export async function emitOpenApiTypes(model: ApiModel): Promise<string> {
  const redocly = await createConfig({ rules: {} }, { extends: [] as never[] });
  const ast = await openapiTS(model.typesDocument as never, {
    redocly,
    silent: true,
    defaultNonNullable: false,
    alphabetize: false,
  });
  return astToString(ast);
}

function docs(description: string | undefined, deprecated: boolean, extra: readonly string[] = []): OptionalKind<JSDocStructure>[] {
  const lines = [...(description !== undefined ? [docText(description)] : []), ...extra.map(docText)];
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
      type: alias.target,
      docs: docs(alias.description, alias.deprecated),
    });
  }
  for (const e of model.enums) {
    const valuesDoc = enumValuesDoc(e);
    statements.push({
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: docs(`Every value of \`${e.typeName}\`${e.description !== undefined ? `: ${e.description}` : "."}`, false, valuesDoc),
      declarations: [
        {
          name: e.valuesName,
          initializer: `[${e.values.map((v) => JSON.stringify(v).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029")).join(", ")}] as const`,
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

/** The whole `types.ts` text (unformatted). */
export async function emitTypes(model: ApiModel, printer: Printer): Promise<string> {
  const generated = await emitOpenApiTypes(model);
  const aliases = printer.print(aliasStatements(model));
  return `${generated}\n${aliases}`;
}
