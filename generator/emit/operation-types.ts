/**
 * emit/operation-types: the types an operation exports in `operations.ts` — its params interface, response,
 * error and headers aliases and its item type (stream or pages) — by component alias name where the schema is a
 * component `$ref`, else by indexed access into openapi-typescript's `operations`, seen through the
 * `Readable`/`Writable` views when the document needs them.
 */
import { StructureKind, type StatementStructures } from "ts-morph";
import { isJsonMediaType } from "../model/media.js";
import {
  hasViews,
  type ApiModel,
  type OperationModel,
  type ResponseModel,
} from "../model/model.js";
import { docBlock, docLine, docPhrase, literal, propertyKey } from "./docs.js";
import { paramDocs } from "./operation-docs.js";
import { streamItemType } from "./stream.js";

/** The operation's entry in openapi-typescript's `operations` (a streaming companion reads its operation's). */
function op(o: OperationModel): string {
  return `operations[${literal(o.variantOf ?? o.name)}]`;
}

function statusKey(status: string): string {
  return /^\d+$/.test(status) ? status : literal(status);
}

/** `Readable<T>`/`Writable<T>` when the document marks readOnly/writeOnly properties or open types, else `T`. */
function view(model: ApiModel, wrapper: "Readable" | "Writable", type: string): string {
  return hasViews(model) ? `${wrapper}<${type}>` : type;
}

/** Parameters and response headers are seen through a view only for open types (they carry no readOnly markers). */
function openView(model: ApiModel, wrapper: "Readable" | "Writable", type: string): string {
  return model.openTypes ? `${wrapper}<${type}>` : type;
}

/**
 * A component alias by name where the model has one (`Image[]`): already `Readable<…>` when types are seen through
 * views (readOnly/writeOnly markers, open types), so only response types take it then.
 */
export function named(
  model: ApiModel,
  type: string | undefined,
  reading: boolean,
): string | undefined {
  return type !== undefined && (reading || !hasViews(model)) ? type : undefined;
}

/** The TypeScript type of response `r`'s content: `undefined` without content, `string`/`Blob` for text/binary. */
export function responseType(model: ApiModel, o: OperationModel, r: ResponseModel): string {
  if (r.mediaType === undefined) return "undefined";
  if (o.responseKind === "text") return "string";
  if (o.responseKind === "binary") return "Blob";
  const byName = named(model, r.namedType, true);
  if (byName !== undefined) return byName;
  return view(
    model,
    "Readable",
    `${op(o)}["responses"][${statusKey(r.status)}]["content"][${literal(r.mediaType)}]`,
  );
}

/** The union of `types` without repeats, or `fallback` when there are none. */
export function union(types: readonly string[], fallback: string): string {
  const unique = [...new Set(types)];
  return unique.length > 0 ? unique.join(" | ") : fallback;
}

/** `DateInput<type>` for a `params` key whose type holds `Date` (with the `dates` option). */
function input(o: OperationModel, key: string, type: string): string {
  return o.dates?.inputs.includes(key) === true ? `DateInput<${type}>` : type;
}

/**
 * The type declarations of `o`: its params interface, response, error and headers aliases (a streaming companion
 * shares its operation's params, error and headers) and its item alias when it streams or pages.
 */
export function operationTypes(model: ApiModel, o: OperationModel): StatementStructures[] {
  const t = o.types;
  const out: StatementStructures[] = [];
  const hasParams = o.parameters.length > 0 || o.requestBody !== undefined;
  // a streaming companion shares its operation's params, error and headers types
  const own = o.variantOf === undefined;
  if (hasParams && own) {
    const properties = o.parameters.map((p) => ({
      name: propertyKey(p.key),
      hasQuestionToken: !p.required,
      // By name, an optional parameter keeps `| undefined` (what the indexed access gives).
      type: input(
        o,
        p.key,
        named(model, p.namedType, false) !== undefined
          ? `${p.namedType!}${p.required ? "" : " | undefined"}`
          : openView(
              model,
              "Writable",
              `NonNullable<${op(o)}["parameters"][${literal(p.in)}]>[${literal(p.name)}]`,
            ),
      ),
      docs: paramDocs(p),
    }));
    if (o.requestBody !== undefined) {
      const b = o.requestBody;
      properties.push({
        name: "body",
        hasQuestionToken: !b.required,
        type: input(
          o,
          "body",
          named(model, b.namedType, false) ??
            view(
              model,
              "Writable",
              `NonNullable<${op(o)}["requestBody"]>["content"][${literal(b.mediaType)}]`,
            ),
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
      docs: [
        {
          description:
            o.stream !== undefined
              ? `The 2xx response content of \`${o.name}\` as declared: one event's data, or one item, of the stream.`
              : `The 2xx response body of \`${o.name}\`.`,
        },
      ],
    });
  }
  // The runtime reads every error body as text and parses it as JSON when it can (whatever the 2xx kind is).
  const errorTypes = o.errors
    .filter((r) => r.mediaType !== undefined)
    .map((r) => {
      if (!isJsonMediaType(r.mediaType!)) return "string";
      const type =
        named(model, r.namedType, true) ??
        view(
          model,
          "Readable",
          `${op(o)}["responses"][${statusKey(r.status)}]["content"][${literal(r.mediaType!)}]`,
        );
      return o.dates?.errors.includes(r.status) === true ? `DateText<${type}>` : type;
    });
  if (own)
    out.push({
      kind: StructureKind.TypeAlias,
      name: t.error,
      isExported: true,
      type: union(errorTypes, "unknown"),
      docs: [{ description: `The error response bodies of \`${o.name}\` (on \`ApiError.body\`).` }],
    });
  const withHeaders = o.success.find((r) => r.hasHeaders);
  if (own)
    out.push({
      kind: StructureKind.TypeAlias,
      name: t.headers,
      isExported: true,
      type:
        withHeaders !== undefined
          ? openView(
              model,
              "Readable",
              `${op(o)}["responses"][${statusKey(withHeaders.status)}]["headers"]`,
            )
          : "Record<string, string>",
      docs: [{ description: `The response headers \`${o.name}\` declares.` }],
    });
  const streamed = o.stream && o.success.find((r) => r.status === o.stream!.status);
  if (o.stream !== undefined && streamed !== undefined) {
    out.push({
      kind: StructureKind.TypeAlias,
      name: t.item,
      isExported: true,
      type: streamItemType(o.stream, responseType(model, o, streamed)),
      docs: [{ description: `One item of \`${o.name}\`'s stream.` }],
    });
  }
  if (o.pagination !== undefined) {
    let itemType = t.response;
    for (const key of o.pagination.items) itemType = `NonNullable<${itemType}>[${literal(key)}]`;
    out.push({
      kind: StructureKind.TypeAlias,
      name: t.item,
      isExported: true,
      type: o.itemType ?? `NonNullable<${itemType}>[number]`,
      docs: [{ description: `One item of \`${o.name}\`'s pages.` }],
    });
  }
  return out;
}
