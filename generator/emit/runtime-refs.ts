/**
 * emit/runtime-refs: the runtime functions an `OperationSpec` refers to. The request core sends `simple` path
 * and header values, exploded `form` query and cookie pairs and JSON bodies; a parameter or requestBody that
 * needs more names a serializer or encoder from `runtime/serialize.ts`, which `operations.ts` imports only when
 * some operation uses it, so an app bundles only the styles and encodings its operations need.
 */
import { StructureKind, type ImportDeclarationStructure } from "ts-morph";
import type { ApiModel, ParameterModel, RequestBodyModel } from "../model/model.js";

/** Serializers exported by `runtime/serialize.ts` (see `ParamSpec.serialize`). */
export type ParamSerializerName = "pathStyles" | "headerStyles" | "queryStyles";

/**
 * The serializer a parameter needs, or undefined when the core's default gives the same text: a path
 * parameter in `simple` style, a header parameter that is not JSON, a query or cookie parameter in exploded
 * `form` style without `json` (or, for a query parameter, `allowReserved`).
 */
export function paramSerializer(
  p: Pick<ParameterModel, "in" | "style" | "explode" | "allowReserved" | "json">,
): ParamSerializerName | undefined {
  if (p.in === "path")
    return p.style === "label" || p.style === "matrix" ? "pathStyles" : undefined;
  if (p.in === "header") return p.json === true ? "headerStyles" : undefined;
  const plain =
    (p.style === undefined || p.style === "form") &&
    p.explode !== false &&
    p.json !== true &&
    !(p.in === "query" && p.allowReserved === true);
  return plain ? undefined : "queryStyles";
}

/** The encoder a requestBody needs: `encodeBody` for every encoding but JSON. */
export function bodyEncoder(b: Pick<RequestBodyModel, "encoding">): "encodeBody" | undefined {
  return b.encoding === "json" ? undefined : "encodeBody";
}

/** The import of every serializer and encoder the model's operations refer to (none: no import). */
export function serializerImports(model: ApiModel): ImportDeclarationStructure[] {
  const names = new Set<string>();
  for (const o of model.operations) {
    for (const p of o.parameters) {
      const name = paramSerializer(p);
      if (name !== undefined) names.add(name);
    }
    const encoder = o.requestBody && bodyEncoder(o.requestBody);
    if (encoder !== undefined) names.add(encoder);
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
