/**
 * format.ts: the worker pool (babel-ts parser, large files cut at top-level statements) prints exactly
 * what prettier prints for the whole file with the pinned `typescript` parser.
 */
import { readFileSync } from "node:fs";
import { format } from "prettier";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { joinPieces, splitSource, topLevelCuts } from "../../generator/emit/format-split.js";
import { PRETTIER_OPTIONS, startFormatter } from "../../generator/format/format.js";

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
    const source = [
      "/** A. */",
      "export type A = {",
      "    b: string;",
      "};",
      "",
      "export interface C {",
      "    /**",
      "export not a statement",
      "     */",
      "    d: number;",
      "}",
      "export const e = 1;",
      "",
    ].join("\n");
    const lines = topLevelCuts(source).map((offset) =>
      source.slice(offset, source.indexOf("\n", offset)),
    );
    expect(lines).toEqual(["export interface C {", "export const e = 1;"]);
  });
});

it("cuts inside a large interface at depth 1 and 2, wrapping each piece in its enclosing lines", () => {
  const member = (name: string): string =>
    `        ${name}: {\n            id: string;\n        };`;
  const source = [
    "export interface components {",
    "    schemas: {",
    member("A"),
    member("B"),
    member("C"),
    "    };",
    "    responses: never;",
    "}",
    "",
  ].join("\n");
  const pieces = splitSource(source, 10);
  expect(pieces.map((p) => [p.head, p.tail])).toEqual([
    [[], ["};", "}"]],
    [
      ["export interface components {", "schemas: {"],
      ["};", "}"],
    ],
    [["export interface components {", "schemas: {"], ["}"]],
    [["export interface components {"], []],
  ]);
  expect(pieces[1]!.text).toBe(
    ["export interface components {", "    schemas: {", member("B"), "    };", "}", ""].join("\n"),
  );
});

it("joinPieces refuses pieces whose wrapper printed differently", () => {
  const pieces = [{ text: "x", head: ["export interface A {"], tail: [], blankBefore: false }];
  expect(joinPieces(pieces, ["export interface B {\n}\n"])).toBeUndefined();
});

describe.each(["types.ts", "operations.ts"])("%s", (file) => {
  const source = unformatted(file);

  it.each([200, 2_000, 20_000])(
    "cut into pieces of ~%i chars, formatted and joined, equals prettier on the whole file",
    async (target) => {
      const whole = await format(source, PRETTIER_OPTIONS);
      const pieces = splitSource(source, target);
      expect(pieces.length).toBeGreaterThan(1);
      const formatted = await Promise.all(
        pieces.map((piece) => format(piece.text, PRETTIER_OPTIONS)),
      );
      expect(joinPieces(pieces, formatted)).toBe(whole);
    },
  );

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
