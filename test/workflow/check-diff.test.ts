/**
 * What `--check` shows of a stale file: the first hunk of jsdiff's unified diff, cut to a few changed lines with
 * the hunk header recounted. (Whole `--check` runs are in cli-workflow.test.ts.)
 */
import { describe, expect, it } from "vitest";
import { shortDiff } from "../../generator/write/check.js";

const lines = (n: number, prefix = "line"): string[] =>
  Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}`);
const text = (list: readonly string[]): string => `${list.join("\n")}\n`;

describe("shortDiff", () => {
  it("is empty for equal texts", () => {
    expect(shortDiff("f", "same\n", "same\n")).toBe("");
  });

  it("shows the first hunk only and counts the changed lines of the others", () => {
    const disk = lines(30);
    const generated = [...disk];
    generated[2] = "FIRST";
    generated[25] = "SECOND";
    expect(shortDiff("f.ts", text(generated), text(disk))).toBe(
      [
        "--- f.ts (on disk)",
        "+++ f.ts (generated)",
        "@@ -1,6 +1,6 @@",
        " line 1",
        " line 2",
        "-line 3",
        "+FIRST",
        " line 4",
        " line 5",
        " line 6",
        "… 2 more changed lines",
        "",
      ].join("\n"),
    );
  });

  it("cuts a long hunk after maxLines changed lines and recounts its header", () => {
    const diff = shortDiff("f", text(lines(30, "new")), undefined, 5);
    expect(diff).toBe(
      [
        "--- f (on disk: missing)",
        "+++ f (generated)",
        "@@ -0,0 +1,5 @@",
        ...lines(5, "+new"),
        "… 25 more changed lines",
        "",
      ].join("\n"),
    );
  });

  it("keeps the context before the first change when the cut falls inside a replaced block", () => {
    const disk = lines(10);
    const generated = [...lines(3), ...lines(7, "new")];
    const diff = shortDiff("f", text(generated), text(disk), 4);
    expect(diff.split("\n").slice(0, 10)).toEqual([
      "--- f (on disk)",
      "+++ f (generated)",
      "@@ -1,7 +1,3 @@",
      " line 1",
      " line 2",
      " line 3",
      "-line 4",
      "-line 5",
      "-line 6",
      "-line 7",
    ]);
    expect(diff).toContain("… 10 more changed lines\n");
  });
});
