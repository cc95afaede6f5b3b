/**
 * The fast YAML path: js-yaml (several times faster than `yaml` on a large spec) with a schema that resolves plain
 * scalars exactly as `yaml`'s YAML 1.2 core schema does (same patterns, same constructors), so that a document it
 * accepts gives the same value `yaml` would. Anything where the two could differ is not decided here: the caller
 * parses the text with `yaml` instead (see `load.ts`), so acceptance, errors and values stay `yaml`'s.
 *
 * Handed back to `yaml`: every js-yaml error (syntax, duplicate key, any explicit tag other than the core scalar
 * tags, nesting deeper than `MAX_NESTING`, stack exhaustion) and warning; an empty document; anchors and aliases
 * (`yaml` limits alias expansion); `%YAML` directives (`%YAML 1.1` switches `yaml` to the 1.1 schema); mapping keys
 * that are collections or null (`yaml` writes `[ a, b ]` and `""`, js-yaml `a,b` and `null`), found by the parse
 * listener or, for explicit `?` keys and flow-map entries without a value, by a scan of the text; and implicit keys
 * whose `:` is more than 1024 characters from the key's start (an error in `yaml`).
 */
import { Schema, Type, load as jsYamlLoad, type State } from "js-yaml";

/** Deepest nesting the fast path parses (collections within collections); deeper documents go to `yaml`. */
export const MAX_NESTING = 400;

/** Longest implicit key `yaml` accepts: from the key's start to its `:`, in characters. */
const MAX_IMPLICIT_KEY = 1024;

// The YAML 1.2 core schema as `yaml` (2.x) defines it: yaml/dist/schema/core/{bool,int,float}.js, common/null.js.
const nullType = new Type("tag:yaml.org,2002:null", {
  kind: "scalar",
  resolve: (data: string) => /^(?:~|[Nn]ull|NULL)?$/.test(data),
  construct: () => null,
});
const boolType = new Type("tag:yaml.org,2002:bool", {
  kind: "scalar",
  resolve: (data: string) => /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(data),
  construct: (data: string) => data[0] === "t" || data[0] === "T",
});
const intType = new Type("tag:yaml.org,2002:int", {
  kind: "scalar",
  resolve: (data: string) =>
    /^0o[0-7]+$/.test(data) || /^[-+]?[0-9]+$/.test(data) || /^0x[0-9a-fA-F]+$/.test(data),
  construct: (data: string) =>
    /^0o[0-7]+$/.test(data)
      ? parseInt(data.substring(2), 8)
      : /^0x[0-9a-fA-F]+$/.test(data)
        ? parseInt(data.substring(2), 16)
        : parseInt(data, 10),
});
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;
const floatType = new Type("tag:yaml.org,2002:float", {
  kind: "scalar",
  resolve: (data: string) => FLOAT_NAN.test(data) || FLOAT_EXP.test(data) || FLOAT.test(data),
  construct: (data: string) =>
    FLOAT_NAN.test(data)
      ? data.slice(-3).toLowerCase() === "nan"
        ? NaN
        : data[0] === "-"
          ? Number.NEGATIVE_INFINITY
          : Number.POSITIVE_INFINITY
      : parseFloat(data),
});

/** Only the four core scalar types: no `!!str`/`!!seq`/`!!map`/`!!timestamp`/merge keys, so those tags throw (→ `yaml`). */
const CORE = new Schema({ implicit: [nullType, boolType, intType, floatType] });

/**
 * Explicit-key indicators (`? key`), at a line's start (after indentation and `-`, `?`, `:` indicators) or after a flow
 * indicator: keys the parse listener cannot tell from values. Over-matching (the same characters inside a block
 * scalar) only costs the fast path. Tried at each `?` only (see `textNeedsYaml`): from its line's start, and from
 * the flow indicator before it.
 */
const EXPLICIT_KEY_LINE = /[ \t]*(?:[-?:][ \t]+)*\?(?:\s|$)/my;
const EXPLICIT_KEY_FLOW = /[[{,][ \t]*\?(?:\s|$)/my;

/**
 * Where `yaml` is stricter than js-yaml about blanks and properties (over-matching, e.g. inside a block scalar, only
 * costs the fast path): a tab in a line's indentation or before node properties (`yaml` takes it for indentation:
 * `-\t&a x` is an error there); a comment right after `:` (`"a":#c`); properties ending a line and more on the next
 * (`a: &x\n  &y v`, two anchors; tried at each `&` and `!` only).
 */
const TABS = /^ *\t|\t[ \t]*[&!]/m;
const PROPERTIES_ON_TWO_LINES = /[&!]\S*[ \t]*(?:#[^\n]*)?\r?\n[ \t]*[&!]/y;

/** True for the characters after which `^` matches with the `m` flag. */
const isLineTerminator = (c: number): boolean =>
  c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;

/**
 * True when the text shows something the parse listener cannot see (EXPLICIT_KEY_*, TABS, `:#`,
 * PROPERTIES_ON_TWO_LINES). The patterns run only where they can match, found with `indexOf`: one cold regular
 * expression pass over openai.yaml's 1.9 MB costs the main thread ~20 ms, these scans ~1 ms.
 */
function textNeedsYaml(text: string): boolean {
  if (text.includes(":#") || (text.includes("\t") && TABS.test(text))) return true;
  for (let i = text.indexOf("?"); i !== -1; i = text.indexOf("?", i + 1)) {
    let start = i;
    while (start > 0 && !isLineTerminator(text.charCodeAt(start - 1))) start--;
    EXPLICIT_KEY_LINE.lastIndex = start;
    if (EXPLICIT_KEY_LINE.test(text)) return true;
    let flow = i - 1;
    while (flow >= 0 && (text.charCodeAt(flow) === 0x20 || text.charCodeAt(flow) === 0x09)) flow--;
    EXPLICIT_KEY_FLOW.lastIndex = Math.max(flow, 0);
    if (flow >= 0 && EXPLICIT_KEY_FLOW.test(text)) return true;
  }
  for (const property of ["&", "!"]) {
    for (let i = text.indexOf(property); i !== -1; i = text.indexOf(property, i + 1)) {
      PROPERTIES_ON_TWO_LINES.lastIndex = i;
      if (PROPERTIES_ON_TWO_LINES.test(text)) return true;
    }
  }
  return false;
}

/**
 * Aliases read before the fast path gives up. `yaml` refuses a document whose anchor is resolved more than 1000
 * times (`maxAliasCount`); with no alias inside an anchored node, that needs at least 1000 aliases.
 */
const MAX_ALIASES = 999;

/** Offset of the first character at or after `at` that is neither blank nor in a comment. */
function contentStart(input: string, at: number): number {
  for (;;) {
    const c = input.charCodeAt(at);
    if (isBlank(c)) at++;
    else if (c === 0x23 /* # */) {
      const eol = input.indexOf("\n", at);
      if (eol === -1) return input.length;
      at = eol + 1;
    } else return at;
  }
}

/**
 * True when the node at `start` opens with properties (`&anchor`, `!tag`) followed on the same line by more content:
 * for a block mapping, js-yaml then reads them as the first key's and accepts the mapping even where `yaml` refuses
 * a compact mapping (`a: &x b: 1`).
 */
function propertiesBeforeKey(input: string, start: number): boolean {
  let at = start;
  let c = input.charCodeAt(at);
  if (c !== 0x26 /* & */ && c !== 0x21 /* ! */) return false;
  while (c === 0x26 || c === 0x21) {
    while (at < input.length && !isBlank(c)) c = input.charCodeAt(++at);
    while (c === 0x20 || c === 0x09) c = input.charCodeAt(++at);
  }
  return at < input.length && c !== 0x0a && c !== 0x0d && c !== 0x23; /* # */
}

/** True for a mapping with a key js-yaml writes differently from `yaml` (null: `null` vs `""`; a mapping). */
function oddKeys(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    (Object.hasOwn(value, "null") || Object.hasOwn(value, "[object Object]"))
  );
}

/** Column (0-based, in UTF-16 code units) of offset `at`. */
function column(input: string, at: number): number {
  return at - (input.lastIndexOf("\n", at - 1) + 1);
}

/** Offset of a node's content after its properties (`&anchor`, `!tag`) at `at`, and the blanks and comments after them. */
function afterProperties(input: string, at: number): number {
  let c = input.charCodeAt(at);
  while (c === 0x26 /* & */ || c === 0x21 /* ! */) {
    while (at < input.length && !isBlank(c)) c = input.charCodeAt(++at);
    at = contentStart(input, at);
    c = input.charCodeAt(at);
  }
  return at;
}

/** True for space, tab, CR and LF. */
const isBlank = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** Thrown by the listener to abandon the fast path. */
class Unsupported extends Error {}

/**
 * Parses `text` (YAML, BOM already removed) with js-yaml when the result is certain to equal `yaml`'s
 * `parseDocument(text, { uniqueKeys: true }).toJS()`.
 * @returns `{ value }`, or undefined when the text must be parsed with `yaml` (for any reason listed above,
 *   including every error: the caller's `yaml` parse reports it with its usual message and position).
 */
export function parseYamlFast(text: string): { value: unknown } | undefined {
  if (textNeedsYaml(text)) return undefined;
  const input = text;
  // Per open node: where it starts (after blanks and comments), whether its content (after properties) is a flow
  // mapping, and how many aliases had been read when it opened.
  const starts: number[] = [];
  const flowMaps: boolean[] = [];
  // Per open node: the column of its first `-` when it may be a block sequence, else -1.
  const seqColumns: number[] = [];
  const aliasesAtOpen: number[] = [];
  let aliases = 0;
  const listener = (event: "open" | "close", state: State): void => {
    if (event === "open") {
      const at = contentStart(input, state.position);
      const body = afterProperties(input, at);
      const c = input.charCodeAt(body);
      starts.push(at);
      flowMaps.push(c === 0x7b /* { */);
      aliasesAtOpen.push(aliases);
      seqColumns.push(
        c === 0x2d /* - */ && (body + 1 >= input.length || isBlank(input.charCodeAt(body + 1)))
          ? column(input, body)
          : -1,
      );
      return;
    }
    const start = starts.pop()!;
    flowMaps.pop();
    seqColumns.pop();
    const aliasesBefore = aliasesAtOpen.pop()!;
    const s = state as State & { anchor: string | null };
    if (s.version !== null) throw new Unsupported();
    const alias = input.charCodeAt(start) === 0x2a; /* * */
    if (alias && ++aliases >= MAX_ALIASES) throw new Unsupported();
    // An anchored node holding an alias multiplies `yaml`'s alias count: leave that to `yaml`.
    if (s.anchor !== null && aliases !== aliasesBefore) throw new Unsupported();
    const kind = s.kind;
    const collection = kind === "sequence" || kind === "mapping" || alias;
    if (kind === "mapping" && oddKeys(s.result)) throw new Unsupported();
    // A flow sequence's single-pair mappings (`[a: b]`) are built without a node of their own.
    if (kind === "sequence" && Array.isArray(s.result) && s.result.some(oddKeys))
      throw new Unsupported();
    if (kind === "mapping" && propertiesBeforeKey(input, start)) throw new Unsupported();
    // `yaml` requires blank space before a comment (`"b"#c` is an error there).
    let at = s.position;
    let c = input.charCodeAt(at);
    if (c === 0x23 /* # */ && at > 0 && !isBlank(input.charCodeAt(at - 1))) throw new Unsupported();
    // An implicit key is followed, on its line, by `:`.
    while (c === 0x20 || c === 0x09) c = input.charCodeAt(++at);
    if (c === 0x3a /* : */ && (collection || at - start > MAX_IMPLICIT_KEY - 24))
      throw new Unsupported();
    // js-yaml takes a less indented `-` as an item of a nested compact sequence (`- - a\n  - b`): every item of a
    // block sequence must have its `-` in the sequence's column.
    const parent = starts.length - 1;
    const seqColumn = seqColumns[parent] ?? -1;
    if (seqColumn !== -1 && starts[parent]! < start) {
      let before = start - 1;
      while (before >= 0 && isBlank(input.charCodeAt(before))) before--;
      if (input.charCodeAt(before) !== 0x2d || column(input, before) !== seqColumn)
        throw new Unsupported();
    }
    // A collection in a flow mapping is a value only right after `:`; otherwise it is a key (`{ [a], b: 1 }`).
    // (A node starting where its parent starts is the parent's own content, not an entry of it.)
    if (collection && flowMaps[parent] === true && starts[parent]! < start) {
      let before = start - 1;
      while (before >= 0 && isBlank(input.charCodeAt(before))) before--;
      if (input.charCodeAt(before) !== 0x3a) throw new Unsupported();
    }
  };
  try {
    const value = jsYamlLoad(text, {
      schema: CORE,
      listener,
      onWarning: () => {
        throw new Unsupported();
      },
      maxDepth: MAX_NESTING,
    } as Parameters<typeof jsYamlLoad>[1] & { maxDepth: number });
    // A scalar document is no OpenAPI document (and js-yaml indents a top-level block scalar differently).
    return typeof value === "object" && value !== null ? { value } : undefined;
  } catch {
    return undefined;
  }
}
