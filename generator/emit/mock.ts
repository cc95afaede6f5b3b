/**
 * emit/mock: the model → statements of `mock.ts`, the test kit: `createMockFetch` over the runtime's mock
 * engine (templates/runtime/mock*.ts), with the document's data — a route table, parameter specs, response
 * schemas and examples, and the schemas they reference, once, by `$ref` — and `MockOperations`, which types
 * `mock.on` and `mock.calls` by each operation's params and responses. Pure: data and types only.
 */
import {
  hasViews,
  type ApiModel,
  type MockOperationModel,
  type MockResponseModel,
  type OperationModel,
} from "../model/model.js";
import { contextuallyTyped, docLine, literal, objectKey } from "./docs.js";
import { paginationLiteral } from "./pagination.js";
import type { Statement } from "./print.js";

/** Schema keywords whose value is a schema, a list of schemas, or a map of name → schema. */
const ONE = new Set(["items", "additionalProperties", "not"]);
const LIST = new Set(["prefixItems", "allOf", "anyOf", "oneOf"]);
const MAP = new Set(["properties"]);

/** A JSON value as a TypeScript expression (keys through `objectKey`: `__proto__` stays a property). */
function json(v: unknown): string {
  if (typeof v === "string") return literal(v);
  if (Array.isArray(v)) return `[${v.map(json).join(", ")}]`;
  if (v !== null && typeof v === "object")
    return `{ ${Object.entries(v)
      .map(([k, x]) => `${objectKey(k)}: ${json(x)}`)
      .join(", ")} }`;
  return String(v);
}

/** A map of name → schema, each value typed as a `MockSchema` even under an Object.prototype name. */
function schemaMap(map: Readonly<Record<string, unknown>>): string {
  return `{ ${Object.entries(map)
    .map(([k, s]) => `${objectKey(k)}: ${contextuallyTyped(k, schema(s), "MockSchema")}`)
    .join(", ")} }`;
}

/** A reduced schema (model/mock.ts) as a `MockSchema` literal. */
function schema(s: unknown): string {
  if (s === null || typeof s !== "object" || Array.isArray(s)) return json(s);
  return `{ ${Object.entries(s)
    .map(([k, v]) => {
      const value = ONE.has(k)
        ? typeof v === "boolean"
          ? String(v)
          : schema(v)
        : LIST.has(k)
          ? `[${(v as unknown[]).map(schema).join(", ")}]`
          : MAP.has(k)
            ? schemaMap(v as Record<string, unknown>)
            : json(v);
      return `${objectKey(k)}: ${value}`;
    })
    .join(", ")} }`;
}

function operation(o: OperationModel, m: MockOperationModel): string {
  const fields = [
    `id: ${literal(o.name)}`,
    `method: ${literal(o.method)}`,
    `path: ${literal(o.path)}`,
  ];
  const params = o.parameters.map((p, i) => {
    const f = [`name: ${literal(p.name)}`, `in: ${literal(p.in)}`];
    if (p.key !== p.name) f.push(`key: ${literal(p.key)}`);
    if (p.style !== undefined) f.push(`style: ${literal(p.style)}`);
    if (p.explode !== undefined) f.push(`explode: ${p.explode}`);
    if (p.json === true) f.push("json: true");
    if (p.required) f.push("required: true");
    const s = m.params[i]?.schema;
    if (s !== undefined) f.push(`schema: ${schema(s)}`);
    return `{ ${f.join(", ")} }`;
  });
  if (params.length > 0) fields.push(`params: [${params.join(", ")}]`);
  if (o.requestBody !== undefined) {
    const b = [`mediaType: ${literal(o.requestBody.mediaType)}`];
    if (o.requestBody.required) b.push("required: true");
    if (m.bodySchema !== undefined) b.push(`schema: ${schema(m.bodySchema)}`);
    fields.push(`body: { ${b.join(", ")} }`);
  }
  const responses = m.responses.map((r) => response(r));
  fields.push(`responses: [${responses.join(", ")}]`);
  if (o.security.length > 0)
    fields.push(
      `security: [${o.security.map((alt) => `[${alt.map(literal).join(", ")}]`).join(", ")}]`,
    );
  if (o.pagination !== undefined) fields.push(`pagination: ${paginationLiteral(o.pagination)}`);
  return `{ ${fields.join(", ")} }`;
}

/** One response (or a response component's fields) as a `MockResponse` literal. */
function response(r: Partial<MockResponseModel>): string {
  const f: string[] = [];
  if (r.status !== undefined) f.push(`status: ${literal(r.status)}`);
  if (r.$ref !== undefined) f.push(`$ref: ${literal(r.$ref)}`);
  if (r.mediaType !== undefined) f.push(`mediaType: ${literal(r.mediaType)}`);
  if (r.schema !== undefined) f.push(`schema: ${schema(r.schema)}`);
  if (r.examples !== undefined) f.push(`examples: ${json(r.examples)}`);
  if (r.headers !== undefined) f.push(`headers: ${schemaMap(r.headers)}`);
  if (r.stream !== undefined) f.push(`stream: ${response(r.stream)}`);
  return `{ ${f.join(", ")} }`;
}

/** The type of one operation in `MockOperations`: its function's params and openapi-typescript's responses. */
function operationTypes(model: ApiModel, o: OperationModel): string {
  const responses = `operations[${literal(o.name)}]["responses"]`;
  return `{ params: NonNullable<Parameters<typeof ops.${o.name}>[1]>; responses: ${hasViews(model) ? `Readable<${responses}>` : responses} }`;
}

/** All statements of `mock.ts`. */
export function mockStatements(model: ApiModel): Statement[] {
  const ops = model.operations;
  const statements: Statement[] = [
    `import { createMockFetchCore, type MockApi, type MockFetch, type MockOptions } from "./runtime/mock.js";`,
    `import type { MockSchema } from "./runtime/mock-schema.js";`,
  ];
  if (ops.length > 0) {
    statements.push(`import type * as ops from "./operations.js";`);
    statements.push(
      `import type { operations${hasViews(model) ? ", Readable" : ""} } from "./types.js";`,
    );
  }
  const members = ops.map(
    (o) => `/** \`${o.method} ${docLine(o.path)}\` */\n${o.name}: ${operationTypes(model, o)};`,
  );
  statements.push(
    `/** The operations of ${docLine(model.title)} as \`createMockFetch\` types them: each one's \`params\` (as its function takes them) and \`responses\` by status (for \`mock.on\` replies). */\nexport interface MockOperations {\n${members.join("\n")}\n}`,
  );
  const schemes = model.securitySchemes.map((s) => `${objectKey(s.name)}: ${json(s.spec)}`);
  const shared = Object.entries(model.mock.responses).map(
    ([ref, r]) => `${literal(ref)}: ${response(r)}`,
  );
  const fields = [
    `schemas: ${schemaMap(model.mock.schemas)}`,
    ...(shared.length > 0 ? [`responses: { ${shared.join(", ")} }`] : []),
    `operations: [${ops.map((o, i) => operation(o, model.mock.operations[i]!)).join(", ")}]`,
  ];
  if (schemes.length > 0) fields.push(`securitySchemes: { ${schemes.join(", ")} }`);
  if (model.mock.basePaths.length > 0) fields.push(`basePaths: ${json(model.mock.basePaths)}`);
  statements.push(`const api: MockApi = { ${fields.join(", ")} };`);
  statements.push(
    `/**
 * A \`fetch\` that answers like ${docLine(model.title)} from its OpenAPI document, for tests: pass it to \`createClient({ fetch })\`.
 * Requests are routed to their operation by method and path and validated (400 with a problem+json body naming what is wrong, 401 without credentials); answers come from the document's examples or from data generated from the response schemas, deterministic from \`seed\`. \`mock.on(operation, handler)\` overrides an operation, \`mock.fault(operation, fault)\` injects a 429/5xx, a connection reset, a delay or a repeated cursor, and \`mock.calls(operation)\` lists the calls received.
 *
 * @param options - \`seed\`, \`pages\` and \`pageSize\` of paginated answers, named \`examples\` per operation, \`stateful\` CRUD, \`validate\`, \`checkSecurity\`, \`clock\`, \`basePath\`; see \`MockOptions\`.
 * @returns The mock \`fetch\`, with \`on\`, \`off\`, \`fault\`, \`calls\` and \`reset\`.
 * @throws {TypeError} When \`options.examples\` names an operation or example the document does not have.
 */
export function createMockFetch(options: MockOptions<MockOperations> = {}): MockFetch<MockOperations> {
  return createMockFetchCore(api, options);
}`,
  );
  return statements;
}
