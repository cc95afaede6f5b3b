/**
 * emit/operation-spec: an operation's static `OperationSpec` literal — its id, method, path, parameters with their
 * serialization, request body encoding, response kind, stream, security, redirect and unsent checks, pagination
 * and date plans — as the initializer of `<name>_spec` in `operations.ts`.
 */
import type { OperationModel } from "../model/model.js";
import { literal } from "./docs.js";
import { specDates } from "./dates.js";
import { paginationLiteral } from "./pagination.js";
import { streamLiteral } from "./stream.js";
import {
  bodyEncoder,
  paramSerializer,
  partialSecurity,
  redirectChange,
  unsentCheck,
} from "./runtime-refs.js";

/** The `OperationSpec` object literal of `o` (source text); `plans` names the date plans `specDates` refers to. */
export function specLiteral(o: OperationModel, plans: ReadonlyMap<string, string>): string {
  const params = o.parameters.map((p) => {
    const fields = [`name: ${literal(p.name)}`, `in: ${literal(p.in)}`];
    if (p.key !== p.name) fields.push(`key: ${literal(p.key)}`);
    if (p.style !== undefined) fields.push(`style: ${literal(p.style)}`);
    if (p.explode !== undefined) fields.push(`explode: ${p.explode}`);
    if (p.allowReserved === true) fields.push("allowReserved: true");
    if (p.json === true) fields.push("json: true");
    const serializer = paramSerializer(p);
    if (serializer !== undefined) fields.push(`serialize: ${serializer}`);
    return `{ ${fields.join(", ")} }`;
  });
  const lines = [
    `id: ${literal(o.name)}`,
    `method: ${literal(o.method)}`,
    // a fragment in a path key (AWS documents write `/tags#resourceArn`) would swallow the query string
    `path: ${literal(o.path.replace(/#.*/, ""))}`,
    `params: [${params.join(", ")}]`,
  ];
  if (o.requestBody !== undefined) {
    const b = o.requestBody;
    lines.push(
      `body: { mediaType: ${literal(b.mediaType)}, encoding: ${literal(b.encoding)}, required: ${b.required}, encode: ${bodyEncoder(b)} }`,
    );
  }
  lines.push(`response: ${literal(o.responseKind)}`);
  if (o.stream !== undefined) lines.push(`stream: ${streamLiteral(o.stream)}`);
  lines.push(
    `security: [${o.security.map((alt) => `[${alt.map(literal).join(", ")}]`).join(", ")}]`,
  );
  const partial = partialSecurity(o.security);
  if (partial !== undefined) lines.push(`partial: ${partial}`);
  const unsent = unsentCheck(o.method);
  if (unsent !== undefined) lines.push(`unsent: ${unsent}`);
  const change = redirectChange(o.method);
  if (change !== undefined) lines.push(`redirect: ${change}`);
  if (o.pagination !== undefined) lines.push(`pagination: ${paginationLiteral(o.pagination)}`);
  lines.push(...specDates(o, plans));
  return `{\n${lines.join(",\n")},\n}`;
}
