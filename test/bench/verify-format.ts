/**
 * Proof for format.ts's speed-ups: on real specs, formatting the generator's unformatted types.ts and
 * operations.ts through the worker pool (cut at top-level statements) gives exactly prettier's output
 * for the whole file. Also reports whether prettier's `babel-ts` parser would give the same bytes.
 *
 * Run: npx tsx test/bench/verify-format.ts <spec> [<spec> …]   (exit 1 on any difference)
 */
import { format } from "prettier";
import { operationsStatements } from "../../generator/emit/operations.js";
import { createPrinter } from "../../generator/emit/print.js";
import { readOperationTemplate } from "../../generator/emit/template.js";
import { emitTypes } from "../../generator/emit/types.js";
import { joinPieces, splitSource } from "../../generator/format-split.js";
import { PRETTIER_OPTIONS, startFormatter } from "../../generator/format.js";
import { load } from "../../generator/load.js";
import { normalize } from "../../generator/normalize.js";
import { loadTemplates } from "../../generator/templates.js";
import { validate } from "../../generator/validate.js";

/** The unformatted types.ts and operations.ts text for `spec`, as generate() builds them. */
async function unformatted(spec: string): Promise<[string, string][]> {
  const [loaded, templates] = await Promise.all([load(spec), loadTemplates()]);
  const validation = validate(loaded.document);
  if (validation.document === undefined) throw new Error(`${spec}: invalid`);
  const model = normalize(validation.document, { input: spec, output: "out", name: "Api" });
  const printer = createPrinter();
  const template = readOperationTemplate(printer, templates.operation);
  return [
    ["types.ts", await emitTypes(model, printer)],
    ["operations.ts", printer.print(operationsStatements(model, template))],
  ];
}

let differences = 0;
const formatter = startFormatter();
try {
  for (const spec of process.argv.slice(2)) {
    for (const [file, source] of await unformatted(spec)) {
      const whole = await format(source, PRETTIER_OPTIONS);
      const pooled = await formatter.typescript(source);
      const babel = await format(source, { ...PRETTIER_OPTIONS, parser: "babel-ts" });
      const pieces = splitSource(source, 60_000);
      const joined = joinPieces(pieces, await Promise.all(pieces.map((p) => format(p.text, PRETTIER_OPTIONS))));
      const same = pooled === whole && joined === whole;
      if (!same) differences++;
      const split = joined === undefined ? "wrapper check failed (whole-file fallback)" : joined === whole ? "identical" : "DIFFERS";
      console.log(`${spec} ${file} (${source.length} chars): pool ${pooled === whole ? "identical" : "DIFFERS"}; ${pieces.length} pieces joined ${split}; babel-ts ${babel === whole ? "identical" : "differs"}`);
    }
  }
} finally {
  await formatter.close();
}
process.exitCode = differences > 0 ? 1 : 0;
