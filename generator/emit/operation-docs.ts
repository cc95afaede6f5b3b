/**
 * JSDoc of generated operations (part of emit/operations): the function's summary, description, `METHOD /path`,
 * pagination, `@param`, `@returns` and `@throws` tags, and each `params` property's doc.
 */
import type { OperationModel, ParameterModel } from "../model/model.js";
import { STATUS_ERROR_CLASSES } from "../../templates/runtime/errors.js";
import { docBlock, docLine, docPhrase } from "./docs.js";
import { paginationDescription } from "./pagination.js";
import { streamDescription } from "./stream.js";
import type { SkeletonKind } from "./template.js";

/** Status → runtime error class, read from the runtime's own table (keys are the status strings). */
const CLASS_BY_STATUS: Readonly<Record<string, string>> = STATUS_ERROR_CLASSES;

/** The runtime class a response status throws (`5XX` and every 5xx as 500; `4XX`, `default`: `ApiError`). */
function errorClass(status: string): string {
  const key = /^5/.test(status) ? "500" : status;
  return Object.hasOwn(CLASS_BY_STATUS, key) ? CLASS_BY_STATUS[key]! : "ApiError";
}

/**
 * The JSDoc text (without the comment's `/**` and `*` framing) of operation `o`'s function of skeleton `kind`:
 * summary, description, `METHOD /path`, notes, pagination or streaming, `@param`, `@returns`, a `@throws` per
 * error response (its status's runtime class) plus connection and timeout errors, and `@deprecated`. Spec text
 * goes through docs.ts's JSDoc escaping.
 */
export function functionDocs(o: OperationModel, kind: SkeletonKind): string {
  const parts: string[] = [];
  const summary = docBlock(o.summary);
  const description = docBlock(o.description);
  if (summary !== undefined) parts.push(summary);
  if (description !== undefined && description !== summary) parts.push(description);
  parts.push(`\`${o.method} ${docLine(o.path)}\``);
  if (o.variantOf !== undefined && o.stream !== undefined)
    parts.push(
      `The streaming variant of \`${o.variantOf}\`: it asks for \`${o.stream.mediaType}\` (\`Accept\`) and yields the response's items as they arrive. The API may stream only when the request says so too (e.g. a body field \`stream: true\`): set that flag in \`params\`.`,
    );
  for (const note of o.notes) {
    const block = docBlock(note);
    if (block !== undefined) parts.push(block);
  }
  if (o.pagination !== undefined) {
    const how = paginationDescription(
      o.pagination,
      new Map(o.parameters.map((p) => [p.key, p.name])),
    );
    parts.push(
      `Paginated${how !== undefined ? ` ${how}.` : ":"} \`await\` gives the first page; \`for await (const item of ${o.name}(...))\` walks every item across pages and \`.pages()\` every page (options \`maxItems\`, \`maxPages\`).`,
    );
  }
  if (o.stream !== undefined) parts.push(streamDescription(o, o.stream));
  const tags: string[] = [];
  tags.push("@param client - The client from `createClient`.");
  if (kind !== "operationWithoutParams" && kind !== "streamingOperationWithoutParams") {
    const item = (name: string, what: string, description: string | undefined): string => {
      const phrase = docPhrase(description);
      return `\`${docLine(name)}\` (${what})${phrase !== undefined ? `: ${phrase}` : ""}`;
    };
    const list = o.parameters.map((p) =>
      item(p.key, `${p.in}${p.required ? ", required" : ""}`, p.description),
    );
    if (o.requestBody !== undefined) {
      const b = o.requestBody;
      list.push(
        item("body", `${docLine(b.mediaType)}${b.required ? ", required" : ""}`, b.description),
      );
    }
    tags.push(`@param params - \`${o.types.params}\`: ${list.join("; ")}.`);
  }
  tags.push(
    `@param options - Per-request options: \`signal\`, \`headers\`, \`timeoutMs\` (ms), \`maxRetries\`, \`idempotencyKey\`${o.stream !== undefined ? ", `maxEventBytes` (bytes)" : ""}.`,
  );
  const success = o.success
    .map((r) => {
      const said = docPhrase(r.description) !== undefined;
      return `${r.status}${said ? ` (${docLine(r.description!)})` : ""}`;
    })
    .join(", ");
  tags.push(
    o.stream !== undefined
      ? `@returns An \`ApiStream\` of \`${o.types.item}\` from the ${success || "2xx"} response; \`.withResponse()\` connects and adds the \`Response\` and typed headers.`
      : `@returns The ${success || "2xx"} response body as \`${o.types.response}\`; \`.withResponse()\` adds the \`Response\` and typed headers, \`.safe()\` returns a result instead of throwing.`,
  );
  for (const r of o.errors) {
    const said = docPhrase(r.description) !== undefined;
    tags.push(
      `@throws {${errorClass(r.status)}} ${r.status}${said ? `: ${docLine(r.description!)}` : ""}`,
    );
  }
  tags.push(
    "@throws {ApiConnectionError} When the server cannot be reached; {ApiTimeoutError} after `timeoutMs`.",
  );
  if (o.stream !== undefined)
    tags.push(
      "@throws {ApiResponseTooLargeError} While iterating, for an event over `maxEventBytes`; {ApiError} (status 200) for data that should be JSON and is not.",
    );
  if (o.deprecated) tags.push("@deprecated");
  return `${parts.join("\n\n")}\n\n${tags.join("\n")}`;
}

/** JSDoc of one `params` property: the parameter's description, `@default` (applied by the server) and `@deprecated`. */
export function paramDocs(p: ParameterModel): { description: string }[] {
  const description = docBlock(p.description);
  const lines = [
    ...(description !== undefined ? [description] : []),
    ...(p.defaultValue !== undefined ? [`@default ${docLine(p.defaultValue)}`] : []),
    ...(p.deprecated ? ["@deprecated"] : []),
  ];
  return lines.length > 0 ? [{ description: lines.join("\n") }] : [];
}
