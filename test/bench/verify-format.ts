/**
 * Proof for format.ts's speed-ups: on real specs, formatting the generator's unformatted types.ts and
 * operations.ts through the worker pool (cut at top-level statements) gives exactly prettier's output
 * for the whole file, and so do types.ts and operations.ts printed in prettier's layout (emit/pretty-types.ts,
 * emit/pretty-structures.ts) with their remaining pieces formatted. Also reports whether prettier's `babel-ts` parser would give the same bytes.
 *
 * Run: npx tsx test/bench/verify-format.ts <spec> [<spec> …]   (exit 1 on any difference)
 */
import { format } from "prettier";
import { operationsStatements } from "../../generator/emit/operations.js";
import { createPrinter } from "../../generator/emit/print.js";
import { readOperationTemplate } from "../../generator/emit/template.js";
import type { Segment } from "../../generator/emit/pretty-common.js";
import { prettyStructures } from "../../generator/emit/pretty-structures.js";
import { emitTypes } from "../../generator/emit/types.js";
import { joinPieces, splitSource } from "../../generator/emit/format-split.js";
import { PRETTIER_OPTIONS, startFormatter } from "../../generator/format/format.js";
import { load } from "../../generator/load/load.js";
import { normalize } from "../../generator/model/normalize.js";
import { loadTemplates } from "../../generator/load/templates.js";
import { validate } from "../../generator/validate/validate.js";

/** The unformatted types.ts and operations.ts text for `spec`, as generate() builds them. */
async function unformatted(
  spec: string,
): Promise<{ files: [string, string][]; segments: Record<string, readonly Segment[]> }> {
  const [loaded, templates] = await Promise.all([
    load(spec, { cwd: process.cwd() }),
    loadTemplates(),
  ]);
  const validation = validate(loaded.document);
  if (validation.document === undefined) throw new Error(`${spec}: invalid`);
  const model = normalize(validation.document, { input: spec, output: "out", name: "Api" });
  const printer = createPrinter();
  const template = readOperationTemplate(printer, templates.operation);
  const types = emitTypes(model, printer);
  const operations = operationsStatements(model, template);
  return {
    segments: {
      "types.ts": types.segments,
      "operations.ts": prettyStructures(operations, (s) => printer.print([s])) ?? [],
    },
    files: [
      ["types.ts", types.source()],
      ["operations.ts", printer.print(operations)],
    ],
  };
}

let differences = 0;
const formatter = startFormatter();
try {
  for (const spec of process.argv.slice(2)) {
    const { files, segments } = await unformatted(spec);
    for (const [file, source] of files) {
      const whole = await format(source, PRETTIER_OPTIONS);
      const pooled = await formatter.typescript(source);
      const babel = await format(source, { ...PRETTIER_OPTIONS, parser: "babel-ts" });
      const pieces = splitSource(source, 60_000);
      const joined = joinPieces(
        pieces,
        await Promise.all(pieces.map((p) => format(p.text, PRETTIER_OPTIONS))),
      );
      const same = pooled === whole && joined === whole;
      if (!same) differences++;
      const split =
        joined === undefined
          ? "wrapper check failed (whole-file fallback)"
          : joined === whole
            ? "identical"
            : "DIFFERS";
      const fileSegments = segments[file] ?? [];
      const joinedSegments = await formatter.segments(fileSegments, () => "whole-file fallback");
      const fallback = fileSegments.reduce(
        (n, x) => n + ("piece" in x ? x.piece.text.length : 0),
        0,
      );
      if (joinedSegments !== whole) differences++;
      const printed = `; printed in prettier's layout ${joinedSegments === whole ? "identical" : "DIFFERS"} (${fallback} chars left to prettier)`;
      console.log(
        `${spec} ${file} (${source.length} chars): pool ${pooled === whole ? "identical" : "DIFFERS"}; ${pieces.length} pieces joined ${split}; babel-ts ${babel === whole ? "identical" : "differs"}${printed}`,
      );
    }
  }
} finally {
  await formatter.close();
}
process.exitCode = differences > 0 ? 1 : 0;
