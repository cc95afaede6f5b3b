/**
 * The real-world specs `npm run compat` and the spec tests run over: every top-level document under SPECS_DIR
 * (`.yaml`, `.yml`, `.json`), where a multi-file spec counts once, by its entry file: a folder listed in
 * MULTI_FILE_ENTRIES, or any sub-folder holding an `openapi.yaml`/`openapi.json`.
 */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";

/** Multi-file specs: folder (relative to SPECS_DIR) → its entry file. Other files in the folder are parts of it. */
export const MULTI_FILE_ENTRIES: Readonly<Record<string, string>> = {
  "openapi-typescript/digital-ocean-api": "DigitalOcean-public.v2.yaml",
};

/** Relative paths (forward slashes, code-unit sorted) of every spec under `specsDir`. */
export function listSpecs(specsDir: string): string[] {
  const out: string[] = [];
  const visit = (relDir: string): void => {
    const names = readdirSync(path.join(specsDir, relDir));
    const entry =
      MULTI_FILE_ENTRIES[relDir] ??
      (relDir !== "" ? names.find((n) => /^openapi\.(ya?ml|json)$/.test(n)) : undefined);
    if (entry !== undefined) {
      out.push(`${relDir}/${entry}`);
      return;
    }
    for (const name of names) {
      const rel = relDir === "" ? name : `${relDir}/${name}`;
      if (statSync(path.join(specsDir, rel)).isDirectory()) visit(rel);
      else if (/\.(ya?ml|json)$/i.test(name)) out.push(rel);
    }
  };
  visit("");
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A client name for a spec path: `oai/petstore.yaml` → `petstore`, `multi-file/openapi.yaml` → `multi-file`. */
export function specClientName(rel: string): string {
  const base = path.posix.basename(rel).replace(/\.(ya?ml|json)$/i, "");
  return base === "openapi" && rel.includes("/")
    ? path.posix.basename(path.posix.dirname(rel))
    : base;
}
