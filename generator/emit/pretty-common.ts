/**
 * emit/pretty-common: what emit/pretty-types.ts and emit/pretty-structures.ts share — prettier's width, its string
 * and block-comment printing, and the `Unsupported` signal that turns a statement or member into a prettier piece.
 */
import type { Piece } from "./format-split.js";

/** prettier's printWidth in format.ts. */
export const WIDTH = 100;
/** Object-literal levels a fallback piece may sit in (wrapper lines around it; deeper members fall back whole). */
export const MAX_PIECE_DEPTH = 6;

/**
 * A construct these printers do not reproduce exactly: the enclosing member becomes a fallback piece. Thrown often
 * (every type that does not fit on one line is tried flat first), so it is one shared object without a stack trace.
 */
export class Unsupported {
  private constructor() {}
  static readonly signal = new Unsupported();
}

/** Signals an unsupported construct (`what` documents the case at the call site; it is not kept). */
export const unsupported = (what: string): never => {
  void what;
  throw Unsupported.signal;
};

/** Printed text, or a piece prettier must format (its wrapper lines are removed again by joinPieces). */
export type Segment = { readonly text: string } | { readonly piece: Piece };

/** prettier's string printing: double quotes unless the content has more of them than single quotes; escapes kept. */
export function prettierString(content: string): string {
  if (!/["'\\]/.test(content)) return `"${content}"`;
  let doubles = 0;
  let singles = 0;
  for (let i = 0; i < content.length; i++) {
    const c = content.charCodeAt(i);
    if (c === 34) doubles++;
    else if (c === 39) singles++;
  }
  const quote = doubles > singles ? "'" : '"';
  const other = quote === '"' ? "'" : '"';
  const body = content.replace(
    /\\(.)|(["'])/gs,
    (match, escaped: string | undefined, bare: string | undefined) => {
      if (escaped === other) return escaped;
      if (bare === quote) return `\\${bare}`;
      if (bare !== undefined) return bare;
      return match;
    },
  );
  return `${quote}${body}${quote}`;
}

/**
 * A block comment `/*value*\/` at `indent` as prettier 3 prints it: when it spans lines that all start with `*`,
 * each line is re-indented to ` *`, trailing whitespace dropped except a Markdown hard break (two spaces) in a
 * JSDoc comment; a single-line comment stays as written. Unsupported otherwise.
 */
export function blockComment(value: string, indent: string): string[] {
  if (/[\r\u2028\u2029]/.test(value)) return unsupported("comment line break");
  if (!value.includes("\n")) return [`${indent}/*${value}*/`];
  const lines = `*${value}*`.split("\n").map((l) => l.trimStart());
  if (!lines.every((l) => l.startsWith("*"))) return unsupported("comment");
  const jsdoc = value[0] === "*" && value[1] !== "*";
  return lines.map((line, i) => {
    if (i === 0) return `${indent}/${line.trimEnd()}`;
    if (i === lines.length - 1) return `${indent} ${line}/`;
    const trimmed = line.trimEnd();
    return `${indent} ${trimmed}${jsdoc && trimmed !== "*" && line.endsWith("  ") ? "  " : ""}`;
  });
}

/** An identifier prettier prints as is (ASCII: anything else is left to prettier). */
export const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Runs `print`; undefined when it met an unsupported shape. */
export function attempt<T>(print: () => T): T | undefined {
  try {
    return print();
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

/** Text that needs no quote or escape rewriting by prettier (strings in it are double-quoted and plain). */
const PLAIN = /^[^'\\`\n\r\u2028\u2029]*$/;

/** True when `line` (indentation included) fits in prettier's width. */
export const fits = (line: string): boolean => line.length <= WIDTH;

/** `text` when it needs no quote or escape rewriting by prettier, else unsupported. */
export const plain = (text: string): string =>
  PLAIN.test(text) ? text : unsupported("quotes or escapes");

/** An object key as prettier prints it (quotes dropped where the name is an identifier). */
export function key(text: string): string {
  if (IDENTIFIER.test(text)) return text;
  if (/^"[^"\\]*"$/.test(text) && /^[\x20-\x7e]*$/.test(text)) {
    const name = text.slice(1, -1);
    return IDENTIFIER.test(name) ? name : text;
  }
  return unsupported("key");
}
