/**
 * Pagination per operation, of any kind (`PaginationSpec`: cursor, page number, offset, `Link` header, next-page
 * URL). In order: the target's `pagination` config for the operation (`false` turns it off), else the
 * operation's `x-pagination` extension (`false` likewise), else detection from the document
 * (pagination-detect.ts, whose docstring lists the rules and their precedence). A configured value that does
 * not fit the operation is a warning, and the next source is used.
 */
import type { PaginationSpec } from "../../templates/runtime/types.js";
import type { PaginationOverride } from "../config/config.js";
import type { JsonRecord } from "../util/document.js";
import type { Issue } from "../util/issues.js";
import type { ParameterModel } from "./model.js";
import { detect } from "./pagination-detect.js";
import { parsePagination } from "./pagination-config.js";
import { isItemsPath } from "./pagination-schema.js";

export interface PaginationInput {
  readonly doc: JsonRecord;
  readonly name: string;
  readonly operationId?: string;
  readonly pointer: string;
  /** Lower-case HTTP method. */
  readonly method: string;
  readonly operation: JsonRecord;
  readonly parameters: readonly ParameterModel[];
  /** The JSON schema of the first 2xx JSON response, if any. */
  readonly responseSchema: unknown;
  readonly overrides?: Readonly<Record<string, PaginationOverride>>;
}

/** A configured spec whose items path is not an array of the 2xx body becomes an error (its item type would not exist). */
function check(
  parsed: PaginationSpec | { readonly error: string },
  input: PaginationInput,
): PaginationSpec | { readonly error: string } {
  if ("error" in parsed || isItemsPath(input.doc, input.responseSchema, parsed.items))
    return parsed;
  const where = parsed.items.length > 0 ? `"${parsed.items.join(".")}"` : "the body";
  return { error: `items: ${where} is not an array in the operation's 2xx JSON response` };
}

/** Returns the operation's pagination, or undefined when it is not paginated. Invalid configuration becomes a warning. */
export function detectPagination(
  input: PaginationInput,
  issues: Issue[],
): PaginationSpec | undefined {
  const key =
    input.operationId !== undefined && Object.hasOwn(input.overrides ?? {}, input.operationId)
      ? input.operationId
      : input.name;
  const override = Object.hasOwn(input.overrides ?? {}, key) ? input.overrides![key] : undefined;
  if (override === false) return undefined;
  if (override !== undefined) {
    const parsed = check(parsePagination(override, input.parameters), input);
    if (!("error" in parsed)) return parsed;
    issues.push({
      code: "invalid-pagination-override",
      severity: "warning",
      pointer: input.pointer,
      message: `The target's pagination override for '${key}' is not used: ${parsed.error}. x-pagination or detection applies instead.`,
    });
  }
  const extension = input.operation["x-pagination"];
  if (extension === false) return undefined;
  if (extension !== undefined) {
    const parsed = check(parsePagination(extension, input.parameters), input);
    if (!("error" in parsed)) return parsed;
    issues.push({
      code: "invalid-x-pagination",
      severity: "warning",
      pointer: `${input.pointer}/x-pagination`,
      message: `x-pagination is not used: ${parsed.error}. Pagination is detected instead.`,
    });
  }
  return detect(input);
}
