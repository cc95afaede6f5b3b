/**
 * emit/runtime-refs: the runtime functions an `OperationSpec` refers to. The request core sends scalar
 * parameter values; a parameter that needs more (an array or object value, a style that changes a scalar)
 * names a serializer, and every requestBody its encoder, from `runtime/serialize.ts`; a security requirement
 * of several schemes names `rejectPartial` from `runtime/auth.ts`, a POST or PATCH operation `notSent` from
 * `runtime/retry.ts`, and an operation whose method is not GET or HEAD `redirectRule` from `runtime/redirect.ts`. `operations.ts` imports each only when some
 * operation uses it, so an app bundles only what its operations need.
 */
import { StructureKind, type ImportDeclarationStructure } from "ts-morph";
import type { ApiModel, ParameterModel, RequestBodyModel } from "../model/model.js";

/** Serializers exported by `runtime/serialize.ts` (see `ParamSpec.serialize`). */
export type ParamSerializerName = "pathStyles" | "headerStyles" | "queryStyles";

/**
 * The serializer a parameter needs, or undefined when the core's default (a scalar as text) gives the same:
 * the schema admits only scalars, and it is not a `label` or `matrix` path parameter, a JSON parameter or an
 * `allowReserved` query parameter (for a scalar, every other style and `explode` give the value or one pair).
 */
export function paramSerializer(
  p: Pick<ParameterModel, "in" | "style" | "allowReserved" | "json" | "scalar">,
): ParamSerializerName | undefined {
  const name = p.in === "path" ? "pathStyles" : p.in === "header" ? "headerStyles" : "queryStyles";
  const styled =
    p.json === true ||
    (p.in === "path" && (p.style === "label" || p.style === "matrix")) ||
    (p.in === "query" && p.allowReserved === true);
  return styled || !p.scalar ? name : undefined;
}

/** The encoder of a requestBody: `jsonBody` for JSON, `mediaBody` for every other encoding. */
export function bodyEncoder(b: Pick<RequestBodyModel, "encoding">): "jsonBody" | "mediaBody" {
  return b.encoding === "json" ? "jsonBody" : "mediaBody";
}

/** `OperationSpec.partial`: only an alternative of several schemes can be partly configured. */
export function partialSecurity(
  security: readonly (readonly string[])[],
): "rejectPartial" | undefined {
  return security.some((alt) => alt.length > 1) ? "rejectPartial" : undefined;
}

/** `OperationSpec.unsent`: POST and PATCH (the methods not retried after any connection failure) get `notSent`. */
export function unsentCheck(method: string): "notSent" | undefined {
  return method === "POST" || method === "PATCH" ? "notSent" : undefined;
}

/** `OperationSpec.redirect`: a redirect changes nothing for GET and HEAD; other methods get `redirectRule`. */
export function redirectChange(method: string): "redirectRule" | undefined {
  return method === "GET" || method === "HEAD" ? undefined : "redirectRule";
}

/** The imports of every runtime function the model's operation specs refer to, one per runtime module. */
export function runtimeImports(model: ApiModel): ImportDeclarationStructure[] {
  const serialize = new Set<string>();
  const auth = new Set<string>();
  const retry = new Set<string>();
  const redirect = new Set<string>();
  for (const o of model.operations) {
    for (const p of o.parameters) {
      const name = paramSerializer(p);
      if (name !== undefined) serialize.add(name);
    }
    if (o.requestBody !== undefined) serialize.add(bodyEncoder(o.requestBody));
    const partial = partialSecurity(o.security);
    if (partial !== undefined) auth.add(partial);
    const unsent = unsentCheck(o.method);
    if (unsent !== undefined) retry.add(unsent);
    const change = redirectChange(o.method);
    if (change !== undefined) redirect.add(change);
  }
  const byModule: [string, Set<string>][] = [
    ["./runtime/auth.js", auth],
    ["./runtime/redirect.js", redirect],
    ["./runtime/retry.js", retry],
    ["./runtime/serialize.js", serialize],
  ];
  return byModule
    .filter(([, names]) => names.size > 0)
    .map(([moduleSpecifier, names]) => ({
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier,
      namedImports: [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    }));
}
