/**
 * Where issues are: file, line and column for issues that carry only a JSON pointer.
 */
import { isMap, isSeq, parseDocument, type Document, type Node } from "yaml";
import { parsePointer, type Issue } from "../util/issues.js";
import { locateInJson } from "./json.js";
import { linePositions } from "./lines.js";

/** Where the values of one source text start, by JSON pointer. */
export interface SourcePositions {
  /**
   * Offset (UTF-16 code units) of the node at each pointer: an object member's key, an array item's value, or,
   * for a pointer that is not in the text, its deepest ancestor that is. Pointers found nowhere are left out.
   */
  offsets(pointers: readonly string[]): Map<string, number>;
}

/** Positions in a YAML text, from the `yaml` Document it was parsed into (its nodes keep their source ranges). */
export function yamlPositions(doc: Document | undefined): SourcePositions {
  return {
    offsets(pointers) {
      const out = new Map<string, number>();
      if (doc === undefined) return out;
      for (const ptr of pointers) {
        const node = findNode(doc.contents, parsePointer(ptr));
        if (node?.range !== undefined && node.range !== null) out.set(ptr, node.range[0]);
      }
      return out;
    },
  };
}

/** Positions in a JSON text, found by scanning it when asked (see json.ts). */
export function jsonPositions(text: string): SourcePositions {
  return { offsets: (pointers) => locateInJson(text, pointers) };
}

/** True when `text` is located as JSON: its first non-blank character opens an object or array. */
export function isJsonText(text: string): boolean {
  return /^\s*[[{]/.test(text);
}

/**
 * Positions in `text` (JSON or YAML), computed on first use. YAML is parsed leniently (duplicate keys and other
 * defects tolerated): this serves texts `load` did not parse itself, such as files a `$ref` points at.
 */
export function positionsOf(text: string): SourcePositions {
  if (isJsonText(text)) return jsonPositions(text);
  let positions: SourcePositions | undefined;
  return {
    offsets(pointers) {
      if (positions === undefined) {
        let doc: Document | undefined;
        try {
          doc = parseDocument(text, { uniqueKeys: false, strict: false, stringKeys: true });
        } catch {
          doc = undefined;
        }
        positions = yamlPositions(doc);
      }
      return positions.offsets(pointers);
    },
  };
}

/**
 * The node at `tokens` below `root`: for a mapping member its key node; when a token is missing, the deepest node
 * found on the way.
 */
function findNode(root: unknown, tokens: readonly string[]): Node | undefined {
  let node = root as Node | null | undefined;
  let keyNode: Node | undefined;
  for (const token of tokens) {
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => String((p.key as { value?: unknown } | null)?.value ?? p.key) === token,
      );
      if (pair === undefined) return keyNode ?? node;
      keyNode = (pair.key as Node | null) ?? undefined;
      node = pair.value as Node | null;
    } else if (isSeq(node)) {
      const next = node.items[Number(token)] as Node | undefined;
      if (next === undefined) return node;
      keyNode = undefined;
      node = next;
    } else {
      return keyNode ?? node ?? undefined;
    }
  }
  return keyNode ?? node ?? undefined;
}

/**
 * Adds file, line and column to issues whose pointer is found in `text` (JSON or YAML); the rest get `file` only.
 * Issues that already name a file are left alone. Looks positions up only when there is something to locate.
 * @param positions Where `text`'s nodes are (from `load`); by default found from `text` on first use.
 */
export function locateIssues(
  issues: readonly Issue[],
  file: string,
  text: string,
  positions: SourcePositions = positionsOf(text),
): Issue[] {
  const pending = issues.filter(
    (i) => i.line === undefined && i.pointer !== "" && i.file === undefined,
  );
  if (pending.length === 0) return issues.map((i) => (i.file === undefined ? { ...i, file } : i));
  const offsets = positions.offsets(pending.map((i) => i.pointer));
  const lines = linePositions(text, [...offsets.values()]);
  return issues.map((issue) => {
    if (issue.file !== undefined) return issue;
    const offset = issue.line === undefined ? offsets.get(issue.pointer) : undefined;
    const pos = offset !== undefined ? lines.get(offset) : undefined;
    return pos === undefined
      ? { ...issue, file }
      : { ...issue, file, line: pos.line, column: pos.column };
  });
}
