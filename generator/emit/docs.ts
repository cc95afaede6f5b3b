/**
 * Text from the spec placed in comments: the only way spec strings reach a comment.
 * `*\/` is broken so it cannot close the comment; line breaks are kept.
 */

import { literal } from "../util/literal.js";

export { literal };

/** Makes `text` safe inside a JSDoc block. */
export function docText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[\u2028\u2029]/g, "\n")
    .replace(/\*\//g, "*\\/")
    .replaceAll("\u0000", "\\0")
    .trim();
}

/** Makes `text` safe on one line of a JSDoc block (line breaks become spaces). */
export function docLine(text: string): string {
  return docText(text).replace(/\s*\n\s*/g, " ");
}

/**
 * `text` on one line without its closing `.`/`;` (a list adds its own punctuation), or undefined when nothing is
 * left: a blank description leaves no `()`, no dangling `:`, no empty JSDoc.
 */
export function docPhrase(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const line = docLine(text).replace(/[\s.;]+$/, "");
  return line === "" ? undefined : line;
}

/** `docText(text)`, or undefined when it is blank. */
export function docBlock(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const block = docText(text);
  return block === "" ? undefined : block;
}

/** A property key: bare when it is an identifier, otherwise a string literal. */
export function propertyKey(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) && name !== "__proto__" ? name : literal(name);
}

/**
 * A key in an object literal (a value, not a type): like `propertyKey`, but `__proto__` is computed
 * (`["__proto__"]`), because `"__proto__": v` would set the object's prototype instead of a property.
 */
export function objectKey(name: string): string {
  return name === "__proto__" ? `[${literal(name)}]` : propertyKey(name);
}

/**
 * `value` with `satisfies type` when `key` names an Object.prototype member (`constructor`, `toString`…):
 * TypeScript does not type such a property of an object literal from a `Record` index signature, so
 * `{ constructor: { type: "apiKey" } }` would widen `"apiKey"` to `string` and fail to compile.
 */
export function contextuallyTyped(key: string, value: string, type: string): string {
  return key in Object.prototype ? `${value} satisfies ${type}` : value;
}
