/**
 * README examples that cannot drift: a README section's ```ts blocks, and the region of a test file that one of
 * them shows verbatim (between `// <marker>` and `// end <marker>`).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "./specs-dir.js";

/** A file of the project as text. */
export const read = (file: string): string => readFileSync(path.join(PROJECT_ROOT, file), "utf8");

/**
 * The ```ts blocks of README.md's section `## <title>`.
 * @throws {Error} when README.md has no such section
 */
export function readmeBlocks(title: string): string[] {
  const readme = read("README.md");
  const start = readme.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`README.md has no section '## ${title}'`);
  const end = readme.indexOf("\n## ", start + 1);
  const section = readme.slice(start, end === -1 ? undefined : end);
  return [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

/**
 * The lines of `text` between `// <marker>` and `// end <marker>` (or the end), dedented.
 * @throws {Error} when the marker is missing
 */
export function region(text: string, marker: string): string {
  const lines = text.split("\n");
  const from = lines.findIndex((l) => l.trim() === `// ${marker}`);
  const to = lines.findIndex((l) => l.trim() === `// end ${marker}`);
  if (from < 0) throw new Error(`no "// ${marker}" line`);
  const body = lines.slice(from + 1, to === -1 ? undefined : to);
  const indent = Math.min(
    ...body.filter((l) => l.trim() !== "").map((l) => l.length - l.trimStart().length),
  );
  return (
    body
      .map((l) => l.slice(indent))
      .join("\n")
      .trimEnd() + "\n"
  );
}

/** A README block without its leading import lines (and the blank line after them). */
export const withoutImports = (block: string): string =>
  block.replace(/^(import [^\n]*\n|import \{[^}]*\} from [^\n]*\n)+\n?/, "");
