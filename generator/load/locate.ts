/**
 * Where issues are: file, line and column for issues that carry only a JSON pointer.
 */
import type { Document } from "yaml";
import { parsePointer, pointerToken, type Issue } from "../util/issues.js";
import { nodeOffsets, yamlLib } from "./yaml-locate.js";
import type { YamlPositions } from "./yaml-positions.js";

/**
 * Adds file, line and column to issues whose pointer is found in `text` (JSON or YAML).
 * Scans the text again only when there is something to locate, so the happy path pays nothing. JSON is
 * scanned iteratively (bounded memory on a large document); YAML positions come from `yaml`: the spec's
 * positions from `load` (see yaml-positions.ts), or from parsing `text` again when they are not given.
 */
export function locateIssues(
  issues: readonly Issue[],
  file: string,
  text: string,
  yaml?: YamlPositions,
): Issue[] {
  const pending = issues.filter(
    (i) => i.line === undefined && i.pointer !== "" && i.file === undefined,
  );
  if (pending.length === 0) return issues.map((i) => (i.file === undefined ? { ...i, file } : i));
  const pointers = pending.map((i) => i.pointer);
  const offsets = /^\s*[[{]/.test(text)
    ? locateInJson(text, pointers)
    : (yaml?.offsets(pointers) ?? locateInYaml(parseLenient(text), pointers));
  const positions = linePositions(text, [...offsets.values()]);
  return issues.map((issue) => {
    if (issue.file !== undefined) return issue;
    const offset = issue.line === undefined ? offsets.get(issue.pointer) : undefined;
    const pos = offset !== undefined ? positions.get(offset) : undefined;
    return pos === undefined
      ? { ...issue, file }
      : { ...issue, file, line: pos.line, column: pos.column };
  });
}

/** 1-based line and column (UTF-16 code units) of each offset in `text`, in one pass. */
export function linePositions(
  text: string,
  offsets: readonly number[],
): Map<number, { line: number; column: number }> {
  const sorted = [...new Set(offsets)].sort((a, b) => a - b);
  const out = new Map<number, { line: number; column: number }>();
  let line = 1;
  let lineStart = 0;
  let at = 0;
  for (const offset of sorted) {
    for (; at < offset && at < text.length; at++) {
      if (text.charCodeAt(at) === 10) {
        line++;
        lineStart = at + 1;
      }
    }
    out.set(offset, { line, column: offset - lineStart + 1 });
  }
  return out;
}

/** `text` parsed for positions only (tolerating duplicate keys and other defects); undefined when it cannot parse. */
function parseLenient(text: string): Document | undefined {
  try {
    return yamlLib().parseDocument(text, { uniqueKeys: false, strict: false, stringKeys: true });
  } catch {
    return undefined;
  }
}

function locateInYaml(doc: Document | undefined, pointers: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  nodeOffsets(doc, pointers.map(parsePointer)).forEach((offset, i) => {
    if (offset !== null) out.set(pointers[i]!, offset);
  });
  return out;
}

/** `["", "/a", "/a/b", …]`: the canonical pointer of every ancestor of `ptr` and of `ptr` itself, built in linear time. */
function prefixesOf(ptr: string): string[] {
  const out = [""];
  let acc = "";
  for (const token of parsePointer(ptr)) out.push((acc += `/${pointerToken(token)}`));
  return out;
}

interface Frame {
  /** The container's pointer, or undefined when no wanted pointer lies under it. */
  readonly ptr: string | undefined;
  readonly array: boolean;
  index: number;
  key: string | undefined;
  keyAt: number;
}

/**
 * Offsets (UTF-16 code units) of the values at `pointers` in JSON `text` (already known to parse), found in one
 * iterative scan: no recursion, no second parse tree. For an object member the offset is its key; a pointer that
 * is not found maps to its deepest existing ancestor.
 */
export function locateInJson(text: string, pointers: readonly string[]): Map<string, number> {
  const prefixes = new Set<string>(pointers.flatMap(prefixesOf));
  const found = new Map<string, number>([["", /\S/.exec(text)?.index ?? 0]]);
  const frames: Frame[] = [];
  const n = text.length;
  const valueAt = (at: number): string | undefined => {
    const top = frames[frames.length - 1];
    if (top === undefined) return "";
    if (top.ptr === undefined) return undefined;
    const token = top.array ? String(top.index) : top.key;
    if (token === undefined) return undefined;
    const ptr = `${top.ptr}/${pointerToken(token)}`;
    if (!prefixes.has(ptr)) return undefined;
    if (!found.has(ptr)) found.set(ptr, top.array ? at : top.keyAt);
    return ptr;
  };
  const valueDone = (): void => {
    const top = frames[frames.length - 1];
    if (top === undefined) return;
    if (top.array) top.index++;
    else top.key = undefined;
  };
  let i = 0;
  while (i < n) {
    const c = text[i]!;
    if (c === " " || c === "\n" || c === "\r" || c === "\t" || c === ",") {
      i++;
    } else if (c === "{" || c === "[") {
      frames.push({ ptr: valueAt(i), array: c === "[", index: 0, key: undefined, keyAt: i });
      i++;
    } else if (c === "}" || c === "]") {
      frames.pop();
      valueDone();
      i++;
    } else if (c === '"') {
      let j = i + 1;
      let escaped = false;
      while (j < n && text[j] !== '"') {
        if (text[j] === "\\") {
          escaped = true;
          j++;
        }
        j++;
      }
      const top = frames[frames.length - 1];
      if (top !== undefined && !top.array && top.key === undefined) {
        const raw = text.slice(i + 1, j);
        top.key = escaped ? (JSON.parse(`"${raw}"`) as string) : raw;
        top.keyAt = i;
        i = text.indexOf(":", j + 1) + 1 || n;
      } else {
        valueAt(i);
        valueDone();
        i = j + 1;
      }
    } else {
      valueAt(i);
      while (i < n && !/[\s,\]}]/.test(text[i]!)) i++;
      valueDone();
    }
  }
  const result = new Map<string, number>();
  for (const p of pointers) {
    const ancestors = prefixesOf(p);
    for (let k = ancestors.length - 1; k >= 0; k--) {
      const at = found.get(ancestors[k]!);
      if (at !== undefined) {
        result.set(p, at);
        break;
      }
    }
  }
  return result;
}
