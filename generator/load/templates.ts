/**
 * Reads the files under `templates/` that the generator copies (the runtime) or reads (the operation
 * template). Part of the load stage: the only other place the generator reads the disk.
 */
import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

export interface Templates {
  /** This generator's version (package.json), named in every file header. */
  readonly generatorVersion: string;
  /** `templates/operation.ts` text. */
  readonly operation: string;
  /** Runtime files by name (`client.ts`, …), copied unchanged into `<output>/runtime/`. */
  readonly runtime: ReadonlyMap<string, string>;
}

const TEMPLATES_DIR = fileURLToPath(new URL("../../templates/", import.meta.url));

/** Loads the templates shipped with the generator. */
export async function loadTemplates(): Promise<Templates> {
  const runtimeDir = `${TEMPLATES_DIR}runtime/`;
  const names = (await readdir(runtimeDir))
    .filter((n) => n.endsWith(".ts") && !n.endsWith(".test.ts"))
    .sort();
  const runtime = new Map<string, string>();
  for (const name of names) runtime.set(name, await readFile(`${runtimeDir}${name}`, "utf8"));
  const pkg = JSON.parse(
    await readFile(new URL("../../package.json", import.meta.url), "utf8"),
  ) as { version: string };
  return {
    generatorVersion: pkg.version,
    operation: await readFile(`${TEMPLATES_DIR}operation.ts`, "utf8"),
    runtime,
  };
}
