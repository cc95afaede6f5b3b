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
import {
  hasViews,
  type ApiModel,
  type OperationModel,
  type ResponseModel,
} from "../model/model.js";
import { docBlock, docLine, docPhrase, literal, propertyKey } from "./docs.js";
import { functionDocs, paramDocs } from "./operation-docs.js";
import { typeNames, usedImports } from "./operation-imports.js";
import type { Statement } from "./print.js";
import { paginationLiteral } from "./pagination.js";
import { datesImports, planNames, planStatements, specDates } from "./dates.js";
import { streamItemType, streamLiteral } from "./stream.js";
import {
  bodyEncoder,
  paramSerializer,
  partialSecurity,
  redirectChange,
  runtimeImports,
  unsentCheck,
} from "./runtime-refs.js";
import type { OperationTemplate, SkeletonKind } from "./template.js";

/** The operation's entry in openapi-typescript's `operations` (a streaming companion reads its operation's). */
function op(o: OperationModel): string {
  return `operations[${literal(o.variantOf ?? o.name)}]`;
}

function statusKey(status: string): string {
  return /^\d+$/.test(status) ? status : literal(status);
}

/** `Readable<T>`/`Writable<T>` when the document marks readOnly/writeOnly properties or open types, else `T`. */
function view(model: ApiModel, wrapper: "Readable" | "Writable", type: string): string {
  return hasViews(model) ? `${wrapper}<${type}>` : type;
}

/** Parameters and response headers are seen through a view only for open types (they carry no readOnly markers). */
function openView(model: ApiModel, wrapper: "Readable" | "Writable", type: string): string {
  return model.openTypes ? `${wrapper}<${type}>` : type;
}

/**
 * A component alias by name where the model has one (`Image[]`): already `Readable<…>` when types are seen through
 * views (readOnly/writeOnly markers, open types), so only response types take it then.
 */
function named(model: ApiModel, type: string | undefined, reading: boolean): string | undefined {
  return type !== undefined && (reading || !hasViews(model)) ? type : undefined;
}

function responseType(model: ApiModel, o: OperationModel, r: ResponseModel): string {
  if (r.mediaType === undefined) return "undefined";
  if (o.responseKind === "text") return "string";
  if (o.responseKind === "binary") return "Blob";
  const byName = named(model, r.namedType, true);
  if (byName !== undefined) return byName;
  return view(
    model,
    "Readable",
    `${op(o)}["responses"][${statusKey(r.status)}]["content"][${literal(r.mediaType)}]`,
  );
}

function union(types: readonly string[], fallback: string): string {
  const unique = [...new Set(types)];
  return unique.length > 0 ? unique.join(" | ") : fallback;
}

function specLiteral(o: OperationModel, plans: ReadonlyMap<string, string>): string {
  const params = o.parameters.map((p) => {
    const fields = [`name: ${literal(p.name)}`, `in: ${literal(p.in)}`];
    if (p.key !== p.name) fields.push(`key: ${literal(p.key)}`);
    if (p.style !== undefined) fields.push(`style: ${literal(p.style)}`);
    if (p.explode !== undefined) fields.push(`explode: ${p.explode}`);
    if (p.allowReserved === true) fields.push("allowReserved: true");
    if (p.json === true) fields.push("json: true");
    const serializer = paramSerializer(p);
    if (serializer !== undefined) fields.push(`serialize: ${serializer}`);
    return `{ ${fields.join(", ")} }`;
  });
  const lines = [
    `id: ${literal(o.name)}`,
    `method: ${literal(o.method)}`,
    // a fragment in a path key (AWS documents write `/tags#resourceArn`) would swallow the query string
    `path: ${literal(o.path.replace(/#.*/, ""))}`,
    `params: [${params.join(", ")}]`,
  ];
  if (o.requestBody !== undefined) {
    const b = o.requestBody;
    lines.push(
      `body: { mediaType: ${literal(b.mediaType)}, encoding: ${literal(b.encoding)}, required: ${b.required}, encode: ${bodyEncoder(b)} }`,
    );
  }
  lines.push(`response: ${literal(o.responseKind)}`);
  if (o.stream !== undefined) lines.push(`stream: ${streamLiteral(o.stream)}`);
  lines.push(
    `security: [${o.security.map((alt) => `[${alt.map(literal).join(", ")}]`).join(", ")}]`,
  );
  const partial = partialSecurity(o.security);
  if (partial !== undefined) lines.push(`partial: ${partial}`);
  const unsent = unsentCheck(o.method);
  if (unsent !== undefined) lines.push(`unsent: ${unsent}`);
  const change = redirectChange(o.method);
  if (change !== undefined) lines.push(`redirect: ${change}`);
  if (o.pagination !== undefined) lines.push(`pagination: ${paginationLiteral(o.pagination)}`);
  lines.push(...specDates(o, plans));
  return `{\n${lines.join(",\n")},\n}`;
}

/** `DateInput<type>` for a `params` key whose type holds `Date` (with the `dates` option). */
function input(o: OperationModel, key: string, type: string): string {
  return o.dates?.inputs.includes(key) === true ? `DateInput<${type}>` : type;
}

function operationStatements(
  model: ApiModel,
  o: OperationModel,
  template: OperationTemplate,
  plans: ReadonlyMap<string, string>,
): StatementStructures[] {
  const t = o.types;
  const out: StatementStructures[] = [];
  const hasParams = o.parameters.length > 0 || o.requestBody !== undefined;
  // a streaming companion shares its operation's params, error and headers types
  const own = o.variantOf === undefined;
  if (hasParams && own) {
    const properties = o.parameters.map((p) => ({
      name: propertyKey(p.key),
      hasQuestionToken: !p.required,
      // By name, an optional parameter keeps `| undefined` (what the indexed access gives).
      type: input(
        o,
        p.key,
        named(model, p.namedType, false) !== undefined
          ? `${p.namedType!}${p.required ? "" : " | undefined"}`
          : openView(
              model,
              "Writable",
              `NonNullable<${op(o)}["parameters"][${literal(p.in)}]>[${literal(p.name)}]`,
            ),
      ),
      docs: paramDocs(p),
    }));
    if (o.requestBody !== undefined) {
      const b = o.requestBody;
      properties.push({
        name: "body",
        hasQuestionToken: !b.required,
        type: input(
          o,
          "body",
          named(model, b.namedType, false) ??
            view(
              model,
              "Writable",
              `NonNullable<${op(o)}["requestBody"]>["content"][${literal(b.mediaType)}]`,
            ),
        ),
        docs: [
          {
            description: `Request body (${docLine(b.mediaType)})${docPhrase(b.description) !== undefined ? `: ${docBlock(b.description)}` : "."}`,
          },
        ],
      });
    }
    out.push({
      kind: StructureKind.Interface,
      name: t.params,
      isExported: true,
      properties,
      docs: [{ description: `Parameters of \`${o.name}\` (\`${o.method} ${docLine(o.path)}\`).` }],
    });
  }
  if (t.responseDeclared) {
    out.push({
      kind: StructureKind.TypeAlias,
      name: t.response,
      isExported: true,
      type: union(
        o.success.map((r) => responseType(model, o, r)),
        "unknown",
      ),
      docs: [
        {
          description:
            o.stream !== undefined
              ? `The 2xx response content of \`${o.name}\` as declared: one event's data, or one item, of the stream.`
              : `The 2xx response body of \`${o.name}\`.`,
        },
      ],
    });
  }
  // The runtime reads every error body as text and parses it as JSON when it can (whatever the 2xx kind is).
  const errorTypes = o.errors
    .filter((r) => r.mediaType !== undefined)
    .map((r) => {
      if (!isJsonMediaType(r.mediaType!)) return "string";
      const type =
        named(model, r.namedType, true) ??
        view(
          model,
          "Readable",
          `${op(o)}["responses"][${statusKey(r.status)}]["content"][${literal(r.mediaType!)}]`,
        );
      return o.dates?.errors.includes(r.status) === true ? `DateText<${type}>` : type;
    });
  if (own)
    out.push({
      kind: StructureKind.TypeAlias,
      name: t.error,
      isExported: true,
      type: union(errorTypes, "unknown"),
      docs: [{ description: `The error response bodies of \`${o.name}\` (on \`ApiError.body\`).` }],
    });
  const withHeaders = o.success.find((r) => r.hasHeaders);
  if (own)
    out.push({
      kind: StructureKind.TypeAlias,
      name: t.headers,
      isExported: true,
      type:
        withHeaders !== undefined
          ? openView(
              model,
              "Readable",
              `${op(o)}["responses"][${statusKey(withHeaders.status)}]["headers"]`,
            )
          : "Record<string, string>",
      docs: [{ description: `The response headers \`${o.name}\` declares.` }],
    });
  const streamed = o.stream && o.success.find((r) => r.status === o.stream!.status);
  if (o.stream !== undefined && streamed !== undefined) {
    out.push({
      kind: StructureKind.TypeAlias,
      name: t.item,
      isExported: true,
      type: streamItemType(o.stream, responseType(model, o, streamed)),
      docs: [{ description: `One item of \`${o.name}\`'s stream.` }],
    });
  }
  if (o.pagination !== undefined) {
    let itemType = t.response;
    for (const key of o.pagination.items) itemType = `NonNullable<${itemType}>[${literal(key)}]`;
    out.push({
      kind: StructureKind.TypeAlias,
      name: t.item,
      isExported: true,
      type: o.itemType ?? `NonNullable<${itemType}>[number]`,
      docs: [{ description: `One item of \`${o.name}\`'s pages.` }],
    });
  }
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

/**
 * An operation's streaming companion as an operation of its own: the same parameters, request body and headers,
 * the streamed 2xx media type as its only success content, no pagination and no response dates.
 */
function streamCompanion(o: OperationModel): OperationModel {
  const v = o.streamVariant!;
  const streamed = o.success.find((r) => r.status === v.stream.status) ?? {
    status: v.stream.status,
    hasHeaders: false,
  };
  const { namedType: _named, ...response } = streamed;
  const { response: _dates, ...dates } = o.dates ?? { inputs: [], errors: [] };
  const { pagination: _p, itemType: _i, streamVariant: _s, dates: _d, ...rest } = o;
  return {
    ...rest,
    name: v.name,
    variantOf: o.name,
    types: { ...o.types, item: v.itemType, responseDeclared: false },
    success: [
      {
        ...response,
        mediaType: v.stream.mediaType,
        ...(v.namedType !== undefined ? { namedType: v.namedType } : {}),
      },
    ],
    responseKind: "stream",
    stream: v.stream,
    ...(o.dates !== undefined ? { dates } : {}),
  };
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
