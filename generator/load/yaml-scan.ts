/**
 * yaml-scan: where the node at a JSON pointer starts in a YAML text, found by reading only the lines on the way
 * (the keys or `- ` items at each level's indentation) instead of parsing the whole document with `yaml`.
 *
 * It answers for the shape almost every spec file has — block mappings and sequences with plain or simply quoted
 * keys — exactly what yaml-locate.js's `nodeOffsets` gives (a mapping member: its key; a sequence item: the item).
 * Whatever it cannot be sure of (flow collections on the way, anchors, aliases, tags, merge keys, complex keys,
 * directives, tabs, a quoted scalar spanning lines, a token that is not there) gives `undefined`, and the caller
 * parses the document with `yaml`. test/unit/yaml-scan.test.ts compares it with `yaml` for every node of real specs.
 */

interface Lines {
  readonly text: string;
  /** Offset where each line starts. */
  readonly starts: readonly number[];
}

function lines(text: string): Lines {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return { text, starts };
}

/** A line's text without its line break (and without a CR before it). */
function lineText(l: Lines, i: number): string {
  const end = i + 1 < l.starts.length ? l.starts[i + 1]! - 1 : l.text.length;
  const line = l.text.slice(l.starts[i]!, end);
  return line.endsWith("\r") ? line.slice(0, -1) : line;
}

/**
 * Indentation of line `i`, read in place (no slicing: blocks span tens of thousands of lines); undefined for a
 * blank or comment-only line. Throws on a tab in the indentation.
 */
function indentAt(l: Lines, i: number): number | undefined {
  const start = l.starts[i]!;
  const text = l.text;
  let at = start;
  while (text.charCodeAt(at) === 32) at++;
  const c = text.charCodeAt(at);
  if (c === 9) throw UNSURE;
  if (Number.isNaN(c) || c === 10 || c === 13 || c === 35) return undefined;
  return at - start;
}

/** True when line `i` holds a `- ` (or lone `-`) sequence entry at column `indent`. */
function dashAt(l: Lines, i: number, indent: number): boolean {
  const at = l.starts[i]! + indent;
  if (l.text.charCodeAt(at) !== 45) return false;
  const next = l.text.charCodeAt(at + 1);
  return next === 32 || next === 10 || next === 13 || Number.isNaN(next);
}

const UNSURE = Symbol("unsure");

/** Characters that start a node this scanner does not follow (flow collections, anchors, aliases, tags, complex keys, block scalars are fine as leaves only). */
const SPECIAL_START = /^[&*!{[?%@`]/;

/**
 * The key at the start of `rest` (a line's content after its indentation) and where its value starts, or undefined
 * when the line is no `key:` line this scanner can read.
 */
function readKey(rest: string): { key: string; value: string } | undefined {
  let key: string;
  let after: string;
  if (rest.startsWith('"')) {
    const close = rest.indexOf('"', 1);
    if (close === -1) throw UNSURE;
    key = rest.slice(1, close);
    if (key.includes("\\")) throw UNSURE;
    after = rest.slice(close + 1);
  } else if (rest.startsWith("'")) {
    const close = rest.indexOf("'", 1);
    if (close === -1 || rest[close + 1] === "'") throw UNSURE;
    key = rest.slice(1, close);
    after = rest.slice(close + 1);
  } else {
    if (SPECIAL_START.test(rest) || rest.startsWith("<<") || rest.startsWith("- ") || rest === "-")
      throw UNSURE;
    const colon = rest.search(/:(?=\s|$)/);
    if (colon === -1) throw UNSURE;
    key = rest.slice(0, colon);
    if (/\s#/.test(key) || key !== key.trim() || key === "") throw UNSURE;
    after = rest.slice(colon);
  }
  const m = /^[ ]*:(?:[ ]+|$)/.exec(after);
  if (m === null) throw UNSURE;
  return { key, value: after.slice(m[0].length) };
}

/** The value text of a `key:` line without a trailing comment; throws for values this scanner cannot place. */
function inlineValue(value: string): string {
  const v = value.replace(/(^|\s+)#.*$/, "").trim();
  if (v.startsWith('"') || v.startsWith("'")) {
    // A quoted scalar must close on its line (a continuation line could look like a sibling key).
    const quote = v[0]!;
    const body = v.slice(1);
    const closed = quote === '"' ? /^(?:[^"\\]|\\.)*"/.test(body) : /^(?:[^']|'')*'/.test(body);
    if (!closed) throw UNSURE;
  }
  if (/^[&*!]/.test(v)) throw UNSURE;
  return v;
}

/**
 * A block being searched: lines `from`..`to` (exclusive) holding one mapping or sequence whose entries sit at
 * `indent`; the first entry may start mid-line at `firstColumn` (the content of a `- ` item on its dash line).
 */
interface Block {
  readonly from: number;
  readonly to: number;
  readonly indent: number;
  readonly first?: { readonly line: number; readonly column: number };
}

/** The entries of `block` in order: line, column where the entry's content starts. */
function* entries(l: Lines, block: Block): Generator<{ line: number; column: number }> {
  if (block.first !== undefined) yield block.first;
  for (let i = block.first !== undefined ? block.first.line + 1 : block.from; i < block.to; i++) {
    const indent = indentAt(l, i);
    if (indent === undefined || indent > block.indent) continue;
    if (indent < block.indent) throw UNSURE;
    yield { line: i, column: indent };
  }
}

/** End (exclusive line) of the node whose first line is `line`: the next content line indented `indent` or less. */
function endOf(
  l: Lines,
  line: number,
  to: number,
  indent: number,
  sequenceAtIndent: boolean,
): number {
  for (let i = line + 1; i < to; i++) {
    const n = indentAt(l, i);
    if (n === undefined || n > indent) continue;
    if (n < indent || !(sequenceAtIndent && dashAt(l, i, n))) return i;
  }
  return to;
}

/** The first content line at or after `from` (before `to`), with its indentation. */
function firstContent(
  l: Lines,
  from: number,
  to: number,
): { line: number; indent: number } | undefined {
  for (let i = from; i < to; i++) {
    const indent = indentAt(l, i);
    if (indent !== undefined) return { line: i, indent };
  }
  return undefined;
}

/** The block holding a value that starts on the lines after `line` (a `key:` with nothing after the colon). */
function valueBlock(l: Lines, line: number, to: number, keyIndent: number): Block {
  const next = firstContent(l, line + 1, to);
  if (next === undefined) throw UNSURE;
  const rest = lineText(l, next.line).slice(next.indent);
  // A block sequence may sit at the key's own indentation (`required:` then `- name` below it).
  const compactSequence = next.indent === keyIndent && /^- |^-$/.test(rest);
  if (next.indent <= keyIndent && !compactSequence) throw UNSURE;
  return {
    from: next.line,
    to: endOf(l, line, to, keyIndent, compactSequence),
    indent: next.indent,
  };
}

function scanOne(l: Lines, tokens: readonly string[]): number | undefined {
  const root = firstContent(l, 0, l.starts.length);
  if (root === undefined) return undefined;
  const head = lineText(l, root.line);
  if (head.startsWith("%") || head.startsWith("---") || head.startsWith("...")) return undefined;
  let block: Block = { from: root.line, to: l.starts.length, indent: root.indent };
  let offset = l.starts[root.line]! + root.indent;
  for (const [index, token] of tokens.entries()) {
    const last = index === tokens.length - 1;
    const firstEntry = entries(l, block).next();
    if (firstEntry.done === true) return undefined;
    const firstRest = lineText(l, firstEntry.value.line).slice(firstEntry.value.column);
    if (/^- |^-$/.test(firstRest)) {
      // A block sequence: the item at the token's index.
      if (!/^(0|[1-9]\d*)$/.test(token)) return undefined;
      let count = 0;
      let found: { line: number; column: number } | undefined;
      for (const entry of entries(l, block)) {
        const rest = lineText(l, entry.line).slice(entry.column);
        if (!/^- |^-$/.test(rest)) throw UNSURE;
        if (count++ === Number(token)) {
          found = entry;
          break;
        }
      }
      if (found === undefined) return undefined;
      const rest = lineText(l, found.line).slice(found.column);
      const spaces = /^-( +)/.exec(rest);
      if (spaces === null) return undefined; // `-` alone: the item starts on a later line
      const column = found.column + 1 + spaces[1]!.length;
      const content = rest.slice(1 + spaces[1]!.length);
      if (
        content === "" ||
        content.startsWith("#") ||
        SPECIAL_START.test(content) ||
        content.startsWith("- ")
      )
        return undefined;
      offset = l.starts[found.line]! + column;
      if (last) return offset;
      // The item is a mapping whose first key is on the dash line (anything else cannot hold the next token).
      readKey(content);
      block = {
        from: found.line,
        to: endOf(l, found.line, block.to, found.column, false),
        indent: column,
        first: { line: found.line, column },
      };
      continue;
    }
    // A block mapping: the member whose key is the token.
    let member: { line: number; column: number; value: string } | undefined;
    for (const entry of entries(l, block)) {
      const parsed = readKey(lineText(l, entry.line).slice(entry.column));
      if (parsed === undefined) return undefined;
      const value = inlineValue(parsed.value);
      if (parsed.key === token) {
        member = { ...entry, value };
        break;
      }
    }
    if (member === undefined) return undefined;
    offset = l.starts[member.line]! + member.column;
    if (last) return offset;
    if (member.value !== "") {
      // A scalar holds no members: `yaml` stops at its key. A flow collection would need parsing.
      return /^[{[|>]/.test(member.value) ? undefined : offset;
    }
    block = valueBlock(l, member.line, block.to, member.column);
  }
  return offset;
}

/**
 * Offsets (UTF-16 code units into `text`) where the nodes at the pointers' `tokens` start (see the module comment),
 * one per token list; `undefined` where the scanner cannot be sure (the caller then parses with `yaml`). Each list
 * costs a pass over the lines of the blocks on its way (a few ms on a 1.9 MB spec). Never throws.
 */
export function scanOffsets(
  text: string,
  tokenLists: readonly (readonly string[])[],
): (number | undefined)[] {
  const l = lines(text);
  return tokenLists.map((tokens) => {
    try {
      return scanOne(l, tokens);
    } catch (error) {
      if (error === UNSURE) return undefined;
      throw error;
    }
  });
}
