/**
 * emit/pretty-types: prints openapi-typescript's declarations directly in prettier's layout (the pinned options
 * of format.ts: 2 spaces, width 100, double quotes, semicolons), so the bulk of types.ts needs no prettier pass.
 *
 * It reproduces prettier only for the shapes it knows exactly — keywords, literals, references, indexed access,
 * arrays, tuples, unions and intersections that fit on their line, object type literals (always expanded, as
 * prettier keeps them when the source breaks them), long unions broken one member per line, `{…} | null`,
 * `{…}[]`, `A & {…}` and JSDoc comments. Anything else makes that member (or statement) a fallback piece: its
 * TypeScript-printer text, wrapped in its enclosing lines, for prettier to format (format.ts joins the pieces).
 * test/unit/pretty-print.test.ts, the hostile-spec property test and test/bench/verify-format.ts check the joined
 * text equals prettier's output for the whole file (fixtures, generated specs, every shared spec).
 */
import ts from "typescript";
import {
  IDENTIFIER,
  MAX_PIECE_DEPTH,
  WIDTH,
  attempt,
  blockComment,
  unsupported,
  type Segment,
} from "./pretty-common.js";
import { flat, isNull, isObject, member, propertyKey, tryFlat } from "./pretty-type-flat.js";

/** JSDoc lines of a node's synthetic comments, as prettier prints them. */
function comments(node: ts.Node, indent: string): string[] {
  const lines: string[] = [];
  for (const comment of ts.getSyntheticLeadingComments(node) ?? []) {
    if (comment.kind !== ts.SyntaxKind.MultiLineCommentTrivia) unsupported("comment");
    // TypeScript's printer breaks a comment's lines at CR, U+2028 and U+2029 too (before trimming hides them).
    if (/[\r\u2028\u2029]/.test(comment.text)) unsupported("comment line break");
    // It writes each line of a comment without its trailing whitespace.
    const trimmed = comment.text
      .split("\n")
      .map((line, i, all) => (i < all.length - 1 ? line.trimEnd() : line));
    lines.push(...blockComment(trimmed.join("\n"), indent));
  }
  if (ts.getSyntheticTrailingComments(node)?.length) unsupported("trailing comment");
  return lines;
}

/** Lines of an expanded object type literal's members at `indent`. */
function objectMembers(node: ts.TypeLiteralNode, indent: string): string[] {
  return node.members.flatMap((m) => memberLines(m, indent));
}

/** Lines of one interface or type literal member (its JSDoc first). */
function memberLines(node: ts.TypeElement, indent: string): string[] {
  let prefix: string;
  let type: ts.TypeNode | undefined;
  if (ts.isPropertySignature(node)) {
    const modifiers = node.modifiers ?? [];
    if (modifiers.some((m) => m.kind !== ts.SyntaxKind.ReadonlyKeyword)) unsupported("modifier");
    prefix = `${modifiers.length > 0 ? "readonly " : ""}${propertyKey(node.name)}${node.questionToken !== undefined ? "?" : ""}`;
    type = node.type;
  } else if (
    ts.isIndexSignatureDeclaration(node) &&
    node.parameters.length === 1 &&
    (node.modifiers ?? []).length === 0
  ) {
    const parameter = node.parameters[0]!;
    if (!ts.isIdentifier(parameter.name) || parameter.type === undefined)
      return unsupported("index signature");
    prefix = `[${parameter.name.text}: ${flat(parameter.type)}]`;
    type = node.type;
  } else {
    return unsupported(ts.SyntaxKind[node.kind]);
  }
  if (type === undefined) return unsupported("untyped member");
  return [...comments(node, indent), ...typed(`${indent}${prefix}:`, type, indent, ";")];
}

/**
 * Lines for `head` (e.g. `  name:`) followed by `type` and `end`, the member at `indent`.
 * @returns prettier's layout for the supported shapes; throws Unsupported for the rest.
 */
function typed(head: string, type: ts.TypeNode, indent: string, end: string): string[] {
  const one = tryFlat(type);
  if (one !== undefined && head.length + 1 + one.length + end.length <= WIDTH)
    return [`${head} ${one}${end}`];
  if (isObject(type))
    return [`${head} {`, ...objectMembers(type, `${indent}  `), `${indent}}${end}`];
  if (ts.isArrayTypeNode(type) && isObject(type.elementType))
    return [`${head} {`, ...objectMembers(type.elementType, `${indent}  `), `${indent}}[]${end}`];
  if (ts.isUnionTypeNode(type)) return union(head, type, indent, end, one);
  // `(A | B)[]` too long: the union breaks inside the parentheses.
  if (
    ts.isArrayTypeNode(type) &&
    ts.isParenthesizedTypeNode(type.elementType) &&
    ts.isUnionTypeNode(type.elementType.type)
  ) {
    const inner = tryFlat(type.elementType.type);
    if (inner !== undefined && `${indent}  ${inner}`.length <= WIDTH)
      return [`${head} (`, `${indent}  ${inner}`, `${indent})[]${end}`];
    const members = type.elementType.type.types.map((t) => `${indent}  | ${member(t)}`);
    if (members.some((l) => l.length > WIDTH)) unsupported("union member too long");
    return [`${head} (`, ...members, `${indent})[]${end}`];
  }
  if (ts.isIntersectionTypeNode(type)) return intersection(head, type, indent, end);
  return unsupported("layout");
}

/**
 * An intersection too long for its line, or holding object literals, as prettier breaks it: after ` &` between two
 * non-objects (the next one indented once), on the same line next to an object (`} & A`, `A & {`), an object after
 * the second member indented once.
 */
function intersection(
  head: string,
  type: ts.IntersectionTypeNode,
  indent: string,
  end: string,
): string[] {
  const types = type.types;
  const inner = `${indent}  `;
  const lines: string[] = [];
  let line = `${head} `;
  let wasIndented = false;
  // Only the lines built here are checked against the width (an object's members were laid out already).
  const push = (text: string): void => {
    if (text.length > WIDTH) unsupported("long intersection line");
    lines.push(text);
  };
  const append = (t: ts.TypeNode, at: string): void => {
    if (!isObject(t)) {
      line += member(t);
      return;
    }
    push(`${line}{`);
    lines.push(...objectMembers(t, `${at}  `));
    line = `${at}}`;
  };
  types.forEach((t, i) => {
    if (i === 0) return append(t, indent);
    const object = isObject(t);
    const previousObject = isObject(types[i - 1]!);
    if (!object && !previousObject) {
      push(`${line} &`);
      line = inner;
      return append(t, inner);
    }
    if (object && previousObject) {
      line += " & ";
      return append(t, wasIndented ? inner : indent);
    }
    if (i > 1) wasIndented = true;
    line += " & ";
    return append(t, i > 1 ? inner : indent);
  });
  push(`${line}${end}`);
  return lines;
}

/** A union too long for its line, or holding object literals. */
function union(
  head: string,
  type: ts.UnionTypeNode,
  indent: string,
  end: string,
  one: string | undefined,
): string[] {
  const objects = type.types.filter(isObject);
  // `{ … } | null`: prettier hugs the object and keeps the union on the object's lines.
  if (objects.length === 1 && type.types.every((t) => t === objects[0] || isNull(t))) {
    const object = objects[0]!;
    const index = type.types.indexOf(object);
    const before = type.types
      .slice(0, index)
      .map(() => "null | ")
      .join("");
    const after = type.types
      .slice(index + 1)
      .map(() => " | null")
      .join("");
    return [
      `${head} ${before}{`,
      ...objectMembers(object, `${indent}  `),
      `${indent}}${after}${end}`,
    ];
  }
  // Broken one member per line, each `| member` indented once, objects aligned after the bar.
  // Too long after the key, short enough on its own line: prettier breaks only after the colon.
  if (one !== undefined && `${indent}  ${one}${end}`.length <= WIDTH)
    return [head, `${indent}  ${one}${end}`];
  const lines = [head];
  type.types.forEach((t, i) => {
    const last = i === type.types.length - 1 ? end : "";
    if (isObject(t)) {
      lines.push(`${indent}  | {`, ...objectMembers(t, `${indent}      `), `${indent}    }${last}`);
      return;
    }
    if (ts.isArrayTypeNode(t) && isObject(t.elementType)) {
      lines.push(
        `${indent}  | {`,
        ...objectMembers(t.elementType, `${indent}      `),
        `${indent}    }[]${last}`,
      );
      return;
    }
    const text = `${indent}  | ${member(t)}${last}`;
    if (text.length > WIDTH) unsupported("union member too long");
    lines.push(text);
  });
  return lines;
}

/**
 * TypeScript-printer text of a node `depth` levels deep, as printing the whole file would give it: every line
 * indented by 4 spaces per level (prettier re-indents code, but prints a comment it cannot re-indent as
 * written, so the indentation must be the whole file's).
 */
function printNode(printer: ts.Printer, file: ts.SourceFile, node: ts.Node, depth: number): string {
  const text = printer.printNode(ts.EmitHint.Unspecified, node, file);
  if (depth === 0) return text;
  // Only "\n" separates lines of the printer's output (a comment's CR, U+2028 and U+2029 become "\n"; an identifier
  // may hold U+2028 as it is). Empty lines are comment lines, which the printer indents too.
  const indent = "    ".repeat(depth);
  return text
    .split("\n")
    .map((line) => indent + line)
    .join("\n");
}

/**
 * openapi-typescript's statements as segments: printed text where this printer reproduces prettier, and
 * pieces for prettier elsewhere (one per unsupported member of a depth-1 type literal, depth-1 member or
 * statement). Statements are separated by single line breaks, as TypeScript's printer leaves them.
 */
export function prettyStatements(statements: readonly ts.Node[]): Segment[] {
  const file = ts.createSourceFile("types.ts", "", ts.ScriptTarget.ESNext, false, ts.ScriptKind.TS);
  const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed, removeComments: false });
  const segments: Segment[] = [];
  // Printed lines, joined once at the end of each run of text (between pieces).
  let run: string[] = [];
  const flush = (): void => {
    if (run.length > 0) segments.push({ text: `${run.join("\n")}\n` });
    run = [];
  };
  const text = (lines: readonly string[]): void => {
    for (const line of lines) run.push(line);
  };
  const piece = (head: readonly string[], body: string, tail: readonly string[]): void => {
    flush();
    segments.push({
      piece: {
        text: `${[...head, body, ...tail].join("\n")}\n`,
        head: head.map((l) => l.trim()),
        tail: tail.map((l) => l.trim()),
        blankBefore: false,
      },
    });
  };
  /**
   * Members at `indent` inside the open lines `open` (closed by `close`): printed where supported; an
   * unsupported member whose type is an object literal opens one more level, any other becomes a piece.
   */
  const members = (
    nodes: readonly ts.TypeElement[],
    indent: string,
    open: readonly string[],
    close: readonly string[],
  ): void => {
    for (const m of nodes) {
      // An object-literal member opens a level (the same lines memberLines would print), so an unsupported
      // member deep inside falls back alone, and nothing is printed twice.
      const group =
        open.length < MAX_PIECE_DEPTH ? attempt(() => memberGroup(m, indent)) : undefined;
      if (group !== undefined) {
        text([...group.docs, group.open]);
        members(
          group.inner.members,
          `${indent}  `,
          [...open, group.open],
          [`${indent}};`, ...close],
        );
        text([`${indent}};`]);
        continue;
      }
      const lines = attempt(() => memberLines(m, indent));
      if (lines !== undefined) text(lines);
      else piece(open, printNode(printer, file, m, open.length), close);
    }
  };
  for (const statement of statements) {
    const interfaceHeader = ts.isInterfaceDeclaration(statement)
      ? interfaceLine(statement)
      : undefined;
    if (interfaceHeader === undefined || !ts.isInterfaceDeclaration(statement)) {
      const lines = attempt(() => typeAlias(statement));
      if (lines !== undefined) text(lines);
      else piece([], printNode(printer, file, statement, 0), []);
      continue;
    }
    if (statement.members.length === 0) {
      text([`${interfaceHeader}}`]);
      continue;
    }
    text([interfaceHeader]);
    members(statement.members, "  ", [interfaceHeader], ["}"]);
    text(["}"]);
  }
  flush();
  return segments;
}

/**
 * A member whose type is an object literal (`    Pet: {`): its JSDoc lines, opening line and the literal, so its
 * members print (or fall back) one by one. Unsupported for any other member.
 */
function memberGroup(
  node: ts.TypeElement,
  indent: string,
): { docs: string[]; open: string; inner: ts.TypeLiteralNode } {
  if (
    !ts.isPropertySignature(node) ||
    node.type === undefined ||
    !isObject(node.type) ||
    (node.modifiers ?? []).length > 0
  )
    return unsupported("member");
  const open = `${indent}${propertyKey(node.name)}${node.questionToken !== undefined ? "?" : ""}: {`;
  return { docs: comments(node, indent), open, inner: node.type };
}

/** `export interface Name {` for a plain exported interface (no type parameters or heritage), else undefined. */
function interfaceLine(node: ts.InterfaceDeclaration): string | undefined {
  const exported = (node.modifiers ?? []).map((m) => m.kind);
  const plain =
    node.typeParameters === undefined &&
    node.heritageClauses === undefined &&
    exported.length === 1 &&
    exported[0] === ts.SyntaxKind.ExportKeyword;
  return plain &&
    IDENTIFIER.test(node.name.text) &&
    ts.getSyntheticLeadingComments(node) === undefined
    ? `export interface ${node.name.text} {`
    : undefined;
}

/** `export type Name = …;` without type parameters. */
function typeAlias(node: ts.Node): string[] {
  if (!ts.isTypeAliasDeclaration(node) || node.typeParameters !== undefined)
    return unsupported("statement");
  const exported = (node.modifiers ?? []).map((m) => m.kind);
  const keyword =
    exported.length === 0
      ? "type"
      : exported.length === 1 && exported[0] === ts.SyntaxKind.ExportKeyword
        ? "export type"
        : unsupported("modifier");
  const one = flat(node.type);
  const line = `${keyword} ${node.name.text} = ${one};`;
  return line.length <= WIDTH && IDENTIFIER.test(node.name.text)
    ? [...comments(node, ""), line]
    : unsupported("long alias");
}
