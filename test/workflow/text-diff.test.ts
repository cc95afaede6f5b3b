import { describe, expect, it } from "vitest";
import { shortUnifiedDiff } from "../../generator/write/text-diff.js";

const lines = (n: number, prefix = "line"): string[] =>
  Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}`);
const text = (list: readonly string[]): string => `${list.join("\n")}\n`;

describe("shortUnifiedDiff", () => {
  it("is empty for equal texts", () => {
    expect(shortUnifiedDiff("f", "same\n", "same\n")).toBe("");
  });

  it("shows a changed line with 3 lines of context each side", () => {
    const disk = lines(10);
    const generated = [...disk];
    generated[4] = "CHANGED";
    expect(shortUnifiedDiff("f.ts", text(generated), text(disk))).toBe(
      [
        "--- f.ts (on disk)",
        "+++ f.ts (generated)",
        "@@ -2,7 +2,7 @@",
        " line 2",
        " line 3",
        " line 4",
        "-line 5",
        "+CHANGED",
        " line 6",
        " line 7",
        " line 8",
        "",
      ].join("\n"),
    );
  });

  it("aligns an inserted line inside a changed block instead of replacing the whole block", () => {
    const disk = ["{", '  "a": "1",', '  "b": "2",', '  "c": "3",', '  "d": "4"', "}"];
    const generated = [
      "{",
      '  "a": "1",',
      '  "new": "x",',
      '  "b": "2",',
      '  "c": "9",',
      '  "d": "4"',
      "}",
    ];
    expect(shortUnifiedDiff("m.json", text(generated), text(disk))).toBe(
      [
        "--- m.json (on disk)",
        "+++ m.json (generated)",
        "@@ -1,6 +1,7 @@",
        " {",
        '   "a": "1",',
        '+  "new": "x",',
        '   "b": "2",',
        '-  "c": "3",',
        '+  "c": "9",',
        '   "d": "4"',
        " }",
        "",
      ].join("\n"),
    );
  });

  it("shows only the first hunk when changes are far apart", () => {
    const disk = lines(30);
    const generated = [...disk];
    generated[2] = "FIRST";
    generated[25] = "SECOND";
    const diff = shortUnifiedDiff("f", text(generated), text(disk));
    expect(diff).toContain("+FIRST");
    expect(diff).not.toContain("SECOND");
  });

  it("caps the changed lines and says how many were left out", () => {
    const diff = shortUnifiedDiff("f", text(lines(30, "new")), undefined, 5);
    expect(diff.split("\n").slice(0, 3)).toEqual([
      "--- f (on disk: missing)",
      "+++ f (generated)",
      "@@ -0,0 +1,5 @@",
    ]);
    expect(diff.split("\n").filter((l) => l.startsWith("+") && !l.startsWith("+++"))).toHaveLength(
      5,
    );
    expect(diff).toContain("… 25 more changed lines\n");
  });
});
