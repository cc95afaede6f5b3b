/**
 * The pipeline: load → validate → normalize → emit → format. Pure from its inputs except `load`
 * (reads) — `write` is the caller's step. Returns the files and a report; never prints.
 */
import path from "node:path";
import type { GenerateOptions } from "./config/config.js";
import { DEFAULTS } from "./config/config.js";
import { clientStatements, indexStatements } from "./emit/client.js";
import { fileHeader } from "./emit/header.js";
import { operationsStatements } from "./emit/operations.js";
import { createPrinter } from "./emit/print.js";
import { prettyStructures } from "./emit/pretty-structures.js";
import { emitReadme } from "./emit/readme.js";
import { readOperationTemplate } from "./emit/template.js";
import { emitTypes, type TypesSource } from "./emit/types.js";
import { startFormatter, type Formatter } from "./format/format.js";
import { SpecError, type Issue } from "./util/issues.js";
import { locateIssues } from "./load/locate.js";
import { load, type LoadedSpec } from "./load/load.js";
import type { ApiModel } from "./model/model.js";
import type { Changelog } from "./changelog/types.js";
import { normalize } from "./model/normalize.js";
import { loadTemplates } from "./load/templates.js";
import { validate } from "./validate/validate.js";
import { optionsHash } from "./config/load-config.js";
import { specFilesHash } from "./util/spec-files-hash.js";
import { updateChangelog } from "./changelog/history.js";
import {
  CHANGELOG_BASE_FILE,
  CHANGELOG_FILE,
  MANIFEST_FILE,
  NORMALIZED_SPEC_FILE,
  sha256,
  sortedJson,
  type GeneratedFile,
  type PreviousOutput,
} from "./write/write.js";

export interface GenerateResult {
  readonly files: readonly GeneratedFile[];
  readonly model: ApiModel;
  readonly loaded: LoadedSpec;
  /** Warnings (errors are thrown as SpecError), located in the spec file. */
  readonly issues: readonly Issue[];
  /** Milliseconds spent per stage, in pipeline order. */
  readonly timings: Readonly<Record<string, number>>;
  /** What client code sees changed since the previous output's spec, when there was one and something did. */
  readonly changelog?: Changelog;
}

/** Where `generate()` runs and what it builds on. */
export interface GenerateContext {
  /** The directory `options.input` and `options.output` are relative to (the CLI passes its working directory). */
  readonly cwd: string;
  /**
   * The previous output's normalized spec, changelog base and CHANGELOG.md (see `readPrevious`): when the spec
   * changed in a way client code sees, the entry of its `info.version` is added or updated; an existing
   * CHANGELOG.md is carried over. @default {}
   */
  readonly previous?: PreviousOutput;
}

/**
 * Generates the client for `options.input` in memory.
 * @returns Every output file (paths relative to the output directory), the model, warnings and stage timings (ms).
 * @throws {SpecError} with every error found (and, with `strict`, every warning).
 */
export async function generate(
  options: GenerateOptions,
  context: GenerateContext,
): Promise<GenerateResult> {
  const formatter = startFormatter();
  try {
    return await generateWith(formatter, options, context);
  } finally {
    await formatter.close();
  }
}

async function generateWith(
  formatter: Formatter,
  options: GenerateOptions,
  { cwd, previous = {} }: GenerateContext,
): Promise<GenerateResult> {
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (stage: string): void => {
    const now = performance.now();
    timings[stage] = Math.round((now - t) * 10) / 10;
    t = now;
  };
  const [loaded, templates] = await Promise.all([
    load(options.input, {
      cwd,
      allowRemoteRefs: options.allowRemoteRefs ?? DEFAULTS.allowRemoteRefs,
    }),
    loadTemplates(),
  ]);
  lap("load");
  const validation = validate(loaded.document);
  lap("validate");
  const strict = options.strict ?? DEFAULTS.strict;
  const fail = (issues: readonly Issue[]): never => {
    throw new SpecError(locateIssues(issues, loaded.file, loaded.text, loaded.positions));
  };
  const errorsIn = (issues: readonly Issue[]): boolean =>
    issues.some((i) => i.severity === "error" || (strict && i.severity === "warning"));
  const strictly = (issues: readonly Issue[]): Issue[] =>
    issues.map((i) => (strict ? { ...i, severity: "error" as const } : i));
  if (validation.document === undefined || errorsIn(validation.issues))
    fail(strictly(validation.issues));
  const model = normalize(validation.document!, options);
  lap("normalize");
  const all = [...validation.issues, ...model.issues];
  if (errorsIn(all)) fail(strictly(all));

  const header = fileHeader({
    generatorVersion: templates.generatorVersion,
    title: model.title,
    version: model.version,
    sha256: loaded.sha256,
  });
  const printer = createPrinter();
  // README.md, client.ts and index.ts need only the model: they go to the pool first, so it formats them while this
  // thread emits types.ts and operations.ts (instead of this thread waiting for them at the end).
  const markdownHeader = `<!--\n${header.replace(/--/g, "- -").trimEnd()}\n-->\n`;
  const readme = formatter.markdown(
    emitReadme(model, markdownHeader, path.basename(options.output)),
  );
  const small: [string, Promise<string>][] = [
    ["client.ts", formatter.typescript(printer.print(clientStatements(model)))],
    ["index.ts", formatter.typescript(printer.print(indexStatements(model)))],
  ];
  for (const formatting of [readme, ...small.map(([, f]) => f)]) formatting.catch(() => undefined);
  const template = readOperationTemplate(printer, templates.operation);
  let types: TypesSource;
  try {
    types = emitTypes(model, printer);
  } catch (error) {
    if (error instanceof RangeError)
      fail([
        {
          code: "too-deep",
          severity: "error",
          pointer: "",
          message: "the schemas nest too deeply to type; flatten them with named components.",
        },
      ]);
    throw error;
  }
  lap("types");
  // types.ts (the largest file) is mostly printed in prettier's layout already; its remaining pieces format on
  // the pool while the operations are emitted.
  const typesFormatted = formatter.segments(types.segments, types.source);
  typesFormatted.catch(() => undefined);
  // operations.ts: printed in prettier's layout too (emit/pretty-structures.ts), a few statements left to prettier.
  const operations = operationsStatements(model, template);
  const operationSegments = prettyStructures(operations, (s) => printer.print([s]));
  const operationsFormatted =
    operationSegments !== undefined
      ? formatter.segments(operationSegments, () => printer.print(operations))
      : formatter.typescript(printer.print(operations));
  operationsFormatted.catch(() => undefined);
  lap("operations");
  const files: GeneratedFile[] = [];
  const formatting = Promise.all([typesFormatted, operationsFormatted, ...small.map(([, f]) => f)]);
  formatting.catch(() => undefined);
  // Main-thread work that needs no formatted text runs while the pool formats.
  const normalizedSpec = sortedJson(validation.document);
  const located = locateIssues(all, loaded.file, loaded.text, loaded.positions);
  const formatted = await formatting;
  ["types.ts", "operations.ts", ...small.map(([file]) => file)].forEach((file, i) =>
    files.push({ path: file, contents: header + formatted[i]! }),
  );
  // The runtime is copied as it is: templates/runtime/ is kept in prettier's format (test/unit/templates-formatted.test.ts).
  for (const [name, text] of templates.runtime)
    files.push({ path: `runtime/${name}`, contents: header + text });
  files.push({ path: "README.md", contents: await readme });
  lap("format");
  files.push({ path: NORMALIZED_SPEC_FILE, contents: normalizedSpec });
  const { changelog, text, base } = updateChangelog(
    { spec: previous.normalizedSpec, base: previous.changelogBase, changelog: previous.changelog },
    { document: validation.document, normalizedSpec, model },
    options,
    markdownHeader,
  );
  if (text !== undefined) files.push({ path: CHANGELOG_FILE, contents: text });
  if (base !== undefined) files.push({ path: CHANGELOG_BASE_FILE, contents: base });
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const specDir = path.dirname(loaded.file);
  const specFiles = loaded.files.map((f) => path.relative(specDir, f).split(path.sep).join("/"));
  const manifest = {
    generator: "openapi-client-gen",
    generatorVersion: templates.generatorVersion,
    spec: {
      title: model.title,
      version: model.version,
      sha256: loaded.sha256,
      files: specFiles,
      // Hash of the spec files' bytes (names relative to the spec's directory): the no-op compares it.
      filesSha256: specFilesHash(path.resolve(cwd, specDir), specFiles) ?? "",
      normalized: NORMALIZED_SPEC_FILE,
    },
    optionsSha256: optionsHash(options),
    files: Object.fromEntries(files.map((f) => [f.path, sha256(f.contents)])),
  };
  files.push({ path: MANIFEST_FILE, contents: `${JSON.stringify(manifest, null, 2)}\n` });
  return {
    files,
    model,
    loaded,
    issues: located,
    timings,
    ...(changelog !== undefined ? { changelog } : {}),
  };
}
