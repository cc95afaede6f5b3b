/**
 * emit/operations: OperationModel → statements of `operations.ts` (pure; printing happens once per file).
 * Each operation gets its param/response/error/headers types (component aliases by name where the schema is a
 * component `$ref`, else indexed access into openapi-typescript's `operations`), a static `OperationSpec` and a
 * function built from the template skeleton.
 */
import {
  StructureKind,
  VariableDeclarationKind,
  type ImportDeclarationStructure,
  type StatementStructures,
} from "ts-morph";
import { isJsonMediaType } from "../model/media.js";
import type { ApiModel, OperationModel } from "../model/model.js";
import { functionDocs } from "./operation-docs.js";
import { typeNames, usedImports } from "./operation-imports.js";
import { specLiteral } from "./operation-spec.js";
import { named, operationTypes, responseType, union } from "./operation-types.js";
import type { Statement } from "./print.js";
import { datesImports, planNames, planStatements } from "./dates.js";
import { streamCompanion } from "./stream.js";
import { runtimeImports } from "./runtime-refs.js";
import type { OperationTemplate, SkeletonKind } from "./template.js";

/** The statements of one operation: its types, its `<name>_spec` and its function. */
function operationStatements(
  model: ApiModel,
  o: OperationModel,
  template: OperationTemplate,
  plans: ReadonlyMap<string, string>,
): StatementStructures[] {
  const t = o.types;
  const out: StatementStructures[] = [];
  const hasParams = o.parameters.length > 0 || o.requestBody !== undefined;
  out.push(...operationTypes(model, o));
  const specName = `${o.name}_spec`;
  out.push({
    kind: StructureKind.VariableStatement,
    declarationKind: VariableDeclarationKind.Const,
    declarations: [{ name: specName, type: "OperationSpec", initializer: specLiteral(o, plans) }],
  });
  const kind: SkeletonKind =
    o.pagination !== undefined
      ? "paginatedOperation"
      : o.stream !== undefined
        ? hasParams
          ? "streamingOperation"
          : "streamingOperationWithoutParams"
        : hasParams
          ? "operation"
          : "operationWithoutParams";
  const skeleton = template.skeletons[kind];
  const optionalParams = !o.parameters.some((p) => p.required) && o.requestBody?.required !== true;
  const paramTypes: Record<string, { type: string; initializer?: string; optional?: boolean }> = {
    client: { type: "Client" },
    params: {
      type: hasParams ? t.params : "Record<string, never>",
      ...(optionalParams ? { initializer: "{}" } : {}),
    },
    options: {
      type:
        o.pagination !== undefined
          ? "PaginationOptions"
          : o.stream !== undefined
            ? "StreamOptions"
            : "RequestOptions",
      optional: true,
    },
  };
  // Where the bodies are component schemas by name, the signature writes the names (`ApiPromise<Image[], Problem,
  // …>`), so an awaited result hovers as `Image[]`: TypeScript would show an alias of an array by the alias's name.
  const successNames = o.success.map((r) =>
    responseType(model, o, r) === r.namedType ? r.namedType : undefined,
  );
  const errorNames = o.errors
    .filter((r) => r.mediaType !== undefined)
    .map((r) =>
      // an error body holding dates is `DateText<…>` (not revived): only its alias says so
      isJsonMediaType(r.mediaType!) && o.dates?.errors.includes(r.status) !== true
        ? named(model, r.namedType, true)
        : undefined,
    );
  const byName = (names: (string | undefined)[], alias: string): string =>
    names.length > 0 && names.every((n): n is string => n !== undefined)
      ? union(names, alias)
      : alias;
  const response = byName(successNames, t.response);
  const error = byName(errorNames, t.error);
  const returnType =
    o.pagination !== undefined
      ? `PagePromise<${response}, ${o.itemType ?? t.item}, ${error}, ${t.headers}>`
      : o.stream !== undefined
        ? `ApiStream<${t.item}, ${t.headers}>`
        : `ApiPromise<${response}, ${error}, ${t.headers}>`;
  out.push({
    kind: StructureKind.Function,
    name: o.name,
    isExported: true,
    docs: [{ description: functionDocs(o, kind) }],
    parameters: skeleton.parameters.map((name) => {
      const p = paramTypes[name] ?? { type: "unknown" };
      return {
        name,
        type: p.type,
        ...(p.initializer !== undefined ? { initializer: p.initializer } : {}),
        ...(p.optional === true ? { hasQuestionToken: true } : {}),
      };
    }),
    returnType,
    statements: [skeleton.body(specName)],
  });
  return out;
}

/** All statements of `operations.ts`. */
export function operationsStatements(model: ApiModel, template: OperationTemplate): Statement[] {
  const paginated = model.operations.some((o) => o.pagination !== undefined);
  const plain = model.operations.some((o) => o.pagination === undefined && !o.stream);
  const used = new Set(["Client", "OperationSpec"]);
  if (paginated) ["paginate", "PagePromise", "PaginationOptions"].forEach((n) => used.add(n));
  const streams = model.operations.flatMap((o) =>
    [o.stream, o.streamVariant?.stream].filter((s) => s !== undefined),
  );
  if (streams.length > 0) ["stream", "ApiStream", "StreamOptions"].forEach((n) => used.add(n));
  if (streams.some((s) => s.format === "sse")) used.add("ServerSentEvent");
  if (plain) ["request", "ApiPromise", "RequestOptions"].forEach((n) => used.add(n));
  const plans = planNames(model);
  const declarations = model.operations.flatMap((o) => [
    ...operationStatements(model, o, template, plans),
    ...(o.streamVariant !== undefined
      ? operationStatements(model, streamCompanion(o), template, plans)
      : []),
  ]);
  // What the declarations refer to in types.ts: `operations`, the view helpers and component aliases by name.
  const candidates = new Set([
    "operations",
    "Readable",
    "Writable",
    "DateInput",
    "DateText",
    ...model.schemaAliases.map((a) => a.name),
  ]);
  const referenced = [...typeNames(declarations)].filter((n) => candidates.has(n));
  const typeImport: ImportDeclarationStructure = {
    kind: StructureKind.ImportDeclaration,
    isTypeOnly: true,
    moduleSpecifier: "./types.js",
    namedImports: referenced.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
  };
  return [
    ...datesImports(model, usedImports(template.imports, used)),
    ...runtimeImports(model),
    ...(referenced.length > 0 ? [typeImport] : []),
    ...planStatements(model, plans),
    ...declarations,
  ];
}
