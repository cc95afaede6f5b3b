/**
 * The js-yaml fast path (generator/load/yaml-fast.ts) against `yaml`, the parser whose semantics it must keep: whenever
 * the fast path returns a value, `yaml` accepts the same text and gives a deep-strictly-equal value (same types:
 * no Date, no `yes` → true, no merge keys). Everything else must be handed back (undefined) so `yaml` decides.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { parseYamlFast } from "../../generator/load/yaml-fast.js";
import { describeWithSpecs, PROJECT_ROOT, SPECS_DIR } from "../helpers/specs-dir.js";

/** What `load` did before the fast path: `yaml` with unique keys, aliases limited; undefined when it refuses. */
function viaYaml(text: string): { value: unknown } | undefined {
  try {
    const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
    if (doc.errors.length > 0) return undefined;
    return { value: doc.toJS({ maxAliasCount: 1000 }) as unknown };
  } catch {
    return undefined;
  }
}

/** The property: the fast path either gives up or agrees with `yaml` exactly. */
function agrees(text: string): boolean {
  const fast = parseYamlFast(text);
  if (fast === undefined) return true;
  const slow = viaYaml(text);
  return slow !== undefined && isDeepStrictEqual(fast.value, slow.value);
}

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) yamlFiles(full, out);
    else if (/\.ya?ml$/.test(entry)) out.push(full);
  }
  return out;
}

describe("parseYamlFast: same value as yaml, or undefined", () => {
  it.each([
    // YAML 1.1 scalars stay strings in the 1.2 core schema
    ["yes/no/on/off", "a: yes\nb: no\nc: on\nd: off\ne: y\nf: Yes"],
    [
      "1.2 booleans and nulls",
      "a: true\nb: False\nc: TRUE\nd: ~\ne: null\nf: NULL\ng:\nh: Null\ni: nULL",
    ],
    [
      "timestamps are strings",
      "a: 2001-12-14t21:59:43.10-05:00\nb: 2002-12-14\nc: 2001-12-14 21:59:43.10 -5",
    ],
    [
      "numbers",
      "a: 0o17\nb: 0x1F\nc: 017\nd: 0b101\ne: 1_000\nf: +12\ng: -0\nh: 1.\ni: .5\nj: 1e3\nk: 1E-3\nl: .inf\nm: -.Inf\nn: .NaN\no: 12345678901234567890\np: 1:20\nq: 0x_1\nr: +.inf\ns: 1.0e+3",
    ],
    ["quoted numbers stay strings", "a: '1'\nb: \"true\"\nc: |\n  12\n"],
    ["merge keys are plain keys", "base: &b { x: 1 }\nderived:\n  <<: *b\n  y: 2"],
    ["<< without anchors", "a:\n  <<: { x: 1 }\n  y: 2"],
    ["duplicate keys", "a: 1\na: 2"],
    ["duplicate keys by value", "1: a\n0x1: b"],
    ["number and string key", "1: a\n'1': b"],
    [
      "tags",
      "a: !!timestamp 2001-12-14\nb: !!binary aGVsbG8=\nc: !!str 12\nd: !foo bar\ne: !!int 12\nf: !!float 1\ng: !!set { a }\nh: ! 12",
    ],
    [
      "core tags",
      "a: !!int 12\nb: !!float 1.5\nc: !!bool true\nd: !!null ''\ne: !<tag:yaml.org,2002:int> 3",
    ],
    ["null keys", "~: a\nb: c"],
    ["empty key", ": a\nb: c"],
    ["quoted null key", "'null': a"],
    ["collection keys", "[a, b]: c"],
    ["flow-map collection key", "x: { [a, b], c: d }"],
    ["flow-map key on its own line", "x: {\n  # c\n  [a]\n}"],
    ["explicit keys", "? [a, b]\n: c"],
    ["explicit scalar key", "? a\n: b"],
    ["explicit key in a sequence", "- ? a\n  : b"],
    ["map as key", "{ a: 1 }: b"],
    ["alias as key", "x: &k [1]\n*k : 2"],
    ["anchors and aliases", "a: &x [1, 2]\nb: *x\nc: &y { k: v }\nd: *y\ne: &z s\nf: *z"],
    ["alias after a comment", "a: &x 1\nb: # note\n  *x"],
    [
      "billion laughs",
      `a: &a ["x","x","x","x","x","x","x","x","x"]\n${Array.from(
        { length: 8 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9)
            .fill(`*${String.fromCharCode(97 + i)}`)
            .join(",")}]`,
      ).join("\n")}`,
    ],
    ["1000 aliases", `a: &a 1\nb:\n${"  - *a\n".repeat(1000)}`],
    ["undefined alias", "a: *nope"],
    ["%YAML 1.1", "%YAML 1.1\n---\na: yes\nb: 2001-01-01"],
    ["%YAML 1.2", "%YAML 1.2\n---\na: yes"],
    ["%TAG", "%TAG !e! tag:yaml.org,2002:\n---\na: !e!int 1"],
    ["multiple documents", "a: 1\n---\nb: 2"],
    ["document markers", "---\na: 1\n...\n"],
    ["comment only", "# nothing\n"],
    ["tag before a compact mapping's key", "a: !!str b: []"],
    ["anchored key in a sequence", "- &x a: 1\n- *x"],
    ["scalar document", "hello"],
    ["long implicit key", `${"k".repeat(1030)}: v`],
    ["long quoted key of escapes", `"${"\\x41".repeat(300)}": v`],
    ["flow sequence less indented", "a: [\n1, 2]"],
    ["flow map less indented", "a:\n  b: {\n c: 1}"],
    ["tab indentation", "a:\n\tb: 1"],
    ["tab before an anchor", "-\t&a x\n- *a"],
    ["tab before a tag", "-\t!!int 2"],
    ["tab-only line", "a:\n\t\t\na#: a"],
    ["comment right after a JSON-like key's colon", '[["a":#x a\na:#x a]]'],
    ["two anchors on one node", "a: &an\n  &an v"],
    ["CRLF", 'a: 1\r\nb: |\r\n  x\r\n  y\r\nc: "p\r\n  q"'],
    ["comment without space", 'a: "b"#c'],
    ["escapes", 'a: "\\x41\\u00e9\\U0001F600\\N\\_\\L\\P\\0\\a\\e\\ \\/\\t"\nb: "\\q"'],
    ["folded and literal", "a: >-\n  one\n  two\n\n  three\nb: |+\n  keep\n\nc: |2\n   indented\n"],
    ["multi-line plain", "a: one\n  two\n  three\nb: 'x\n\n  y'"],
    ["__proto__ key", "__proto__: { polluted: true }\ntoString: 1\nconstructor: 2"],
    ["deep nesting", `${"[".repeat(500)}${"]".repeat(500)}`],
    ["invalid", "a: [1, 2\nb: 3"],
    ["NaN keys", ".nan: a\n.NaN: b"],
    ["empty flow entries", "a: [1, , 2]"],
    ["question mark in a string", "a: 'what? yes'\nb: cron(0 20 * * ? *)"],
    [
      "markdown link lists",
      "description: |\n  see,\n  [docs](https://x), [more]: y\nsummary: a, [b]",
    ],
  ])("%s", (_name, text) => {
    expect(agrees(text)).toBe(true);
  });

  it("keeps JSON-compatible YAML on the fast path", () => {
    const text =
      "openapi: 3.1.0\ninfo: { title: T, version: '1' }\npaths:\n  /a:\n    get:\n      tags: [x, y]\n      responses: { '200': { description: ok } }\nx-shared:\n  list: &l [a]\n  again: *l\n";
    const fast = parseYamlFast(text);
    expect(fast).toBeDefined();
    expect(fast!.value).toStrictEqual(viaYaml(text)!.value);
  });

  it.each([
    ["YAML 1.1 directive", "%YAML 1.1\n---\na: yes"],
    ["null key", "~: a"],
    ["collection key", "[a]: b"],
    ["explicit key", "? a\n: b"],
    ["alias inside an anchored node", "a: &a 1\nb: &b [*a]\nc: *b"],
    ["tag", "a: !!timestamp 2001-12-14"],
    ["duplicate key", "a: 1\na: 2"],
    ["properties before a compact mapping's key", "a: &an b: []"],
  ])("hands %s to yaml", (_name, text) => {
    expect(parseYamlFast(text)).toBeUndefined();
  });

  // Random documents built from YAML's tricky parts: every one the fast path parses must equal yaml's value.
  // (Before its guards existed, this grammar found: compact nested sequences less indented, tabs before properties,
  // `"a":#c`, two anchors on one node, properties before a compact mapping's key, `[: a]`.)
  const scalar = fc.constantFrom(
    "a",
    "b",
    "1",
    "0x1F",
    "0o7",
    "017",
    "1_0",
    "0b1",
    "1.5",
    "1e3",
    ".inf",
    "-.INF",
    ".nan",
    "~",
    "null",
    "Null",
    "",
    "true",
    "False",
    "yes",
    "on",
    "2001-12-14",
    "'q'",
    '"d\\x41"',
    "'it''s'",
    "<<",
    "-",
    "--",
    "? x",
    "a#b",
    "a #c",
    "[x]",
    "{x: 1}",
    "[]",
    "{}",
    "!!str 1",
    "!!int 2",
    "! 3",
    "&an v",
    "*an",
    "*ak",
    "|\n  lit",
    ">\n  fold",
    "|-\n  a\n\n  b\n",
    "|2\n   x",
    "'null'",
    "@at",
    "`tick`",
    "%p",
    "a: b",
    "x,y",
    "[a, [b]]",
    "{a: [b, {c: d}]}",
    "0",
    "-0",
    "+1",
    "1.",
    "..",
    "12:30",
    '"a\\\n  b"',
    "'a\n\n  b'",
    "a\n  b",
    "[a,\n b]",
    "{a: 1,\n b: 2}",
    "[a: b]",
    "{a}",
    "{? a}",
    "[? a : b]",
    "- x",
    '"x"#c',
    "x # c",
    "\t",
    "a\tb",
    "&an [1]",
    "&ak {k: 1}",
    "!!map {a: 1}",
    "!!seq [1]",
    "!x y",
    "---",
    "...",
    "{a: 1}#c",
    "[*an]",
    "{*an : 1}",
    "{[a]: b}",
    "{{a: b}: c}",
    "'''",
    '""',
    '"\\u0041"',
    '"\\q"',
    "- - a",
    "? [a]\n: b",
    ": a",
    "a:",
    "a::b",
    "a: :",
    "http://x:80",
    "-1",
    "- 1",
  );
  const key = fc.constantFrom(
    "a",
    "b",
    "c",
    "1",
    "0x1",
    "~",
    "null",
    "''",
    '"a"',
    "[k]",
    "{k: v}",
    "? k",
    "<<",
    "true",
    "True",
    ".nan",
    "&ak k",
    "*ak",
    "k k",
    "a-b",
    "a#",
    "'a'#",
    "!!str k",
    "-k",
    '"k\\x41"',
    "k\t",
    "&an k",
    "x:y",
    "",
  );
  const indent = (text: string, by: string): string =>
    text
      .split("\n")
      .map((l) => (l === "" ? l : by + l))
      .join("\n");
  const by = fc.constantFrom("  ", " ", "    ", "\t", "");
  const node: fc.Memo<string> = fc.memo((n) =>
    n <= 1
      ? scalar
      : fc.oneof(
          scalar,
          fc
            .array(
              fc.tuple(
                key,
                node(n - 1),
                fc.constantFrom("", " # c", " &ak", " &an", " !!map", "#x", "  "),
                by,
                fc.boolean(),
              ),
              { minLength: 1, maxLength: 4 },
            )
            .map((pairs) =>
              pairs
                .map(([k, v, extra, ind, nl]) =>
                  v.includes("\n") || nl
                    ? `${k}:${extra}\n${indent(v, ind)}`
                    : `${k}:${extra} ${v}`,
                )
                .join("\n"),
            ),
          fc
            .array(fc.tuple(node(n - 1), by), { minLength: 1, maxLength: 4 })
            .map((items) =>
              items
                .map(([v, ind]) => `-${ind === "" ? " " : ind}${indent(v, "  ").trimStart()}`)
                .join("\n"),
            ),
          fc
            .array(fc.tuple(key, node(n - 1)), { minLength: 0, maxLength: 3 })
            .map((pairs) => `{ ${pairs.map(([k, v]) => `${k}: ${v}`).join(", ")} }`),
          fc
            .array(node(n - 1), { minLength: 0, maxLength: 3 })
            .map((items) => `[${items.join(", ")}]`),
        ),
  );
  const prefix = fc.constantFrom("", "\n", "---\n", "%YAML 1.2\n---\n", "# c\n");
  it("agrees with yaml on generated documents", () => {
    fc.assert(
      fc.property(node(4), prefix, (text, before) => agrees(`${before}${text}\n`)),
      { seed: 7, numRuns: 4000 },
    );
  });
});

describeWithSpecs("parseYamlFast on real specs", () => {
  const files = [...yamlFiles(SPECS_DIR), ...yamlFiles(path.join(PROJECT_ROOT, "test/fixtures"))];
  it("gives yaml's value for every YAML spec and fixture, and takes the fast path for openai.yaml", () => {
    const disagree = files.filter((file) => !agrees(new TextDecoder().decode(readFileSync(file))));
    expect(disagree).toEqual([]);
    const openai = path.join(SPECS_DIR, "large/openai.yaml");
    expect(parseYamlFast(readFileSync(openai, "utf8"))).toBeDefined();
  });
});
