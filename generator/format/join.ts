/**
 * Joins formatted segments (emit/segments.ts) into one file's text: each segment's wrapper lines are checked
 * and removed, and segments are separated by a blank line where the source had one.
 */
import type { Segment } from "../emit/segments.js";

/** The lines of `text` without the empty string after a final newline. */
function lines(text: string): string[] {
  const result = text.split("\n");
  if (result[result.length - 1] === "") result.pop();
  return result;
}

const trimmed = (list: readonly string[]): string => list.map((l) => l.trim()).join("\n");

/**
 * Joins `formatted[i]` (prettier's output for `segments[i].text`) into the file's text.
 * @throws {Error} when prettier printed a wrapper line differently from the source's (the segment cannot be
 *   joined exactly; a generator bug).
 */
export function joinSegments(segments: readonly Segment[], formatted: readonly string[]): string {
  let text = "";
  segments.forEach((segment, i) => {
    let body = lines(formatted[i]!);
    if (segment.head > 0 || segment.tail > 0) {
      const source = lines(segment.text.trimEnd());
      const expected = [
        ...source.slice(0, segment.head),
        ...source.slice(source.length - segment.tail),
      ];
      const actual = [...body.slice(0, segment.head), ...body.slice(body.length - segment.tail)];
      if (trimmed(actual) !== trimmed(expected))
        throw new Error(
          `format: prettier printed a segment's wrapper lines as ${JSON.stringify(trimmed(actual))}, not ${JSON.stringify(trimmed(expected))}`,
        );
      body = body.slice(segment.head, body.length - segment.tail);
    }
    if (body.length === 0) return;
    if (segment.blankBefore && text !== "") text += "\n";
    text += `${body.join("\n")}\n`;
  });
  return text;
}
