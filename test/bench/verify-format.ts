/**
 * Proof for format.ts's speed-ups: on real specs, formatting the generator's unformatted types.ts and
 * operations.ts through the worker pool (cut at top-level statements) gives exactly prettier's output
 * for the whole file, and so does types.ts printed in prettier's layout (emit/pretty-types.ts) with its
 * remaining pieces formatted. Also reports whether prettier's `babel-ts` parser would give the same bytes.
 *
 * Run: npx tsx test/bench/verify-format.ts <spec> [<spec> …]   (exit 1 on any difference)
 */
import { format } from "prettier";
import { operationsStatements } from "../../generator/emit/operations.js";
import { createPrinter } from "../../generator/emit/print.js";
import { readOperationTemplate } from "../../generator/emit/template.js";
import { emitTypes, type TypesSource } from "../../generator/emit/types.js";
import { joinPieces, splitSource } from "../../generator/format-split.js";
import { PRETTIER_OPTIONS, startFormatter } from "../../generator/format.js";
import { load } from "../../generator/load.js";
import { normalize } from "../../generator/normalize.js";
import { loadTemplates } from "../../generator/templates.js";
import { validate } from "../../generator/validate.js";

/** The unformatted types.ts and operations.ts text for `spec`, as generate() builds them. */
async function unformatted(spec: string): Promise<{ files: [string, string][]; types: TypesSource }> {
  const [loaded, templates] = await Promise.all([load(spec), loadTemplates()]);
  const validation = validate(loaded.document);
  if (validation.document === undefined) throw new Error(`${spec}: invalid`);
  const model = normalize(validation.document, { input: spec, output: "out", name: "Api" });
  const printer = createPrinter();
  const template = readOperationTemplate(printer, templates.operation);
  const types = emitTypes(model, printer);
  return {
    types,
    files: [
      ["types.ts", types.source()],
      ["operations.ts", printer.print(operationsStatements(model, template))],
    ],
  };
}

let differences = 0;
const formatter = startFormatter();
try {
  for (const spec of process.argv.slice(2)) {
    const { files, types } = await unformatted(spec);
    for (const [file, source] of files) {
      const whole = await format(source, PRETTIER_OPTIONS);
      const pooled = await formatter.typescript(source);
      const babel = await format(source, { ...PRETTIER_OPTIONS, parser: "babel-ts" });
      const pieces = splitSource(source, 60_000);
      const joined = joinPieces(pieces, await Promise.all(pieces.map((p) => format(p.text, PRETTIER_OPTIONS))));
      const same = pooled === whole && joined === whole;
      if (!same) differences++;
      const split = joined === undefined ? "wrapper check failed (whole-file fallback)" : joined === whole ? "identical" : "DIFFERS";
      let printed = "";
      if (file === "types.ts") {
        const joinedSegments = await formatter.segments(types.segments, () => "whole-file fallback");
        const fallback = types.segments.filter((x) => "piece" in x).reduce((n, x) => n + ("piece" in x ? x.piece.text.length : 0), 0);
        if (joinedSegments !== whole) differences++;
        printed = `; printed in prettier's layout ${joinedSegments === whole ? "identical" : "DIFFERS"} (${fallback} chars left to prettier)`;
      }
      console.log(`${spec} ${file} (${source.length} chars): pool ${pooled === whole ? "identical" : "DIFFERS"}; ${pieces.length} pieces joined ${split}; babel-ts ${babel === whole ? "identical" : "differs"}${printed}`);
    }
  }
} finally {
  await formatter.close();
}
process.exitCode = differences > 0 ? 1 : 0;
