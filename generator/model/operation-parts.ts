/**
 * An operation's parameters and responses, for normalize: parameter keys in the flat `params` object, responses
 * split into success and errors, each with its named type (named-types.ts) where its schema has one.
 */
import type { ParamStyle } from "../../templates/runtime/types.js";
import {
  asArray,
  asRecord,
  asString,
  asText,
  derefRecord,
  entries,
  type JsonRecord,
} from "../util/document.js";
import { pointer } from "../util/issues.js";
import { isJsonMediaType, pickMediaType } from "./media.js";
import { isScalarSchema } from "./scalar.js";
import type { Issue, ParameterModel, ResponseModel } from "./model.js";
import { namedType } from "./named-types.js";
import { claim, compareCodeUnits, pascalCase } from "./naming.js";
import type { RawOperation } from "./types-document.js";

/**
 * The operation's parameters (its own override the path item's of the same location and name), each with its
 * `params` key: its name, or prefixed with its location when `body` or an earlier parameter has that name.
 */
export function buildParameters(
  doc: JsonRecord,
  r: RawOperation,
  hasBody: boolean,
  aliasByKey: ReadonlyMap<string, string>,
  issues: Issue[],
): ParameterModel[] {
  // The operation's parameters override the path item's with the same location and name.
  const byKey = new Map<string, { param: JsonRecord; at: string }>();
  const lists = [
    [`${pointer("paths", r.path)}/parameters`, r.item["parameters"]],
    [`${r.pointer}/parameters`, r.op["parameters"]],
  ] as const;
  for (const [list, values] of lists) {
    for (const [i, p] of asArray(values).entries()) {
      const param = derefRecord(doc, p);
      const name = asString(param?.["name"]);
      const location = asString(param?.["in"]);
      if (
        param === undefined ||
        name === undefined ||
        !["path", "query", "header", "cookie"].includes(location ?? "")
      )
        continue;
      byKey.set(`${location}:${name}`, { param, at: `${list}/${i}` });
    }
  }
  const params = [...byKey.values()].map((e) => e.param);
  const pointers = [...byKey.values()].map((e) => e.at);
  const wantedKeys = params.map((p) => String(p["name"]));
  // A parameter keeps its name as its `params` key unless `body` carries the request body or an earlier
  // parameter (in another location) has the same name: then it is prefixed with its location.
  const keys = params.map((p, i) => {
    const name = wantedKeys[i]!;
    const clash =
      (name === "body" && hasBody) || name === "__proto__" || wantedKeys.indexOf(name) !== i;
    return clash ? `${String(p["in"])}${pascalCase(name) || "Param"}` : name;
  });
  const used = new Set<string>([
    ...(hasBody ? ["body"] : []),
    ...keys.filter((k, i) => k === wantedKeys[i]),
  ]);
  const finalKeys = keys.map((k, i) => {
    if (k === wantedKeys[i]) return k;
    return claim(k, used);
  });
  params.forEach((p, i) => {
    if (finalKeys[i] === wantedKeys[i]) return;
    const why =
      wantedKeys[i] === "body" && hasBody
        ? "'body' carries the request body"
        : wantedKeys[i] === "__proto__"
          ? "'__proto__' in an object literal sets the prototype instead of a property"
          : `another parameter is named '${wantedKeys[i]!}'`;
    issues.push({
      code: "renamed-parameter",
      severity: "warning",
      pointer: r.pointer,
      message: `${String(p["in"])} parameter '${wantedKeys[i]!}' is passed as '${finalKeys[i]!}': ${why}.`,
    });
  });
  return params.map((p, i) => {
    const location = p["in"] as ParameterModel["in"];
    const description = asText(p["description"]);
    const style = asString(p["style"]) as ParamStyle | undefined;
    const json =
      p["schema"] === undefined && Object.keys(asRecord(p["content"]) ?? {}).some(isJsonMediaType);
    const schema = derefRecord(doc, p["schema"]);
    const defaultValue =
      schema !== undefined && "default" in schema ? JSON.stringify(schema["default"]) : undefined;
    const named = namedType(p["schema"], aliasByKey);
    return {
      name: String(p["name"]),
      in: location,
      key: finalKeys[i]!,
      pointer: pointers[i]!,
      required: location === "path" || p["required"] === true,
      deprecated: p["deprecated"] === true,
      ...(description !== undefined ? { description } : {}),
      ...(style !== undefined ? { style } : {}),
      ...(typeof p["explode"] === "boolean" ? { explode: p["explode"] } : {}),
      ...(p["allowReserved"] === true ? { allowReserved: true } : {}),
      ...(json ? { json: true } : {}),
      scalar: !json && isScalarSchema(doc, p["schema"]),
      ...(defaultValue !== undefined ? { defaultValue } : {}),
      ...(named !== undefined ? { namedType: named } : {}),
    };
  });
}

/**
 * The operation's responses: 2xx (or `default` when there is none) in status order, the others with `default`
 * last; `schema` is the first JSON 2xx body's schema.
 */
export function buildResponses(
  doc: JsonRecord,
  op: JsonRecord,
  aliasByKey: ReadonlyMap<string, string>,
): { success: ResponseModel[]; errors: ResponseModel[]; schema: unknown } {
  const all = entries(asRecord(op["responses"])).map(([status, value]) => {
    const response = derefRecord(doc, value) ?? {};
    const content = asRecord(response["content"]);
    const mediaType = pickMediaType(Object.keys(content ?? {}));
    const description = asText(response["description"]);
    const schema = mediaType !== undefined ? asRecord(content?.[mediaType])?.["schema"] : undefined;
    const named = namedType(schema, aliasByKey);
    const model: ResponseModel = {
      status,
      hasHeaders: asRecord(response["headers"]) !== undefined,
      ...(mediaType !== undefined ? { mediaType } : {}),
      ...(description !== undefined ? { description } : {}),
      ...(named !== undefined ? { namedType: named } : {}),
    };
    return { model, schema };
  });
  const isSuccess = (s: string): boolean => /^2(\d\d|XX)$/i.test(s);
  let success = all.filter((r) => isSuccess(r.model.status));
  let errors = all.filter((r) => !isSuccess(r.model.status));
  if (success.length === 0) {
    success = errors.filter((r) => r.model.status === "default");
    errors = errors.filter((r) => r.model.status !== "default");
  }
  const order = (a: { model: ResponseModel }, b: { model: ResponseModel }): number =>
    a.model.status === "default"
      ? 1
      : b.model.status === "default"
        ? -1
        : compareCodeUnits(a.model.status, b.model.status);
  success.sort(order);
  errors.sort(order);
  const json = success.find(
    (r) => r.model.mediaType !== undefined && isJsonMediaType(r.model.mediaType),
  );
  return {
    success: success.map((r) => r.model),
    errors: errors.map((r) => r.model),
    schema: json?.schema,
  };
}
