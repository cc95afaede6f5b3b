/**
 * emit/pretty-values: layout of the `const` initializers the emitters write (operation specs, enum value arrays),
 * parsed by TypeScript once per file: flat where it fits, objects and arrays one entry per line otherwise, arrays of
 * several multi-entry objects always broken (prettier's rule). For emit/pretty-structures.ts.
 */
import ts from "typescript";
import { StructureKind, type StatementStructures } from "ts-morph";
import { fits, key, prettierString, unsupported } from "./pretty-common.js";

/** An expression's text on one line (literals, arrays and objects of them). */
function flat(node: ts.Expression, source: ts.SourceFile): string {
  if (ts.isStringLiteral(node)) {
    const raw = node.getText(source);
    return raw.startsWith('"') ? prettierString(raw.slice(1, -1)) : unsupported("quote");
  }
  if (ts.isNumericLiteral(node))
    return /^\d+(\.\d*[1-9])?$/.test(node.text) && node.getText(source) === node.text
      ? node.text
      : unsupported("number");
  if (node.kind === ts.SyntaxKind.TrueKeyword) return "true";
  if (node.kind === ts.SyntaxKind.FalseKeyword) return "false";
  if (node.kind === ts.SyntaxKind.NullKeyword) return "null";
  if (
    ts.isPrefixUnaryExpression(node) &&
    node.operator === ts.SyntaxKind.MinusToken &&
    ts.isNumericLiteral(node.operand)
  )
    return `-${flat(node.operand, source)}`;
  if (ts.isArrayLiteralExpression(node))
    return `[${node.elements.map((e) => flat(e, source)).join(", ")}]`;
  if (ts.isObjectLiteralExpression(node)) {
    if (node.properties.length === 0) return "{}";
    return `{ ${node.properties.map((p) => property(p, source)).join(", ")} }`;
  }
  return unsupported(ts.SyntaxKind[node.kind]);
}

function property(p: ts.ObjectLiteralElementLike, source: ts.SourceFile): string {
  if (!ts.isPropertyAssignment(p) || ts.isComputedPropertyName(p.name))
    return unsupported("property");
  return `${key(p.name.getText(source))}: ${flat(p.initializer, source)}`;
}

/** prettier breaks an array of several objects (or arrays) with more than one entry each, whatever its width. */
function forcedBreak(node: ts.ArrayLiteralExpression): boolean {
  const els = node.elements;
  if (els.length < 2) return false;
  const objects = els.every((e) => ts.isObjectLiteralExpression(e) && e.properties.length > 1);
  const arrays = els.every((e) => ts.isArrayLiteralExpression(e) && e.elements.length > 1);
  return objects || arrays;
}

/**
 * Lines for `head` + expression + `end` at `indent`: flat when it fits (and prettier would not keep or force it
 * broken), else objects and arrays one entry per line.
 */
export function expression(
  head: string,
  node: ts.Expression,
  end: string,
  indent: string,
  source: ts.SourceFile,
): string[] {
  const expanded =
    ts.isObjectLiteralExpression(node) &&
    node.properties.length > 0 &&
    source.text[node.getStart(source) + 1] === "\n";
  const forced = ts.isArrayLiteralExpression(node) && forcedBreak(node);
  if (!expanded && !forced) {
    const one = `${head}${flat(node, source)}${end}`;
    if (fits(one)) return [one];
  }
  const inner = `${indent}  `;
  // An opening line that does not fit either: prettier moves the value to the next line (not reproduced).
  if (!fits(`${head}{`)) return unsupported("long head");
  if (ts.isObjectLiteralExpression(node) && node.properties.length > 0) {
    const lines = node.properties.flatMap((p) => {
      if (!ts.isPropertyAssignment(p) || ts.isComputedPropertyName(p.name))
        return unsupported("property");
      const value = p.initializer;
      if (
        !ts.isObjectLiteralExpression(value) &&
        !ts.isArrayLiteralExpression(value) &&
        !fits(`${inner}${key(p.name.getText(source))}: ${flat(value, source)},`)
      )
        return unsupported("long value");
      return expression(`${inner}${key(p.name.getText(source))}: `, value, ",", inner, source);
    });
    return [`${head}{`, ...lines, `${indent}}${end}`];
  }
  if (ts.isArrayLiteralExpression(node) && node.elements.length > 0) {
    const single =
      node.elements.length === 1 &&
      (ts.isObjectLiteralExpression(node.elements[0]!) ||
        ts.isArrayLiteralExpression(node.elements[0]!));
    if (
      !forced &&
      (single ||
        node.elements.every((e) => ts.isNumericLiteral(e) || ts.isPrefixUnaryExpression(e)))
    )
      return unsupported("array layout");
    const lines = node.elements.flatMap((e) => {
      if (
        !ts.isObjectLiteralExpression(e) &&
        !ts.isArrayLiteralExpression(e) &&
        !fits(`${inner}${flat(e, source)},`)
      )
        return unsupported("long element");
      return expression(inner, e, ",", inner, source);
    });
    return [`${head}[`, ...lines, `${indent}]${end}`];
  }
  return unsupported("long expression");
}

/** `const name: Type = initializer;` (initializer text parsed by TypeScript to lay it out). */

/** A parsed initializer and the source its nodes belong to. */
export interface ParsedInitializer {
  readonly expression: ts.Expression;
  readonly source: ts.SourceFile;
}

/** The one initializer of a `const` statement whose parts are all text; undefined for any other. */
function initializerOf(s: StatementStructures): string | undefined {
  if (s.kind !== StructureKind.VariableStatement || s.declarations.length !== 1) return undefined;
  const initializer = s.declarations[0]!.initializer;
  return typeof initializer === "string" ? initializer : undefined;
}

/**
 * Every `const` initializer of `structures`, parsed by TypeScript in one source (`(init);` per line): one parse
 * for the file instead of one per statement. Empty when the statements do not come back one per initializer.
 */
export function parseInitializers(
  structures: readonly StatementStructures[],
): Map<StatementStructures, ParsedInitializer> {
  const owners = structures.filter((s) => initializerOf(s) !== undefined);
  const parsed = new Map<StatementStructures, ParsedInitializer>();
  if (owners.length === 0) return parsed;
  const source = ts.createSourceFile(
    "initializers.ts",
    owners.map((s) => `(${initializerOf(s)!});\n`).join(""),
    ts.ScriptTarget.ESNext,
    true,
    ts.ScriptKind.TS,
  );
  if (source.statements.length !== owners.length) return parsed;
  owners.forEach((owner, i) => {
    const statement = source.statements[i]!;
    if (ts.isExpressionStatement(statement) && ts.isParenthesizedExpression(statement.expression))
      parsed.set(owner, { expression: statement.expression.expression, source });
  });
  return parsed;
}
