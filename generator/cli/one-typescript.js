// @ts-check
/**
 * One TypeScript compiler per CLI process instead of two. ts-morph runs on the copy of TypeScript bundled in
 * @ts-morph/common (`dist/typescript.js`, a stock TypeScript release), while openapi-typescript and generator/emit
 * import `typescript`: loading both costs the main thread parsing and running a second 9 MB compiler (~100 ms).
 * Plain JavaScript so `bin.js` can call it before any of them loads.
 */
import { createRequire } from "node:module";
import path from "node:path";

/**
 * Registers ts-morph's bundled TypeScript under the path of `typescript` in the CommonJS module cache, which
 * `import "typescript"` consults too, so every importer gets that one compiler. Call before anything imports
 * `typescript` or `ts-morph`. The output is byte-identical either way: test/snapshot compares the committed clients
 * (written by the CLI, one compiler) with the library's output in vitest (two compilers).
 * @returns {string | undefined} The shared compiler's version; undefined when nothing was registered (either package
 *   cannot be found, or `typescript` is already loaded): then each keeps its own compiler, as without this.
 */
export function shareTypeScript() {
  try {
    const require = createRequire(import.meta.url);
    const typescript = require.resolve("typescript");
    if (require.cache[typescript] !== undefined) return undefined;
    const common = createRequire(require.resolve("ts-morph")).resolve("@ts-morph/common");
    const bundled = path.join(path.dirname(common), "typescript.js");
    const ts = /** @type {{ version: string }} */ (require(bundled));
    require.cache[typescript] = require.cache[bundled];
    return ts.version;
  } catch {
    return undefined;
  }
}
