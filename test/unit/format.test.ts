/**
 * format.ts: the worker pool (babel-ts parser, large files cut at top-level statements) prints exactly
 * what prettier prints for the whole file with the pinned `typescript` parser.
 */
import { readFileSync } from "node:fs";
import { format } from "prettier";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { PRETTIER_OPTIONS, joinChunks, splitTopLevel, startFormatter, topLevelCuts } from "../../generator/format.js";

/** A committed generated file re-printed by the TypeScript printer: unformatted, 4-space indented, like openapi-typescript's output. */
function unformatted(file: string): string {
  const text = readFileSync(new URL(`../../generated/introw/${file}`, import.meta.url), "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  return ts.createPrinter({ newLine: ts.NewLineKind.LineFeed }).printFile(source);
}

const formatter = startFormatter(2);
afterAll(() => formatter.close());

describe("topLevelCuts", () => {
  it("cuts before top-level export statements and their JSDoc, never inside a statement or comment", () => {
    const source = ["/** A. */", "export type A = {", "    b: string;", "};", "", "export interface C {", "    /**", "export not a statement", "     */", "    d: number;", "}", "export const e = 1;", ""].join("\n");
    const lines = topLevelCuts(source).map((offset) => source.slice(offset, source.indexOf("\n", offset)));
    expect(lines).toEqual(["export interface C {", "export const e = 1;"]);
  });
});

describe.each(["types.ts", "operations.ts"])("%s", (file) => {
  const source = unformatted(file);

  it("formatted in pieces and joined equals prettier on the whole file", async () => {
    const whole = await format(source, PRETTIER_OPTIONS);
    const pieces = splitTopLevel(source, 6);
    expect(pieces.length).toBeGreaterThan(2);
    expect(pieces.join("")).toBe(source);
    const formatted = await Promise.all(pieces.map((piece) => format(piece, PRETTIER_OPTIONS)));
    expect(joinChunks(pieces, formatted)).toBe(whole);
  });

  it("the pool's output equals prettier with the typescript parser", async () => {
    expect(await formatter.typescript(source)).toBe(await format(source, PRETTIER_OPTIONS));
  });
});

it("the pool cuts a large source and still prints prettier's bytes", async () => {
  const source = Array.from({ length: 8 }, () => unformatted("types.ts")).join("\n");
  expect(source.length).toBeGreaterThan(150_000);
  expect(await formatter.typescript(source)).toBe(await format(source, PRETTIER_OPTIONS));
}, 60_000);

it("rejects a source that does not parse", async () => {
  await expect(formatter.typescript("export const = ;\n")).rejects.toThrow();
});
