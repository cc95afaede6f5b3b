/**
 * Type-checks generated clients with the TypeScript compiler, the way a strict user project would:
 * strict, noUncheckedIndexedAccess, exactOptionalPropertyTypes, skipLibCheck, NodeNext modules.
 * Many client directories go into ONE tsc program (much faster than one tsc per client).
 */
import { spawn } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { PROJECT_ROOT } from "./specs-dir.js";

/** The compiler options every generated client must pass. */
export const STRICT_OPTIONS = {
  target: "ES2022",
  lib: ["ES2022", "DOM", "DOM.Iterable"],
  module: "NodeNext",
  moduleResolution: "NodeNext",
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  skipLibCheck: true,
  noEmit: true,
  types: [],
} as const;

const PACKAGE_JSON = `${JSON.stringify({ type: "module", private: true })}\n`;

/** Writes `files` (paths relative to `dir`) under `dir`. */
export async function writeFiles(
  dir: string,
  files: readonly { path: string; contents: string }[],
): Promise<void> {
  for (const file of files) {
    const target = path.join(dir, file.path);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.contents);
  }
}

export interface TypecheckResult {
  /** Diagnostics per client directory (absolute path as given), in tsc's order; empty when clean. */
  readonly errors: ReadonlyMap<string, string[]>;
  /** Diagnostics not inside any of the directories (config problems). */
  readonly other: readonly string[];
  /** Wall time of the tsc run, ms. */
  readonly ms: number;
}

/**
 * Runs `tsc --noEmit` once over every `.ts` file under `dirs` with {@link STRICT_OPTIONS}.
 * `root` holds the generated tsconfig; a `package.json` with `"type": "module"` is written there and in each of `dirs`.
 * @throws {Error} when tsc cannot be started.
 */
export async function typecheckDirs(
  root: string,
  dirs: readonly string[],
): Promise<TypecheckResult> {
  await mkdir(root, { recursive: true });
  await writeFile(path.join(root, "package.json"), PACKAGE_JSON);
  for (const dir of dirs) await writeFile(path.join(dir, "package.json"), PACKAGE_JSON);
  const include = dirs.map((d) => `${path.relative(root, d).split(path.sep).join("/")}/**/*.ts`);
  await writeFile(
    path.join(root, "tsconfig.json"),
    JSON.stringify({ compilerOptions: STRICT_OPTIONS, include }, null, 2),
  );
  const tsc = path.join(PROJECT_ROOT, "node_modules", "typescript", "bin", "tsc");
  const started = performance.now();
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        "--max-old-space-size=6144",
        tsc,
        "-p",
        path.join(root, "tsconfig.json"),
        "--pretty",
        "false",
      ],
      { cwd: root },
    );
    let text = "";
    child.stdout.on("data", (d: Buffer) => (text += d.toString()));
    child.stderr.on("data", (d: Buffer) => (text += d.toString()));
    child.on("error", reject);
    child.on("close", () => resolve(text));
  });
  const ms = Math.round(performance.now() - started);
  const errors = new Map<string, string[]>(dirs.map((d) => [d, []]));
  const other: string[] = [];
  let current: string[] | undefined;
  for (const line of output.split("\n")) {
    if (line.trim() === "") continue;
    const match = /^(.+?)\(\d+,\d+\): error /.exec(line);
    if (match !== null) {
      const file = path.resolve(root, match[1]!);
      const dir = dirs.find((d) => file.startsWith(d + path.sep));
      current = dir !== undefined ? errors.get(dir)! : other;
      current.push(line);
    } else if (/^\s/.test(line) && current !== undefined) {
      current.push(line);
    } else {
      other.push(line);
      current = other;
    }
  }
  return { errors, other, ms };
}
