/**
 * The nesting limit every stage relies on: `load` refuses a deeper document before any recursive tool (bundler,
 * converter) sees it, and `validate` reports it with a pointer.
 */
import type { Issue } from "../util/issues.js";

/**
 * Nesting deeper than this (JSON levels) is refused before any recursive tool sees the document. Measured
 * (test/unit/large-input.test.ts): openapi-typescript + its printer + prettier overflow the stack at 256 levels of
 * nested `additionalProperties` (one JSON level each), 310 of nullable arrays, 384 of object properties (768 JSON
 * levels); the YAML parser between 500 and 1,000. The deepest shared real spec nests 18 levels.
 */
export const MAX_DEPTH = 200;

/** A node met while walking a document: enough to build its pointer and know its depth. */
export interface DepthEntry {
  readonly node: unknown;
  readonly key: string;
  readonly parent: DepthEntry | undefined;
  readonly depth: number;
}

/** The JSON pointer of a walk entry, built only when an issue needs it (a large document builds none). */
export function entryPointer(entry: DepthEntry | undefined): string {
  const tokens: string[] = [];
  for (let e = entry; e?.parent !== undefined; e = e.parent) tokens.push(e.key);
  return tokens
    .reverse()
    .map((t) => `/${t.replace(/~/g, "~0").replace(/\//g, "~1")}`)
    .join("");
}

/** How many pointer tokens a `too-deep` issue shows: enough to find the place, short enough to read. */
const DEEP_POINTER_TOKENS = 12;

/** The issue for a document nested deeper than {@link MAX_DEPTH} at `ptr` (shortened to an ancestor). */
export function tooDeepIssue(ptr: string, file?: string): Issue {
  const tokens = ptr.split("/").slice(1);
  const shown = tokens
    .slice(0, DEEP_POINTER_TOKENS)
    .map((t) => `/${t}`)
    .join("");
  return {
    code: "too-deep",
    severity: "error",
    pointer: shown,
    ...(file !== undefined ? { file } : {}),
    message: `the document nests deeper than ${MAX_DEPTH} levels (below this point it goes ${tokens.length - DEEP_POINTER_TOKENS}+ levels further); flatten it with named components.`,
  };
}

/** Pointer of the first node deeper than `limit` levels, or undefined. Iterative: any depth is safe. */
export function findTooDeep(value: unknown, limit: number): string | undefined {
  const stack: DepthEntry[] = [{ node: value, key: "", parent: undefined, depth: 0 }];
  while (stack.length > 0) {
    const entry = stack.pop()!;
    const node = entry.node;
    if (typeof node !== "object" || node === null) continue;
    if (entry.depth > limit) return entryPointer(entry);
    for (const key of Object.keys(node))
      stack.push({
        node: (node as Record<string, unknown>)[key],
        key,
        parent: entry,
        depth: entry.depth + 1,
      });
  }
  return undefined;
}
