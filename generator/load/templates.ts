/**
 * Reads the files under `templates/` that the generator copies (the runtime) or reads (the operation
 * template). Part of the load stage: the only other place the generator reads the disk.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { packageRoot } from "../util/package-root.js";

export interface Templates {
  /** This generator's version (package.json), named in every file header. */
  readonly generatorVersion: string;
  /** `templates/operation.ts` text. */
  readonly operation: string;
  /** Runtime files by name (`client.ts`, …), copied unchanged into `<output>/runtime/`. */
  readonly runtime: ReadonlyMap<string, string>;
}

const ROOT = packageRoot(import.meta.url);
const TEMPLATES_DIR = `${path.join(ROOT, "templates")}${path.sep}`;

/** Loads the templates shipped with the generator. */
export async function loadTemplates(): Promise<Templates> {
  const runtimeDir = `${TEMPLATES_DIR}runtime/`;
  const names = (await readdir(runtimeDir))
    .filter((n) => n.endsWith(".ts") && !n.endsWith(".test.ts"))
    .sort();
  const runtime = new Map<string, string>();
  for (const name of names) runtime.set(name, await readFile(`${runtimeDir}${name}`, "utf8"));
  const pkg = JSON.parse(await readFile(path.join(ROOT, "package.json"), "utf8")) as {
    version: string;
  };
  return {
    generatorVersion: pkg.version,
    operation: await readFile(`${TEMPLATES_DIR}operation.ts`, "utf8"),
    runtime,
  };
}
