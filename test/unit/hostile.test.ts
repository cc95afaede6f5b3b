/**
 * Hostile specs: strings from the spec are data, never code. For every generated spec (fast-check, fixed seed)
 * the output parses without errors, holds only declarations (no statement a string broke out into), every
 * identifier is valid, every spec string that is emitted as a literal evaluates back to itself, the module
 * imports and an operation runs against a stub fetch without touching a canary global, and (in one batch) the
 * output type-checks. `npm run fuzz` runs many more (FUZZ_RUNS, FUZZ_SEED).
 * Counterexamples found once stay as regression fixtures in test/fixtures/hostile/.
 */
import { transform } from "esbuild";
import fc from "fast-check";
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { PROJECT_ROOT } from "../helpers/specs-dir.js";
import { CANARY, expectedLiterals, hostileInput, hostileSpec } from "../helpers/hostile.js";
import { typecheckDirs } from "../helpers/typecheck.js";

// Prettier in this process, memoized by source (the runtime files are the same every run): the output is
// identical to the worker pool's (format.ts documents that), and 500 generations stay fast.
vi.mock("../../generator/format.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../generator/format.js")>();
  const memo = new Map<string, Promise<string>>();
  const cached = (kind: string, source: string, run: (s: string) => Promise<string>): Promise<string> => {
    const key = `${kind}\0${source}`;
    let result = memo.get(key);
    if (result === undefined) {
      result = run(source);
      memo.set(key, result);
    }
    return result;
  };
  return {
    ...real,
    startFormatter: () => ({
      typescript: (source: string) => cached("ts", source, real.formatTypeScript),
      markdown: (source: string) => cached("md", source, real.formatMarkdown),
      close: async () => {},
    }),
  };
});

const { generate } = await import("../../generator/generate.js");

const RUNS = Number(process.env["FUZZ_RUNS"] ?? 500);
const SEED = Number(process.env["FUZZ_SEED"] ?? 20_261_121);
const FIXTURES = path.join(PROJECT_ROOT, "test", "fixtures", "hostile");
/** Files whose text depends on the spec (the runtime is copied unchanged and checked once). */
const SPEC_FILES = ["types.ts", "operations.ts", "client.ts", "index.ts"] as const;
const DECLARATION_KINDS = new Set([
  ts.SyntaxKind.ImportDeclaration,
  ts.SyntaxKind.ExportDeclaration,
  ts.SyntaxKind.InterfaceDeclaration,
  ts.SyntaxKind.TypeAliasDeclaration,
  ts.SyntaxKind.VariableStatement,
  ts.SyntaxKind.FunctionDeclaration,
]);

let root = "";
let sharedRuntime = "";
let count = 0;
const outputs: { dir: string; spec: string }[] = [];

/** An ECMAScript IdentifierName (Unicode ID_Start/ID_Continue, `$`, `_`, ZWNJ/ZWJ). */
const IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200C\u200D]*$/u;

/** True for words a module cannot use as a declaration name (reserved, strict-mode reserved, `await`, `eval`, `arguments`). */
function isReservedBinding(name: string): boolean {
  const kind = ts.identifierToKeywordKind(ts.factory.createIdentifier(name));
  if (name === "eval" || name === "arguments") return true;
  if (kind === undefined) return false;
  return (
    (kind >= ts.SyntaxKind.FirstReservedWord && kind <= ts.SyntaxKind.LastReservedWord) ||
    (kind >= ts.SyntaxKind.FirstFutureReservedWord && kind <= ts.SyntaxKind.LastFutureReservedWord) ||
    kind === ts.SyntaxKind.AwaitKeyword
  );
}

/** Checks one generated file's syntax tree; returns every string-literal value and property name in it. */
function inspect(file: string, text: string): Set<string> {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const diagnostics = (source as unknown as { parseDiagnostics: readonly ts.Diagnostic[] }).parseDiagnostics;
  expect(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")), file).toEqual([]);
  for (const statement of source.statements) {
    expect(DECLARATION_KINDS.has(statement.kind), `${file}: top-level ${ts.SyntaxKind[statement.kind]}: ${statement.getText().slice(0, 200)}`).toBe(true);
  }
  const values = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) {
      expect(node.text, `${file}: identifier`).toMatch(IDENTIFIER);
      const isName = ts.isPropertySignature(node.parent) || ts.isPropertyAssignment(node.parent) || ts.isPropertyAccessExpression(node.parent);
      if (!isName && (ts.isFunctionDeclaration(node.parent) || ts.isVariableDeclaration(node.parent) || ts.isTypeAliasDeclaration(node.parent) || ts.isInterfaceDeclaration(node.parent))) {
        expect(isReservedBinding(node.text), `${file}: '${node.text}' is a reserved word`).toBe(false);
      }
      if (isName) values.add(node.text);
    }
    if (ts.isStringLiteral(node)) {
      // The literal as written, evaluated by JavaScript, is the value TypeScript reads. (The text is one
      // string-literal token, checked by the parser above, so evaluating it runs nothing.)
      const raw = node.getText();
      const evaluated = new Function(`return ${raw};`)() as string;
      expect(evaluated, `${file}: literal ${raw}`).toBe(node.text);
      values.add(node.text);
    }
    if (ts.isTemplateExpression(node)) expect.fail(`${file}: template expression ${node.getText().slice(0, 200)}`);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return values;
}

/** Imports the compiled client from `dir` and calls both operations with a stub fetch. */
async function importAndCall(dir: string, operationNames: readonly string[], paramKeys: readonly string[]): Promise<void> {
  const jsDir = `${dir}-js`;
  await mkdir(jsDir, { recursive: true });
  for (const file of SPEC_FILES) {
    const { code } = await transform(await readFile(path.join(dir, file), "utf8"), { loader: "ts", format: "esm", target: "es2022" });
    await writeFile(path.join(jsDir, file.replace(/\.ts$/, ".js")), code);
  }
  await symlink(path.join(sharedRuntime, "js"), path.join(jsDir, "runtime"));
  const module = (await import(pathToFileURL(path.join(jsDir, "index.js")).href)) as Record<string, unknown>;
  let fetched = 0;
  const fetch = async (): Promise<Response> => {
    fetched++;
    return new Response("{}", { status: 200, headers: { "content-type": "application/json" } });
  };
  const createClient = module["createClient"] as (config: Record<string, unknown>) => unknown;
  const client = createClient({ baseUrl: "https://api.example.test", fetch, apiKey: "key", maxRetries: 0 });
  for (const name of operationNames) {
    const operation = module[name] as (client: unknown, params?: unknown) => Promise<unknown>;
    expect(typeof operation, name).toBe("function");
    const params = Object.fromEntries(paramKeys.map((k) => [k, "v"]));
    await operation(client, { ...params, body: {} }).catch(() => undefined);
  }
  expect((globalThis as Record<string, unknown>)[CANARY]).toBe("intact");
  expect(fetched).toBeGreaterThanOrEqual(0);
}

/** Generates the client for `spec`, checks it, and keeps its directory for the batch type-check. */
const timing: Record<string, number> = {};
const lap = (name: string, t: number): number => {
  const now = performance.now();
  timing[name] = (timing[name] ?? 0) + now - t;
  return now;
};
async function checkSpec(spec: Record<string, unknown>, expected: readonly string[]): Promise<void> {
  let t = performance.now();
  const n = count++;
  const specFile = path.join(root, "specs", `${n}.json`);
  const dir = path.join(root, "clients", String(n));
  await writeFile(specFile, JSON.stringify(spec));
  const result = await generate({ input: specFile, output: dir, name: "Hostile" });
  t = lap("generate", t);
  for (const [k, v] of Object.entries(result.timings)) timing[`g.${k}`] = (timing[`g.${k}`] ?? 0) + v;
  await mkdir(dir, { recursive: true });
  const values = new Set<string>();
  for (const file of SPEC_FILES) {
    const text = result.files.find((f) => f.path === file)?.contents;
    expect(text, file).toBeDefined();
    await writeFile(path.join(dir, file), text!);
    for (const v of inspect(file, text!)) values.add(v);
  }
  for (const value of expected) expect(values.has(value), `literal ${JSON.stringify(value)} missing`).toBe(true);
  await symlink(path.join(sharedRuntime, "ts"), path.join(dir, "runtime"));
  t = lap("inspect", t);
  const operations = result.model.operations;
  await importAndCall(dir, operations.map((o) => o.name), [...new Set(operations.flatMap((o) => o.parameters.map((p) => p.key)))]);
  t = lap("import", t);
  if (n % 10 === 9) console.log(JSON.stringify(timing));
  outputs.push({ dir, spec: specFile });
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "hostile-"));
  await mkdir(path.join(root, "specs"));
  await mkdir(path.join(root, "clients"));
  sharedRuntime = path.join(root, "runtime");
  // The runtime every client shares (copied unchanged into each output): once as TypeScript, once compiled.
  const first = await generate({ input: path.join(FIXTURES, "plain.json"), output: path.join(root, "plain"), name: "Plain" });
  for (const file of first.files.filter((f) => f.path.startsWith("runtime/"))) {
    const name = file.path.slice("runtime/".length);
    await mkdir(path.join(sharedRuntime, "ts"), { recursive: true });
    await mkdir(path.join(sharedRuntime, "js"), { recursive: true });
    await writeFile(path.join(sharedRuntime, "ts", name), file.contents);
    const { code } = await transform(file.contents, { loader: "ts", format: "esm", target: "es2022" });
    await writeFile(path.join(sharedRuntime, "js", name.replace(/\.ts$/, ".js")), code);
  }
  (globalThis as Record<string, unknown>)[CANARY] = "intact";
});

afterAll(async () => {
  if (root !== "" && process.env["HOSTILE_KEEP"] === undefined) await rm(root, { recursive: true, force: true });
});

describe("hostile specs: nothing a spec says becomes code", () => {
  it("regression fixtures (shrunk counterexamples)", async () => {
    const names = (await readdir(FIXTURES)).filter((f) => f.endsWith(".json")).sort();
    expect(names.length).toBeGreaterThan(1);
    for (const name of names) {
      const fixture = JSON.parse(await readFile(path.join(FIXTURES, name), "utf8")) as { spec?: Record<string, unknown>; literals?: string[] };
      if (fixture.spec === undefined) await checkSpec(fixture as Record<string, unknown>, []);
      else await checkSpec(fixture.spec, fixture.literals ?? []);
    }
  }, 120_000);

  it(`generated specs (fast-check, seed ${SEED}, ${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(hostileInput, async (h) => {
        await checkSpec(hostileSpec(h), expectedLiterals(h));
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: false },
    );
  }, 600_000);

  it("every generated client type-checks (one strict tsc program)", async () => {
    expect(outputs.length).toBeGreaterThanOrEqual(RUNS);
    const result = await typecheckDirs(path.join(root, "tsc"), outputs.map((o) => o.dir));
    const failed = [...result.errors.entries()].filter(([, errors]) => errors.length > 0);
    const report = failed.slice(0, 3).map(([dir, errors]) => `${outputs.find((o) => o.dir === dir)?.spec}\n${errors.slice(0, 5).join("\n")}`);
    expect(report).toEqual([]);
    expect(result.other).toEqual([]);
  }, 300_000);
});
