/**
 * emit/pagination: an operation's pagination as generated code and docs — the `pagination` object of its
 * `OperationSpec` (the model's spec, field by field in the model's order) and one sentence on how it pages.
 */
import type { PaginationSpec } from "../../templates/runtime/types.js";
import { docLine, literal } from "./docs.js";

function value(v: unknown): string {
  if (typeof v === "string") return literal(v);
  if (Array.isArray(v)) return `[${v.map(value).join(", ")}]`;
  return String(v);
}

/** `{ kind: "page", pageParam: "page", items: ["data"] }`: the spec's fields as a TypeScript object literal. */
export function paginationLiteral(p: PaginationSpec): string {
  return `{ ${Object.entries(p)
    .map(([k, v]) => `${k}: ${value(v)}`)
    .join(", ")} }`;
}

const code = (text: string): string => `\`${docLine(text)}\``;
const dotted = (path: readonly string[]): string => code(path.join("."));

/**
 * How the operation finds its next page and when iteration stops, e.g. "by page number: each next request
 * sends `page` + 1, and iteration stops at an empty page or one shorter than `per_page`". Undefined for
 * cursors, whose wording predates the other kinds and stays as it was.
 */
export function paginationDescription(
  p: PaginationSpec,
  params: ReadonlyMap<string, string>,
): string | undefined {
  const name = (key: string): string => code(params.get(key) ?? key);
  const more = p.hasMore !== undefined ? ` or when ${dotted(p.hasMore)} is false` : "";
  switch (p.kind) {
    case "page":
      return `by page number${p.startPage !== undefined ? ` (the first page is ${p.startPage})` : ""}: each next request sends ${name(p.pageParam)} + 1, and iteration stops at an empty page${p.sizeParam !== undefined ? ` or one shorter than ${name(p.sizeParam)}` : p.pageSize !== undefined ? ` or one shorter than ${p.pageSize} items` : ""}${more}`;
    case "offset":
      return `by offset: each next request advances ${name(p.offsetParam)} by the number of items received, and iteration stops at an empty page${p.limitParam !== undefined ? ` or one shorter than ${name(p.limitParam)}` : p.pageSize !== undefined ? ` or one shorter than ${p.pageSize} items` : ""}${more}`;
    case "link":
      return `by the \`Link\` response header: each next request follows its \`rel="next"\` URL, and iteration stops when there is none${more}`;
    case "nextUrl":
      return `by next-page URL: each next request follows ${dotted(p.nextUrl)} from the response body, and iteration stops when it is null, empty or absent${more}`;
    default:
      return undefined;
  }
}

/** The README's short name of the kind: `page number`, `offset`, `Link header`, `next URL`; none for cursors. */
export function paginationKindName(p: PaginationSpec): string | undefined {
  switch (p.kind) {
    case "page":
      return "page number";
    case "offset":
      return "offset";
    case "link":
      return "Link header";
    case "nextUrl":
      return "next URL";
    default:
      return undefined;
  }
}
