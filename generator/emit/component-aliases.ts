/**
 * Component schemas under their alias names (issue 13 item 10), so editors show names, not structure: hovering a
 * value of `components["schemas"]["Image"]` shows `Image`, an array of them `Image[]`.
 *
 * TypeScript shows a type by an alias only when the alias declares it: `type Image = components["schemas"]["Image"]`
 * names nothing (the type is the anonymous one written inside `components`). So the structure moves into the alias
 * (`export type Image = { url?: string; owner?: Owner }`), `components.schemas.Image` becomes `Image`, and every
 * `components["schemas"]["X"]` in openapi-typescript's output becomes `X`. `paths`, `components` and `operations`
 * keep every member: `components["schemas"]["Image"]` is still the same type.
 */
import ts from "typescript";

/** The key `K` of `components["schemas"]["K"]`, or undefined for any other node. */
function schemaKey(node: ts.Node): string | undefined {
  if (!ts.isIndexedAccessTypeNode(node)) return undefined;
  const outer = node.indexType;
  const inner = node.objectType;
  if (
    !ts.isLiteralTypeNode(outer) ||
    !ts.isStringLiteral(outer.literal) ||
    !ts.isIndexedAccessTypeNode(inner) ||
    !ts.isLiteralTypeNode(inner.indexType) ||
    !ts.isStringLiteral(inner.indexType.literal) ||
    inner.indexType.literal.text !== "schemas" ||
    !ts.isTypeReferenceNode(inner.objectType) ||
    !ts.isIdentifier(inner.objectType.typeName) ||
    inner.objectType.typeName.text !== "components"
  )
    return undefined;
  return outer.literal.text;
}

/** A property's key as written (`Image`, `"Shape.Point"`). */
function memberKey(member: ts.TypeElement): string | undefined {
  const name = member.name;
  if (name === undefined) return undefined;
  return ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)
    ? name.text
    : undefined;
}

export interface NamedComponents {
  /** openapi-typescript's statements with every component schema referred to by its alias. */
  readonly nodes: ts.Node[];
  /** Alias name → the component schema's type, for `export type <alias> = <type>`. */
  readonly types: ReadonlyMap<string, ts.TypeNode>;
}

/**
 * Rewrites openapi-typescript's statements (see the module comment).
 * @param aliasByKey Component schema key → alias name.
 */
export function nameComponents(
  nodes: readonly ts.Node[],
  aliasByKey: ReadonlyMap<string, string>,
): NamedComponents {
  const types = new Map<string, ts.TypeNode>();
  const reference = (alias: string): ts.TypeNode => ts.factory.createTypeReferenceNode(alias);
  const result = ts.transform(
    [...nodes],
    [
      (context) => {
        const visit = (node: ts.Node): ts.Node => {
          const key = schemaKey(node);
          const alias = key !== undefined ? aliasByKey.get(key) : undefined;
          if (alias !== undefined) return reference(alias);
          return ts.visitEachChild(node, visit, context);
        };
        return (root) => ts.visitNode(root, visit, (n): n is ts.Node => n !== undefined);
      },
    ],
  );
  const rewritten = result.transformed.map((node) => {
    if (!ts.isInterfaceDeclaration(node) || node.name.text !== "components") return node;
    const members = node.members.map((member) => {
      if (
        memberKey(member) !== "schemas" ||
        !ts.isPropertySignature(member) ||
        member.type === undefined ||
        !ts.isTypeLiteralNode(member.type)
      )
        return member;
      const schemas = member.type.members.map((schema) => {
        const key = memberKey(schema);
        const alias = key !== undefined ? aliasByKey.get(key) : undefined;
        if (alias === undefined || !ts.isPropertySignature(schema) || schema.type === undefined)
          return schema;
        types.set(alias, schema.type);
        return ts.factory.updatePropertySignature(
          schema,
          schema.modifiers,
          schema.name,
          schema.questionToken,
          reference(alias),
        );
      });
      return ts.factory.updatePropertySignature(
        member,
        member.modifiers,
        member.name,
        member.questionToken,
        ts.factory.updateTypeLiteralNode(member.type, ts.factory.createNodeArray(schemas)),
      );
    });
    return ts.factory.updateInterfaceDeclaration(
      node,
      node.modifiers,
      node.name,
      node.typeParameters,
      node.heritageClauses,
      members,
    );
  });
  result.dispose();
  return { nodes: rewritten, types };
}

/** A type node as source text (with the JSDoc openapi-typescript attached to its members). */
export function printType(type: ts.TypeNode): string {
  const file = ts.createSourceFile("types.ts", "", ts.ScriptTarget.ESNext, false, ts.ScriptKind.TS);
  const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed, removeComments: false });
  return printer.printNode(ts.EmitHint.Unspecified, type, file);
}
