/**
 * normalize: valid document → ApiModel. Every name is assigned and every quirk resolved here;
 * emitters read only the model.
 */
import type { HttpMethod } from "../../templates/runtime/types.js";
import { resolveDates, type GenerateOptions } from "../config/config.js";
import {
  asArray,
  asRecord,
  asString,
  asText,
  derefRecord,
  entries,
  isRecord,
  METHODS,
  type JsonRecord,
} from "../util/document.js";
import { hoistSchemaDefs } from "./defs.js";
import { literal } from "../util/literal.js";
import { discoverEnums, entityName, type EnumSource } from "./enums.js";
import { pointer, pointerToken } from "../util/issues.js";
import { pickMediaType, bodyEncoding, responseKind, streamFormat } from "./media.js";
import { streamAlternative, streamModel, typeItemSchemas } from "./stream.js";
import type {
  ApiModel,
  Issue,
  OperationModel,
  RequestBodyModel,
  ServerModel,
  StreamVariantModel,
  TypeAliasModel,
} from "./model.js";
import {
  camelCase,
  claim,
  compareCodeUnits,
  dedupe,
  GENERATED_RESERVED,
  operationName,
  operationTypeStem,
  pascalCase,
  renameReason,
  schemaAliasName,
} from "./naming.js";
import { mockModel } from "./mock.js";
import { datesModel } from "./dates.js";
import { namedItemType, namedType } from "./named-types.js";
import { buildParameters, buildResponses } from "./operation-parts.js";
import { detectPagination } from "./pagination.js";
import { normalizeSecurity, normalizeServers, operationSecurity } from "./servers-security.js";
import type { ValidDocument } from "../validate/validate.js";
import { hasReadWriteOnly, typesDocument, type RawOperation } from "./types-document.js";
import { openTypes } from "./open-types.js";

/** Builds the model of `doc`. Pure: same document and options, same model. */
export function normalize(input: ValidDocument, options: GenerateOptions): ApiModel {
  const issues: Issue[] = [];
  const doc = hoistSchemaDefs(input, issues);
  const raw: RawOperation[] = [];
  for (const [path, item] of entries(doc.paths)) {
    const record = asRecord(item);
    if (record === undefined) continue;
    for (const method of METHODS) {
      const op = asRecord(record[method]);
      if (op !== undefined)
        raw.push({ path, method, op, item: record, pointer: pointer("paths", path, method) });
    }
  }
  const wanted = raw.map((r) => operationName(asString(r.op["operationId"]), r.method, r.path));
  const names = dedupe(wanted, GENERATED_RESERVED);
  names.forEach((name, i) => {
    const id = asString(raw[i]!.op["operationId"]);
    const natural = id !== undefined ? camelCase(id) : wanted[i]!;
    const reason = renameReason(natural, name);
    if (reason !== undefined) {
      const what =
        id !== undefined
          ? `operationId '${id}'`
          : `${raw[i]!.method.toUpperCase()} ${raw[i]!.path}`;
      issues.push({
        code: "renamed-operation",
        severity: "warning",
        pointer: raw[i]!.pointer,
        message: `${what} is generated as '${name}': ${reason}.`,
      });
    }
  });

  // streaming companions are named after every operation, so an operation keeps its name whatever the others offer
  const functionNames = new Set([...GENERATED_RESERVED, ...names]);
  const companions = raw.map((r, i) => {
    const alternative = streamAlternative(doc, r.op);
    if (alternative === undefined) return undefined;
    const natural = `${names[i]!}Stream`;
    const name = claim(natural, functionNames);
    if (name !== natural)
      issues.push({
        code: "renamed-operation",
        severity: "warning",
        pointer: r.pointer,
        message: `the streaming variant of '${names[i]!}' is generated as '${name}': '${natural}' is already taken.`,
      });
    return { ...alternative, name };
  });

  reportPartialSupport(doc, raw, issues);

  const schemas = asRecord(asRecord(doc["components"])?.["schemas"]);
  const schemaKeys = entries(schemas).map(([k]) => k);
  const aliasNames = dedupe(schemaKeys.map(schemaAliasName), new Set(functionNames));
  aliasNames.forEach((alias, i) => {
    const reason = renameReason(pascalCase(schemaKeys[i]!), alias);
    if (reason !== undefined) {
      issues.push({
        code: "renamed-schema",
        severity: "warning",
        pointer: pointer("components", "schemas", schemaKeys[i]!),
        message: `schema '${schemaKeys[i]!}' is exported as type '${alias}': ${reason}.`,
      });
    }
  });
  const schemaAliases: TypeAliasModel[] = schemaKeys.map((key, i) => {
    const schema = asRecord(schemas?.[key]) ?? {};
    const description = asText(schema["description"]) ?? asText(schema["title"]);
    return {
      name: aliasNames[i]!,
      schemaKey: key,
      target: `components["schemas"][${literal(key)}]`,
      deprecated: schema["deprecated"] === true,
      ...(description !== undefined ? { description } : {}),
    };
  });
  const aliasByKey = new Map(schemaKeys.map((k, i) => [k, aliasNames[i]!]));
  const taken = new Set<string>([...functionNames, ...aliasNames]);

  const security = normalizeSecurity(doc, issues);
  const operations: OperationModel[] = raw.map((r, i) => {
    const name = names[i]!;
    const typeName = operationTypeStem(name);
    return buildOperation(
      doc,
      r,
      name,
      typeName,
      aliasByKey,
      taken,
      security.map((s) => s.name),
      options,
      issues,
      companions[i],
    );
  });

  const enumSources: EnumSource[] = [];
  const componentEnums = new Map<string, { typeName: string; schema: JsonRecord }>();
  for (const [key, schema] of entries(schemas)) {
    const ptr = pointer("components", "schemas", key);
    const record = asRecord(schema);
    if (record !== undefined && Array.isArray(record["enum"]))
      componentEnums.set(ptr, { typeName: aliasByKey.get(key)!, schema: record });
    enumSources.push({ entity: entityName(aliasByKey.get(key)!), schema, pointer: ptr });
  }
  raw.forEach((r, i) => {
    const op = operations[i]!;
    for (const [j, p] of asArray(r.op["parameters"]).entries()) {
      const param = derefRecord(doc, p);
      if (param !== undefined)
        enumSources.push({
          entity: op.typeName,
          prop: String(param["name"]),
          schema: param["schema"],
          pointer: `${r.pointer}/parameters/${j}/schema`,
        });
    }
    const body = derefRecord(doc, r.op["requestBody"]);
    for (const [mt, media] of entries(asRecord(body?.["content"]))) {
      enumSources.push({
        entity: op.typeName,
        schema: asRecord(media)?.["schema"],
        pointer: `${r.pointer}/requestBody/content/${mt.replace(/\//g, "~1")}/schema`,
      });
    }
  });
  for (const op of operations)
    for (const n of Object.values(op.types)) if (typeof n === "string") taken.add(n);
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
  const description = asText(info["description"]);
  const servers = withDefaultServer(normalizeServers(doc), options.defaultServer, issues);
  const mock = mockModel(doc, raw, operations, servers);
  const dates = datesModel(operations, mock, resolveDates(options.dates));
  return {
    name: options.name,
    title: asText(info["title"]) ?? options.name,
    version:
      info["version"] === undefined
        ? "0.0.0"
        : typeof info["version"] === "string"
          ? info["version"]
          : JSON.stringify(info["version"]),
    ...(description !== undefined ? { description } : {}),
    servers,
    securitySchemes: security,
    operations:
      dates === undefined
        ? operations
        : operations.map((o, i) => {
            const d = dates.operations[i];
            return d === undefined ? o : { ...o, dates: d };
          }),
    schemaAliases,
    enums,
    rateLimitHeaders: [...rateLimitHeaders].sort(compareCodeUnits),
    ...(requestIdHeader !== undefined ? { requestIdHeader } : {}),
    readWriteMarkers: hasReadWriteOnly(doc),
    ...(dates !== undefined ? { dates: dates.model } : {}),
    mock,
    ...typesWithOpenTypes(
      typeItemSchemas(typesDocument(doc, raw, names)),
      options.openEnums === true,
    ),
    issues,
  };
}

/**
 * Moves the configured default server first (the runtime uses the first server when the caller names none).
 * Names are assigned before the move, so they do not depend on the choice.
 */
function withDefaultServer(
  servers: ServerModel[],
  name: string | undefined,
  issues: Issue[],
): ServerModel[] {
  if (name === undefined) return servers;
  const chosen = servers.find((s) => s.name === name);
  if (chosen === undefined) {
    const known = servers.map((s) => `'${s.name}'`).join(", ") || "none";
    issues.push({
      code: "unknown-default-server",
      severity: "error",
      pointer: "/servers",
      message: `defaultServer '${name}' is not one of the document's servers (${known}); fix the target's defaultServer.`,
    });
    return servers;
  }
  return [chosen, ...servers.filter((s) => s !== chosen)];
}

/**
 * What the client handles partially, reported once per place: OpenAPI 3.2 `query` operations and sequential
 * `itemSchema` media, and `servers` on a path item or operation (the client's server applies to every call).
 */
function reportPartialSupport(
  doc: JsonRecord,
  raw: readonly RawOperation[],
  issues: Issue[],
): void {
  const reportedItems = new Set<string>();
  for (const r of raw) {
    if (Array.isArray(r.item["servers"]) && !reportedItems.has(r.path)) {
      reportedItems.add(r.path);
      issues.push({
        code: "path-servers-ignored",
        severity: "warning",
        pointer: `${pointer("paths", r.path)}/servers`,
        message:
          "servers on a path item are not used; the client's server (or baseUrl) applies to its operations.",
      });
    }
    if (
      isRecord(r.item["additionalOperations"]) &&
      !reportedItems.has(`${r.path} additionalOperations`)
    ) {
      reportedItems.add(`${r.path} additionalOperations`);
      issues.push({
        code: "additional-operations-ignored",
        severity: "warning",
        pointer: `${pointer("paths", r.path)}/additionalOperations`,
        message:
          "additionalOperations (OpenAPI 3.2 custom HTTP methods) are not generated; call them with fetch directly.",
      });
    }
    for (const [i, p] of asArray(r.op["parameters"]).entries()) {
      const location = asString(derefRecord(doc, p)?.["in"]);
      if (location !== undefined && !["path", "query", "header", "cookie"].includes(location)) {
        issues.push({
          code: "unsupported-parameter-location",
          severity: "warning",
          pointer: `${r.pointer}/parameters/${i}`,
          message: `parameters in '${location}' are not sent by the client; add it with onRequest.`,
        });
      }
    }
    if (Array.isArray(r.op["servers"])) {
      issues.push({
        code: "operation-servers-ignored",
        severity: "warning",
        pointer: `${r.pointer}/servers`,
        message:
          "servers on an operation are not used; the client's server (or baseUrl) applies; pass a client with baseUrl set for this call.",
      });
    }
    if (r.method === "query") {
      issues.push({
        code: "query-method",
        severity: "warning",
        pointer: r.pointer,
        message: `the QUERY operation is sent as QUERY; its types are generated under webhooks["QUERY ${r.path}"] because the paths type has no query method.`,
      });
    }
    const contents: [string, unknown][] = [
      ["requestBody", derefRecord(doc, r.op["requestBody"])?.["content"]],
    ];
    for (const [status, response] of entries(asRecord(r.op["responses"])))
      contents.push([`responses/${pointerToken(status)}`, derefRecord(doc, response)?.["content"]]);
    for (const [where, content] of contents) {
      for (const [mediaType, media] of entries(asRecord(content))) {
        const record = asRecord(media);
        if (record?.["itemSchema"] === undefined || record["schema"] !== undefined) continue;
        // a stream's items: typed and read one by one (model/stream.ts)
        if (where !== "requestBody" && streamFormat(mediaType) !== undefined) continue;
        issues.push({
          code: "item-schema",
          severity: "warning",
          pointer: `${r.pointer}/${where}/content/${pointerToken(mediaType)}`,
          message: `'${mediaType}' describes a sequence with itemSchema (OpenAPI 3.2); the body is typed unknown and read as ${responseKind(mediaType)}, not split into items.`,
        });
      }
    }
  }
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
  companion?: { status: string; mediaType: string; name: string },
): OperationModel {
  const bodyRecord = derefRecord(doc, r.op["requestBody"]);
  const bodyMedia = pickMediaType(Object.keys(asRecord(bodyRecord?.["content"]) ?? {}));
  const bodyDescription = asText(bodyRecord?.["description"]);
  const bodyType =
    bodyMedia !== undefined
      ? namedType(asRecord(asRecord(bodyRecord?.["content"])?.[bodyMedia])?.["schema"], aliasByKey)
      : undefined;
  const requestBody: RequestBodyModel | undefined =
    bodyMedia === undefined
      ? undefined
      : {
          mediaType: bodyMedia,
          encoding: bodyEncoding(bodyMedia),
          required: bodyRecord?.["required"] === true,
          ...(bodyDescription !== undefined ? { description: bodyDescription } : {}),
          ...(bodyType !== undefined ? { namedType: bodyType } : {}),
        };
  const parameters = buildParameters(doc, r, requestBody !== undefined, aliasByKey, issues);
  const { success, errors, schema } = buildResponses(doc, r.op, aliasByKey);
  const first = success.find((s) => s.mediaType !== undefined);
  const firstContent = first?.mediaType;
  const stream = streamModel(
    doc,
    derefRecord(doc, asRecord(r.op["responses"])?.[first?.status ?? ""]),
    first?.status ?? "",
    firstContent,
  );
  const componentRef = asString(asRecord(schema)?.["$ref"])?.match(
    /^#\/components\/schemas\/([^/]+)$/,
  )?.[1];
  const responseComponent =
    componentRef !== undefined
      ? aliasByKey.get(componentRef.replace(/~1/g, "/").replace(/~0/g, "~"))
      : undefined;
  const wantedTypes = ["Params", "Response", "Error", "Headers", "Item"].map(
    (s) => `${typeName}${s}`,
  );
  const reuse = responseComponent !== undefined && responseComponent === wantedTypes[1];
  const declared = wantedTypes.filter((_, i) => !(i === 1 && reuse)).map((w) => claim(w, taken));
  const finalTypes = reuse ? [declared[0]!, responseComponent, ...declared.slice(1)] : declared;
  const streamVariant = companion && variantModel(doc, r, companion, aliasByKey, taken);
  const operationId = asString(r.op["operationId"]);
  const pagination = stream
    ? undefined
    : detectPagination(
        {
          doc,
          name,
          pointer: r.pointer,
          method: r.method,
          operation: r.op,
          parameters,
          responseSchema: schema,
          ...(options.pagination !== undefined ? { overrides: options.pagination } : {}),
          ...(operationId !== undefined ? { operationId } : {}),
        },
        issues,
      );
  const itemType =
    pagination !== undefined ? namedItemType(doc, schema, pagination.items, aliasByKey) : undefined;
  const summary = asText(r.op["summary"]);
  const description = asText(r.op["description"]);
  const source = asText(r.op["x-source"]);
  return {
    name,
    typeName,
    types: {
      params: finalTypes[0]!,
      response: finalTypes[1]!,
      responseDeclared: !reuse,
      error: finalTypes[2]!,
      headers: finalTypes[3]!,
      item: finalTypes[4]!,
    },
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
    ...(stream !== undefined ? { stream } : {}),
    ...(streamVariant !== undefined ? { streamVariant } : {}),
    ...(itemType !== undefined ? { itemType } : {}),
    notes: source !== undefined ? [`Source: ${source}.`] : [],
  };
}

/** The streaming companion's model: its stream, and its item type named after the operation's own types. */
function variantModel(
  doc: JsonRecord,
  r: RawOperation,
  companion: { status: string; mediaType: string; name: string },
  aliasByKey: ReadonlyMap<string, string>,
  taken: Set<string>,
): StreamVariantModel | undefined {
  const response = derefRecord(doc, asRecord(r.op["responses"])?.[companion.status]);
  const stream = streamModel(doc, response, companion.status, companion.mediaType);
  if (stream === undefined) return undefined;
  const media = asRecord(asRecord(response?.["content"])?.[companion.mediaType]);
  const named = namedType(media?.["schema"], aliasByKey);
  return {
    name: companion.name,
    itemType: claim(`${operationTypeStem(companion.name)}Item`, taken),
    stream,
    ...(named !== undefined ? { namedType: named } : {}),
  };
}

/** The types document, with its open enums and unions marked when `openEnums` is on (see open-types.ts). */
function typesWithOpenTypes(
  document: JsonRecord,
  openEnums: boolean,
): Pick<ApiModel, "typesDocument" | "openTypes"> {
  if (!openEnums) return { typesDocument: document, openTypes: false };
  const open = openTypes(document);
  return { typesDocument: open.document, openTypes: open.opened };
}
