/**
 * The no-op path stays light: what `generator/cli/bin.ts` loads before deciding that nothing needs doing (its
 * static imports, followed through our own modules) is node: builtins and a few small modules of ours. Everything
 * else (ts-morph, typescript, prettier, openapi-typescript, yaml…) is loaded by dynamic `import()` only when
 * generating. Timing is in test/bench/noop.ts.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../helpers/specs-dir.js";

/**
 * Specifiers of a module's static imports and re-exports (`import … from "x"`, `import "x"`, `export … from "x"`)
 * that load something at run time: `import type` and `export type` are erased.
 */
function staticImports(source: string): string[] {
  const specifiers: string[] = [];
  for (const match of source.matchAll(
    /^(import|export)\s(type\s)?(?:[^;]*?\sfrom\s)?\s*"([^"]+)";/gms,
  ))
    if (match[2] === undefined) specifiers.push(match[3]!);
  return specifiers;
}

/** Every module reachable from `entry` by static imports: our files (relative to generator/) and packages. */
function staticGraph(entry: string): { files: string[]; packages: string[] } {
  const root = path.join(PROJECT_ROOT, "generator");
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    const source = readFileSync(path.join(root, file), "utf8");
    for (const specifier of staticImports(source)) {
      if (!specifier.startsWith(".")) packages.add(specifier);
      else {
        // `./x.js` is x.ts in the sources, or a plain x.js.
        const js = path.join(path.dirname(file), specifier);
        const ts = js.replace(/\.js$/, ".ts");
        visit(existsSync(path.join(root, ts)) ? ts : js);
      }
    }
  };
  visit(entry);
  return { files: [...files].sort(), packages: [...packages].sort() };
}

describe("the no-op path (bin.ts before it decides)", () => {
  it("finds static imports, multi-line ones too, and leaves out type-only and dynamic ones", () => {
    expect(
      staticImports(
        'import a from "a";\nimport {\n  b,\n  c,\n} from "./b.js";\nimport type { D } from "d";\nimport "e";\nexport { f } from "./f.js";\nconst g = await import("g");\n',
      ),
    ).toEqual(["a", "./b.js", "e", "./f.js"]);
  });

  it("imports node: builtins and small modules of ours only", () => {
    const { files, packages } = staticGraph("cli/bin.ts");
    expect(packages.filter((p) => !p.startsWith("node:"))).toEqual([]);
    expect(files).toEqual([
      "cli/bin.ts",
      "cli/fingerprint.ts",
      "cli/up-to-date.ts",
      "config/config.ts",
      "util/package-root.ts",
      "util/spec-files-hash.ts",
    ]);
  });

  it("would notice a heavy import: the CLI behind the dynamic import pulls in ts-morph and typescript", () => {
    const { packages } = staticGraph("index.ts");
    expect(packages).toEqual(expect.arrayContaining(["ts-morph", "typescript"]));
  });
});
