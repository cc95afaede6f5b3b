/**
 * The imports of operations.ts (part of emit/operations): the runtime specifiers the declarations use, and the
 * names they take from types.ts (`operations`, the view helpers, component aliases).
 */
import { StructureKind, type ImportDeclarationStructure, type StatementStructures } from "ts-morph";

/** Keeps only the import specifiers the generated file uses. */
export function usedImports(
  imports: readonly ImportDeclarationStructure[],
  used: ReadonlySet<string>,
): ImportDeclarationStructure[] {
  const out: ImportDeclarationStructure[] = [];
  for (const decl of imports) {
    const named = Array.isArray(decl.namedImports) ? decl.namedImports : [];
    const keep = named.filter((n) => used.has(typeof n === "string" ? n : n.name));
    if (keep.length > 0) out.push({ ...decl, namedImports: keep });
  }
  return out;
}

/** Identifiers in the type expressions of `statements` (string literals inside them skipped). */
export function typeNames(statements: readonly StatementStructures[]): Set<string> {
  const types: string[] = [];
  for (const s of statements) {
    if (s.kind === StructureKind.Interface)
      for (const p of s.properties ?? []) types.push(String(p.type ?? ""));
    if (s.kind === StructureKind.TypeAlias) types.push(String(s.type));
    if (s.kind === StructureKind.Function) {
      types.push(String(s.returnType ?? ""));
      for (const p of s.parameters ?? []) types.push(String(p.type ?? ""));
    }
  }
  const names = new Set<string>();
  for (const type of types)
    for (const m of type.replace(/"(?:[^"\\]|\\.)*"/g, '""').matchAll(/[A-Za-z_$][\w$]*/g))
      names.add(m[0]);
  return names;
}
