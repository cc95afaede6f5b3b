/**
 * Where the generator's package lives, for the files it ships beside its code (templates/, package.json).
 * The code runs from generator/ (sources, through tsx) or from dist/generator/ (the build), so paths are found
 * by looking for package.json rather than by a fixed number of `../`.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The nearest directory at or above `moduleUrl`'s folder that holds a package.json.
 * @param moduleUrl A module's `import.meta.url`.
 * @throws {Error} when no folder above holds a package.json (the generator's files are incomplete).
 */
export function packageRoot(moduleUrl: string): string {
  let dir = path.dirname(fileURLToPath(moduleUrl));
  for (;;) {
    if (existsSync(path.join(dir, "package.json"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(moduleUrl)}`);
    dir = parent;
  }
}
