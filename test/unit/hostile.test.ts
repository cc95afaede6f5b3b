/**
 * Hostile specs: strings from the spec are data, never code. For every generated spec (fast-check, fixed seed)
 * the output parses without errors, holds only declarations (no statement a string broke out into), every
 * identifier is valid, every spec string that is emitted as a literal evaluates back to itself, the module
 * imports and an operation runs against a stub fetch without touching a canary global, and (in one batch) the
 * output type-checks. `npm run fuzz` runs many more (FUZZ_RUNS, FUZZ_SEED).
 * Counterexamples found once stay as regression fixtures in test/fixtures/hostile/.
 */
import { spawn } from "node:child_process";
import { transform } from "esbuild";
import fc from "fast-check";
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../helpers/specs-dir.js";
import { CANARY, expectedLiterals, hostileInput, hostileSpec } from "../helpers/hostile.js";
import { STRICT_OPTIONS } from "../helpers/typecheck.js";
import { generate } from "../../generator/pipeline.js";
import { startFormatter } from "../../generator/format/format.js";

// One formatter (worker pool) for every generation: starting one per generate() call would cost each of them
// a thread and a prettier start-up. No format cache: each spec is formatted afresh.
const formatter = startFormatter({ workers: 2 });

/** `npm test`: 80 runs, fixed seed. `npm run fuzz`: 10 000 runs (FUZZ_RUNS), random seed (FUZZ_SEED), printed. */
const FUZZING = process.env["npm_lifecycle_event"] === "fuzz";
const RUNS = Number(process.env["FUZZ_RUNS"] ?? (FUZZING ? 10_000 : 80));
const SEED = Number(
  process.env["FUZZ_SEED"] ?? (FUZZING ? Date.now() % 2_147_483_647 : 20_261_121),
);
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
/** Clients per tsc run; each batch type-checks in a child process while the next clients are generated. */
const BATCH = 128;
const batches: Promise<Map<string, string[]>>[] = [];
let checkedUpTo = 0;
/** Type-checks the clients generated since the last batch, after the previous batch (one tsc at a time), then deletes them. */
function startBatch(): void {
  const dirs = outputs.slice(checkedUpTo).map((o) => o.dir);
  checkedUpTo = outputs.length;
  if (dirs.length === 0) return;
  const previous = batches[batches.length - 1] ?? Promise.resolve(new Map<string, string[]>());
  const index = batches.length;
  batches.push(
    previous.then(async () => {
      const errors = await typecheckClients(dirs, index);
      for (const dir of dirs)
        if (!errors.has(dir))
          await Promise.all([rm(dir, { recursive: true }), rm(`${dir}-js`, { recursive: true })]);
      return errors;
    }),
  );
}

/** An ECMAScript IdentifierName (Unicode ID_Start/ID_Continue, `$`, `_`, ZWNJ/ZWJ). */
const IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200C\u200D]*$/u;

/** True for words a module cannot use as a declaration name (reserved, strict-mode reserved, `await`, `eval`, `arguments`). */
function isReservedBinding(name: string): boolean {
  const kind = ts.identifierToKeywordKind(ts.factory.createIdentifier(name));
  if (name === "eval" || name === "arguments") return true;
  if (kind === undefined) return false;
  return (
    (kind >= ts.SyntaxKind.FirstReservedWord && kind <= ts.SyntaxKind.LastReservedWord) ||
    (kind >= ts.SyntaxKind.FirstFutureReservedWord &&
      kind <= ts.SyntaxKind.LastFutureReservedWord) ||
    kind === ts.SyntaxKind.AwaitKeyword
  );
}

/** Checks one generated file's syntax tree; returns every string-literal value and property name in it. */
function inspect(file: string, text: string): Set<string> {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const problems: string[] = [];
  const diagnostics = (source as unknown as { parseDiagnostics: readonly ts.Diagnostic[] })
    .parseDiagnostics;
  for (const d of diagnostics)
    problems.push(`parse error: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
  for (const statement of source.statements) {
    if (!DECLARATION_KINDS.has(statement.kind))
      problems.push(
        `top-level ${ts.SyntaxKind[statement.kind]}: ${statement.getText().slice(0, 200)}`,
      );
  }
  const values = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) {
      if (!IDENTIFIER.test(node.text)) problems.push(`invalid identifier '${node.text}'`);
      const isName =
        ts.isPropertySignature(node.parent) ||
        ts.isPropertyAssignment(node.parent) ||
        ts.isPropertyAccessExpression(node.parent);
      const declares =
        ts.isFunctionDeclaration(node.parent) ||
        ts.isVariableDeclaration(node.parent) ||
        ts.isTypeAliasDeclaration(node.parent) ||
        ts.isInterfaceDeclaration(node.parent);
      if (!isName && declares && isReservedBinding(node.text))
        problems.push(`'${node.text}' is a reserved word`);
      // A value exported as `then` makes the module namespace a thenable (`await import()` would call it).
      if (
        node.text === "then" &&
        (ts.isFunctionDeclaration(node.parent) || ts.isVariableDeclaration(node.parent))
      )
        problems.push("a value named 'then'");
      if (isName) values.add(node.text);
    } else if (ts.isStringLiteral(node)) {
      // The literal as written, evaluated by JavaScript, is the value TypeScript reads. (The text is one
      // string-literal token, checked by the parser above, so evaluating it runs nothing.)
      const raw = node.getText();
      let evaluated: string;
      try {
        evaluated = JSON.parse(raw) as string;
      } catch {
        // eslint-disable-next-line @typescript-eslint/no-implied-eval -- one string-literal token (see above)
        evaluated = (new Function(`return ${raw};`) as () => string)();
      }
      if (evaluated !== node.text)
        problems.push(
          `literal ${raw} evaluates to ${JSON.stringify(evaluated)}, not ${JSON.stringify(node.text)}`,
        );
      values.add(node.text);
    } else if (ts.isTemplateExpression(node)) {
      problems.push(`template expression ${node.getText().slice(0, 200)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  expect(problems, file).toEqual([]);
  return values;
}

/** Imports the compiled client from `dir` and calls both operations with a stub fetch. */
async function importAndCall(
  dir: string,
  operationNames: readonly string[],
  paramKeys: readonly string[],
): Promise<void> {
  const jsDir = `${dir}-js`;
  await mkdir(jsDir, { recursive: true });
  for (const file of SPEC_FILES) {
    const { code } = await transform(await readFile(path.join(dir, file), "utf8"), {
      loader: "ts",
      format: "esm",
      target: "es2022",
    });
    await writeFile(path.join(jsDir, file.replace(/\.ts$/, ".js")), code);
  }
  await symlink(path.join(sharedRuntime, "js"), path.join(jsDir, "runtime"));
  const module = (await import(pathToFileURL(path.join(jsDir, "index.js")).href)) as Record<
    string,
    unknown
  >;
  const requested: string[] = [];
  const fetch = (input: string | Request): Promise<Response> => {
    requested.push(new Request(input).url);
    return Promise.resolve(
      new Response("{}", { status: 200, headers: { "content-type": "application/json" } }),
    );
  };
  const createClient = module["createClient"] as (config: Record<string, unknown>) => unknown;
  const client = createClient({
    baseUrl: "https://api.example.test",
    fetch,
    apiKey: "key",
    maxRetries: 0,
  });
  const outcomes: string[] = [];
  for (const name of operationNames) {
    const operation = module[name] as (client: unknown, params?: unknown) => Promise<unknown>;
    expect(typeof operation, name).toBe("function");
    const params = Object.fromEntries(paramKeys.map((k) => [k, "v"]));
    // A hostile name may be refused before any request (Headers: TypeError; a lone surrogate: URIError); that is
    // fine. An error that means broken code (ReferenceError, SyntaxError) is not.
    outcomes.push(
      await operation(client, { ...params, body: {} }).then(
        () => "ok",
        (e: unknown) => (e instanceof Error ? e.name : typeof e),
      ),
    );
  }
  expect(
    outcomes.filter((o) =>
      ["ReferenceError", "SyntaxError", "EvalError", "RangeError"].includes(o),
    ),
  ).toEqual([]);
  expect((globalThis as Record<string, unknown>)[CANARY]).toBe("intact");
  for (const url of requested) expect(new URL(url).origin).toBe("https://api.example.test");
}

/**
 * Runs tsc once over the spec-dependent files of the given clients (`files`, not a glob: the runtime each client
 * imports through its `runtime` symlink resolves to one shared copy, checked once).
 * @returns tsc's error lines per client directory (only directories with errors; key "" for anything else).
 */
async function typecheckClients(
  dirs: readonly string[],
  batch: number,
): Promise<Map<string, string[]>> {
  const tscDir = path.join(root, `tsc-${batch}`);
  await mkdir(tscDir, { recursive: true });
  const files = dirs.flatMap((dir) => SPEC_FILES.map((f) => path.join(dir, f)));
  await writeFile(
    path.join(tscDir, "tsconfig.json"),
    JSON.stringify({ compilerOptions: STRICT_OPTIONS, files }),
  );
  const tsc = path.join(PROJECT_ROOT, "node_modules", "typescript", "bin", "tsc");
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        "--max-old-space-size=4096",
        tsc,
        "-p",
        path.join(tscDir, "tsconfig.json"),
        "--pretty",
        "false",
      ],
      { cwd: tscDir },
    );
    let text = "";
    child.stdout.on("data", (d: Buffer) => (text += d.toString()));
    child.stderr.on("data", (d: Buffer) => (text += d.toString()));
    child.on("error", reject);
    child.on("close", () => resolve(text));
  });
  const errors = new Map<string, string[]>();
  for (const line of output.split("\n").filter((l) => l.trim() !== "")) {
    const file = /^(.+?)\(\d+,\d+\): error /.exec(line)?.[1];
    const dir =
      file === undefined
        ? ""
        : (dirs.find((d) => path.resolve(tscDir, file).startsWith(d + path.sep)) ?? "");
    errors.set(dir, [...(errors.get(dir) ?? []), line]);
  }
  return errors;
}

/** Generates the client for `spec`, checks it, and keeps its directory for the batch type-check. */
async function checkSpec(
  spec: Record<string, unknown>,
  expected: readonly string[],
): Promise<void> {
  const n = count++;
  const specFile = path.join(root, "specs", `${n}.json`);
  const dir = path.join(root, "clients", String(n));
  await writeFile(specFile, JSON.stringify(spec));
  const result = await generate(
    { input: specFile, output: dir, name: "Hostile" },
    { cwd: root, formatter },
  );
  await mkdir(dir, { recursive: true });
  const values = new Set<string>();
  for (const file of SPEC_FILES) {
    const text = result.files.find((f) => f.path === file)?.contents;
    expect(text, file).toBeDefined();
    await writeFile(path.join(dir, file), text!);
    for (const v of inspect(file, text!)) values.add(v);
  }
  for (const value of expected)
    expect(values.has(value), `literal ${JSON.stringify(value)} missing`).toBe(true);
  await symlink(path.join(sharedRuntime, "ts"), path.join(dir, "runtime"));
  const operations = result.model.operations;
  await importAndCall(
    dir,
    operations.map((o) => o.name),
    [...new Set(operations.flatMap((o) => o.parameters.map((p) => p.key)))],
  );
  outputs.push({ dir, spec: specFile });
  if (outputs.length - checkedUpTo >= BATCH) startBatch();
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "hostile-"));
  await mkdir(path.join(root, "specs"));
  // ESM for tsc (NodeNext) and for the imported clients; written once (rewriting it races with imports).
  await writeFile(
    path.join(root, "package.json"),
    JSON.stringify({ type: "module", private: true }),
  );
  await mkdir(path.join(root, "clients"));
  sharedRuntime = path.join(root, "runtime");
  // The runtime every client shares (copied unchanged into each output): once as TypeScript, once compiled.
  const first = await generate(
    { input: path.join(FIXTURES, "plain.json"), output: path.join(root, "plain"), name: "Plain" },
    { cwd: root, formatter },
  );
  for (const file of first.files.filter((f) => f.path.startsWith("runtime/"))) {
    const name = file.path.slice("runtime/".length);
    await mkdir(path.join(sharedRuntime, "ts"), { recursive: true });
    await mkdir(path.join(sharedRuntime, "js"), { recursive: true });
    await writeFile(path.join(sharedRuntime, "ts", name), file.contents);
    const { code } = await transform(file.contents, {
      loader: "ts",
      format: "esm",
      target: "es2022",
    });
    await writeFile(path.join(sharedRuntime, "js", name.replace(/\.ts$/, ".js")), code);
  }
  (globalThis as Record<string, unknown>)[CANARY] = "intact";
});

afterAll(async () => {
  await formatter.close();
  if (root !== "" && process.env["HOSTILE_KEEP"] === undefined)
    await rm(root, { recursive: true, force: true });
});

describe("hostile specs: nothing a spec says becomes code", () => {
  it("regression fixtures (shrunk counterexamples)", async () => {
    const names = (await readdir(FIXTURES)).filter((f) => f.endsWith(".json")).sort();
    expect(names.length).toBeGreaterThan(1);
    for (const name of names) {
      const fixture = JSON.parse(await readFile(path.join(FIXTURES, name), "utf8")) as {
        spec?: Record<string, unknown>;
        literals?: string[];
      };
      if (fixture.spec === undefined) await checkSpec(fixture, []);
      else await checkSpec(fixture.spec, fixture.literals ?? []);
    }
  }, 120_000);

  it(
    `generated specs (fast-check, seed ${SEED}, ${RUNS} runs)`,
    async () => {
      if (FUZZING)
        console.info(`fuzz: ${RUNS} runs, seed ${SEED} (FUZZ_SEED=${SEED} repeats them)`);
      await fc.assert(
        fc.asyncProperty(hostileInput, async (h) => {
          await checkSpec(hostileSpec(h), expectedLiterals(h));
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: false },
      );
    },
    Math.max(600_000, RUNS * 1000),
  );

  it(
    "every generated client type-checks (strict tsc, in batches)",
    async () => {
      expect(outputs.length).toBeGreaterThanOrEqual(RUNS);
      startBatch();
      const errors = new Map((await Promise.all(batches)).flatMap((m) => [...m.entries()]));
      const report = [...errors.entries()]
        .slice(0, 3)
        .map(
          ([dir, lines]) =>
            `${outputs.find((o) => o.dir === dir)?.spec}\n${lines.slice(0, 5).join("\n")}`,
        );
      expect(report).toEqual([]);
    },
    Math.max(300_000, RUNS * 500),
  );
});
