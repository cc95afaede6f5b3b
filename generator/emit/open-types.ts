/**
 * `openEnums` in types.ts: the marked enums and unions (model/open-types.ts) typed as `$Open<…>` and
 * `$OpenUnion<…>`, and the `Readable`/`Writable` helpers that open them in responses and close them in requests.
 *
 * The markers live in `components` (one type per schema, shared by requests and responses), so the direction is
 * chosen where a type is used, like openapi-typescript's `readWriteMarkers`: our helpers replace its four and add
 * the open cases. Without a view a marked enum is effectively closed (no value has the `$Unlisted` brand).
 */
import ts from "typescript";
import type { SchemaObject } from "openapi-typescript";
import { OPEN_ENUM, OPEN_UNION } from "../model/open-types.js";

/**
 * Replaces openapi-typescript's `readWriteMarkers` helpers (same `$Read`/`$Write` semantics). Kept on one line each
 * like openapi-typescript's own, so that the printed file reads the same.
 */
export const OPEN_HELPERS = `
export type $Read<T> = { readonly $read: T };
export type $Write<T> = { readonly $write: T };
export type $Unlisted<T> = T & { readonly $unlisted: true };
export type $Open<T extends string | number> = T | $Unlisted<T extends string ? string : number>;
export type $OpenUnion<P extends string> = { readonly $openUnion: P };
export interface $UnknownDiscriminator extends String { readonly $unknownDiscriminator: true }
export type $Unknown<P extends string> = { [K in P]: $UnknownDiscriminator } & { [key: string]: unknown };
export type Readable<T> = T extends $Write<any> ? never : T extends $Read<infer U> ? Readable<U> : T extends $Unlisted<unknown> ? (T extends string ? string & {} : number & {}) : T extends $OpenUnion<infer P> ? $Unknown<P> : T extends (infer E)[] ? Readable<E>[] : T extends object ? { [K in keyof T as NonNullable<T[K]> extends $Write<any> ? never : K]: Readable<T[K]> } : T;
export type Writable<T> = T extends $Read<any> | $Unlisted<unknown> | $OpenUnion<string> ? never : T extends $Write<infer U> ? Writable<U> : T extends (infer E)[] ? Writable<E>[] : T extends object ? { [K in keyof T as NonNullable<T[K]> extends $Read<any> ? never : K]: Writable<T[K]> } & { [K in keyof T as NonNullable<T[K]> extends $Read<any> ? K : never]?: never } : T;
`;

const HELPER_NAMES = new Set(["$Read", "$Write", "Readable", "Writable"]);

function helperName(node: ts.Node): string | undefined {
  return ts.isTypeAliasDeclaration(node) && HELPER_NAMES.has(node.name.text)
    ? node.name.text
    : undefined;
}

/** `nodes` without openapi-typescript's helpers where `OPEN_HELPERS` (injected after them) declares them again. */
export function withoutReadWriteHelpers(nodes: readonly ts.Node[]): ts.Node[] {
  const last = new Map<string, number>();
  nodes.forEach((node, i) => {
    const name = helperName(node);
    if (name !== undefined) last.set(name, i);
  });
  return nodes.filter((node, i) => {
    const name = helperName(node);
    return name === undefined || last.get(name) === i;
  });
}

function literalType(value: string | number): ts.LiteralTypeNode {
  if (typeof value === "string")
    return ts.factory.createLiteralTypeNode(ts.factory.createStringLiteral(value));
  const numeric = ts.factory.createNumericLiteral(Math.abs(value));
  return ts.factory.createLiteralTypeNode(
    value < 0 ? ts.factory.createPrefixUnaryExpression(ts.SyntaxKind.MinusToken, numeric) : numeric,
  );
}

/** `$Open<"A" | "B">` for a marked enum (`| null` when a 3.1 type array allows null), `$OpenUnion<"type">` for a union's marker member. */
export function openType(schema: SchemaObject): ts.TypeNode | undefined {
  const record = schema as Record<string, unknown>;
  const values = record[OPEN_ENUM];
  if (Array.isArray(values)) {
    const open = ts.factory.createTypeReferenceNode("$Open", [
      ts.factory.createUnionTypeNode((values as (string | number)[]).map(literalType)),
    ]);
    const type = record["type"];
    return Array.isArray(type) && type.includes("null")
      ? ts.factory.createUnionTypeNode([
          open,
          ts.factory.createLiteralTypeNode(ts.factory.createNull()),
        ])
      : open;
  }
  const name = record[OPEN_UNION];
  if (typeof name === "string")
    return ts.factory.createTypeReferenceNode("$OpenUnion", [literalType(name)]);
  return undefined;
}
