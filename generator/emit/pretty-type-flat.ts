/**
 * emit/pretty-type-flat: one-line rendering of openapi-typescript's type nodes as prettier prints them (keywords,
 * literals with prettier's quotes, references, indexed access, arrays, tuples, unions and intersections of those),
 * and property keys. Unsupported for an object literal or any shape prettier might rewrite. For emit/pretty-types.ts.
 */
import ts from "typescript";
import { IDENTIFIER, Unsupported, key, prettierString, unsupported } from "./pretty-common.js";

/** Text TypeScript's printer gives a synthesized string literal, when it needs no escaping (else unsupported). */
function plainStringText(text: string): string {
  return /^[\x20-\x7e]*$/.test(text) && !/["\\]/.test(text) ? text : unsupported("escaped string");
}

export function propertyKey(name: ts.PropertyName): string {
  if (ts.isIdentifier(name))
    return IDENTIFIER.test(name.text) ? name.text : unsupported("identifier");
  // A quoted name that is an identifier loses its quotes (pretty-common `key`, shared with the structures printer).
  if (ts.isStringLiteral(name)) return key(`"${plainStringText(name.text)}"`);
  if (ts.isNumericLiteral(name))
    return /^\d+$/.test(name.text) ? name.text : unsupported("number key");
  return unsupported("key");
}

const KEYWORDS: ReadonlyMap<ts.SyntaxKind, string> = new Map([
  [ts.SyntaxKind.StringKeyword, "string"],
  [ts.SyntaxKind.NumberKeyword, "number"],
  [ts.SyntaxKind.BooleanKeyword, "boolean"],
  [ts.SyntaxKind.UnknownKeyword, "unknown"],
  [ts.SyntaxKind.NeverKeyword, "never"],
  [ts.SyntaxKind.AnyKeyword, "any"],
  [ts.SyntaxKind.UndefinedKeyword, "undefined"],
  [ts.SyntaxKind.ObjectKeyword, "object"],
  [ts.SyntaxKind.BigIntKeyword, "bigint"],
]);

function literal(node: ts.LiteralTypeNode): string {
  const l = node.literal;
  if (l.kind === ts.SyntaxKind.NullKeyword) return "null";
  if (l.kind === ts.SyntaxKind.TrueKeyword) return "true";
  if (l.kind === ts.SyntaxKind.FalseKeyword) return "false";
  if (ts.isStringLiteral(l)) return prettierString(plainStringText(l.text));
  if (ts.isNumericLiteral(l))
    return /^\d+(\.\d+)?$/.test(l.text) && !/\.\d*0$/.test(l.text) ? l.text : unsupported("number");
  if (
    ts.isPrefixUnaryExpression(l) &&
    l.operator === ts.SyntaxKind.MinusToken &&
    ts.isNumericLiteral(l.operand)
  ) {
    return `-${literal(ts.factory.createLiteralTypeNode(l.operand))}`;
  }
  return unsupported("literal");
}

export const isObject = (node: ts.TypeNode): node is ts.TypeLiteralNode =>
  ts.isTypeLiteralNode(node) && node.members.length > 0;
export const isNull = (node: ts.TypeNode): boolean =>
  ts.isLiteralTypeNode(node) && node.literal.kind === ts.SyntaxKind.NullKeyword;

/** The type on one line; unsupported when it holds an object type literal or a shape prettier might rewrite. */
export function flat(node: ts.TypeNode): string {
  const keyword = KEYWORDS.get(node.kind);
  if (keyword !== undefined) return keyword;
  if (ts.isLiteralTypeNode(node)) return literal(node);
  if (ts.isIdentifier(node as ts.Node)) {
    // openapi-typescript writes string literal types as identifiers holding JSON.stringify(value).
    const text = (node as ts.Node as ts.Identifier).text;
    if (text.startsWith('"') && text.endsWith('"') && text.length >= 2)
      return prettierString(text.slice(1, -1));
    return IDENTIFIER.test(text) ? text : unsupported("identifier type");
  }
  if (ts.isTypeReferenceNode(node)) {
    const name =
      ts.isIdentifier(node.typeName) && IDENTIFIER.test(node.typeName.text)
        ? node.typeName.text
        : unsupported("type name");
    return node.typeArguments === undefined
      ? name
      : `${name}<${node.typeArguments.map(flat).join(", ")}>`;
  }
  if (ts.isIndexedAccessTypeNode(node)) return `${flat(node.objectType)}[${flat(node.indexType)}]`;
  if (ts.isArrayTypeNode(node)) {
    const element = node.elementType;
    if (
      ts.isParenthesizedTypeNode(element) &&
      (ts.isUnionTypeNode(element.type) || ts.isIntersectionTypeNode(element.type))
    )
      return `(${flat(element.type)})[]`;
    if (
      ts.isUnionTypeNode(element) ||
      ts.isIntersectionTypeNode(element) ||
      ts.isParenthesizedTypeNode(element)
    )
      return unsupported("array element");
    return `${flat(element)}[]`;
  }
  if (ts.isTupleTypeNode(node))
    return `[${node.elements.map((e) => flat(e as ts.TypeNode)).join(", ")}]`;
  if (ts.isUnionTypeNode(node)) return node.types.map(member).join(" | ");
  if (ts.isIntersectionTypeNode(node)) return node.types.map(member).join(" & ");
  if (ts.isTypeLiteralNode(node) && node.members.length === 0) return "{}";
  return unsupported(ts.SyntaxKind[node.kind]);
}

/**
 * A member of a union or intersection on one line. A parenthesized union keeps its parentheses (prettier does);
 * other nesting is left to prettier.
 */
export function member(node: ts.TypeNode): string {
  if (ts.isParenthesizedTypeNode(node) && ts.isUnionTypeNode(node.type))
    return `(${node.type.types.map(member).join(" | ")})`;
  if (
    ts.isUnionTypeNode(node) ||
    ts.isIntersectionTypeNode(node) ||
    ts.isParenthesizedTypeNode(node)
  )
    return unsupported("nested union");
  return flat(node);
}

export function tryFlat(node: ts.TypeNode): string | undefined {
  try {
    return flat(node);
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}
