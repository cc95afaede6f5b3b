/**
 * emit/pretty-structures: prints the ts-morph statement structures the emitters build (imports, interfaces,
 * type aliases, `const` statements, functions) directly in prettier's layout, as ts-morph would print them and
 * prettier would then format them — without either. Blank lines follow ts-morph's rule (one around interfaces
 * and functions), which prettier keeps.
 *
 * Like emit/pretty-types.ts it covers only shapes it reproduces exactly (lines that fit in the width, long unions
 * in type aliases, objects and arrays broken one entry per line, long signatures with one parameter per line);
 * any other statement is printed by ts-morph and left to prettier as a piece. test/unit/pretty-print.test.ts, the
 * hostile-spec property test and test/bench/verify-format.ts compare the result with prettier on the whole file.
 */
import ts from "typescript";
import {
  StructureKind,
  type ImportDeclarationStructure,
  type JSDocStructure,
  type OptionalKind,
  type StatementStructures,
} from "ts-morph";
import type { Statement } from "./print.js";
import {
  IDENTIFIER,
  Unsupported,
  fits,
  key,
  plain,
  prettierString,
  unsupported,
  type Segment,
} from "./pretty-common.js";
import { assignedType, brokenGeneric, unionMembers } from "./pretty-type-text.js";
import { expression, parseInitializers, type ParsedInitializer } from "./pretty-values.js";

/** JSDoc as ts-morph writes it and prettier re-indents it. */
function docLines(
  docs: readonly (string | OptionalKind<JSDocStructure>)[] | undefined,
  indent: string,
): string[] {
  const out: string[] = [];
  for (const doc of docs ?? []) {
    if (typeof doc !== "string" && typeof doc !== "object") return unsupported("doc writer");
    let text: string;
    if (typeof doc === "string") text = doc;
    else {
      if (
        typeof doc.description === "function" ||
        (doc.tags ?? []).some((t) => typeof t.text === "function")
      )
        return unsupported("doc writer");
      text = doc.description ?? "";
      const tags = (doc.tags ?? []).map(
        (t) => `@${t.tagName}${t.text !== undefined && t.text !== "" ? ` ${String(t.text)}` : ""}`,
      );
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

type VariableStructure = Extract<StatementStructures, { kind: StructureKind.VariableStatement }>;

/** `const name: Type = initializer;` (the initializer laid out from its parsed form). */
function variable(s: VariableStructure, initializer: ParsedInitializer | undefined): string[] {
  if (
    s.declarations.length !== 1 ||
    s.declarationKind !== "const" ||
    s.hasDeclareKeyword === true ||
    initializer === undefined
  )
    return unsupported("declaration");
  const d = s.declarations[0]!;
  if ((d.type !== undefined && typeof d.type !== "string") || d.hasExclamationToken === true)
    return unsupported("writer");
  const head = `${s.isExported === true ? "export " : ""}const ${d.name}${d.type !== undefined ? `: ${plain(d.type)}` : ""} = `;
  if (!IDENTIFIER.test(d.name)) return unsupported("name");
  const { source } = initializer;
  let expr = initializer.expression;
  let suffix = ";";
  if (
    ts.isAsExpression(expr) &&
    ts.isTypeReferenceNode(expr.type) &&
    expr.type.getText(source) === "const"
  ) {
    expr = expr.expression;
    suffix = " as const;";
  }
  return [...docLines(s.docs, ""), ...expression(head, expr, suffix, "", source)];
}

/** `import { a, type B } from "m";` (broken one specifier per line when long). */
function importDeclaration(s: ImportDeclarationStructure): string[] {
  if (
    s.defaultImport !== undefined ||
    s.namespaceImport !== undefined ||
    s.attributes !== undefined ||
    !Array.isArray(s.namedImports) ||
    s.namedImports.length === 0
  )
    return unsupported("import");
  const names = s.namedImports.map((n) => {
    if (typeof n === "string") return n;
    if (typeof n !== "object" || (n.alias !== undefined && n.alias !== ""))
      return unsupported("specifier");
    return `${n.isTypeOnly === true ? "type " : ""}${n.name}`;
  });
  const head = `import ${s.isTypeOnly === true ? "type " : ""}`;
  const from = ` from ${prettierString(plain(s.moduleSpecifier))};`;
  const one = `${head}{ ${names.join(", ")} }${from}`;
  if (fits(one)) return [one];
  return [`${head}{`, ...names.map((n) => `  ${n},`), `}${from}`];
}

function interfaceDeclaration(
  s: Extract<StatementStructures, { kind: StructureKind.Interface }>,
): string[] {
  if (
    (s.typeParameters ?? []).length > 0 ||
    (s.extends ?? []).length > 0 ||
    (s.methods ?? []).length > 0 ||
    (s.indexSignatures ?? []).length > 0 ||
    (s.callSignatures ?? []).length > 0 ||
    (s.constructSignatures ?? []).length > 0 ||
    (s.getAccessors ?? []).length > 0 ||
    (s.setAccessors ?? []).length > 0
  ) {
    return unsupported("interface");
  }
  const open = `${s.isExported === true ? "export " : ""}interface ${s.name} {`;
  const properties = s.properties ?? [];
  if (properties.length === 0) return [...docLines(s.docs, ""), `${open}}`];
  const members = properties.flatMap((p) => {
    if (typeof p.type !== "string" || p.initializer !== undefined || p.isReadonly === true)
      return unsupported("property");
    const head = `  ${key(p.name)}${p.hasQuestionToken === true ? "?" : ""}: `;
    const line = `${head}${plain(p.type)};`;
    if (/[{}]|=>/.test(p.type) || unionMembers(p.type).length > 1)
      return unsupported("complex property");
    if (fits(line)) return [...docLines(p.docs, "  "), line];
    return [
      ...docLines(p.docs, "  "),
      ...(brokenGeneric(head, p.type, ";", "  ") ?? unsupported("long property")),
    ];
  });
  return [...docLines(s.docs, ""), open, ...members, "}"];
}

function functionDeclaration(
  s: Extract<StatementStructures, { kind: StructureKind.Function }>,
): string[] {
  if (
    (s.typeParameters ?? []).length > 0 ||
    (s.overloads ?? []).length > 0 ||
    s.isAsync === true ||
    s.isGenerator === true ||
    s.isDefaultExport === true ||
    s.hasDeclareKeyword === true ||
    typeof s.returnType !== "string" ||
    s.name === undefined
  ) {
    return unsupported("function");
  }
  const params = (s.parameters ?? []).map((p) => {
    if (
      typeof p.type !== "string" ||
      (p.initializer !== undefined && typeof p.initializer !== "string") ||
      p.isRestParameter === true ||
      (p.decorators ?? []).length > 0 ||
      p.scope !== undefined ||
      p.isReadonly === true
    )
      return unsupported("parameter");
    return `${p.name}${p.hasQuestionToken === true ? "?" : ""}: ${plain(p.type)}${p.initializer !== undefined ? ` = ${plain(p.initializer)}` : ""}`;
  });
  const statements =
    typeof s.statements === "string"
      ? [s.statements]
      : Array.isArray(s.statements)
        ? s.statements
        : unsupported("body");
  const body = statements.map((b) =>
    typeof b === "string" &&
    !b.includes("\n") &&
    /;$/.test(b) &&
    !/\/[/*]/.test(b) &&
    fits(`  ${plain(b)}`)
      ? `  ${b}`
      : unsupported("body"),
  );
  const head = `${s.isExported === true ? "export " : ""}function ${s.name}(`;
  const returns = `): ${plain(s.returnType)} {`;
  if (/[{}]|=>/.test(s.returnType)) return unsupported("return type");
  const one = `${head}${params.join(", ")}${returns}`;
  const returnLines = fits(returns)
    ? [returns]
    : (brokenGeneric("): ", s.returnType, " {", "") ?? unsupported("return type"));
  const signature = fits(one) ? [one] : [head, ...params.map((p) => `  ${p},`), ...returnLines];
  if (!signature.every(fits)) return unsupported("long parameter");
  return [...docLines(s.docs, ""), ...signature, ...body, "}"];
}

function typeAlias(s: Extract<StatementStructures, { kind: StructureKind.TypeAlias }>): string[] {
  if (
    (s.typeParameters ?? []).length > 0 ||
    typeof s.type !== "string" ||
    s.hasDeclareKeyword === true
  )
    return unsupported("type alias");
  return [
    ...docLines(s.docs, ""),
    ...assignedType(`${s.isExported === true ? "export " : ""}type ${s.name}`, s.type, ""),
  ];
}

const BLOCKS: ReadonlySet<StructureKind> = new Set([
  StructureKind.Function,
  StructureKind.Interface,
  StructureKind.Class,
  StructureKind.Enum,
  StructureKind.Module,
]);

function statementLines(
  s: StatementStructures,
  initializers: ReturnType<typeof parseInitializers>,
): string[] {
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
export function prettyStructures(
  statements: readonly Statement[],
  printOne: (statement: Statement) => string,
  blankBefore = false,
): Segment[] | undefined {
  const structures = statements.filter((s): s is StatementStructures => typeof s === "object");
  // Text and writer statements: ts-morph's blank lines around them depend on their text; leave the file to prettier.
  if (structures.length !== statements.length) return undefined;
  const initializers = parseInitializers(structures);
  const segments: Segment[] = [];
  let previous: StructureKind | undefined;
  structures.forEach((s, i) => {
    const blank =
      i === 0
        ? blankBefore
        : BLOCKS.has(s.kind) || (previous !== undefined && BLOCKS.has(previous));
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
