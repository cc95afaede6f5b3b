/**
 * The pipeline: load → validate → normalize → emit → format. Pure from its inputs except `load`
 * (reads) — `write` is the caller's step. Returns the files and a report; never prints.
 */
import path from "node:path";
import type { GenerateOptions } from "./config/config.js";
import { DEFAULTS } from "./config/config.js";
import { clientStatements, indexStatements } from "./emit/client.js";
import { fileHeader } from "./emit/header.js";
import { mockStatements } from "./emit/mock.js";
import { operationsStatements } from "./emit/operations.js";
import { createPrinter } from "./emit/print.js";
import { prototypeKeyPointer } from "./emit/redocly.js";
import { emitReadme } from "./emit/readme.js";
import type { Segment } from "./emit/segments.js";
import { readOperationTemplate } from "./emit/template.js";
import { emitTypes } from "./emit/types.js";
import { formatCacheDir, openFormatCache } from "./format/cache.js";
import { startFormatter, type FormatStats, type Formatter } from "./format/format.js";
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
  /** Segments formatted by prettier, and how many of them came from the format cache. */
  readonly formatted: Readonly<FormatStats>;
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
  /**
   * The format cache's directory, or `false` to format every segment afresh.
   * @default `formatCacheDir(cwd, process.env)`: `<cwd>/node_modules/.cache/openapi-client-gen/format`
   *   (env OPENAPI_CLIENT_GEN_CACHE_DIR replaces `…/openapi-client-gen`; OPENAPI_CLIENT_GEN_CACHE=off disables it)
   */
  readonly formatCache?: string | false;
  /**
   * A formatter to use instead of starting one (its cache then applies, not `formatCache`); the caller closes it.
   * Lets many runs in one process (tests, watch mode) share one pool of worker threads.
   */
  readonly formatter?: Formatter;
}

/**
 * Generates the client for `options.input` in memory.
 * @param context The working directory, the previous output to build on and the format cache (see `GenerateContext`).
 * @returns Every output file (paths relative to the output directory), the model, warnings and stage timings (ms).
 * @throws {SpecError} with every error found (and, with `strict`, every warning).
 */
export async function generate(
  options: GenerateOptions,
  context: GenerateContext,
): Promise<GenerateResult> {
  if (context.formatter !== undefined) return generateWith(context.formatter, options, context);
  const cacheDir = context.formatCache ?? formatCacheDir(context.cwd, process.env);
  const formatter = startFormatter(
    cacheDir !== undefined && cacheDir !== false ? { cache: openFormatCache(cacheDir) } : {},
  );
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
  // Each file goes to the pool as soon as it is emitted; README.md, client.ts and index.ts need only the model, so
  // the pool formats them while this thread emits types.ts and operations.ts.
  const markdownHeader = `<!--\n${header.replace(/--/g, "- -").trimEnd()}\n-->\n`;
  const pending: [string, Promise<string>][] = [];
  const format = (file: string, formatting: Promise<string>): void => {
    formatting.catch(() => undefined); // awaited below; a failure must not go unhandled meanwhile
    pending.push([file, formatting]);
  };
  const stats: FormatStats = { segments: 0, cached: 0 };
  const typescript = (file: string, segments: readonly Segment[]): void =>
    format(file, formatter.typescript(segments, stats));
  format(
    "README.md",
    formatter.markdown(emitReadme(model, markdownHeader, path.basename(options.output)), stats),
  );
  typescript("client.ts", printer.segments(clientStatements(model)));
  typescript("index.ts", printer.segments(indexStatements(model)));
  const template = readOperationTemplate(printer, templates.operation);
  try {
    typescript("types.ts", await emitTypes(model, printer));
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
    const pointer =
      error instanceof TypeError ? prototypeKeyPointer(validation.document) : undefined;
    if (pointer !== undefined)
      fail([
        {
          code: "prototype-key",
          severity: "error",
          pointer,
          message: `redocly, which openapi-typescript runs, fails on a key named like an Object.prototype member in an example or an x- extension ('${pointer.slice(pointer.lastIndexOf("/") + 1)}'); rename or remove it.`,
        },
      ]);
    throw error;
  }
  lap("types");
  typescript("operations.ts", printer.segments(operationsStatements(model, template)));
  lap("operations");
  typescript("mock.ts", printer.segments(mockStatements(model)));
  lap("mock");
  const files: GeneratedFile[] = [];
  // Main-thread work that needs no formatted text runs while the pool formats.
  const normalizedSpec = sortedJson(validation.document);
  const located = locateIssues(all, loaded.file, loaded.text, loaded.positions);
  for (const [file, formatting] of pending)
    files.push({ path: file, contents: (file.endsWith(".ts") ? header : "") + (await formatting) });
  // The runtime is copied as it is: templates/runtime/ is kept in prettier's format (test/unit/templates-formatted.test.ts).
  for (const [name, text] of templates.runtime)
    files.push({ path: `runtime/${name}`, contents: header + text });
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
    formatted: stats,
  };
}
