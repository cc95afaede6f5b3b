/**
 * Segments: a generated TypeScript file cut where prettier formats each side on its own, so format/ can format
 * the pieces in parallel, cache each by its text, and join them into exactly what prettier prints for the whole
 * file.
 *
 * - Top-level statements: prettier prints each statement of a module by itself and separates two statements by a
 *   newline, plus one blank line when the source had a blank line right after the first statement's line. A cut
 *   is made only where the previous statement ends its line (nothing but spaces before the newline), so no comment
 *   can move from one statement to another; `blankBefore` records the blank line.
 * - Members of a large interface (emit/interface-segments.ts): a piece is wrapped in its enclosing lines
 *   (`export interface components {`, `  schemas: {` … `  };`, `}`), which give prettier the members'
 *   indentation and are removed again after formatting (`head`/`tail`). Prettier prints each member of an
 *   interface or type literal by itself (`quoteProps: "as-needed"` decides per key).
 *
 * Pieces group several statements or members; a group ends after an item whose key (a member's name, a
 * statement's first line) hashes to a multiple of `GROUP_SPREAD` (content-defined, as in rsync), so editing one
 * item changes only its own group and the cache keeps every other piece.
 */

export interface Segment {
  /** Source handed to prettier. */
  readonly text: string;
  /** Lines at the start / end of `text` that only give context: dropped from the formatted text. */
  readonly head: number;
  readonly tail: number;
  /** A blank line separates this segment from the previous one. */
  readonly blankBefore: boolean;
}

/** A group ends after about this many items on average (the key's hash decides where). */
const GROUP_SPREAD = 8;
/** …and always after this many, so a run of unlucky keys cannot make one huge piece. */
const GROUP_MAX = 32;

/** FNV-1a over UTF-16 code units: a fast, stable hash for choosing group ends. */
function fnv1a(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * Splits `items` into consecutive groups: a group ends after an item whose `key` hashes to a multiple of
 * GROUP_SPREAD, after GROUP_MAX items, or where `canEndBefore` refuses to start the next item's group otherwise.
 * @param canEndBefore Whether a group may end right before item `i` (i ≥ 1).
 */
export function groupItems<T>(
  items: readonly T[],
  key: (item: T) => string,
  canEndBefore: (i: number) => boolean = () => true,
): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  items.forEach((item, i) => {
    const previous = items[i - 1];
    const endsGroup =
      previous !== undefined &&
      (fnv1a(key(previous)) % GROUP_SPREAD === 0 || current.length >= GROUP_MAX);
    if (endsGroup && canEndBefore(i)) {
      groups.push(current);
      current = [];
    }
    current.push(item);
  });
  if (current.length > 0) groups.push(current);
  return groups;
}

/** Leading whitespace and comments of a statement's full text. */
const LEADING_TRIVIA = /^(?:\s+|\/\*[\s\S]*?\*\/|\/\/[^\n]*)*/;

/**
 * A statement's grouping key: its first line of code (`export type PayoutResponse = …`, `export async function
 * listPayouts(`), which changes less often than its body or its JSDoc.
 */
function statementKey(fullText: string): string {
  const code = fullText.replace(LEADING_TRIVIA, "");
  const end = code.indexOf("\n");
  return end === -1 ? code : code.slice(0, end);
}

/** The line of `text` that starts at `at`, with its newline (to the end of `text` when it has none). */
function lineAt(text: string, at: number): string {
  const end = text.indexOf("\n", at);
  return end === -1 ? text.slice(at) : text.slice(at, end + 1);
}

const isBlank = (line: string): boolean => /^[ \t]*\n$/.test(line);

/**
 * Cuts a printed module into segments at its top-level statements (see the module comment).
 * @param text The whole module's source.
 * @param statements Its top-level statements' full ranges: `pos` (where the leading trivia starts) and `end`.
 * @param blankBefore Whether the first segment follows a blank line (when the module continues another text).
 */
export function statementSegments(
  text: string,
  statements: readonly { readonly pos: number; readonly end: number }[],
  blankBefore = false,
): Segment[] {
  if (statements.length === 0)
    return text.trim() === "" ? [] : [{ text, head: 0, tail: 0, blankBefore }];
  const groups = groupItems(
    statements.map((s, i) => i),
    (i) => statementKey(text.slice(statements[i]!.pos, statements[i]!.end)),
    // The previous statement's line ends where this statement's text starts.
    (i) => isBlank(lineAt(text, statements[i]!.pos)),
  );
  return groups.map((group, g) => {
    const start = g === 0 ? 0 : statements[group[0]!]!.pos;
    const next = groups[g + 1];
    const end = next === undefined ? text.length : statements[next[0]!]!.pos;
    return {
      text: text.slice(start, end),
      head: 0,
      tail: 0,
      blankBefore:
        g === 0 ? blankBefore : isBlank(lineAt(text, start + lineAt(text, start).length)),
    };
  });
}
