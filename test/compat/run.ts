/**
 * `npm run compat`: generates a client for every real-world spec under SPECS_DIR (default ../shared/specs),
 * type-checks all of them strictly in one tsc program, prints a table and exits 1 unless every spec is clean.
 *
 * Usage: `npm run compat [-- filter…]` (only specs whose path contains one of the filters). `SPECS_DIR=test/fixtures`
 * runs it over the feature fixtures; `COMPAT_KEEP=1` keeps the generated clients (the path is printed).
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { generate } from "../../generator/index.js";
import { SpecError, formatIssue } from "../../generator/util/issues.js";
import { SPECS_DIR, hasSpecs } from "../helpers/specs-dir.js";
import { typecheckDirs, writeFiles } from "../helpers/typecheck.js";
import { listSpecs, specClientName } from "./specs.js";

interface Row {
  spec: string;
  operations: number | string;
  generateMs: number | string;
  tsc: string;
  warnings: number | string;
  dir?: string;
  detail: string[];
}

async function main(): Promise<number> {
  if (!hasSpecs) {
    console.error(
      `compat: SPECS_DIR ${SPECS_DIR} not found; set SPECS_DIR to the shared specs folder.`,
    );
    return 1;
  }
  const filters = process.argv.slice(2);
  const specs = listSpecs(SPECS_DIR).filter(
    (s) => filters.length === 0 || filters.some((f) => s.includes(f)),
  );
  const tmp = await mkdtemp(path.join(os.tmpdir(), "openapi-client-gen-compat-"));
  const rows: Row[] = [];
  try {
    for (const [i, spec] of specs.entries()) {
      const dir = path.join(tmp, "clients", String(i).padStart(3, "0"));
      const started = performance.now();
      try {
        const result = await generate(
          {
            input: path.join(SPECS_DIR, spec),
            output: dir,
            name: specClientName(spec),
          },
          { cwd: process.cwd() },
        );
        const generateMs = Math.round(performance.now() - started);
        await writeFiles(dir, result.files);
        const codes = new Map<string, number>();
        for (const issue of result.issues) codes.set(issue.code, (codes.get(issue.code) ?? 0) + 1);
        rows.push({
          spec,
          operations: result.model.operations.length,
          generateMs,
          tsc: "pending",
          warnings: result.issues.length,
          dir,
          detail: [...codes].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([c, n]) => `${c}×${n}`),
        });
      } catch (error) {
        const detail =
          error instanceof SpecError
            ? error.issues.slice(0, 5).map(formatIssue)
            : [String((error as Error).stack ?? error)];
        rows.push({
          spec,
          operations: "-",
          generateMs: Math.round(performance.now() - started),
          tsc: "not generated",
          warnings: "-",
          detail,
        });
      }
      process.stderr.write(`generated ${i + 1}/${specs.length} ${spec}\n`);
    }
    const dirs = rows.flatMap((r) => (r.dir !== undefined ? [r.dir] : []));
    const checked =
      dirs.length > 0 ? await typecheckDirs(path.join(tmp, "check"), dirs) : undefined;
    for (const row of rows) {
      if (row.dir === undefined || checked === undefined) continue;
      const errors = checked.errors.get(row.dir) ?? [];
      const count = errors.filter((l) => /: error TS/.test(l)).length;
      row.tsc = count === 0 ? "clean" : `${count} error(s)`;
      if (count > 0)
        row.detail = [
          ...row.detail,
          ...errors.slice(0, 8).map((l) => l.replace(row.dir! + path.sep, "")),
        ];
    }
    printTable(rows);
    if (checked !== undefined && checked.other.length > 0)
      console.log(`tsc (outside the clients):\n${checked.other.join("\n")}`);
    if (checked !== undefined) console.log(`tsc over ${dirs.length} clients: ${checked.ms} ms`);
    const generated = rows.filter((r) => r.dir !== undefined).length;
    const clean = rows.filter((r) => r.tsc === "clean").length;
    console.log(`${rows.length} specs: ${generated} generated, ${clean} type-check clean`);
    return clean === rows.length && (checked?.other.length ?? 0) === 0 ? 0 : 1;
  } finally {
    if (process.env["COMPAT_KEEP"] === undefined) await rm(tmp, { recursive: true, force: true });
    else console.log(`kept ${tmp}`);
  }
}

function printTable(rows: readonly Row[]): void {
  const header = ["spec", "operations", "generate ms", "tsc", "warnings"];
  const cells = rows.map((r) => [
    r.spec,
    String(r.operations),
    String(r.generateMs),
    r.tsc,
    String(r.warnings),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]): string =>
    c
      .map((v, i) => (i === 0 || i === 3 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!)))
      .join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  rows.forEach((r, i) => {
    console.log(line(cells[i]!));
    for (const d of r.detail) console.log(`    ${d}`);
  });
}

process.exitCode = await main();
