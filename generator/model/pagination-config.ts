/**
 * Configured pagination: an operation's `x-pagination` extension or the target's `pagination` override, of
 * any kind (`PaginationSpec` in templates/runtime/types.ts), checked against the operation and turned into
 * the model's canonical form (fields in one order, dotted paths split, parameter names as `params` keys).
 */
import type { PaginationSpec } from "../../templates/runtime/types.js";
import type { ParameterModel } from "./model.js";
import { asRecord } from "../util/document.js";

/** The kinds, as `kind` spells them (absent means cursor). */
export const PAGINATION_KINDS = ["cursor", "page", "offset", "link", "nextUrl"] as const;

/** What each kind needs, for messages. */
const SHAPES: Readonly<Record<(typeof PAGINATION_KINDS)[number], string>> = {
  cursor: "{ cursorParam, nextCursor (or nextCursorFromLastItem), items }",
  page: '{ kind: "page", pageParam, items } (sizeParam, startPage, pageSize optional)',
  offset: '{ kind: "offset", offsetParam, items } (limitParam, pageSize optional)',
  link: '{ kind: "link", items }',
  nextUrl: '{ kind: "nextUrl", nextUrl, items }',
};

class Invalid extends Error {}

/** A path: a dotted string (`meta.paging.next`) or an array of names; `""`/`[]` only where `empty` allows. */
function path(ext: Record<string, unknown>, key: string, empty = false): string[] | undefined {
  const value = ext[key];
  if (value === undefined) return undefined;
  const parts =
    typeof value === "string"
      ? value === ""
        ? []
        : value.split(".")
      : Array.isArray(value) && value.every((v) => typeof v === "string")
        ? value
        : undefined;
  if (parts === undefined || parts.some((p) => p === "") || (parts.length === 0 && !empty))
    throw new Invalid(`${key} must be a path of property names (a dotted string or an array)`);
  return parts;
}

/** A parameter of the operation, by `params` key or wire name (a query parameter first), as its key. */
function param(ext: Record<string, unknown>, key: string, params: readonly ParameterModel[]) {
  const value = ext[key];
  if (value === undefined) return undefined;
  const found =
    params.find((p) => p.key === value) ??
    params.find((p) => p.name === value && p.in === "query") ??
    params.find((p) => p.name === value);
  if (found === undefined)
    throw new Invalid(`${key} ${JSON.stringify(value)} is not a parameter of the operation`);
  return found.key;
}

function integer(ext: Record<string, unknown>, key: string, min: number): number | undefined {
  const value = ext[key];
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min)
    throw new Invalid(`${key} must be an integer of at least ${min}`);
  return value;
}

function required<T>(value: T | undefined, key: string): T {
  if (value === undefined) throw new Invalid(`${key} is missing`);
  return value;
}

const KNOWN: Readonly<Record<string, readonly string[]>> = {
  cursor: ["kind", "cursorParam", "nextCursor", "nextCursorFromLastItem", "items", "hasMore"],
  page: ["kind", "pageParam", "sizeParam", "startPage", "pageSize", "items", "hasMore"],
  offset: ["kind", "offsetParam", "limitParam", "pageSize", "items", "hasMore"],
  link: ["kind", "items", "hasMore"],
  nextUrl: ["kind", "nextUrl", "items", "hasMore"],
};

function parse(value: unknown, params: readonly ParameterModel[]): PaginationSpec {
  const ext = asRecord(value);
  if (ext === undefined) throw new Invalid("it must be an object (or false)");
  const kind = ext["kind"] ?? "cursor";
  if (typeof kind !== "string" || !(PAGINATION_KINDS as readonly string[]).includes(kind))
    throw new Invalid(`kind ${JSON.stringify(kind)} is not one of ${PAGINATION_KINDS.join(", ")}`);
  const unknown = Object.keys(ext).filter((k) => !KNOWN[kind]!.includes(k));
  if (unknown.length > 0) throw new Invalid(`unknown field ${unknown.join(", ")}`);
  const items = required(path(ext, "items", true), "items");
  const hasMore = path(ext, "hasMore");
  const more = hasMore !== undefined ? { hasMore } : {};
  const pageSize = integer(ext, "pageSize", 1);
  const size = pageSize !== undefined ? { pageSize } : {};
  switch (kind) {
    case "page": {
      const pageParam = required(param(ext, "pageParam", params), "pageParam");
      const sizeParam = param(ext, "sizeParam", params);
      const startPage = integer(ext, "startPage", 0);
      return {
        kind,
        pageParam,
        ...(sizeParam !== undefined ? { sizeParam } : {}),
        ...(startPage !== undefined ? { startPage } : {}),
        ...size,
        items,
        ...more,
      };
    }
    case "offset": {
      const offsetParam = required(param(ext, "offsetParam", params), "offsetParam");
      const limitParam = param(ext, "limitParam", params);
      return {
        kind,
        offsetParam,
        ...(limitParam !== undefined ? { limitParam } : {}),
        ...size,
        items,
        ...more,
      };
    }
    case "link":
      return { kind, items, ...more };
    case "nextUrl":
      return { kind, nextUrl: required(path(ext, "nextUrl"), "nextUrl"), items, ...more };
    default: {
      const cursorParam = required(param(ext, "cursorParam", params), "cursorParam");
      const nextCursor = path(ext, "nextCursor", true);
      const fromLast = path(ext, "nextCursorFromLastItem");
      if (fromLast === undefined && (nextCursor === undefined || nextCursor.length === 0))
        throw new Invalid("nextCursor or nextCursorFromLastItem is missing");
      return {
        cursorParam,
        nextCursor: nextCursor ?? [],
        items,
        ...more,
        ...(fromLast !== undefined ? { nextCursorFromLastItem: fromLast } : {}),
      };
    }
  }
}

/**
 * Checks configured pagination against the operation's parameters.
 * @param value `x-pagination` or a config override (not `false`: the caller handles opting out).
 * @returns The canonical spec, or a message saying what is wrong and what the kind needs.
 */
export function parsePagination(
  value: unknown,
  params: readonly ParameterModel[],
): PaginationSpec | { readonly error: string } {
  try {
    return parse(value, params);
  } catch (e) {
    if (!(e instanceof Invalid)) throw e;
    const kind = asRecord(value)?.["kind"] ?? "cursor";
    const shape =
      typeof kind === "string" && Object.hasOwn(SHAPES, kind)
        ? SHAPES[kind as keyof typeof SHAPES]
        : "a pagination spec";
    return { error: `${e.message}; it needs ${shape}, parameters by name and dotted paths` };
  }
}
