/**
 * Text from the spec placed in comments: the only way spec strings reach a comment.
 * `*\/` is broken so it cannot close the comment; line breaks are kept.
 */

/** Makes `text` safe inside a JSDoc block. */
export function docText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[\u2028\u2029]/g, "\n")
    .replace(/\*\//g, "*\\/")
    .replace(/\u0000/g, "\\0")
    .trim();
}

/** Makes `text` safe on one line of a JSDoc block (line breaks become spaces). */
export function docLine(text: string): string {
  return docText(text).replace(/\s*\n\s*/g, " ");
}

/** A string literal for `value` (JSON escaping is valid JavaScript string syntax). */
export function literal(value: string): string {
  return JSON.stringify(value).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/** A property key: bare when it is an identifier, otherwise a string literal. */
export function propertyKey(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) && name !== "__proto__" ? name : literal(name);
}
