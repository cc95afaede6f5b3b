/**
 * Segments (emit/segments.ts, emit/interface-segments.ts) formatted one by one and joined (format/join.ts) are
 * exactly what prettier prints for the whole file with the pinned `typescript` parser, for every file of every
 * feature fixture, and through the worker pool (`babel-ts` parser) too.
 */
import { astToString } from "openapi-typescript";
import { format } from "prettier";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { clientStatements, indexStatements } from "../../generator/emit/client.js";
import { openApiSegments } from "../../generator/emit/interface-segments.js";
import { mockStatements } from "../../generator/emit/mock.js";
import { operationsStatements } from "../../generator/emit/operations.js";
import { createPrinter, type Statement } from "../../generator/emit/print.js";
import { groupItems, statementSegments, type Segment } from "../../generator/emit/segments.js";
import { readOperationTemplate } from "../../generator/emit/template.js";
import { typesStatements } from "../../generator/emit/types.js";
import { PRETTIER_OPTIONS, startFormatter } from "../../generator/format/format.js";
import { joinSegments } from "../../generator/format/join.js";
import { startPool } from "../../generator/format/pool.js";
import { load } from "../../generator/load/load.js";
import { loadTemplates } from "../../generator/load/templates.js";
import { normalize } from "../../generator/model/normalize.js";
import { validate } from "../../generator/validate/validate.js";
import type { TargetConfig } from "../../generator/config/config.js";
import { listFixtures } from "../helpers/fixtures.js";
import { PROJECT_ROOT } from "../helpers/specs-dir.js";

const formatter = startFormatter({ workers: 2 });
afterAll(() => formatter.close());

/** prettier on each segment, joined. */
async function formatJoined(segments: readonly Segment[]): Promise<string> {
  const formatted = await Promise.all(segments.map((s) => format(s.text, PRETTIER_OPTIONS)));
  return joinSegments(segments, formatted);
}

/** Each generated TypeScript file of `input`: its whole unformatted source and its segments. */
async function generatedFiles(
  input: string,
  options: Partial<TargetConfig> = {},
): Promise<{ file: string; source: string; segments: Segment[] }[]> {
  const validation = validate(
    (await load(`${PROJECT_ROOT}/${input}`, { cwd: PROJECT_ROOT })).document,
  );
  const model = normalize(validation.document!, { input, output: "out", name: "Api", ...options });
  const printer = createPrinter();
  const template = readOperationTemplate(printer, (await loadTemplates()).operation);
  const { nodes, aliases } = await typesStatements(model);
  const module = (file: string, statements: Statement[]) => ({
    file,
    source: printer.print(statements),
    segments: printer.segments(statements),
  });
  return [
    {
      file: "types.ts",
      source: `${astToString(nodes)}\n${printer.print(aliases)}`,
      segments: [...openApiSegments(nodes), ...printer.segments(aliases, true)],
    },
    module("operations.ts", operationsStatements(model, template)),
    module("client.ts", clientStatements(model)),
    module("index.ts", indexStatements(model)),
    module("mock.ts", mockStatements(model)),
  ];
}

describe.each(listFixtures().map((f) => [f.name, f.input, f.options] as const))(
  "fixture %s",
  (_name, input, options) => {
    it("every file's segments, formatted and joined, equal prettier on the whole file", async () => {
      for (const { file, source, segments } of await generatedFiles(input, options)) {
        const whole = await format(source, PRETTIER_OPTIONS);
        expect(await formatJoined(segments), file).toBe(whole);
        expect(await formatter.typescript(segments), `${file} (pool)`).toBe(whole);
      }
    });
  },
);

it("a large interface is cut between members, wrapped in its enclosing lines", async () => {
  const property = (name: string, type: ts.TypeNode): ts.PropertySignature =>
    ts.factory.createPropertySignature(undefined, name, undefined, type);
  const schema = (i: number): ts.PropertySignature => {
    const member = property(
      `Schema${i}`,
      ts.factory.createTypeLiteralNode([
        property("id", ts.factory.createKeywordTypeNode(ts.SyntaxKind.StringKeyword)),
      ]),
    );
    ts.addSyntheticLeadingComment(
      member,
      ts.SyntaxKind.MultiLineCommentTrivia,
      `* Schema ${i}. `,
      true,
    );
    return member;
  };
  const components = ts.factory.createInterfaceDeclaration(
    [ts.factory.createModifier(ts.SyntaxKind.ExportKeyword)],
    "components",
    undefined,
    undefined,
    [
      property(
        "schemas",
        ts.factory.createTypeLiteralNode(Array.from({ length: 100 }, (_, i) => schema(i))),
      ),
      property("responses", ts.factory.createKeywordTypeNode(ts.SyntaxKind.NeverKeyword)),
    ],
  );
  const segments = openApiSegments([components]);
  expect(segments.length).toBeGreaterThan(4);
  expect(segments[0]).toMatchObject({ head: 0, tail: 2 });
  expect(segments[1]).toMatchObject({ head: 2, tail: 2 });
  expect(segments[1]!.text.split("\n").slice(0, 2)).toEqual([
    "export interface components {",
    "    schemas: {",
  ]);
  expect(segments[segments.length - 1]).toMatchObject({ head: 1, tail: 0 });
  expect(await formatJoined(segments)).toBe(
    await format(astToString(components), PRETTIER_OPTIONS),
  );
});

describe("statementSegments", () => {
  const cut = (text: string): Segment[] => {
    const file = ts.createSourceFile("a.ts", text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    return statementSegments(text, file.statements);
  };
  const source = (n: number, between: string): string =>
    Array.from({ length: n }, (_, i) => `export const value${i} = ${i};`).join(between) + "\n";

  it("keeps each blank line between statements and every comment with the statement after it", async () => {
    const text = [
      "export const a = 1;",
      "",
      "/** B. */",
      "export const b = 2;",
      "// c",
      "",
      "export const c = 3;",
      "",
    ].join("\n");
    const file = ts.createSourceFile("a.ts", text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    const segments = statementSegments(text, file.statements);
    expect(await formatJoined(segments)).toBe(await format(text, PRETTIER_OPTIONS));
    // Every statement of a long module, one segment each at worst: the same bytes.
    for (const between of ["\n", "\n\n", "\n/** doc */\n", "\n\n// note\n\n"]) {
      const long = source(200, between);
      expect(cut(long).length).toBeGreaterThan(1);
      expect(await formatJoined(cut(long)), JSON.stringify(between)).toBe(
        await format(long, PRETTIER_OPTIONS),
      );
    }
  });

  it("never cuts after a statement followed by a comment on its line", () => {
    const segments = cut(source(200, " // same line\n"));
    expect(segments).toHaveLength(1);
  });

  it("editing one statement changes only the segment holding it", () => {
    const before = cut(source(400, "\n")).map((s) => s.text);
    const after = cut(source(400, "\n").replace("value200 = 200;", "value200 = 2000;")).map(
      (s) => s.text,
    );
    expect(after).toHaveLength(before.length);
    expect(after.filter((text, i) => text !== before[i])).toHaveLength(1);
  });
});

it("groupItems: groups of about 8 items, never more than 32, cut only where allowed", () => {
  const items = Array.from({ length: 1000 }, (_, i) => `item${i}`);
  const groups = groupItems(items, (s) => s);
  expect(groups.flat()).toEqual(items);
  expect(groups.length).toBeGreaterThan(1000 / 32);
  expect(groups.length).toBeLessThan(1000 / 4);
  expect(Math.max(...groups.map((g) => g.length))).toBeLessThanOrEqual(32);
  expect(
    groupItems(
      items,
      (s) => s,
      () => false,
    ),
  ).toEqual([items]);
});

it("joinSegments refuses a segment whose wrapper printed differently", () => {
  const segment = {
    text: "export interface A {\n    a: string;\n}\n",
    head: 1,
    tail: 1,
    blankBefore: false,
  };
  expect(() => joinSegments([segment], ["export interface B {\n  a: string;\n}\n"])).toThrow(
    /wrapper lines/,
  );
  expect(joinSegments([segment], ["export interface A {\n  a: string;\n}\n"])).toBe(
    "  a: string;\n",
  );
});

it("the pool rejects a segment that does not parse", async () => {
  await expect(
    formatter.typescript([{ text: "export const = ;\n", head: 0, tail: 0, blankBefore: false }]),
  ).rejects.toThrow();
});

it("a pool whose worker thread exited starts another one instead of waiting for it forever", async () => {
  const pool = startPool(1, PRETTIER_OPTIONS);
  try {
    await pool.close(); // the worker exits: the pool drops it
    await new Promise((resolve) => setImmediate(resolve));
    await expect(pool.format("export const a=1\n", PRETTIER_OPTIONS)).resolves.toBe(
      "export const a = 1;\n",
    );
  } finally {
    await pool.close();
  }
});
