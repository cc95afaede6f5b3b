import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../helpers/specs-dir.js";
import { tempDir } from "./helpers.js";
import { MODES, PAYOUT, run, startMock, TSC, writeProject } from "./vendor-project.js";

const CLIENT = path.join(PROJECT_ROOT, "generated", "introw");

async function tsFiles(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => path.join(e.parentPath, e.name));
}

describe("generated/introw is self-contained", () => {
  it("imports nothing outside its directory", async () => {
    for (const file of await tsFiles(CLIENT)) {
      const text = await readFile(file, "utf8");
      for (const [, specifier] of text.matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)) {
        expect(specifier, `${path.relative(CLIENT, file)} imports ${specifier}`).toMatch(
          /^\.\.?\//,
        );
        const target = path.resolve(path.dirname(file), specifier!);
        expect(
          target.startsWith(`${CLIENT}${path.sep}`),
          `${path.relative(CLIENT, file)} → ${specifier}`,
        ).toBe(true);
      }
    }
  });

  it("README lists every exported operation with method and path", async () => {
    const readme = await readFile(path.join(CLIENT, "README.md"), "utf8");
    const spec = JSON.parse(
      await readFile(path.join(PROJECT_ROOT, "spec", "openapi.json"), "utf8"),
    ) as { paths: Record<string, Record<string, { operationId?: string }>> };
    const operations = Object.entries(spec.paths).flatMap(([p, item]) =>
      Object.entries(item).map(([method, op]) => ({
        id: op.operationId,
        method: method.toUpperCase(),
        path: p,
      })),
    );
    expect(operations.length).toBeGreaterThan(0);
    for (const op of operations)
      expect(readme, op.id).toMatch(
        new RegExp(
          `\\| \`${op.id}\` +\\| ${op.method} +\\| \`${op.path.replace(/[{}]/g, "\\$&")}\``,
        ),
      );
    expect(readme).toContain("createClient(");
  });
});

describe("vendored into a fresh TypeScript project", () => {
  let dir = "";
  let cleanup = async (): Promise<void> => {};
  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir("vendor"));
    await writeProject(dir);
  });
  afterAll(() => cleanup());

  it.each(Object.keys(MODES))(
    "type-checks under moduleResolution %s with verbatimModuleSyntax and isolatedModules",
    async (mode) => {
      const result = await run(process.execPath, [TSC, "-p", `tsconfig.${mode}.json`], dir);
      expect(result.stdout + result.stderr).toBe("");
      expect(result.code).toBe(0);
    },
  );

  it("fails to type-check a misuse (the check is real)", async () => {
    const { writeFile } = await import("node:fs/promises");
    await writeFile(
      path.join(dir, "src", "misuse.ts"),
      `import { getPayout, createClient } from "./introw/index.js";\nawait getPayout(createClient(), { id: 42 });\n`,
    );
    const result = await run(process.execPath, [TSC, "-p", "tsconfig.nodenext.json"], dir);
    const { rm } = await import("node:fs/promises");
    await rm(path.join(dir, "src", "misuse.ts"));
    expect(result.code).toBe(2);
    expect(result.stdout).toContain("src/misuse.ts(2,");
  });

  it("runs a call from plain compiled JavaScript in Node against a loopback server", async () => {
    const compiled = await run(process.execPath, [TSC, "-p", "tsconfig.emit.json"], dir);
    expect(compiled.stdout + compiled.stderr).toBe("");
    const mock = await startMock();
    try {
      const result = await run(
        process.execPath,
        [path.join(dir, "dist", "main.js"), mock.url],
        dir,
      );
      expect(result.stderr).toBe("");
      expect(JSON.parse(result.stdout)).toEqual({
        id: "pay_1",
        stage: PAYOUT.data.stage,
        amount: "4250.00",
        error: "NotFoundError 404",
      });
      expect(mock.keys).toEqual(["test-key", "test-key"]);
    } finally {
      await mock.close();
    }
  });
});
