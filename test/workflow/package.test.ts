/**
 * The generator as another project gets it: `npm pack` (which builds dist/ through `prepare`), `npm install` of
 * the tarball into a fresh project outside this one, then `npx openapi-client-gen generate` there, from a typed
 * config file and from flags, and the client type-checked with the TypeScript that came with the install.
 * Needs the npm registry (or npm's cache) for the dependencies.
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../helpers/specs-dir.js";
import { STRICT_OPTIONS } from "../helpers/typecheck.js";

const run = promisify(execFile);

const SPEC = `openapi: 3.1.0
info: { title: Pets, version: "1.0.0" }
servers: [{ url: "https://pets.example.test" }]
paths:
  /pets/{id}:
    get:
      operationId: getPet
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                required: [id, name]
                properties: { id: { type: string }, name: { type: string } }
`;

// The "./config" entry holds only defineConfig and the config types: loading it loads nothing heavy.
const CONFIG = `import { defineConfig } from "openapi-client-gen/config";

export default defineConfig({
  targets: { pets: { input: "spec.yaml", output: "src/pets", name: "Pets" } },
});
`;

const MAIN = `import { createClient, getPet } from "./flags/index.js";

const client = createClient({ baseUrl: "https://pets.example.test" });
const pet = await getPet(client, { id: "p1" });
const name: string = pet.name;
// @ts-expect-error: the id path parameter is required
void (() => getPet(client, {}));
console.log(name);
`;

/** Uses the library API as README.md shows it, in `cwd` (an expression); type-checked with the client, and run. */
const library = (
  cwd: string,
): string => `import { check, generate, generateToDisk } from "openapi-client-gen";

const options = { input: "spec.yaml", output: "src/lib", name: "Lib" };
const cwd: string = ${cwd};
const { files, issues } = await generate(options, { cwd });
await generateToDisk(options, { cwd });
const { stale, missing, extra } = await check(options, { cwd });
console.log(JSON.stringify({ files: files.length, issues: issues.length, stale, missing, extra }));
`;

/** The environment without npm's variables from the `npm test` that runs this, so the nested npm is clean. */
const env = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith("npm_")),
);

describe("the packed generator, installed into another project", () => {
  let tmp = "";
  let project = "";
  let packed: { filename: string; files: { path: string }[] } | undefined;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), "ocg-package-"));
    project = path.join(tmp, "project");
    const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", tmp], {
      cwd: PROJECT_ROOT,
      env,
    });
    packed = (JSON.parse(stdout) as { filename: string; files: { path: string }[] }[])[0];
    await mkdir(project);
    await writeFile(
      path.join(project, "package.json"),
      `${JSON.stringify({ name: "consumer", private: true, type: "module" })}\n`,
    );
    await run(
      "npm",
      ["install", "--no-audit", "--no-fund", "--prefer-offline", path.join(tmp, packed!.filename)],
      { cwd: project, env },
    );
  }, 240_000);
  afterAll(async () => {
    if (tmp !== "") await rm(tmp, { recursive: true, force: true });
  });

  it("packs the built CLI, the templates and the README, and no sources or tests", () => {
    const files = packed!.files.map((f) => f.path).sort();
    expect(files).toContain("dist/generator/cli/bin.js");
    expect(files).toContain("dist/generator/index.d.ts");
    expect(files).toContain("templates/operation.ts");
    expect(files).toContain("templates/runtime/client.ts");
    expect(files).toContain("README.md");
    const unexpected = files.filter(
      (f) =>
        !/^(dist\/(generator|templates)\/|templates\/)/.test(f) &&
        !["package.json", "README.md"].includes(f),
    );
    expect(unexpected).toEqual([]);
    expect(files.filter((f) => f.endsWith(".test.ts"))).toEqual([]);
  });

  it("generates from a typed config with npx openapi-client-gen generate, then finds it up to date", async () => {
    await writeFile(path.join(project, "spec.yaml"), SPEC);
    await writeFile(path.join(project, "openapi-client-gen.config.ts"), CONFIG);
    const first = await run("npx", ["openapi-client-gen", "generate"], { cwd: project, env });
    expect(first.stdout).toMatch(/^Pets: 1 operations, .* files written to src\/pets\n/);
    expect(await readFile(path.join(project, "src/pets/operations.ts"), "utf8")).toContain(
      "export function getPet(",
    );
    const again = await run("npx", ["openapi-client-gen", "generate"], { cwd: project, env });
    expect(again.stdout).toBe(
      "src/pets is up to date (spec, config and generator unchanged; --force regenerates)\n",
    );
  });

  it("generates from flags, and the client type-checks with the installed TypeScript", async () => {
    const argv = ["generate", "-i", "spec.yaml", "-o", "src/flags", "-n", "Flags"];
    const flags = await run("npx", ["openapi-client-gen", ...argv], { cwd: project, env });
    expect(flags.stdout).toContain("files written to src/flags");
    await writeFile(path.join(project, "src/main.ts"), MAIN);
    await writeFile(path.join(project, "src/library.ts"), library('"."'));
    await writeFile(
      path.join(project, "tsconfig.json"),
      JSON.stringify({ compilerOptions: STRICT_OPTIONS, include: ["src/**/*.ts"] }),
    );
    const tsc = path.join(project, "node_modules", ".bin", "tsc");
    const result = await run(tsc, ["-p", "tsconfig.json"], { cwd: project, env }).catch(
      (error: Error & { stdout?: string }) => ({ stdout: error.stdout ?? error.message }),
    );
    expect(result.stdout).toBe("");
  });

  it("runs the library API with the directory it is given (not the process's)", async () => {
    // The code of src/library.ts as JavaScript, run from another directory with the project as its cwd.
    await writeFile(
      path.join(project, "library.mjs"),
      library("process.argv[2]").replace("const cwd: string", "const cwd"),
    );
    const { stdout } = await run(process.execPath, [path.join(project, "library.mjs"), project], {
      cwd: tmp,
      env,
    });
    const files = JSON.parse(stdout) as { files: number };
    expect(files.files).toBeGreaterThan(10);
    expect(JSON.parse(stdout)).toEqual({
      files: files.files,
      issues: 0,
      stale: [],
      missing: [],
      extra: [],
    });
    expect(await readFile(path.join(project, "src/lib/client.ts"), "utf8")).toContain(
      "LibClientConfig",
    );
  });
});
