/**
 * emit/operations: OperationModel → statements of `operations.ts` (pure; printing happens once per file).
 * Each operation gets its param/response/error/headers types (indexed access into openapi-typescript's
 * `operations`), a static `OperationSpec` and a function built from the template skeleton.
 */
import {
  StructureKind,
  VariableDeclarationKind,
  type ImportDeclarationStructure,
  type StatementStructures,
} from "ts-morph";
import { isJsonMediaType } from "../model/media.js";
import type { ApiModel, OperationModel, ParameterModel, ResponseModel } from "../model/model.js";
import { docBlock, docLine, docPhrase, literal, propertyKey } from "./docs.js";
import type { Statement } from "./print.js";
import { paginationDescription, paginationLiteral } from "./pagination.js";
import type { OperationTemplate, SkeletonKind } from "./template.js";
import { STATUS_ERROR_CLASSES } from "../../templates/runtime/errors.js";

/** Status → runtime error class, read from the runtime's own table (keys are the status strings). */
const CLASS_BY_STATUS: Readonly<Record<string, string>> = STATUS_ERROR_CLASSES;

/** The runtime class a response status throws (`5XX` and every 5xx as 500; `4XX`, `default`: `ApiError`). */
function errorClass(status: string): string {
  const key = /^5/.test(status) ? "500" : status;
  return Object.hasOwn(CLASS_BY_STATUS, key) ? CLASS_BY_STATUS[key]! : "ApiError";
}

function op(o: OperationModel): string {
  return `operations[${literal(o.name)}]`;
}

function statusKey(status: string): string {
  return /^\d+$/.test(status) ? status : literal(status);
}

/** `Readable<T>`/`Writable<T>` when the document marks readOnly/writeOnly properties, else `T`. */
function view(model: ApiModel, wrapper: "Readable" | "Writable", type: string): string {
  return model.readWriteMarkers ? `${wrapper}<${type}>` : type;
}

function responseType(model: ApiModel, o: OperationModel, r: ResponseModel): string {
  if (r.mediaType === undefined) return "undefined";
  if (o.responseKind === "text") return "string";
  if (o.responseKind === "binary") return "Blob";
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

function specLiteral(o: OperationModel): string {
  const params = o.parameters.map((p) => {
    const fields = [`name: ${literal(p.name)}`, `in: ${literal(p.in)}`];
    if (p.key !== p.name) fields.push(`key: ${literal(p.key)}`);
    if (p.style !== undefined) fields.push(`style: ${literal(p.style)}`);
    if (p.explode !== undefined) fields.push(`explode: ${p.explode}`);
    if (p.allowReserved === true) fields.push("allowReserved: true");
    if (p.json === true) fields.push("json: true");
    return `{ ${fields.join(", ")} }`;
  });
  const lines = [
    `id: ${literal(o.name)}`,
    `method: ${literal(o.method)}`,
    `path: ${literal(o.path)}`,
    `params: [${params.join(", ")}]`,
  ];
  if (o.requestBody !== undefined) {
    const b = o.requestBody;
    lines.push(
      `body: { mediaType: ${literal(b.mediaType)}, encoding: ${literal(b.encoding)}, required: ${b.required} }`,
    );
  }
  lines.push(`response: ${literal(o.responseKind)}`);
  lines.push(
    `security: [${o.security.map((alt) => `[${alt.map(literal).join(", ")}]`).join(", ")}]`,
  );
  if (o.pagination !== undefined) lines.push(`pagination: ${paginationLiteral(o.pagination)}`);
  return `{\n${lines.join(",\n")},\n}`;
}

function functionDocs(o: OperationModel, kind: SkeletonKind): string {
  const parts: string[] = [];
  const summary = docBlock(o.summary);
  const description = docBlock(o.description);
  if (summary !== undefined) parts.push(summary);
  if (description !== undefined && description !== summary) parts.push(description);
  parts.push(`\`${o.method} ${docLine(o.path)}\``);
  for (const note of o.notes) {
    const block = docBlock(note);
    if (block !== undefined) parts.push(block);
  }
  if (o.pagination !== undefined) {
    const how = paginationDescription(
      o.pagination,
      new Map(o.parameters.map((p) => [p.key, p.name])),
    );
    parts.push(
      `Paginated${how !== undefined ? ` ${how}.` : ":"} \`await\` gives the first page; \`for await (const item of ${o.name}(...))\` walks every item across pages and \`.pages()\` every page (options \`maxItems\`, \`maxPages\`).`,
    );
  }
  const tags: string[] = [];
  tags.push("@param client - The client from `createClient`.");
  if (kind !== "operationWithoutParams") {
    const item = (name: string, what: string, description: string | undefined): string => {
      const phrase = docPhrase(description);
      return `\`${docLine(name)}\` (${what})${phrase !== undefined ? `: ${phrase}` : ""}`;
    };
    const list = o.parameters.map((p) =>
      item(p.key, `${p.in}${p.required ? ", required" : ""}`, p.description),
    );
    if (o.requestBody !== undefined) {
      const b = o.requestBody;
      list.push(
        item("body", `${docLine(b.mediaType)}${b.required ? ", required" : ""}`, b.description),
      );
    }
    tags.push(`@param params - \`${o.types.params}\`: ${list.join("; ")}.`);
  }
  tags.push(
    "@param options - Per-request options: `signal`, `headers`, `timeoutMs` (ms), `maxRetries`, `idempotencyKey`.",
  );
  const success = o.success
    .map((r) => {
      const said = docPhrase(r.description) !== undefined;
      return `${r.status}${said ? ` (${docLine(r.description!)})` : ""}`;
    })
    .join(", ");
  tags.push(
    `@returns The ${success || "2xx"} response body as \`${o.types.response}\`; \`.withResponse()\` adds the \`Response\` and typed headers, \`.safe()\` returns a result instead of throwing.`,
  );
  for (const r of o.errors) {
    const said = docPhrase(r.description) !== undefined;
    tags.push(
      `@throws {${errorClass(r.status)}} ${r.status}${said ? `: ${docLine(r.description!)}` : ""}`,
    );
  }
  tags.push(
    "@throws {ApiConnectionError} When the server cannot be reached; {ApiTimeoutError} after `timeoutMs`.",
  );
  if (o.deprecated) tags.push("@deprecated");
  return `${parts.join("\n\n")}\n\n${tags.join("\n")}`;
}

/** JSDoc of one `params` property: the parameter's description, `@default` (applied by the server) and `@deprecated`. */
function paramDocs(p: ParameterModel): { description: string }[] {
  const description = docBlock(p.description);
  const lines = [
    ...(description !== undefined ? [description] : []),
    ...(p.defaultValue !== undefined ? [`@default ${docLine(p.defaultValue)}`] : []),
    ...(p.deprecated ? ["@deprecated"] : []),
  ];
  return lines.length > 0 ? [{ description: lines.join("\n") }] : [];
}

function operationStatements(
  model: ApiModel,
  o: OperationModel,
  template: OperationTemplate,
): StatementStructures[] {
  const t = o.types;
  const out: StatementStructures[] = [];
  const hasParams = o.parameters.length > 0 || o.requestBody !== undefined;
  if (hasParams) {
    const properties = o.parameters.map((p) => ({
      name: propertyKey(p.key),
      hasQuestionToken: !p.required,
      type: `NonNullable<${op(o)}["parameters"][${literal(p.in)}]>[${literal(p.name)}]`,
      docs: paramDocs(p),
    }));
    if (o.requestBody !== undefined) {
      const b = o.requestBody;
      properties.push({
        name: "body",
        hasQuestionToken: !b.required,
        type: view(
          model,
          "Writable",
          `NonNullable<${op(o)}["requestBody"]>["content"][${literal(b.mediaType)}]`,
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
      docs: [{ description: `The 2xx response body of \`${o.name}\`.` }],
    });
  }
  // The runtime reads every error body as text and parses it as JSON when it can (whatever the 2xx kind is).
  const errorTypes = o.errors
    .filter((r) => r.mediaType !== undefined)
    .map((r) =>
      isJsonMediaType(r.mediaType!)
        ? view(
            model,
            "Readable",
            `${op(o)}["responses"][${statusKey(r.status)}]["content"][${literal(r.mediaType!)}]`,
          )
        : "string",
    );
  out.push({
    kind: StructureKind.TypeAlias,
    name: t.error,
    isExported: true,
    type: union(errorTypes, "unknown"),
    docs: [{ description: `The error response bodies of \`${o.name}\` (on \`ApiError.body\`).` }],
  });
  const withHeaders = o.success.find((r) => r.hasHeaders);
  out.push({
    kind: StructureKind.TypeAlias,
    name: t.headers,
    isExported: true,
    type:
      withHeaders !== undefined
        ? `${op(o)}["responses"][${statusKey(withHeaders.status)}]["headers"]`
        : "Record<string, string>",
    docs: [{ description: `The response headers \`${o.name}\` declares.` }],
  });
  if (o.pagination !== undefined) {
    let itemType = t.response;
    for (const key of o.pagination.items) itemType = `NonNullable<${itemType}>[${literal(key)}]`;
    out.push({
      kind: StructureKind.TypeAlias,
      name: t.item,
      isExported: true,
      type: `NonNullable<${itemType}>[number]`,
      docs: [{ description: `One item of \`${o.name}\`'s pages.` }],
    });
  }
  const specName = `${o.name}_spec`;
  out.push({
    kind: StructureKind.VariableStatement,
    declarationKind: VariableDeclarationKind.Const,
    declarations: [{ name: specName, type: "OperationSpec", initializer: specLiteral(o) }],
  });
  const kind: SkeletonKind =
    o.pagination !== undefined
      ? "paginatedOperation"
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
      type: o.pagination !== undefined ? "PaginationOptions" : "RequestOptions",
      optional: true,
    },
  };
  const returnType =
    o.pagination !== undefined
      ? `PagePromise<${t.response}, ${t.item}, ${t.error}, ${t.headers}>`
      : `ApiPromise<${t.response}, ${t.error}, ${t.headers}>`;
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

/** Keeps only the import specifiers the generated file uses. */
function usedImports(
  imports: readonly ImportDeclarationStructure[],
  used: ReadonlySet<string>,
): ImportDeclarationStructure[] {
  const out: ImportDeclarationStructure[] = [];
  for (const decl of imports) {
    const named = Array.isArray(decl.namedImports) ? decl.namedImports : [];
    const keep = named.filter((n) => used.has(typeof n === "string" ? n : n.name));
    if (keep.length > 0) out.push({ ...decl, namedImports: keep });
  }
  return out;
}

/** All statements of `operations.ts`. */
export function operationsStatements(model: ApiModel, template: OperationTemplate): Statement[] {
  const paginated = model.operations.some((o) => o.pagination !== undefined);
  const plain = model.operations.some((o) => o.pagination === undefined);
  const used = new Set(["Client", "OperationSpec"]);
  if (paginated) ["paginate", "PagePromise", "PaginationOptions"].forEach((n) => used.add(n));
  if (plain) ["request", "ApiPromise", "RequestOptions"].forEach((n) => used.add(n));
  const reused = [
    ...new Set(
      model.operations.filter((o) => !o.types.responseDeclared).map((o) => o.types.response),
    ),
  ].sort();
  const typeImport: ImportDeclarationStructure = {
    kind: StructureKind.ImportDeclaration,
    isTypeOnly: true,
    moduleSpecifier: "./types.js",
    namedImports: [
      "operations",
      ...(model.readWriteMarkers ? ["Readable", "Writable"] : []),
      ...reused,
    ],
  };
  const statements: Statement[] = [...usedImports(template.imports, used), typeImport];
  for (const o of model.operations) statements.push(...operationStatements(model, o, template));
  return statements;
}
