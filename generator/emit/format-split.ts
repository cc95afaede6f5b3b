/**
 * Cutting a large generated TypeScript source into pieces prettier can format independently, and
 * joining the formatted pieces back into exactly what prettier prints for the whole source.
 *
 * - Top level: cut before a column-0 `export` statement (or its JSDoc) that follows a closed statement;
 *   prettier prints top-level statements independently and keeps at most one blank line between them.
 * - Inside a huge `export interface X {` (openapi-typescript's `paths`, `components`, `operations`): cut
 *   between members at depth 1 or 2 (4 or 8 spaces: the TypeScript printer's indentation). Each piece is
 *   wrapped in its enclosing lines (`export interface components {`, `    schemas: {` … `    };`, `}`),
 *   formatted, and the wrapper lines are removed again, after checking they printed as expected
 *   (otherwise `joinPieces` returns undefined and the caller formats the whole source).
 * Prettier prints interface members independently of their siblings (quoteProps "as-needed" is per key).
 */

export interface Piece {
  /** Source handed to prettier (wrapper lines included). */
  readonly text: string;
  /** Wrapper lines before / after the real content, trimmed, as prettier must print them. */
  readonly head: readonly string[];
  readonly tail: readonly string[];
  /** A blank line separates this piece from the previous one (top-level cuts only). */
  readonly blankBefore: boolean;
}

/** Line start offsets of `source` (one per line). */
function lineStarts(source: string): number[] {
  const starts = [0];
  for (
    let i = source.indexOf("\n");
    i !== -1 && i + 1 < source.length;
    i = source.indexOf("\n", i + 1)
  )
    starts.push(i + 1);
  return starts;
}

/** Top-level cut offsets: see the module comment. */
export function topLevelCuts(source: string): number[] {
  const cuts: number[] = [];
  let previous = "";
  let inComment = false;
  const starts = lineStarts(source);
  starts.forEach((offset, i) => {
    const line = source.slice(offset, (starts[i + 1] ?? source.length + 1) - 1).trimEnd();
    const opensStatement = line.startsWith("export ") || line.startsWith("/**");
    const closedBefore = previous === "" || (/^\S/.test(previous) && /[};\]]$/.test(previous));
    if (offset > 0 && !inComment && opensStatement && closedBefore) cuts.push(offset);
    if (!inComment && line.startsWith("/**") && !line.includes("*/")) inComment = true;
    else if (inComment && line.includes("*/")) inComment = false;
    previous = line;
  });
  return cuts;
}

/** A piece without wrapper lines. */
const plain = (text: string, blankBefore = false): Piece => ({
  text,
  head: [],
  tail: [],
  blankBefore,
});

/**
 * Cuts one top-level `export interface` statement (with its JSDoc) between members at depth 1 or 2.
 * @returns pieces of about `target` characters where members allow (one piece when none can be cut).
 */
function splitInterface(statement: string, target: number): Piece[] {
  const lines = statement.split("\n");
  const headerIndex = lines.findIndex((l) => /^export interface [\w$]+ \{$/.test(l));
  let last = lines.length - 1;
  while (last > 0 && lines[last]!.trim() === "") last--;
  if (headerIndex === -1 || lines[last] !== "}") return [plain(statement)];
  const header = lines[headerIndex]!;
  const pieces: Piece[] = [];
  let start = 0;
  let size = 0;
  let head: string[] = [];
  let parent: string | undefined; // the open depth-1 member line (`    schemas: {`) while inside it
  let inComment = false;
  for (let i = headerIndex + 1; i < last; i++) {
    const line = lines[i]!;
    const trimmed = line.trimStart();
    const indent = line.length - trimmed.length;
    const startsMember = !inComment && (trimmed.startsWith("/**") || /^[\w$"']/.test(trimmed));
    if (startsMember && indent === 4) parent = undefined;
    const depth = indent === 4 ? 1 : indent === 8 && parent !== undefined ? 2 : 0;
    const previous = lines[i - 1]!;
    if (
      depth > 0 &&
      startsMember &&
      size >= target &&
      previous.endsWith(";") &&
      previous.length - previous.trimStart().length === indent
    ) {
      const tail = depth === 2 ? ["    };", "}"] : ["}"];
      pieces.push({
        text: `${[...head, ...lines.slice(start, i), ...tail].join("\n")}\n`,
        head: head.map((l) => l.trim()),
        tail: tail.map((l) => l.trim()),
        blankBefore: false,
      });
      head = depth === 2 ? [header, parent!] : [header];
      start = i;
      size = 0;
    }
    if (!inComment && trimmed.startsWith("/**") && !trimmed.includes("*/")) inComment = true;
    else if (inComment && trimmed.includes("*/")) inComment = false;
    if (!inComment && indent === 4 && line.endsWith("{")) parent = line;
    size += line.length + 1;
  }
  const text = [...head, ...lines.slice(start)].join("\n");
  pieces.push({
    text: text.endsWith("\n") ? text : `${text}\n`,
    head: head.map((l) => l.trim()),
    tail: [],
    blankBefore: false,
  });
  return pieces;
}

/** True when the source just before `offset` ends with a blank line. */
const blankLineBefore = (source: string, offset: number): boolean =>
  offset > 0 && /\n[ \t]*\n\s*$/.test(source.slice(Math.max(0, offset - 400), offset));

/**
 * Cuts `source` into pieces of about `target` characters: small top-level statements are grouped, and
 * an `export interface` statement larger than `target` is cut between its members.
 */
export function splitSource(source: string, target: number): Piece[] {
  const bounds = [0, ...topLevelCuts(source), source.length];
  const pieces: Piece[] = [];
  let groupStart = 0;
  const flush = (end: number): void => {
    if (end > groupStart)
      pieces.push(plain(source.slice(groupStart, end), blankLineBefore(source, groupStart)));
    groupStart = end;
  };
  for (let i = 0; i + 1 < bounds.length; i++) {
    const start = bounds[i]!;
    const end = bounds[i + 1]!;
    if (end - start >= target) {
      flush(start);
      splitInterface(source.slice(start, end), target).forEach((p, k) =>
        pieces.push(k === 0 ? { ...p, blankBefore: blankLineBefore(source, start) } : p),
      );
      groupStart = end;
    } else if (end - groupStart >= target) {
      flush(end);
    }
  }
  flush(source.length);
  return pieces.filter((p) => p.text.trim() !== "");
}

/**
 * Joins formatted pieces; `undefined` when a wrapper did not print as expected (format the whole instead).
 * Top-level pieces are separated by one blank line where the source had one.
 */
export function joinPieces(
  pieces: readonly Piece[],
  formatted: readonly string[],
): string | undefined {
  let text = "";
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i]!;
    const lines = formatted[i]!.split("\n");
    if (lines[lines.length - 1] === "") lines.pop();
    const head = lines.slice(0, piece.head.length).map((l) => l.trim());
    const tail = lines.slice(lines.length - piece.tail.length).map((l) => l.trim());
    if (
      head.join("\n") !== piece.head.join("\n") ||
      (piece.tail.length > 0 && tail.join("\n") !== piece.tail.join("\n"))
    )
      return undefined;
    const body = lines.slice(piece.head.length, lines.length - piece.tail.length);
    if (i > 0 && piece.blankBefore) text += "\n";
    text += body.length > 0 ? `${body.join("\n")}\n` : "";
  }
  return text;
}
