/**
 * A short unified diff of the first difference between two texts, for `--check` messages: common prefix and
 * suffix lines are trimmed, the changed block is shown with up to 3 lines of context and at most `maxLines`
 * lines of `-`/`+`.
 */

/**
 * @param file Path shown in the `---`/`+++` lines.
 * @param expected The text the generator would write (`+` lines).
 * @param actual The text on disk (`-` lines), undefined when the file is missing.
 * @param maxLines Most `-` and `+` lines shown, each. @default 12
 * @returns The diff text ending in a newline, or "" when the texts are equal.
 */
export function shortUnifiedDiff(file: string, expected: string, actual: string | undefined, maxLines = 12): string {
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
  const context = 3;
  const from = Math.max(0, start - context);
  const removed = a.slice(start, endA);
  const added = b.slice(start, endB);
  const lines: string[] = [`--- ${file} (on disk${actual === undefined ? ": missing" : ""})`, `+++ ${file} (generated)`];
  const shownA = Math.min(removed.length, maxLines);
  const shownB = Math.min(added.length, maxLines);
  const after = a.slice(endA, Math.min(a.length, endA + context));
  const lenA = start - from + shownA + (shownA === removed.length ? after.length : 0);
  const lenB = start - from + shownB + (shownB === added.length ? after.length : 0);
  lines.push(`@@ -${a.length === 0 ? 0 : from + 1},${lenA} +${from + 1},${lenB} @@`);
  for (const line of a.slice(from, start)) lines.push(` ${line}`);
  for (const line of removed.slice(0, shownA)) lines.push(`-${line}`);
  if (shownA < removed.length) lines.push(`… ${removed.length - shownA} more removed lines`);
  for (const line of added.slice(0, shownB)) lines.push(`+${line}`);
  if (shownB < added.length) lines.push(`… ${added.length - shownB} more added lines`);
  if (shownA === removed.length && shownB === added.length) for (const line of after) lines.push(` ${line}`);
  return `${lines.join("\n")}\n`;
}

function splitLines(text: string): string[] {
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}
