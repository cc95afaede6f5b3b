/**
 * Deterministic randomness for the mock: a seeded PRNG (mulberry32), a string hash to derive seeds, and
 * strings generated from a regular expression (`pattern`). No Math.random: the same seed, the same data.
 */
import { patternRegExp } from "./mock-schema.js";

/** A source of numbers in [0, 1) with helpers. */
export interface Random {
  /** The next number in [0, 1). */
  next(): number;
  /** A whole number from `min` to `max`, both included. */
  int(min: number, max: number): number;
  /** One element of a non-empty list. */
  pick<T>(list: readonly T[]): T;
}

/** FNV-1a over UTF-16 code units (a seed from a string). */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A mulberry32 generator seeded with `seed` (a 32-bit integer). */
export function random(seed: number): Random {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return { next, int, pick: (list) => list[int(0, list.length - 1)]! };
}

/** A regular-expression node: alternatives of sequences of quantified atoms. */
type Node =
  | { k: "alt"; alts: Node[][] }
  | { k: "set"; ranges: [number, number][]; neg: boolean }
  | { k: "rep"; node: Node; min: number; max: number }
  | { k: "str"; s: string };

const DIGIT: [number, number][] = [[48, 57]];
const WORD: [number, number][] = [
  [48, 57],
  [65, 90],
  [95, 95],
  [97, 122],
];
const SPACE: [number, number][] = [
  [32, 32],
  [9, 10],
  [13, 13],
];
const PRINTABLE: [number, number] = [32, 126];
const ESCAPES: Record<string, string> = { n: "\n", r: "\r", t: "\t", f: "\f", v: "\v", 0: "\0" };

/** A quantifier where the sticky `lastIndex` points. */
const QUANTIFIER = /(?:\*|\+|\?|\{(\d+)(,(\d*))?\})\??/y;
/** Parsed patterns (a pattern is parsed once, generated from many times). */
const parsed = new Map<string, Node | undefined>();

/** Parses the regex subset generation supports; lookarounds, anchors and backreferences match "". */
function parse(src: string): Node {
  let i = 0;
  const escape = (): { set?: [number, number][]; neg?: boolean; ch?: string } => {
    const c = src[i++]!;
    const lower = c.toLowerCase();
    const classes: Record<string, [number, number][]> = { d: DIGIT, w: WORD, s: SPACE };
    if (classes[lower]) return { set: classes[lower], neg: c !== lower };
    if (c === "u" && src[i] === "{") {
      const end = src.indexOf("}", i);
      const cp = parseInt(src.slice(i + 1, end), 16);
      i = end + 1;
      return { ch: String.fromCodePoint(cp) };
    }
    if (c === "u" || c === "x") {
      const n = c === "u" ? 4 : 2;
      const code = parseInt(src.slice(i, i + n), 16);
      i += n;
      return { ch: String.fromCharCode(code) };
    }
    return { ch: ESCAPES[c] ?? c };
  };
  const cls = (): Node => {
    const neg = src[i] === "^";
    if (neg) i++;
    const ranges: [number, number][] = [];
    let first = true;
    while (i < src.length && (src[i] !== "]" || first)) {
      first = false;
      let lo: number;
      if (src[i] === "\\") {
        i++;
        const e = escape();
        if (e.set) {
          ranges.push(...(e.neg ? invert(e.set) : e.set));
          continue;
        }
        lo = e.ch!.codePointAt(0)!;
      } else lo = src.codePointAt(i++)!;
      let hi = lo;
      if (src[i] === "-" && src[i + 1] !== "]" && i + 1 < src.length) {
        i++;
        if (src[i] === "\\") {
          i++;
          const e = escape();
          if (e.set) {
            ranges.push([lo, lo], [45, 45], ...e.set);
            continue;
          }
          hi = e.ch!.codePointAt(0)!;
        } else hi = src.codePointAt(i++)!;
      }
      ranges.push([Math.min(lo, hi), Math.max(lo, hi)]);
    }
    i++;
    return { k: "set", ranges, neg };
  };
  const alternatives = (): Node => {
    const alts: Node[][] = [[]];
    while (i < src.length && src[i] !== ")") {
      const c = src[i++]!;
      let atom: Node | undefined;
      if (c === "|") {
        alts.push([]);
        continue;
      } else if (c === "(") {
        let look = false;
        if (src[i] === "?") {
          look = src[i + 1] !== ":" && !(src[i + 1] === "<" && /[A-Za-z]/.test(src[i + 2] ?? ""));
          i = look
            ? i + (src[i + 1] === "<" ? 3 : 2)
            : src[i + 1] === ":"
              ? i + 2
              : src.indexOf(">", i) + 1;
        }
        const inner = alternatives();
        i++;
        atom = look ? { k: "str", s: "" } : inner;
      } else if (c === "[") atom = cls();
      else if (c === ".") atom = { k: "set", ranges: [PRINTABLE], neg: false };
      else if (c === "^" || c === "$") atom = { k: "str", s: "" };
      else if (c === "\\") {
        if (/[bB1-9]/.test(src[i]!)) {
          i++;
          atom = { k: "str", s: "" };
        } else {
          const e = escape();
          atom = e.set ? { k: "set", ranges: e.set, neg: !!e.neg } : { k: "str", s: e.ch! };
        }
      } else atom = { k: "str", s: c };
      QUANTIFIER.lastIndex = i;
      const q = QUANTIFIER.exec(src);
      if (q) {
        i += q[0].length;
        const [min, max] =
          q[0][0] === "*"
            ? [0, Infinity]
            : q[0][0] === "+"
              ? [1, Infinity]
              : q[0][0] === "?"
                ? [0, 1]
                : [+q[1]!, q[2] === undefined ? +q[1]! : q[3] ? +q[3] : Infinity];
        atom = { k: "rep", node: atom, min, max };
      }
      alts[alts.length - 1]!.push(atom);
    }
    return { k: "alt", alts };
  };
  return alternatives();
}

/** The printable ASCII characters outside `ranges`. */
function invert(ranges: readonly [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (let c = PRINTABLE[0]; c <= PRINTABLE[1]; c++)
    if (!ranges.some(([lo, hi]) => c >= lo && c <= hi)) out.push([c, c]);
  return out;
}

/** Repetitions beyond this many over the minimum are not tried for `*`, `+` and `{n,}` (more with `stretch`). */
function emit(node: Node, r: Random, stretch: number): string {
  switch (node.k) {
    case "str":
      return node.s;
    case "alt":
      return r
        .pick(node.alts)
        .map((n) => emit(n, r, stretch))
        .join("");
    case "rep": {
      let s = "";
      const max = Math.min(node.max, node.min + stretch);
      for (let n = r.int(node.min, max); n > 0; n--) s += emit(node.node, r, stretch);
      return s;
    }
    case "set": {
      const ranges = node.neg ? invert(node.ranges) : node.ranges;
      if (!ranges.length) return "";
      // printable ASCII first: header values and URLs stay simple
      const ascii = ranges.filter(([lo]) => lo >= 32 && lo < 127);
      const [lo, hi] = r.pick(ascii.length ? ascii : ranges);
      return String.fromCodePoint(r.int(lo, Math.min(hi, lo >= 32 && lo < 127 ? 126 : hi)));
    }
  }
}

/**
 * A string matching `pattern` and `accept` (e.g. length limits), or undefined when none was found in
 * `tries` attempts (unsupported syntax such as backreferences, or contradictory constraints). Unbounded
 * repetitions grow by `stretch` every 4 tries (pass the minLength wanted).
 */
export function fromPattern(
  pattern: string,
  r: Random,
  accept: (s: string) => boolean = () => true,
  stretch = 3,
  tries = 24,
): string | undefined {
  const re = patternRegExp(pattern);
  if (!parsed.has(pattern))
    try {
      parsed.set(pattern, parse(pattern));
    } catch {
      parsed.set(pattern, undefined);
    }
  const node = parsed.get(pattern);
  if (!re || !node) return undefined;
  for (let n = 0; n < tries; n++) {
    // later tries allow longer repetitions (for a minLength the short ones cannot reach)
    const s = emit(node, r, 3 + Math.floor(n / 4) * stretch);
    if (re.test(s) && accept(s)) return s;
  }
  return undefined;
}
