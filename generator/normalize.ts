/**
 * normalize: valid document → ApiModel. Every name is assigned and every quirk resolved here;
 * emitters read only the model.
 */
import type { HttpMethod, ParamStyle } from "../templates/runtime/types.js";
import type { GenerateOptions } from "./config.js";
import { asArray, asRecord, asString, derefRecord, entries, METHODS, type JsonRecord } from "./document.js";
import { discoverEnums, entityName, type EnumSource } from "./enums.js";
import { pointer } from "./issues.js";
import { pickMediaType, bodyEncoding, responseKind, isJsonMediaType } from "./media.js";
import type { ApiModel, Issue, OperationModel, ParameterModel, RequestBodyModel, ResponseModel, TypeAliasModel } from "./model.js";
import { compareCodeUnits, dedupe, GENERATED_RESERVED, operationName, pascalCase, safeIdentifier } from "./naming.js";
import { detectPagination } from "./pagination.js";
import { normalizeSecurity, normalizeServers, operationSecurity } from "./servers-security.js";
import type { ValidDocument } from "./validate.js";

interface RawOperation {
  readonly path: string;
  readonly method: (typeof METHODS)[number];
  readonly op: JsonRecord;
  readonly item: JsonRecord;
  readonly pointer: string;
}

/** Builds the model of `doc`. Pure: same document and options, same model. */
export function normalize(doc: ValidDocument, options: GenerateOptions): ApiModel {
  const issues: Issue[] = [];
  const raw: RawOperation[] = [];
  for (const [path, item] of entries(doc.paths)) {
    const record = asRecord(item);
    if (record === undefined) continue;
    for (const method of METHODS) {
      const op = asRecord(record[method]);
      if (op !== undefined) raw.push({ path, method, op, item: record, pointer: pointer("paths", path, method) });
    }
  }
  const wanted = raw.map((r) => operationName(asString(r.op["operationId"]), r.method, r.path));
  const names = dedupe(wanted, GENERATED_RESERVED);
  names.forEach((name, i) => {
    const id = asString(raw[i]!.op["operationId"]);
    if (name !== wanted[i] || (id !== undefined && wanted[i] !== name)) {
      issues.push({ code: "renamed-operation", severity: "warning", pointer: raw[i]!.pointer, message: `operation '${id ?? wanted[i]}' is generated as '${name}' because the name '${wanted[i]}' is taken.` });
    }
  });

  const schemas = asRecord(asRecord(doc["components"])?.["schemas"]);
  const schemaKeys = entries(schemas).map(([k]) => k);
  const aliasNames = dedupe(schemaKeys.map((k) => safeIdentifier(pascalCase(k), "Schema")), new Set([...GENERATED_RESERVED, ...names]));
  const schemaAliases: TypeAliasModel[] = schemaKeys.map((key, i) => {
    const schema = asRecord(schemas?.[key]) ?? {};
    const description = asString(schema["description"]) ?? asString(schema["title"]);
    return { name: aliasNames[i]!, target: `components["schemas"][${JSON.stringify(key)}]`, deprecated: schema["deprecated"] === true, ...(description !== undefined ? { description } : {}) };
  });
  const aliasByKey = new Map(schemaKeys.map((k, i) => [k, aliasNames[i]!]));
  const taken = new Set<string>([...GENERATED_RESERVED, ...names, ...aliasNames]);

  const security = normalizeSecurity(doc, issues);
  const operations: OperationModel[] = raw.map((r, i) => {
    const name = names[i]!;
    const typeName = pascalCase(name) || "Operation";
    return buildOperation(doc, r, name, typeName, aliasByKey, taken, security.map((s) => s.name), options, issues);
  });

  const enumSources: EnumSource[] = [];
  const componentEnums = new Map<string, { typeName: string; schema: JsonRecord }>();
  for (const [key, schema] of entries(schemas)) {
    const ptr = pointer("components", "schemas", key);
    const record = asRecord(schema);
    if (record !== undefined && Array.isArray(record["enum"])) componentEnums.set(ptr, { typeName: aliasByKey.get(key)!, schema: record });
    enumSources.push({ entity: entityName(aliasByKey.get(key)!), schema, pointer: ptr });
  }
  raw.forEach((r, i) => {
    const op = operations[i]!;
    for (const [j, p] of asArray(r.op["parameters"]).entries()) {
      const param = derefRecord(doc, p);
      if (param !== undefined) enumSources.push({ entity: op.typeName, prop: String(param["name"]), schema: param["schema"], pointer: `${r.pointer}/parameters/${j}/schema` });
    }
    const body = derefRecord(doc, r.op["requestBody"]);
    for (const [mt, media] of entries(asRecord(body?.["content"]))) {
      enumSources.push({ entity: op.typeName, schema: asRecord(media)?.["schema"], pointer: `${r.pointer}/requestBody/content/${mt.replace(/\//g, "~1")}/schema` });
    }
  });
  for (const op of operations) for (const n of Object.values(op.types)) if (typeof n === "string") taken.add(n);
  const enums = discoverEnums(enumSources, componentEnums, taken, options.enumNames);

  const rateLimitHeaders = new Set<string>();
  let requestIdHeader: string | undefined;
  for (const r of raw) {
    for (const [, response] of entries(asRecord(r.op["responses"]))) {
      for (const [header] of entries(asRecord(derefRecord(doc, response)?.["headers"]))) {
        const lower = header.toLowerCase();
        if (/rate-?limit|retry-after/.test(lower)) rateLimitHeaders.add(lower);
        if (/^(x-)?(request|correlation)-?id$/.test(lower)) requestIdHeader ??= lower;
      }
    }
  }
  const info = doc.info;
  const description = asString(info["description"]);
  return {
    name: options.name,
    title: asString(info["title"]) ?? options.name,
    version: info["version"] === undefined ? "0.0.0" : String(info["version"]),
    ...(description !== undefined ? { description } : {}),
    servers: normalizeServers(doc),
    securitySchemes: security,
    operations,
    schemaAliases,
    enums,
    rateLimitHeaders: [...rateLimitHeaders].sort(compareCodeUnits),
    ...(requestIdHeader !== undefined ? { requestIdHeader } : {}),
    typesDocument: typesDocument(doc, raw, names),
    issues,
  };
}

/** The document with every operationId set to the generated name, so `operations[name]` exists for all. */
function typesDocument(doc: ValidDocument, raw: readonly RawOperation[], names: readonly string[]): Record<string, unknown> {
  const paths: JsonRecord = { ...doc.paths };
  raw.forEach((r, i) => {
    const item = { ...(paths[r.path] as JsonRecord) };
    item[r.method] = { ...(item[r.method] as JsonRecord), operationId: names[i] };
    paths[r.path] = item;
  });
  return { ...doc, paths };
}

function buildParameters(doc: JsonRecord, r: RawOperation, hasBody: boolean): ParameterModel[] {
  const byKey = new Map<string, JsonRecord>();
  for (const p of [...asArray(r.item["parameters"]), ...asArray(r.op["parameters"])]) {
    const param = derefRecord(doc, p);
    const name = asString(param?.["name"]);
    const location = asString(param?.["in"]);
    if (param === undefined || name === undefined || !["path", "query", "header", "cookie"].includes(location ?? "")) continue;
    byKey.set(`${location}:${name}`, param);
  }
  const params = [...byKey.values()];
  const wantedKeys = params.map((p) => String(p["name"]));
  const keys = params.map((p, i) => {
    const name = wantedKeys[i]!;
    const clash = (name === "body" && hasBody) || wantedKeys.filter((k) => k === name).length > 1 && params.findIndex((q) => q["name"] === name) !== i;
    return clash ? `${String(p["in"])}${pascalCase(name) || "Param"}` : name;
  });
  const finalKeys = dedupe(keys, hasBody ? new Set(["body"]) : new Set());
  return params.map((p, i) => {
    const location = p["in"] as ParameterModel["in"];
    const description = asString(p["description"]);
    const style = asString(p["style"]) as ParamStyle | undefined;
    const json = p["schema"] === undefined && Object.keys(asRecord(p["content"]) ?? {}).some(isJsonMediaType);
    return {
      name: String(p["name"]),
      in: location,
      key: finalKeys[i]!,
      required: location === "path" || p["required"] === true,
      deprecated: p["deprecated"] === true,
      ...(description !== undefined ? { description } : {}),
      ...(style !== undefined ? { style } : {}),
      ...(typeof p["explode"] === "boolean" ? { explode: p["explode"] } : {}),
      ...(p["allowReserved"] === true ? { allowReserved: true } : {}),
      ...(json ? { json: true } : {}),
    };
  });
}

function buildResponses(doc: JsonRecord, op: JsonRecord): { success: ResponseModel[]; errors: ResponseModel[]; schema: unknown } {
  const all = entries(asRecord(op["responses"])).map(([status, value]) => {
    const response = derefRecord(doc, value) ?? {};
    const content = asRecord(response["content"]);
    const mediaType = pickMediaType(Object.keys(content ?? {}));
    const description = asString(response["description"]);
    const model: ResponseModel = {
      status,
      hasHeaders: asRecord(response["headers"]) !== undefined,
      ...(mediaType !== undefined ? { mediaType } : {}),
      ...(description !== undefined ? { description } : {}),
    };
    return { model, schema: mediaType !== undefined ? asRecord(content?.[mediaType])?.["schema"] : undefined };
  });
  const isSuccess = (s: string): boolean => /^2(\d\d|XX)$/i.test(s);
  let success = all.filter((r) => isSuccess(r.model.status));
  let errors = all.filter((r) => !isSuccess(r.model.status));
  if (success.length === 0) {
    success = errors.filter((r) => r.model.status === "default");
    errors = errors.filter((r) => r.model.status !== "default");
  }
  const order = (a: { model: ResponseModel }, b: { model: ResponseModel }): number =>
    a.model.status === "default" ? 1 : b.model.status === "default" ? -1 : compareCodeUnits(a.model.status, b.model.status);
  success.sort(order);
  errors.sort(order);
  const json = success.find((r) => r.model.mediaType !== undefined && isJsonMediaType(r.model.mediaType));
  return { success: success.map((r) => r.model), errors: errors.map((r) => r.model), schema: json?.schema };
}

function buildOperation(
  doc: ValidDocument,
  r: RawOperation,
  name: string,
  typeName: string,
  aliasByKey: ReadonlyMap<string, string>,
  taken: Set<string>,
  schemeNames: readonly string[],
  options: GenerateOptions,
  issues: Issue[],
): OperationModel {
  const bodyRecord = derefRecord(doc, r.op["requestBody"]);
  const bodyMedia = pickMediaType(Object.keys(asRecord(bodyRecord?.["content"]) ?? {}));
  const bodyDescription = asString(bodyRecord?.["description"]);
  const requestBody: RequestBodyModel | undefined =
    bodyMedia === undefined
      ? undefined
      : { mediaType: bodyMedia, encoding: bodyEncoding(bodyMedia), required: bodyRecord?.["required"] === true, ...(bodyDescription !== undefined ? { description: bodyDescription } : {}) };
  const parameters = buildParameters(doc, r, requestBody !== undefined);
  const { success, errors, schema } = buildResponses(doc, r.op);
  const firstContent = success.find((s) => s.mediaType !== undefined)?.mediaType;
  const componentRef = asString(asRecord(schema)?.["$ref"])?.match(/^#\/components\/schemas\/([^/]+)$/)?.[1];
  const responseComponent = componentRef !== undefined ? aliasByKey.get(componentRef.replace(/~1/g, "/").replace(/~0/g, "~")) : undefined;
  const wantedTypes = ["Params", "Response", "Error", "Headers", "Item"].map((s) => `${typeName}${s}`);
  const reuse = responseComponent !== undefined && responseComponent === wantedTypes[1];
  const declared = dedupe(wantedTypes.filter((_, i) => !(i === 1 && reuse)), taken);
  const finalTypes = reuse ? [declared[0]!, responseComponent!, ...declared.slice(1)] : declared;
  finalTypes.forEach((n) => taken.add(n));
  const queryKeys = new Map(parameters.filter((p) => p.in === "query").map((p) => [p.name, p.key]));
  const operationId = asString(r.op["operationId"]);
  const pagination = detectPagination(
    { doc, name, pointer: r.pointer, operation: r.op, queryKeys, responseSchema: schema, ...(options.pagination !== undefined ? { overrides: options.pagination } : {}), ...(operationId !== undefined ? { operationId } : {}) },
    issues,
  );
  const summary = asString(r.op["summary"]);
  const description = asString(r.op["description"]);
  const source = asString(r.op["x-source"]);
  return {
    name,
    typeName,
    types: { params: finalTypes[0]!, response: finalTypes[1]!, responseDeclared: !reuse, error: finalTypes[2]!, headers: finalTypes[3]!, item: finalTypes[4]! },
    ...(operationId !== undefined ? { operationId } : {}),
    method: r.method.toUpperCase() as HttpMethod,
    path: r.path,
    pointer: r.pointer,
    ...(summary !== undefined ? { summary } : {}),
    ...(description !== undefined ? { description } : {}),
    deprecated: r.op["deprecated"] === true,
    tags: asArray(r.op["tags"]).filter((t): t is string => typeof t === "string"),
    parameters,
    ...(requestBody !== undefined ? { requestBody } : {}),
    success,
    errors,
    ...(responseComponent !== undefined ? { responseComponent } : {}),
    responseKind: responseKind(firstContent),
    security: operationSecurity(doc, r.op, schemeNames, r.pointer, issues),
    ...(pagination !== undefined ? { pagination } : {}),
    notes: source !== undefined ? [`Source: ${source}.`] : [],
  };
}
