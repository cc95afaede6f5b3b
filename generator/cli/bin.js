#!/usr/bin/env node
// Entry point of the `openapi-client-gen` command. First the instant no-op (plain JS, no tsx): when this exact
// invocation already produced outputs that still match their spec and manifest, say so and stop. Otherwise run the
// TypeScript CLI: precompiled by esbuild into one module cached under node_modules/.cache/openapi-client-gen/
// (keyed by the generator fingerprint, so any source change rebuilds it), or through tsx when it cannot be built.
// Either way with one TypeScript compiler (one-typescript.js).
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { fastNoop, generatorFingerprint } from "./noop.js";
import { shareTypeScript } from "./one-typescript.js";

const GENERATOR_DIR = path.dirname(fileURLToPath(import.meta.url));

/**
 * The large CommonJS packages, loaded with `require` (their CommonJS builds) instead of `import`. Importing a
 * CommonJS file from an ES module makes Node compile it once more to detect its module format and scan it for its
 * exports, which for `typescript`'s 9 MB costs the main thread more than loading it; openapi-typescript's ES build
 * imports `typescript` too, so it is required as its CommonJS build — as are the parts of it emit/types.ts imports
 * directly (`openapi-typescript/dist/….js` → `….cjs`: the package's main module also loads @redocly/openapi-core).
 */
const COMMONJS_PACKAGES = /^(?:typescript|ts-morph|openapi-typescript(?:\/dist\/[\w/-]+\.c?js)?)$/;

/** esbuild plugin: each COMMONJS_PACKAGES import becomes a module that `require`s the package (left external). */
const requireCommonJs = {
  name: "require-commonjs",
  /** @param {import("esbuild").PluginBuild} build */
  setup(build) {
    build.onResolve({ filter: COMMONJS_PACKAGES }, (args) =>
      args.kind === "require-call"
        ? { path: args.path, external: true }
        : { path: args.path, namespace: "require-commonjs" },
    );
    build.onLoad({ filter: /.*/, namespace: "require-commonjs" }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path.replace(/\.js$/, ".cjs"))});`,
      loader: "js",
    }));
  },
};

/** esbuild plugin: `import.meta.url` in each bundled module keeps meaning that module's own file (workers, templates). */
const ownImportMetaUrl = {
  name: "own-import-meta-url",
  /** @param {import("esbuild").PluginBuild} build */
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => ({
      contents: (await readFile(args.path, "utf8")).replaceAll(
        "import.meta.url",
        JSON.stringify(pathToFileURL(args.path).href),
      ),
      loader: "ts",
    }));
  },
};

/**
 * Path of the compiled CLI for these generator sources, building it when missing: generator/cli/main.ts and every module
 * it imports (not packages: they stay imports, resolved from node_modules above the cache, or `require` calls for
 * COMMONJS_PACKAGES) bundled into one ES module. `import.meta.url` keeps meaning each module's own file (ownImportMetaUrl; the key
 * also covers this directory's path). Written to a temporary file and renamed, so concurrent runs never see half a
 * file; bundles of other sources are removed.
 * @returns {Promise<string | undefined>} undefined when esbuild is missing or the cache cannot be written.
 */
async function compiledCli() {
  try {
    const dir = path.join(
      GENERATOR_DIR,
      "..",
      "..",
      "node_modules",
      ".cache",
      "openapi-client-gen",
    );
    const key = createHash("sha256")
      .update(`${generatorFingerprint()}\0${GENERATOR_DIR}`)
      .digest("hex")
      .slice(0, 16);
    const file = path.join(dir, `cli-${key}.mjs`);
    if (existsSync(file)) return file;
    const esbuild = await import("esbuild");
    const cliUrl = JSON.stringify(pathToFileURL(path.join(GENERATOR_DIR, "main.ts")).href);
    const result = await esbuild.build({
      entryPoints: [path.join(GENERATOR_DIR, "main.ts")],
      bundle: true,
      packages: "external",
      platform: "node",
      format: "esm",
      target: "node20",
      write: false,
      logLevel: "silent",
      banner: {
        js: `import { createRequire as __createRequire } from "node:module";\nconst require = __createRequire(${cliUrl});`,
      },
      plugins: [requireCommonJs, ownImportMetaUrl],
    });
    const code = result.outputFiles[0]?.text;
    if (code === undefined) return undefined;
    mkdirSync(dir, { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, code);
    renameSync(temp, file);
    for (const name of readdirSync(dir)) {
      if (/^cli-[0-9a-f]{16}\.mjs$/.test(name) && name !== path.basename(file))
        rmSync(path.join(dir, name), { force: true });
    }
    return file;
  } catch (error) {
    // The CLI still runs (through tsx), only slower; --verbose says why.
    if (process.argv.includes("--verbose"))
      process.stderr.write(
        `openapi-client-gen: precompiling the CLI failed, running it through tsx: ${error instanceof Error ? error.message : String(error)}\n`,
      );
    return undefined;
  }
}

const noop = fastNoop(process.argv.slice(2), process.cwd());
if (noop !== undefined) {
  process.stdout.write(`${noop}\n`);
} else {
  shareTypeScript();
  const compiled =
    process.env["OPENAPI_CLIENT_GEN_NO_PRECOMPILE"] === "1" ? undefined : await compiledCli();
  let ran = false;
  if (compiled !== undefined) {
    try {
      await import(pathToFileURL(compiled).href);
      ran = true;
    } catch (error) {
      // Removed since it was built (a run of other sources replaced it): nothing of it ran, so run through tsx.
      const e = /** @type {{ code?: unknown, url?: unknown }} */ (error);
      if (e.code !== "ERR_MODULE_NOT_FOUND" || e.url !== pathToFileURL(compiled).href) throw error;
    }
  }
  if (!ran) {
    const { register } = await import("tsx/esm/api");
    register();
    await import("./main.ts");
  }
}
