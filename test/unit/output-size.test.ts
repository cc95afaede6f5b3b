/**
 * A long description shared through `$ref` by many operations: each operation's docs repeat it, so a 0.8 MB spec
 * (one 100 KB parameter description, 2,000 operations) once grew to gigabytes of code and died with an internal
 * "Invalid string length". validate refuses it with a coded error naming the description and the limit.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_OPERATION_DOCS, validate } from "../../generator/validate/validate.js";
import { runCliChild, STACK_LINE } from "../helpers/cli-run.js";

const DESCRIPTION = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(1755);

/** `operations` operations, each with its own path and the shared `where` component (of DESCRIPTION's length). */
function sharedDescriptionSpec(operations: number, where: "parameters" | "responses"): object {
  const paths: Record<string, unknown> = {};
  const ref = { $ref: `#/components/${where}/Big` };
  for (let i = 0; i < operations; i++) {
    paths[`/things${i}`] = {
      get: {
        operationId: `getThing${i}`,
        ...(where === "parameters" ? { parameters: [ref] } : {}),
        responses: { "200": where === "responses" ? ref : { description: "ok" } },
      },
    };
  }
  const big =
    where === "parameters"
      ? { name: "q", in: "query", description: DESCRIPTION, schema: { type: "string" } }
      : { description: DESCRIPTION };
  return {
    openapi: "3.0.3",
    info: { title: "Shared", version: "1" },
    paths,
    components: { [where]: { Big: big } },
  };
}

describe("descriptions repeated in the operations' docs", () => {
  it("the reported spec: 0.8 MB, one 100 KB description, 2,000 operations", () => {
    const text = JSON.stringify(sharedDescriptionSpec(2000, "parameters"), null, 1);
    expect(DESCRIPTION.length).toBeGreaterThan(100_000);
    expect(text.length).toBeGreaterThan(300_000);
    expect(text.length).toBeLessThan(1_000_000);
  });

  it.each(["parameters", "responses"] as const)(
    "shared %s: output-too-large at the description, with the limit and what to do",
    (where) => {
      const issues = validate(sharedDescriptionSpec(2000, where)).issues;
      expect(issues.map((i) => [i.code, i.severity, i.pointer])).toEqual([
        ["output-too-large", "error", `/components/${where}/Big/description`],
      ]);
      // Each operation's docs: the shared description, and its own 200 response's "ok" (parameters case).
      const perOperation = DESCRIPTION.length + (where === "parameters" ? "ok".length : 0);
      expect(issues[0]!.message).toContain(
        `would carry ${2000 * perOperation} characters of descriptions; the limit is ${MAX_OPERATION_DOCS}`,
      );
      expect(issues[0]!.message).toContain(
        `(${DESCRIPTION.length} characters, used by 2000 operations). Shorten it`,
      );
    },
  );

  it("below the limit (100 operations) the document is valid", () => {
    const result = validate(sharedDescriptionSpec(100, "parameters"));
    expect(result.issues).toEqual([]);
    expect(result.document).toBeDefined();
  });
});

describe("through the CLI", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "output-size-"));
    await writeFile(
      path.join(dir, "spec.json"),
      JSON.stringify(sharedDescriptionSpec(2000, "parameters"), null, 1),
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("exit 1 with the located error, no internal error", async () => {
    const result = await runCliChild(["generate", "-i", "spec.json", "-o", "out"], dir);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toMatch(
      /^spec\.json:\d+:\d+: error \[output-too-large\] .*\(at \/components\/parameters\/Big\/description\)$/m,
    );
    expect(result.stderr).not.toMatch(/internal error|RangeError|Invalid string length/);
    expect(result.stderr).not.toMatch(STACK_LINE);
  }, 30_000);
});
