/**
 * Where the shared real-world specs are: `SPECS_DIR`, default `../shared/specs` next to the project.
 * Tests that need them use `describeWithSpecs`, which skips with a visible notice when the folder is absent.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe } from "vitest";

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Absolute path of the shared specs folder (it may not exist). */
export const SPECS_DIR = path.resolve(PROJECT_ROOT, process.env["SPECS_DIR"] ?? "../shared/specs");

export const hasSpecs = existsSync(SPECS_DIR);

/** `describe` when the shared specs exist; otherwise a skipped suite whose name says why. */
export function describeWithSpecs(name: string, fn: () => void): void {
  if (hasSpecs) describe(name, fn);
  else
    describe.skip(
      `${name} (skipped: SPECS_DIR ${SPECS_DIR} not found; set SPECS_DIR to run it)`,
      fn,
    );
}
