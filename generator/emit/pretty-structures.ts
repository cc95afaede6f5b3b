/**
 * emit/pretty-structures: prints the ts-morph statement structures the emitters build (imports, interfaces,
 * type aliases, `const` statements, functions) directly in prettier's layout, as ts-morph would print them and
 * prettier would then format them — without either. Blank lines follow ts-morph's rule (one around interfaces
 * and functions), which prettier keeps.
 *
 * Like emit/pretty-types.ts it covers only shapes it reproduces exactly (lines that fit in the width, long unions
 * in type aliases, objects and arrays broken one entry per line, long signatures with one parameter per line);
 * any other statement is printed by ts-morph and left to prettier as a piece. test/unit/pretty-structures.test.ts
 * and test/bench/verify-format.ts compare the result with prettier on the whole ts-morph-printed file.
 */
import ts from "typescript";
import { StructureKind, type ImportDeclarationStructure, type JSDocStructure, type OptionalKind, type StatementStructures } from "ts-morph";
import type { Statement } from "./print.js";
import { IDENTIFIER, Unsupported, WIDTH, prettierString, unsupported, type Segment } from "./pretty-common.js";

/** Text that needs no quote or escape rewriting by prettier (strings in it are double-quoted and plain). */
const PLAIN = /^[^'\\`\n\r\u2028\u2029]*$/;

const fits = (line: string): boolean => line.length <= WIDTH;
const plain = (text: string): string => (PLAIN.test(text) ? text : unsupported("quotes or escapes"));

/** JSDoc as ts-morph writes it and prettier re-indents it. */
function docLines(docs: readonly (string | OptionalKind<JSDocStructure>)[] | undefined, indent: string): string[] {
  const out: string[] = [];
  for (const doc of docs ?? []) {
    if (typeof doc !== "string" && typeof doc !== "object") return unsupported("doc writer");
    let text: string;
    if (typeof doc === "string") text = doc;
    else {
      if (typeof doc.description === "function" || (doc.tags ?? []).some((t) => typeof t.text === "function")) return unsupported("doc writer");
      text = doc.description ?? "";
      const tags = (doc.tags ?? []).map((t) => `@${t.tagName}${t.text !== undefined && t.text !== "" ? ` ${String(t.text)}` : ""}`);
      if (tags.length > 0) text = text.length > 0 ? `${text}\n${tags.join("\n")}` : tags.join("\n");
    }
    if (text === "") {
      out.push(`${indent}/** */`);
      continue;
    }
    // ts-morph writes `/** text */`, or `/**`, ` * line` per line (` *` when empty; a leading empty line is dropped) and
    // ` */`; prettier keeps the one-line form and re-indents the other (blockComment's rule, applied to those lines).
    const lines = text.split("\n");
    if (lines.length === 1) {
      out.push(`${indent}/** ${text}${text.endsWith(" ") ? "" : " "}*/`);
      continue;
    }
    out.push(`${indent}/**`);
    for (let i = lines[0] === "" ? 1 : 0; i < lines.length; i++) {
      const line = `* ${lines[i]}`;
      const trimmed = line.trimEnd();
      out.push(`${indent} ${trimmed}${trimmed !== "*" && line.endsWith("  ") ? "  " : ""}`);
    }
    out.push(`${indent} */`);
  }
  return out;
}

/** An object key as prettier prints it (quotes dropped where the name is an identifier). */
function key(text: string): string {
  if (IDENTIFIER.test(text)) return text;
  if (/^"[^"\\]*"$/.test(text) && /^[\x20-\x7e]*$/.test(text)) {
    const name = text.slice(1, -1);
    return IDENTIFIER.test(name) ? name : text;
  }
  return unsupported("key");
}

/** Top-level ` | ` split of a type's text (outside brackets and strings); one element when it is no union. */
function unionMembers(type: string): string[] {
  const members: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < type.length; i++) {
    const c = type[i]!;
    if (c === '"') {
      i = type.indexOf('"', i + 1);
      if (i === -1) return unsupported("string");
    } else if (c === "<" || c === "(" || c === "[" || c === "{") depth++;
    else if (c === ">" || c === ")" || c === "]" || c === "}") depth--;
    else if (depth === 0 && type.startsWith(" | ", i)) {
      members.push(type.slice(start, i));
      start = i + 3;
      i += 2;
    }
  }
  members.push(type.slice(start));
  return members;
}

/** `Name<a, b>["x"]…` split into its name, top-level type arguments and trailing indexed accesses; else undefined. */
function generic(type: string): { name: string; args: string[]; rest: string } | undefined {
  const open = /^[\w$]+</.exec(type);
  if (open === null) return undefined;
  const args: string[] = [];
  let depth = 0;
  let start = open[0].length;
  for (let i = start; i < type.length; i++) {
    const c = type[i]!;
    if (c === '"') {
      i = type.indexOf('"', i + 1);
      if (i === -1) return undefined;
    } else if (c === "<" || c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") depth--;
    else if (c === ">") {
      if (depth > 0) {
        depth--;
        continue;
      }
      args.push(type.slice(start, i).trim());
      const rest = type.slice(i + 1);
      return /^(\[("[^"]*"|\w+)\])*$/.test(rest) ? { name: open[0].slice(0, -1), args, rest } : undefined;
    } else if (c === "," && depth === 0) {
      args.push(type.slice(start, i).trim());
      start = i + 1;
    }
  }
  return undefined;
}

/**
 * A type that does not fit after `head` (which ends in `: `, ` = ` or `| `), broken inside its type arguments:
 * `head` + `Name<`, one argument per line (an argument that still does not fit breaks the same way), `>` + indexed
 * accesses + `end`. Undefined when the type has no type arguments.
 */
function brokenGeneric(head: string, type: string, end: string, indent: string): string[] | undefined {
  const g = generic(type);
  if (g === undefined || g.args.some((a) => a === "" || /[{}]|=>/.test(a))) return undefined;
  const lines = [`${head}${g.name}<`];
  if (!fits(lines[0]!)) return unsupported("long head");
  g.args.forEach((a, i) => {
    const comma = i < g.args.length - 1 ? "," : "";
    const line = `${indent}  ${a}${comma}`;
    if (fits(line) || (unbreakable(a) && unionMembers(a).length === 1)) lines.push(line);
    else lines.push(...(brokenGeneric(`${indent}  `, a, comma, `${indent}  `) ?? unsupported("long type argument")));
  });
  lines.push(`${indent}>${g.rest}${end}`);
  return lines;
}

/** A type prettier never breaks: a name or keyword with indexed accesses, `(typeof x)[number]`, a literal. */
function unbreakable(type: string): boolean {
  return /^([\w$]+|\(typeof [\w$]+\)|"[^"]*")(\[("[^"]*"|[\w$]+)\])*$/.test(type);
}

/** `head` + ` = ` + a type and `;`: one line, the type alone on the next line, or one union member per line. */
function assignedType(head: string, type: string, indent: string): string[] {
  plain(type);
  if (/[{}]|=>/.test(type)) return unsupported("complex type");
  const one = `${head} = ${type};`;
  if (fits(one)) return [one];
  const members = unionMembers(type);
  if (members.length === 1) {
    // Not even `head = Name<` fits: prettier breaks after the `=` (reproduced when the type then fits).
    if (!fits(`${head} = ${type.slice(0, type.indexOf("<") + 1)}`) && fits(`${indent}  ${type};`)) return [`${head} =`, `${indent}  ${type};`];
    const broken = brokenGeneric(`${head} = `, type, ";", indent);
    if (broken !== undefined) return broken;
    // Nothing in it can break: prettier moves it after the `=` even when it is still too long there.
    if (unbreakable(type)) return [`${head} =`, `${indent}  ${type};`];
    return unsupported("breakable type");
  }
  if (fits(`${indent}  ${type};`)) return [`${head} =`, `${indent}  ${type};`];
  const lines = members.flatMap((m, i) => {
    const end = i === members.length - 1 ? ";" : "";
    const line = `${indent}  | ${m}${end}`;
    if (fits(line) || unbreakable(m)) return [line];
    // A member that breaks is aligned after its bar.
    return brokenGeneric(`${indent}  | `, m, end, `${indent}    `) ?? unsupported("breakable member");
  });
  return [`${head} =`, ...lines];
}

/** An expression's text on one line (literals, arrays and objects of them). */
function flat(node: ts.Expression, source: ts.SourceFile): string {
  if (ts.isStringLiteral(node)) {
    const raw = node.getText(source);
    return raw.startsWith('"') ? prettierString(raw.slice(1, -1)) : unsupported("quote");
  }
  if (ts.isNumericLiteral(node)) return /^\d+(\.\d*[1-9])?$/.test(node.text) && node.getText(source) === node.text ? node.text : unsupported("number");
  if (node.kind === ts.SyntaxKind.TrueKeyword) return "true";
  if (node.kind === ts.SyntaxKind.FalseKeyword) return "false";
  if (node.kind === ts.SyntaxKind.NullKeyword) return "null";
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(node.operand)) return `-${flat(node.operand, source)}`;
  if (ts.isArrayLiteralExpression(node)) return `[${node.elements.map((e) => flat(e, source)).join(", ")}]`;
  if (ts.isObjectLiteralExpression(node)) {
    if (node.properties.length === 0) return "{}";
    return `{ ${node.properties.map((p) => property(p, source)).join(", ")} }`;
  }
  return unsupported(ts.SyntaxKind[node.kind]);
}

function property(p: ts.ObjectLiteralElementLike, source: ts.SourceFile): string {
  if (!ts.isPropertyAssignment(p) || ts.isComputedPropertyName(p.name)) return unsupported("property");
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
function expression(head: string, node: ts.Expression, end: string, indent: string, source: ts.SourceFile): string[] {
  const expanded = ts.isObjectLiteralExpression(node) && node.properties.length > 0 && source.text[node.getStart(source) + 1] === "\n";
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
      if (!ts.isPropertyAssignment(p) || ts.isComputedPropertyName(p.name)) return unsupported("property");
      const value = p.initializer;
      if (!ts.isObjectLiteralExpression(value) && !ts.isArrayLiteralExpression(value) && !fits(`${inner}${key(p.name.getText(source))}: ${flat(value, source)},`)) return unsupported("long value");
      return expression(`${inner}${key(p.name.getText(source))}: `, value, ",", inner, source);
    });
    return [`${head}{`, ...lines, `${indent}}${end}`];
  }
  if (ts.isArrayLiteralExpression(node) && node.elements.length > 0) {
    const single = node.elements.length === 1 && (ts.isObjectLiteralExpression(node.elements[0]!) || ts.isArrayLiteralExpression(node.elements[0]!));
    if (!forced && (single || node.elements.every((e) => ts.isNumericLiteral(e) || ts.isPrefixUnaryExpression(e)))) return unsupported("array layout");
    const lines = node.elements.flatMap((e) => {
      if (!ts.isObjectLiteralExpression(e) && !ts.isArrayLiteralExpression(e) && !fits(`${inner}${flat(e, source)},`)) return unsupported("long element");
      return expression(inner, e, ",", inner, source);
    });
    return [`${head}[`, ...lines, `${indent}]${end}`];
  }
  return unsupported("long expression");
}

/** `const name: Type = initializer;` (initializer text parsed by TypeScript to lay it out). */
type VariableStructure = Extract<StatementStructures, { kind: StructureKind.VariableStatement }>;

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
function parseInitializers(structures: readonly StatementStructures[]): Map<StatementStructures, { expression: ts.Expression; source: ts.SourceFile }> {
  const owners = structures.filter((s) => initializerOf(s) !== undefined);
  const parsed = new Map<StatementStructures, { expression: ts.Expression; source: ts.SourceFile }>();
  if (owners.length === 0) return parsed;
  const source = ts.createSourceFile("initializers.ts", owners.map((s) => `(${initializerOf(s)!});\n`).join(""), ts.ScriptTarget.ESNext, true, ts.ScriptKind.TS);
  if (source.statements.length !== owners.length) return parsed;
  owners.forEach((owner, i) => {
    const statement = source.statements[i]!;
    if (ts.isExpressionStatement(statement) && ts.isParenthesizedExpression(statement.expression)) parsed.set(owner, { expression: statement.expression.expression, source });
  });
  return parsed;
}

/** `const name: Type = initializer;` (the initializer laid out from its parsed form). */
function variable(s: VariableStructure, initializer: { expression: ts.Expression; source: ts.SourceFile } | undefined): string[] {
  if (s.declarations.length !== 1 || s.declarationKind !== "const" || s.hasDeclareKeyword === true || initializer === undefined) return unsupported("declaration");
  const d = s.declarations[0]!;
  if ((d.type !== undefined && typeof d.type !== "string") || d.hasExclamationToken === true) return unsupported("writer");
  const head = `${s.isExported === true ? "export " : ""}const ${d.name}${d.type !== undefined ? `: ${plain(d.type)}` : ""} = `;
  if (!IDENTIFIER.test(d.name)) return unsupported("name");
  const { source } = initializer;
  let expr = initializer.expression;
  let suffix = ";";
  if (ts.isAsExpression(expr) && ts.isTypeReferenceNode(expr.type) && expr.type.getText(source) === "const") {
    expr = expr.expression;
    suffix = " as const;";
  }
  return [...docLines(s.docs, ""), ...expression(head, expr, suffix, "", source)];
}

/** `import { a, type B } from "m";` (broken one specifier per line when long). */
function importDeclaration(s: ImportDeclarationStructure): string[] {
  if (s.defaultImport !== undefined || s.namespaceImport !== undefined || s.attributes !== undefined || !Array.isArray(s.namedImports) || s.namedImports.length === 0) return unsupported("import");
  const names = s.namedImports.map((n) => {
    if (typeof n === "string") return n;
    if (typeof n !== "object" || (n.alias !== undefined && n.alias !== "")) return unsupported("specifier");
    return `${n.isTypeOnly === true ? "type " : ""}${n.name}`;
  });
  const head = `import ${s.isTypeOnly === true ? "type " : ""}`;
  const from = ` from ${prettierString(plain(s.moduleSpecifier))};`;
  const one = `${head}{ ${names.join(", ")} }${from}`;
  if (fits(one)) return [one];
  return [`${head}{`, ...names.map((n) => `  ${n},`), `}${from}`];
}

function interfaceDeclaration(s: Extract<StatementStructures, { kind: StructureKind.Interface }>): string[] {
  if ((s.typeParameters ?? []).length > 0 || (s.extends ?? []).length > 0 || (s.methods ?? []).length > 0 || (s.indexSignatures ?? []).length > 0 || (s.callSignatures ?? []).length > 0 || (s.constructSignatures ?? []).length > 0 || (s.getAccessors ?? []).length > 0 || (s.setAccessors ?? []).length > 0) {
    return unsupported("interface");
  }
  const open = `${s.isExported === true ? "export " : ""}interface ${s.name} {`;
  const properties = s.properties ?? [];
  if (properties.length === 0) return [...docLines(s.docs, ""), `${open}}`];
  const members = properties.flatMap((p) => {
    if (typeof p.type !== "string" || p.initializer !== undefined || p.isReadonly === true) return unsupported("property");
    const head = `  ${key(p.name)}${p.hasQuestionToken === true ? "?" : ""}: `;
    const line = `${head}${plain(p.type)};`;
    if (/[{}]|=>/.test(p.type) || unionMembers(p.type).length > 1) return unsupported("complex property");
    if (fits(line)) return [...docLines(p.docs, "  "), line];
    return [...docLines(p.docs, "  "), ...(brokenGeneric(head, p.type, ";", "  ") ?? unsupported("long property"))];
  });
  return [...docLines(s.docs, ""), open, ...members, "}"];
}

function functionDeclaration(s: Extract<StatementStructures, { kind: StructureKind.Function }>): string[] {
  if ((s.typeParameters ?? []).length > 0 || (s.overloads ?? []).length > 0 || s.isAsync === true || s.isGenerator === true || s.isDefaultExport === true || s.hasDeclareKeyword === true || typeof s.returnType !== "string" || s.name === undefined) {
    return unsupported("function");
  }
  const params = (s.parameters ?? []).map((p) => {
    if (typeof p.type !== "string" || (p.initializer !== undefined && typeof p.initializer !== "string") || p.isRestParameter === true || (p.decorators ?? []).length > 0 || p.scope !== undefined || p.isReadonly === true) return unsupported("parameter");
    return `${p.name}${p.hasQuestionToken === true ? "?" : ""}: ${plain(p.type)}${p.initializer !== undefined ? ` = ${plain(p.initializer)}` : ""}`;
  });
  const statements = typeof s.statements === "string" ? [s.statements] : Array.isArray(s.statements) ? s.statements : unsupported("body");
  const body = statements.map((b) => (typeof b === "string" && !b.includes("\n") && /;$/.test(b) && !/\/[/*]/.test(b) && fits(`  ${plain(b)}`) ? `  ${b}` : unsupported("body")));
  const head = `${s.isExported === true ? "export " : ""}function ${s.name}(`;
  const returns = `): ${plain(s.returnType)} {`;
  if (/[{}]|=>/.test(s.returnType)) return unsupported("return type");
  const one = `${head}${params.join(", ")}${returns}`;
  const returnLines = fits(returns) ? [returns] : (brokenGeneric("): ", s.returnType, " {", "") ?? unsupported("return type"));
  const signature = fits(one) ? [one] : [head, ...params.map((p) => `  ${p},`), ...returnLines];
  if (!signature.every(fits)) return unsupported("long parameter");
  return [...docLines(s.docs, ""), ...signature, ...body, "}"];
}

function typeAlias(s: Extract<StatementStructures, { kind: StructureKind.TypeAlias }>): string[] {
  if ((s.typeParameters ?? []).length > 0 || typeof s.type !== "string" || s.hasDeclareKeyword === true) return unsupported("type alias");
  return [...docLines(s.docs, ""), ...assignedType(`${s.isExported === true ? "export " : ""}type ${s.name}`, s.type, "")];
}

const BLOCKS: ReadonlySet<StructureKind> = new Set([StructureKind.Function, StructureKind.Interface, StructureKind.Class, StructureKind.Enum, StructureKind.Module]);

function statementLines(s: StatementStructures, initializers: ReturnType<typeof parseInitializers>): string[] {
  switch (s.kind) {
    case StructureKind.ImportDeclaration:
      return importDeclaration(s);
    case StructureKind.Interface:
      return interfaceDeclaration(s);
    case StructureKind.TypeAlias:
      return typeAlias(s);
    case StructureKind.VariableStatement:
      return variable(s, initializers.get(s));
    case StructureKind.Function:
      return functionDeclaration(s);
    default:
      return unsupported("statement kind");
  }
}

/**
 * Statements as segments: printed text where supported, otherwise a piece holding `printOne(statement)` (ts-morph's
 * text) for prettier. A blank line goes before and after interfaces and functions, as ts-morph writes them.
 * @param blankBefore Whether the first statement follows a blank line (it continues a file).
 * @returns undefined when a statement is text or a writer function (format the whole file instead).
 */
export function prettyStructures(statements: readonly Statement[], printOne: (statement: Statement) => string, blankBefore = false): Segment[] | undefined {
  const structures = statements.filter((s): s is StatementStructures => typeof s === "object");
  // Text and writer statements: ts-morph's blank lines around them depend on their text; leave the file to prettier.
  if (structures.length !== statements.length) return undefined;
  const initializers = parseInitializers(structures);
  const segments: Segment[] = [];
  let previous: StructureKind | undefined;
  structures.forEach((s, i) => {
    const blank = i === 0 ? blankBefore : BLOCKS.has(s.kind) || (previous !== undefined && BLOCKS.has(previous));
    previous = s.kind;
    let lines: string[] | undefined;
    try {
      lines = statementLines(s, initializers);
    } catch (error) {
      if (!(error instanceof Unsupported)) throw error;
    }
    if (lines !== undefined) segments.push({ text: `${blank ? "\n" : ""}${lines.join("\n")}\n` });
    else segments.push({ piece: { text: printOne(s), head: [], tail: [], blankBefore: blank } });
  });
  return segments;
}
