/**
 * emit/pretty-type-text: layout of a type written as text (the `type` strings of ts-morph structures) where it does
 * not fit on its line — unions one member per line, type arguments one per line, after the `=` of a type alias —
 * for emit/pretty-structures.ts. Unsupported (a piece for prettier) for anything else.
 */
import { fits, plain, unsupported } from "./pretty-common.js";

/** Top-level ` | ` split of a type's text (outside brackets and strings); one element when it is no union. */
export function unionMembers(type: string): string[] {
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
      return /^(\[("[^"]*"|\w+)\])*$/.test(rest)
        ? { name: open[0].slice(0, -1), args, rest }
        : undefined;
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
export function brokenGeneric(
  head: string,
  type: string,
  end: string,
  indent: string,
): string[] | undefined {
  const g = generic(type);
  if (g === undefined || g.args.some((a) => a === "" || /[{}]|=>/.test(a))) return undefined;
  const lines = [`${head}${g.name}<`];
  if (!fits(lines[0]!)) return unsupported("long head");
  g.args.forEach((a, i) => {
    const comma = i < g.args.length - 1 ? "," : "";
    const line = `${indent}  ${a}${comma}`;
    if (fits(line) || (unbreakable(a) && unionMembers(a).length === 1)) lines.push(line);
    else
      lines.push(
        ...(brokenGeneric(`${indent}  `, a, comma, `${indent}  `) ??
          unsupported("long type argument")),
      );
  });
  lines.push(`${indent}>${g.rest}${end}`);
  return lines;
}

/** A type prettier never breaks: a name or keyword with indexed accesses, `(typeof x)[number]`, a literal. */
function unbreakable(type: string): boolean {
  return /^([\w$]+|\(typeof [\w$]+\)|"[^"]*")(\[("[^"]*"|[\w$]+)\])*$/.test(type);
}

/** `head` + ` = ` + a type and `;`: one line, the type alone on the next line, or one union member per line. */
export function assignedType(head: string, type: string, indent: string): string[] {
  plain(type);
  if (/[{}]|=>/.test(type)) return unsupported("complex type");
  const one = `${head} = ${type};`;
  if (fits(one)) return [one];
  const members = unionMembers(type);
  if (members.length === 1) {
    // Not even `head = Name<` fits: prettier breaks after the `=` (reproduced when the type then fits).
    if (!fits(`${head} = ${type.slice(0, type.indexOf("<") + 1)}`) && fits(`${indent}  ${type};`))
      return [`${head} =`, `${indent}  ${type};`];
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
    return (
      brokenGeneric(`${indent}  | `, m, end, `${indent}    `) ?? unsupported("breakable member")
    );
  });
  return [`${head} =`, ...lines];
}
