/**
 * emit/runtime-refs: the runtime functions an `OperationSpec` refers to. The request core sends scalar
 * parameter values; a parameter that needs more (an array or object value, a style that changes a scalar)
 * names a serializer, and every requestBody its encoder, from `runtime/serialize.ts`, which `operations.ts`
 * imports only when some operation uses it, so an app bundles only what its operations need.
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

/** The import of every serializer and encoder the model's operations refer to (none: no import). */
export function serializerImports(model: ApiModel): ImportDeclarationStructure[] {
  const names = new Set<string>();
  for (const o of model.operations) {
    for (const p of o.parameters) {
      const name = paramSerializer(p);
      if (name !== undefined) names.add(name);
    }
    if (o.requestBody !== undefined) names.add(bodyEncoder(o.requestBody));
  }
  if (names.size === 0) return [];
  const sorted = [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return [
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: "./runtime/serialize.js",
      namedImports: sorted,
    },
  ];
}
