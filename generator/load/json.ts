/**
 * JSON input: the value from `JSON.parse` (native, any depth), and a walk over jsonc-parser's token scanner for
 * what `JSON.parse` cannot tell: where the value at a JSON pointer starts, and which keys repeat within an object
 * (`JSON.parse` silently keeps the last). The walk keeps its own stack of open containers: jsonc-parser's `visit`
 * and `parseTree` recurse once per nesting level and overflow the stack on the 10,000-deep documents `load` must
 * refuse with a located error.
 */
import { createScanner, type SyntaxKind } from "jsonc-parser";
import { SpecError, pointerToken, parsePointer, type Issue } from "../util/issues.js";
import { lineColumn } from "./lines.js";

// jsonc-parser's `SyntaxKind` is a `const enum` (declared types only, so not importable as a value here).
const OPEN_BRACE: SyntaxKind = 1;
const CLOSE_BRACE: SyntaxKind = 2;
const OPEN_BRACKET: SyntaxKind = 3;
const CLOSE_BRACKET: SyntaxKind = 4;
const COMMA: SyntaxKind = 5;
const COLON: SyntaxKind = 6;
const STRING: SyntaxKind = 10;
const EOF: SyntaxKind = 17;

/** A key that repeats an earlier key of the same object. */
export interface DuplicateKey {
  /** Pointer of the member (the object's pointer and the key). */
  readonly pointer: string;
  readonly key: string;
  /** Offsets (UTF-16 code units) of the repeated key and of the first one. */
  readonly offset: number;
  readonly firstOffset: number;
}

interface Frame {
  /** This container's pointer when a wanted pointer lies under it, else undefined. */
  readonly ptr: string | undefined;
  /** This container's key or index in its parent (`""` for the root). */
  readonly token: string;
  readonly array: boolean;
  index: number;
  key: string | undefined;
  keyAt: number;
  /** Keys seen so far and where (objects, when duplicates are collected). */
  readonly keys: Map<string, number> | undefined;
}

/** `["", "/a", "/a/b", …]`: the canonical pointer of every ancestor of `ptr` and of `ptr` itself, in linear time. */
function prefixesOf(ptr: string): string[] {
  const out = [""];
  let acc = "";
  for (const token of parsePointer(ptr)) out.push((acc += `/${pointerToken(token)}`));
  return out;
}

/**
 * One pass over `text`'s tokens. Records the offset of every value whose pointer is in `wanted` (an object member
 * at its key, an array item at its value) and, given `duplicates`, every repeated key. Never throws: on text that
 * is not JSON it records what it found before the scanner lost its way.
 */
function walk(
  text: string,
  wanted: ReadonlySet<string>,
  duplicates: DuplicateKey[] | undefined,
): Map<string, number> {
  const found = new Map<string, number>();
  const frames: Frame[] = [];
  const scanner = createScanner(text, true);
  const tokenOf = (top: Frame | undefined): string =>
    top === undefined ? "" : top.array ? String(top.index) : (top.key ?? "");
  /** The wanted pointer of the value starting at `at` (recorded), or undefined when none is wanted there. */
  const valueAt = (at: number): string | undefined => {
    const top = frames[frames.length - 1];
    if (top === undefined) {
      if (wanted.has("")) found.set("", at);
      return "";
    }
    if (top.ptr === undefined || (!top.array && top.key === undefined)) return undefined;
    const ptr = `${top.ptr}/${pointerToken(tokenOf(top))}`;
    if (!wanted.has(ptr)) return undefined;
    if (!found.has(ptr)) found.set(ptr, top.array ? at : top.keyAt);
    return ptr;
  };
  const valueDone = (): void => {
    const top = frames[frames.length - 1];
    if (top === undefined) return;
    if (top.array) top.index++;
    else top.key = undefined;
  };
  for (let kind = scanner.scan(); kind !== EOF; kind = scanner.scan()) {
    const at = scanner.getTokenOffset();
    const top = frames[frames.length - 1];
    if (kind === OPEN_BRACE || kind === OPEN_BRACKET) {
      const array = kind === OPEN_BRACKET;
      frames.push({
        ptr: valueAt(at),
        token: tokenOf(top),
        array,
        index: 0,
        key: undefined,
        keyAt: at,
        keys: !array && duplicates !== undefined ? new Map<string, number>() : undefined,
      });
    } else if (kind === CLOSE_BRACE || kind === CLOSE_BRACKET) {
      frames.pop();
      valueDone();
    } else if (kind === STRING && top !== undefined && !top.array && top.key === undefined) {
      const key = scanner.getTokenValue();
      top.key = key;
      top.keyAt = at;
      const first = top.keys?.get(key);
      if (first === undefined) top.keys?.set(key, at);
      else {
        const ptr = [...frames.slice(1).map((f) => f.token), key].map(pointerToken).join("/");
        duplicates?.push({ pointer: `/${ptr}`, key, offset: at, firstOffset: first });
      }
    } else if (kind !== COMMA && kind !== COLON) {
      valueAt(at);
      valueDone();
    }
  }
  return found;
}

/**
 * Offsets (UTF-16 code units) of the values at `pointers` in JSON `text`: for an object member its key, for an
 * array item its value; a pointer that is not found maps to its deepest existing ancestor.
 */
export function locateInJson(text: string, pointers: readonly string[]): Map<string, number> {
  const wanted = new Set<string>(pointers.flatMap(prefixesOf));
  const found = walk(text, wanted, undefined);
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

/** Every key in JSON `text` that repeats an earlier key of its object, in text order. */
export function duplicateKeys(text: string): DuplicateKey[] {
  const duplicates: DuplicateKey[] = [];
  walk(text, new Set(), duplicates);
  return duplicates;
}

/**
 * Parses a JSON document.
 * @throws {SpecError} code `invalid-json` at the parser's position; code `duplicate-key` for each key that repeats
 *   an earlier key of its object (at the repeated key), since `JSON.parse` would silently drop the first.
 */
export function parseJson(text: string, file: string): unknown {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const at = position?.[1] !== undefined ? lineColumn(text, Number(position[1])) : {};
    const reason = message.replace(/^JSON\.parse: /, "").replace(/ in JSON at position \d+.*$/, "");
    throw new SpecError([
      {
        code: "invalid-json",
        severity: "error",
        pointer: "",
        file,
        message: `invalid JSON: ${reason}. Fix the syntax at that position.`,
        ...at,
      },
    ]);
  }
  const duplicates = duplicateKeys(text);
  if (duplicates.length > 0) {
    throw new SpecError(
      duplicates.map((d): Issue => {
        const first = lineColumn(text, d.firstOffset);
        return {
          code: "duplicate-key",
          severity: "error",
          pointer: d.pointer,
          file,
          ...lineColumn(text, d.offset),
          message: `invalid JSON: the key ${JSON.stringify(d.key)} appears twice in one object (first at line ${first.line}, column ${first.column}); JSON parsers keep only the last one, so the first would be silently dropped. Remove or rename one of the duplicate keys.`,
        };
      }),
    );
  }
  return document;
}
