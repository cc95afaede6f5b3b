/**
 * bin.js loads one TypeScript compiler: after shareTypeScript(), `import "typescript"` (openapi-typescript, emit/)
 * and ts-morph's `ts` are one compiler (ts-morph wraps the module in a namespace object of its own, so the
 * functions are compared). Run in a child process, whose module cache starts empty.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../helpers/specs-dir.js";

const run = (script: string): unknown =>
  JSON.parse(
    execFileSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: PROJECT_ROOT,
      encoding: "utf8",
    }),
  ) as unknown;

describe("shareTypeScript", () => {
  it("gives every importer ts-morph's compiler", () => {
    const url = new URL(`file://${path.join(PROJECT_ROOT, "generator/cli/one-typescript.js")}`)
      .href;
    const result = run(`
      const { shareTypeScript } = await import(${JSON.stringify(url)});
      const version = shareTypeScript();
      const ts = (await import("typescript")).default;
      const { ts: morphTs } = await import("ts-morph");
      console.log(JSON.stringify({ version, same: ts.factory === morphTs.factory && ts.createSourceFile === morphTs.createSourceFile, tsVersion: ts.version, again: shareTypeScript() ?? null }));
    `);
    expect(result).toMatchObject({ same: true, again: null });
    const { version, tsVersion } = result as { version: string; tsVersion: string };
    expect(version).toBe(tsVersion);
  });

  it("without it, two compilers load", () => {
    const result = run(`
      const ts = (await import("typescript")).default;
      const { ts: morphTs } = await import("ts-morph");
      console.log(JSON.stringify({ same: ts.factory === morphTs.factory }));
    `);
    expect(result).toEqual({ same: false });
  });
});
