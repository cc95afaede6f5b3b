/** Helpers for workflow tests: temp directories under test/.tmp and a stream that collects text. */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import { Writable } from "node:stream";
import { PROJECT_ROOT } from "../helpers/specs-dir.js";

/** A fresh directory under `test/.tmp/` (inside the project, so generated clients resolve `node_modules`). */
export async function tempDir(
  prefix: string,
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const base = path.join(PROJECT_ROOT, "test", ".tmp");
  await mkdir(base, { recursive: true });
  const dir = await mkdtemp(path.join(base, `${prefix}-`));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A writable stream that keeps what is written; `text()` returns it. */
export function collector(): Writable & { text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return Object.assign(stream, { text: () => chunks.join("") });
}
