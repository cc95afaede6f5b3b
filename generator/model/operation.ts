/**
 * The model of one operation (part of normalize): its request body, parameters, responses, declared type names,
 * stream, streaming companion, pagination and security. Pure apart from claiming names and pushing issues.
 */
import type { HttpMethod } from "../../templates/runtime/types.js";
import type { GenerateOptions } from "../config/config.js";
import {
  asArray,
  asRecord,
  asString,
  asText,
  derefRecord,
  type JsonRecord,
} from "../util/document.js";
import { pickMediaType, bodyEncoding, responseKind } from "./media.js";
import { streamModel, type StreamCompanion } from "./stream.js";
import type { Issue, OperationModel, RequestBodyModel, StreamVariantModel } from "./model.js";
import { claim, operationTypeStem } from "./naming.js";
import { namedItemType, namedType } from "./named-types.js";
import { buildParameters, buildResponses } from "./operation-parts.js";
import { detectPagination } from "./pagination.js";
import { operationSecurity } from "./servers-security.js";
import type { ValidDocument } from "../validate/validate.js";
import type { RawOperation } from "./types-document.js";

/**
 * Builds the model of operation `r`, named `name` with type names stemmed from `typeName`. `aliasByKey` maps a
 * component schema key to its alias; `taken` holds the exported type names so far and gains the ones claimed here;
 * `schemeNames` are the security schemes' names; `companion` is the operation's streaming companion, if any.
 * Pushes pagination and security issues onto `issues`.
 */
export function buildOperation(
  doc: ValidDocument,
  r: RawOperation,
  name: string,
  typeName: string,
  aliasByKey: ReadonlyMap<string, string>,
  taken: Set<string>,
  schemeNames: readonly string[],
  options: GenerateOptions,
  issues: Issue[],
  companion?: StreamCompanion,
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
  companion: StreamCompanion,
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
