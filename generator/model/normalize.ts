/**
 * normalize: valid document → ApiModel. Every name is assigned and every quirk resolved here;
 * emitters read only the model.
 */
import { resolveDates, type GenerateOptions } from "../config/config.js";
import {
  asArray,
  asRecord,
  asString,
  asText,
  derefRecord,
  entries,
  METHODS,
  type JsonRecord,
} from "../util/document.js";
import { hoistSchemaDefs } from "./defs.js";
import { literal } from "../util/literal.js";
import { discoverEnums, entityName, type EnumSource } from "./enums.js";
import { pointer } from "../util/issues.js";
import { streamCompanions, typeItemSchemas } from "./stream.js";
import type { ApiModel, Issue, OperationModel, ServerModel, TypeAliasModel } from "./model.js";
import {
  camelCase,
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
import { buildOperation } from "./operation.js";
import { reportPartialSupport } from "./partial-support.js";
import { normalizeSecurity, normalizeServers } from "./servers-security.js";
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
  const companions = streamCompanions(doc, raw, names, functionNames, issues);

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

/** The types document, with its open enums and unions marked when `openEnums` is on (see open-types.ts). */
function typesWithOpenTypes(
  document: JsonRecord,
  openEnums: boolean,
): Pick<ApiModel, "typesDocument" | "openTypes"> {
  if (!openEnums) return { typesDocument: document, openTypes: false };
  const open = openTypes(document);
  return { typesDocument: open.document, openTypes: open.opened };
}
