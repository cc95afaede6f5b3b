/**
 * format: prettier with pinned options (never the user's config), so output is the same everywhere.
 */
import { format as prettierFormat } from "prettier";

/** The options every generated file is formatted with. */
export const PRETTIER_OPTIONS = {
  parser: "typescript",
  printWidth: 100,
  tabWidth: 2,
  useTabs: false,
  semi: true,
  singleQuote: false,
  trailingComma: "all",
  bracketSpacing: true,
  arrowParens: "always",
  endOfLine: "lf",
} as const;

/** Formats TypeScript source. @throws {Error} when `source` is not valid TypeScript (a generator bug). */
export async function formatTypeScript(source: string): Promise<string> {
  return prettierFormat(source, PRETTIER_OPTIONS);
}

/** Formats Markdown with the same pinned options. */
export async function formatMarkdown(source: string): Promise<string> {
  return prettierFormat(source, { ...PRETTIER_OPTIONS, parser: "markdown", proseWrap: "preserve" });
}
