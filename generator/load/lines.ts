/**
 * Offsets in a text (UTF-16 code units) to 1-based line and column, as issues show them (`file:line:column`).
 */

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

/** 1-based line and column of one offset in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  return linePositions(text, [offset]).get(offset)!;
}
