/**
 * `npx tsx test/bench/changelog.ts [spec]`: time the changelog step of a regeneration adds (ms, median of
 * BENCH_RUNS after one warm-up), on openai.yaml by default: the previous spec is parsed, normalized and compared with
 * the new one. Three cases: a description edited (no client-visible change), one component schema changed under a
 * new `info.version`, and the same change under the same version (the entry recomputed from the version's base as
 * well). Never part of `npm test`.
 */
import path from "node:path";
import { updateChangelog } from "../../generator/changelog/history.js";
import { load } from "../../generator/load/load.js";
import { normalize } from "../../generator/model/normalize.js";
import { validate, type ValidDocument } from "../../generator/validate/validate.js";
import { sortedJson } from "../../generator/write/write.js";
import { median, RUNS, SPECS_DIR } from "./common.js";

const spec = process.argv[2] ?? path.join(SPECS_DIR, "large/openai.yaml");
const options = { input: spec, output: "out", name: "Api" };
const original = validate((await load(spec, { cwd: process.cwd() })).document).document!;

/** `original` with `edit` applied to a deep copy. */
function variant(edit: (doc: ValidDocument) => void): ValidDocument {
  const doc = structuredClone(original);
  edit(doc);
  return doc;
}
const firstSchema = (doc: ValidDocument): Record<string, unknown> => {
  const schemas = (doc["components"] as { schemas: Record<string, Record<string, unknown>> })
    .schemas;
  return schemas[Object.keys(schemas)[0]!]!;
};
const withVersion = (doc: ValidDocument, version: string): void => {
  doc.info["version"] = version;
};
const changeSchema = (doc: ValidDocument): void => {
  const schema = firstSchema(doc);
  schema["properties"] = { ...(schema["properties"] as object), benchAdded: { type: "string" } };
};

const cases: [string, ValidDocument, ValidDocument | undefined][] = [
  ["description edited", variant((d) => (d.info["description"] = "Edited.")), undefined],
  [
    "one schema changed, new info.version",
    variant((d) => (withVersion(d, "next"), changeSchema(d))),
    undefined,
  ],
  [
    "one schema changed, same info.version (with base)",
    variant(changeSchema),
    variant((d) => withVersion(d, "old")),
  ],
];
const previousSpec = sortedJson(original);
for (const [name, next, base] of cases) {
  const model = normalize(next, options);
  const normalizedSpec = sortedJson(next);
  const times: number[] = [];
  let entry = "";
  for (let i = 0; i <= RUNS; i++) {
    const started = performance.now();
    const update = updateChangelog(
      { spec: previousSpec, base: base === undefined ? undefined : sortedJson(base) },
      { document: next, normalizedSpec, model },
      options,
      "",
    );
    if (i > 0) times.push(performance.now() - started);
    entry = update.changelog?.summary.split("\n")[0] ?? "(no changelog)";
  }
  console.log(`${name.padEnd(52)} ${median(times).toFixed(1).padStart(7)} ms   ${entry}`);
}
