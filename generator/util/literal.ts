/** Strings from the spec written as code: the one rule for string literals. */

/**
 * A string literal for `value`: JSON escaping (valid JavaScript string syntax), U+2028/U+2029 escaped, and each
 * backslash written `\u005C`. ts-morph's code writer reads the `\"` at the end of `"\\"` as an escaped quote, loses
 * track of the string, then takes a `/*` in a later literal for an open comment and "closes" it with a stray `*\/`
 * (found by test/unit/hostile.test.ts).
 */
export function literal(value: string): string {
  return JSON.stringify(value)
    .replace(/\\\\/g, "\\u005C")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
