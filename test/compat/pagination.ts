/**
 * `npx tsx test/compat/pagination.ts [-v] [filter…]`: which operations of the real-world specs under SPECS_DIR
 * (default ../shared/specs) the generator paginates, by kind: a count per spec and kind, and with `-v` every
 * paginated operation with its spec (the list to spot-check for false positives). Loads, validates and
 * normalizes only (no emit), so it runs in seconds.
 */
import path from "node:path";
import { load } from "../../generator/load/load.js";
import { normalize } from "../../generator/model/normalize.js";
import { validate } from "../../generator/validate/validate.js";
import { SPECS_DIR, hasSpecs } from "../helpers/specs-dir.js";
import { listSpecs, specClientName } from "./specs.js";

const KINDS = ["cursor", "nextUrl", "link", "page", "offset"] as const;

async function main(): Promise<number> {
  if (!hasSpecs) {
    console.error(`SPECS_DIR ${SPECS_DIR} not found; set SPECS_DIR to the shared specs folder.`);
    return 1;
  }
  const args = process.argv.slice(2);
  const verbose = args.includes("-v");
  const filters = args.filter((a) => a !== "-v");
  const specs = listSpecs(SPECS_DIR).filter(
    (s) => filters.length === 0 || filters.some((f) => s.includes(f)),
  );
  const totals = new Map<string, number>(KINDS.map((k) => [k, 0]));
  let operations = 0;
  const lines: string[] = [];
  for (const spec of specs) {
    const loaded = await load(path.join(SPECS_DIR, spec), {
      cwd: process.cwd(),
      allowRemoteRefs: false,
    });
    const { document } = validate(loaded.document);
    if (document === undefined) continue;
    const model = normalize(document, { input: spec, output: "x", name: specClientName(spec) });
    operations += model.operations.length;
    const counts = new Map<string, number>();
    for (const o of model.operations) {
      if (o.pagination === undefined) continue;
      const kind = o.pagination.kind ?? "cursor";
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
      totals.set(kind, (totals.get(kind) ?? 0) + 1);
      if (verbose)
        lines.push(`${kind}\t${spec}\t${o.method} ${o.path}\t${JSON.stringify(o.pagination)}`);
    }
    if (counts.size > 0)
      console.log(
        `${spec}: ${[...counts].map(([k, n]) => `${k} ${n}`).join(", ")} (of ${model.operations.length})`,
      );
  }
  console.log(
    `total (${specs.length} specs, ${operations} operations): ${[...totals].map(([k, n]) => `${k} ${n}`).join(", ")}`,
  );
  if (verbose) console.log(lines.sort().join("\n"));
  return 0;
}

process.exitCode = await main();
