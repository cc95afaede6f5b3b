/**
 * A short unified diff of the first differences between two texts, for `--check` messages. Common prefix and
 * suffix lines are trimmed; the middle is aligned by longest common subsequence when both sides are at most
 * `LCS_LIMIT` lines (otherwise shown as one replaced block); the first hunk is printed with 3 lines of context
 * and at most `maxLines` changed lines.
 */

/** Largest middle block (lines per side) aligned line by line; larger blocks show as one replacement. */
export const LCS_LIMIT = 600;
const CONTEXT = 3;

type Edit = { readonly op: " " | "-" | "+"; readonly line: string };

/** Line edit script from `a` to `b` by longest common subsequence (O(n·m) for the trimmed middle only). */
function editScript(a: readonly string[], b: readonly string[]): Edit[] {
  if (a.length > LCS_LIMIT || b.length > LCS_LIMIT)
    return [
      ...a.map((line) => ({ op: "-" as const, line })),
      ...b.map((line) => ({ op: "+" as const, line })),
    ];
  const width = b.length + 1;
  const lcs = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * width + j] =
        a[i] === b[j]
          ? lcs[(i + 1) * width + j + 1]! + 1
          : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
    }
  }
  const edits: Edit[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      edits.push({ op: " ", line: a[i]! });
      i++;
      j++;
    } else if (
      i < a.length &&
      (j === b.length || lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!)
    ) {
      edits.push({ op: "-", line: a[i++]! });
    } else {
      edits.push({ op: "+", line: b[j++]! });
    }
  }
  return edits;
}

/**
 * @param file Path shown in the `---`/`+++` lines.
 * @param expected The text the generator would write (`+` lines).
 * @param actual The text on disk (`-` lines), undefined when the file is missing.
 * @param maxLines Most changed (`-` and `+`) lines shown. @default 12
 * @returns The diff text ending in a newline, or "" when the texts are equal.
 */
export function shortUnifiedDiff(
  file: string,
  expected: string,
  actual: string | undefined,
  maxLines = 12,
): string {
  if (expected === actual) return "";
  const a = actual === undefined ? [] : splitLines(actual);
  const b = splitLines(expected);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const from = Math.max(0, start - CONTEXT);
  const edits: Edit[] = [
    ...a.slice(from, start).map((line) => ({ op: " " as const, line })),
    ...editScript(a.slice(start, endA), b.slice(start, endB)),
    ...a.slice(endA, endA + CONTEXT + 1).map((line) => ({ op: " " as const, line })),
  ];
  // The first hunk: up to the first run of more than 2·CONTEXT unchanged lines after a change, or maxLines changes.
  const hunk: Edit[] = [];
  let changed = 0;
  let omitted = 0;
  let equalRun = 0;
  let truncated = false;
  for (const edit of edits) {
    if (truncated) {
      if (edit.op !== " ") omitted++;
      continue;
    }
    if (edit.op === " ") {
      equalRun++;
      if (changed > 0 && equalRun > CONTEXT) break;
      hunk.push(edit);
      continue;
    }
    equalRun = 0;
    if (changed >= maxLines) {
      truncated = true;
      omitted++;
      continue;
    }
    changed++;
    hunk.push(edit);
  }
  const lenA = hunk.filter((e) => e.op !== "+").length;
  const lenB = hunk.filter((e) => e.op !== "-").length;
  const lines = [
    `--- ${file} (on disk${actual === undefined ? ": missing" : ""})`,
    `+++ ${file} (generated)`,
    `@@ -${lenA === 0 ? from : from + 1},${lenA} +${from + 1},${lenB} @@`,
    ...hunk.map((e) => `${e.op}${e.line}`),
  ];
  if (omitted > 0) lines.push(`… ${omitted} more changed lines`);
  return `${lines.join("\n")}\n`;
}

function splitLines(text: string): string[] {
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}
