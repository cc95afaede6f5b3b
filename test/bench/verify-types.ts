/**
 * Proof for emit/types.ts's direct `transformSchema` call: on real specs, its output equals openapi-typescript's
 * full `openapiTS()` path (redocly parse + lint + bundle first), byte for byte, and how long each takes.
 *
 * Run: npx tsx test/bench/verify-types.ts <spec> [<spec> …]   (exit 1 on any difference)
 */
import { emitOpenApiTypes, openApiTsReference } from "../../generator/emit/types.js";
import { load } from "../../generator/load/load.js";
import { normalize } from "../../generator/model/normalize.js";
import { validate } from "../../generator/validate/validate.js";

let differences = 0;
for (const spec of process.argv.slice(2)) {
  const validation = validate((await load(spec, { cwd: process.cwd() })).document);
  if (validation.document === undefined) {
    console.log(`${spec}: invalid, skipped`);
    continue;
  }
  const model = normalize(validation.document, { input: spec, output: "out", name: "Api" });
  let t = performance.now();
  const reference = await openApiTsReference(model);
  const referenceMs = performance.now() - t;
  t = performance.now();
  const direct = emitOpenApiTypes(model);
  const directMs = performance.now() - t;
  if (direct !== reference) differences++;
  console.log(
    `${spec}: ${direct === reference ? "identical" : "DIFFERS"} (openapiTS ${referenceMs.toFixed(0)} ms, transformSchema ${directMs.toFixed(0)} ms)`,
  );
}
process.exitCode = differences > 0 ? 1 : 0;
