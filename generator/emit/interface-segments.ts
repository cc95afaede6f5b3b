/**
 * Segments of openapi-typescript's statements (see segments.ts): each statement printed by `astToString`, and the
 * large interfaces (`paths`, `components`, `operations`) cut between their members, so a changed schema re-formats
 * one small piece instead of the whole `components` interface.
 */
import { astToString } from "./openapi-typescript.js";
import ts from "typescript";
import { groupItems, type Segment } from "./segments.js";

/** A type literal member with at least this many members is itself cut between its members (`schemas: {…}`). */
const NESTED_SPLIT = 16;

const hasComments = (node: ts.Node): boolean =>
  (ts.getSyntheticLeadingComments(node)?.length ?? 0) > 0 ||
  (ts.getSyntheticTrailingComments(node)?.length ?? 0) > 0;

/**
 * An interface whose first line is only `export interface Name {`: what wraps a piece of its members prints
 * exactly like the real statement.
 */
function isPlainInterface(node: ts.Node): node is ts.InterfaceDeclaration {
  return (
    ts.isInterfaceDeclaration(node) &&
    node.typeParameters === undefined &&
    node.heritageClauses === undefined &&
    node.members.length > 1 &&
    !hasComments(node)
  );
}

/** A member `name: { … }` with an identifier name and many members: it is cut between its members too. */
function nestedLiteral(member: ts.TypeElement): ts.TypeLiteralNode | undefined {
  if (
    !ts.isPropertySignature(member) ||
    !ts.isIdentifier(member.name) ||
    member.questionToken !== undefined ||
    member.modifiers !== undefined ||
    member.type === undefined ||
    !ts.isTypeLiteralNode(member.type) ||
    member.type.members.length < NESTED_SPLIT ||
    hasComments(member)
  )
    return undefined;
  return member.type;
}

const memberKey = (member: ts.TypeElement): string =>
  member.name !== undefined && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name))
    ? member.name.text
    : "";

/** One printed piece: `members` wrapped in the interface (and `parent: {…}` when nested). */
function piece(
  node: ts.InterfaceDeclaration,
  members: readonly ts.TypeElement[],
  parent: ts.PropertySignature | undefined,
): string {
  let body = members;
  if (parent !== undefined) {
    // Multi-line, like openapi-typescript's own type literals (it sets no emit flags).
    const literal = ts.factory.createTypeLiteralNode(members);
    body = [ts.factory.createPropertySignature(undefined, parent.name, undefined, literal)];
  }
  return astToString(
    ts.factory.createInterfaceDeclaration(node.modifiers, node.name, undefined, undefined, body),
  );
}

/** Cuts one plain interface: members in groups, a large `name: {…}` member's members in groups of their own. */
function interfaceSegments(node: ts.InterfaceDeclaration): Segment[] {
  const runs: { parent?: ts.PropertySignature; members: ts.TypeElement[] }[] = [];
  for (const member of node.members) {
    if (nestedLiteral(member) !== undefined) {
      runs.push({
        parent: member as ts.PropertySignature,
        members: [...nestedLiteral(member)!.members],
      });
    } else {
      const last = runs[runs.length - 1];
      if (last !== undefined && last.parent === undefined) last.members.push(member);
      else runs.push({ members: [member] });
    }
  }
  const segments: Segment[] = [];
  runs.forEach((run, r) => {
    const groups = groupItems(run.members, memberKey);
    groups.forEach((group, g) => {
      const firstOfInterface = r === 0 && g === 0;
      const lastOfInterface = r === runs.length - 1 && g === groups.length - 1;
      // Wrapper lines kept: the interface's first line in its first piece, `parent: {` in the parent's first
      // piece, and the closing lines likewise in the last pieces; every other wrapper line is dropped.
      const nested = run.parent !== undefined ? 1 : 0;
      segments.push({
        text: piece(node, group, run.parent),
        head: firstOfInterface ? 0 : 1 + (g === 0 ? 0 : nested),
        tail: lastOfInterface ? 0 : 1 + (g === groups.length - 1 ? 0 : nested),
        blankBefore: false,
      });
    });
  });
  return segments;
}

/**
 * openapi-typescript's statements as segments: each printed by `astToString` (their concatenation is
 * `astToString(nodes)`), large plain interfaces cut between members.
 */
export function openApiSegments(nodes: readonly ts.Node[]): Segment[] {
  return nodes.flatMap((node) =>
    isPlainInterface(node)
      ? interfaceSegments(node)
      : [{ text: astToString(node), head: 0, tail: 0, blankBefore: false }],
  );
}
