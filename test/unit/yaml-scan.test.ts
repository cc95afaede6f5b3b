/**
 * yaml-scan.ts: wherever the line scanner gives an offset, it is the one `yaml` gives (yaml-locate.js nodeOffsets) —
 * for every node of the fixtures and specs, sampled nodes of shared specs, YAML written by `yaml` in several styles
 * from random values (fast-check), and hand-written shapes it must refuse (flow collections, anchors, quoted scalars
 * over several lines, tabs, directives). It must also be sure often enough to be worth it.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { isMap, isSeq, parseDocument, stringify, type Document } from "yaml";
import { describe, expect, it } from "vitest";
import { nodeOffsets, POSITION_OPTIONS } from "../../generator/load/yaml-locate.js";
import { scanOffsets } from "../../generator/load/yaml-scan.js";
import { SPECS_DIR, describeWithSpecs } from "../helpers/specs-dir.js";

const ROOT = new URL("../../", import.meta.url).pathname;

/** Token lists of every node of `doc` (every `step`-th one). */
function pointers(doc: Document, step = 1): string[][] {
  const out: string[][] = [];
  let n = 0;
  const walk = (node: unknown, tokens: string[]): void => {
    if (n++ % step === 0) out.push(tokens);
    if (isMap(node))
      for (const p of node.items)
        walk(p.value, [...tokens, String((p.key as { value?: unknown } | null)?.value ?? p.key)]);
    else if (isSeq(node)) node.items.forEach((item, i) => walk(item, [...tokens, String(i)]));
  };
  walk(doc.contents, []);
  return out;
}

/** Compares the scanner with `yaml` on `text`; returns the share of pointers it was sure of. */
function compare(text: string, step = 1, extra: string[][] = []): number {
  const doc = parseDocument(text, POSITION_OPTIONS);
  const lists = [...pointers(doc, step), ...extra];
  const scanned = scanOffsets(text, lists);
  const truth = nodeOffsets(doc, lists);
  let sure = 0;
  scanned.forEach((offset, i) => {
    if (offset === undefined) return;
    sure++;
    expect(offset, `/${lists[i]!.join("/")}`).toBe(truth[i]);
  });
  return lists.length === 0 ? 1 : sure / lists.length;
}

const YAML_FILES = [
  ...readdirSync(path.join(ROOT, "test/fixtures"))
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => `test/fixtures/${f}`),
  "spec/payout-provider.openapi.yaml",
];

describe("fixtures and specs: every node", () => {
  it.each(YAML_FILES)("%s", (file) => {
    const share = compare(readFileSync(path.join(ROOT, file), "utf8"), 1, [
      ["paths", "no such path"],
      ["info", "title", "deeper"],
    ]);
    expect(share).toBeGreaterThan(0.4);
  });
});

describeWithSpecs("shared specs: sampled nodes", () => {
  it.each([
    "large/openai.yaml",
    "apis-guru/googleapis.com__drive__v3.yaml",
    "oai/api-with-examples.yaml",
  ])(
    "%s",
    (file) => {
      const share = compare(
        readFileSync(path.join(SPECS_DIR, file), "utf8"),
        file.startsWith("large") ? 499 : 7,
      );
      if (!file.startsWith("oai")) expect(share).toBeGreaterThan(0.95);
    },
    60_000,
  );
});

it("agrees with yaml on YAML that yaml writes from random values (block, flow and quoted styles)", () => {
  const key = fc.oneof(
    fc.constantFrom("a", "b-c", "x y", "#k", "k:v", "1", "true", "null", "-", "'q'", '"d"', ""),
    fc.string({ maxLength: 6 }),
  );
  const scalar = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom("a\nb", "x: y", "- z", "#c", "  lead", "[1]", "{a: 1}"),
  );
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: "small" },
      scalar,
      fc.array(tie("value"), { maxLength: 4 }),
      fc.dictionary(key, tie("value"), { maxKeys: 4 }),
    ),
  }));
  const style = fc.record({
    indent: fc.constantFrom(2, 4),
    indentSeq: fc.boolean(),
    collectionStyle: fc.constantFrom("any", "block", "flow") as fc.Arbitrary<
      "any" | "block" | "flow"
    >,
    lineWidth: fc.constantFrom(0, 20, 80),
  });
  let sure = 0;
  fc.assert(
    fc.property(fc.dictionary(key, value, { minKeys: 1, maxKeys: 5 }), style, (root, options) => {
      sure += compare(stringify(root, options));
    }),
    { numRuns: 400, seed: 5 },
  );
  expect(sure / 400).toBeGreaterThan(0.3);
});

describe("shapes it refuses or must read right", () => {
  const cases: Record<string, string> = {
    "flow collections": "a: {b: 1, c: [1, 2]}\nd:\n  e: [x, y]\n",
    "anchors, aliases and merge keys": "base: &b\n  x: 1\nuse:\n  <<: *b\n  y: 2\n",
    "quoted scalars over lines": "a: \"one\n  b: two\"\nb: 1\nc: 'x\n  y'\n",
    "compact sequences and comments":
      "# head\nrequired:\n- a\n- b # c\nlist:\n  - k: 1\n    j: 2\n  # between\n  - k: 3\n",
    "block scalars": "d: |\n  a: 1\n  b: 2\ne: >-\n  x\nf: 1\n",
    "directives and markers": "%YAML 1.2\n---\na: 1\n",
    "CRLF line ends": "a:\r\n  b: 1\r\n  c:\r\n    - 1\r\n",
    "quoted keys": '"a b": 1\n\'c\'\'d\': 2\n"e\\"f": 3\n',
    tabs: "a:\n\tb: 1\n",
    "dash lines and nested items":
      "a:\n  -\n    b: 1\n  - - 1\n    - 2\n  - c: 3\n    d:\n      - e\n",
  };
  it.each(Object.entries(cases))("%s", (_, text) => {
    compare(text, 1, [
      ["a", "b"],
      ["a", "0", "b"],
      ["required", "1"],
    ]);
  });

  it("is sure of most of a plain block spec", () => {
    expect(
      compare(
        "openapi: 3.1.0\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n",
      ),
    ).toBe(1);
  });
});
