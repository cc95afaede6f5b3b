/**
 * load: the only stage that reads the disk. File(s) → one parsed document.
 *
 * JSON or YAML by content; multi-file `$ref`s bundled with @redocly/openapi-core (local files
 * under the entry file's directory only; `http(s)` refs only with `allowRemoteRefs`); Swagger 2.0
 * converted to OpenAPI 3.0 with swagger2openapi. Errors carry file:line:column.
 */
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { SpecError, formatIssue, type Issue } from "../util/issues.js";
import { locateIssues } from "./locate.js";
import { bundleExternalRefs, hasExternalRefs, MAX_INPUT_BYTES } from "./bundle.js";
import { findTooDeep, MAX_DEPTH, tooDeepIssue } from "./depth.js";
import { parseYamlFast } from "./yaml-fast.js";
import {
  documentPositions,
  positionsOnUse,
  positionsOnWorker,
  type YamlPositions,
} from "./yaml-positions.js";
import { POSITION_OPTIONS, yamlLib } from "./yaml-locate.js";

export interface LoadedSpec {
  /** The parsed (and bundled, and converted) document; not yet validated. */
  readonly document: unknown;
  /** Entry file, relative to the working directory (for messages; never absolute in output). */
  readonly file: string;
  /** The entry file's text (BOM removed), kept to locate issues by pointer. */
  readonly text: string;
  /** Where the entry file's YAML nodes are (when it is YAML), for locating issues without parsing `text` again. */
  readonly yaml?: YamlPositions;
  /** Every file read, relative to the working directory, sorted. */
  readonly files: readonly string[];
  /** SHA-256 (hex) of the entry file's bytes followed by every other file's bytes, in `files` order. */
  readonly sha256: string;
  /** Notices to print (e.g. "converted from Swagger 2.0"). */
  readonly notices: readonly string[];
}

export interface LoadOptions {
  readonly allowRemoteRefs?: boolean;
  /** The directory `input` is relative to, and file paths in results and messages are relative to. */
  readonly cwd: string;
}

export { MAX_INPUT_BYTES };

function inputError(
  code: string,
  file: string,
  message: string,
  at: Partial<Issue> = {},
): SpecError {
  return new SpecError([{ code, severity: "error", pointer: "", file, message, ...at }]);
}

/**
 * Reads and parses the document at `input`.
 * @throws {SpecError} when the file is missing, not a file, empty, not text, not JSON/YAML, or a `$ref` cannot be loaded.
 */
export async function load(input: string, options: LoadOptions): Promise<LoadedSpec> {
  const { cwd } = options;
  const absolute = path.resolve(cwd, input);
  const file = path.relative(cwd, absolute) || input;
  const info = await stat(absolute).catch(() => undefined);
  if (info === undefined) {
    throw inputError(
      "file-not-found",
      file,
      `cannot read the spec: no file at '${file}'. Check --input.`,
    );
  }
  if (!info.isFile()) {
    throw inputError(
      "not-a-file",
      file,
      `'${file}' is a directory, not a file. Point --input at the spec's entry file.`,
    );
  }
  if (info.size > MAX_INPUT_BYTES) {
    throw inputError(
      "file-too-large",
      file,
      `the spec is ${info.size} bytes; the limit is ${MAX_INPUT_BYTES} bytes. Split it into files joined by $refs, or remove unused parts.`,
    );
  }
  const bytes = await readFile(absolute);
  const text = decodeText(bytes, file);
  let parsed = parseSource(text, file);
  // Too deep for the pipeline: `yaml` decides how it is refused, as it did before the fast path.
  if (parsed.fast && findTooDeep(parsed.document, MAX_DEPTH) !== undefined)
    parsed = parseYaml(text, file);
  let document = parsed.document;
  assertDepth(document, file, text, parsed.yaml);
  const notices: string[] = [];
  let files = [file];
  let hashed: Buffer[] = [bytes];
  if (hasExternalRefs(document)) {
    const bundled = await bundleExternalRefs(absolute, document, {
      cwd,
      allowRemoteRefs: options.allowRemoteRefs ?? false,
      text,
    });
    document = bundled.document;
    assertDepth(document, file, "");
    files = [file, ...bundled.files.filter((f) => f !== file)];
    hashed = [bytes, ...bundled.contents];
  }
  if (isRecord(document) && document["swagger"] === "2.0" && document["openapi"] === undefined) {
    notices.push(
      `${file}: Swagger ${document["swagger"]} document converted to OpenAPI 3.0 with swagger2openapi`,
    );
    document = await convertSwagger2(document, file);
  }
  const hash = createHash("sha256");
  for (const chunk of hashed) hash.update(chunk);
  return {
    document,
    file,
    text,
    ...(parsed.yaml !== undefined ? { yaml: parsed.yaml } : {}),
    files,
    sha256: hash.digest("hex"),
    notices,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function decodeText(bytes: Buffer, file: string): string {
  // One decode: text that is not UTF-8 is never empty (its replacement characters are not white space).
  let text: string | undefined;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    text = undefined;
  }
  if (bytes.length === 0 || text?.trim() === "") {
    throw inputError(
      "empty-file",
      file,
      `'${file}' is empty. Expected an OpenAPI document in JSON or YAML.`,
    );
  }
  const sample = bytes.subarray(0, 8192);
  if (sample.includes(0)) {
    throw inputError(
      "not-text",
      file,
      `'${file}' is not a text file (it contains NUL bytes). Expected an OpenAPI document in JSON or YAML.`,
    );
  }
  if (text === undefined) {
    const valid = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
    const { line, column } = lineColumn(valid, valid.indexOf("\uFFFD"));
    throw inputError("not-utf8", file, "the file is not valid UTF-8. Save the spec as UTF-8.", {
      line,
      column,
    });
  }
  return text;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Parses JSON (when the text starts with `{` or `[`) or YAML; errors name line and column. */
export function parseText(text: string, file: string): unknown {
  return parseSource(text, file).document;
}

/**
 * YAML texts at least this long (characters) get their positions parsed on a worker thread from the start, when the
 * machine has a core to spare for it: with two, the worker slows validate/normalize/emit as much as it saves at the
 * end (openai.yaml on 2 cores: same wall time, +0.1 s CPU and +20 MB peak RSS with the worker).
 */
const POSITIONS_ON_WORKER_CHARS = 300_000;
const POSITIONS_ON_WORKER_CORES = 3;

interface Parsed {
  readonly document: unknown;
  /** For YAML: where its nodes are. */
  readonly yaml?: YamlPositions;
  /** True when the value came from js-yaml (yaml-fast.ts). */
  readonly fast?: boolean;
}

/**
 * Parses like {@link parseText}; for YAML also returns where its nodes are, to locate issues. YAML goes through
 * js-yaml when yaml-fast.ts can guarantee `yaml`'s value (positions are then parsed only when needed, on a worker
 * for a large text), and through `yaml` otherwise.
 * @throws {SpecError} as `parseText`.
 */
function parseSource(text: string, file: string): Parsed {
  const first = /\S/.exec(text);
  if (first !== null && (first[0] === "{" || first[0] === "[")) {
    try {
      return { document: JSON.parse(text) as unknown };
    } catch (error) {
      const message = (error as Error).message;
      const position = /position (\d+)/.exec(message);
      const at = position?.[1] !== undefined ? lineColumn(text, Number(position[1])) : {};
      const reason = message
        .replace(/^JSON\.parse: /, "")
        .replace(/ in JSON at position \d+.*$/, "");
      throw inputError(
        "invalid-json",
        file,
        `invalid JSON: ${reason}. Fix the syntax at that position.`,
        at,
      );
    }
  }
  const fast = parseYamlFast(text);
  if (fast !== undefined) {
    const onWorker =
      text.length >= POSITIONS_ON_WORKER_CHARS &&
      os.availableParallelism() >= POSITIONS_ON_WORKER_CORES;
    return {
      document: fast.value,
      yaml: onWorker ? positionsOnWorker(text) : positionsOnUse(text),
      fast: true,
    };
  }
  return parseYaml(text, file);
}

/** YAML parsed with `yaml`, its Document kept for positions. @throws {SpecError} as `parseText`. */
function parseYaml(text: string, file: string): Parsed {
  let doc;
  try {
    doc = yamlLib().parseDocument(text, POSITION_OPTIONS);
  } catch (error) {
    throw parserFailure(error, file);
  }
  const problem = doc.errors[0];
  if (problem !== undefined) {
    if (/call stack/i.test(problem.message))
      throw parserFailure(new RangeError(problem.message), file);
    const kind = problem.code === "DUPLICATE_KEY" ? "duplicate-key" : "invalid-yaml";
    const reason = (problem.message.split("\n")[0] ?? problem.message)
      .replace(/\s+at line \d+, column \d+:?$/, "")
      .replace(/\.$/, "");
    const at = lineColumn(text, problem.pos[0]);
    const fix =
      kind === "duplicate-key"
        ? "Remove or rename one of the duplicate keys."
        : "Fix the YAML syntax at that position.";
    throw inputError(kind, file, `invalid YAML: ${reason}. ${fix}`, at);
  }
  try {
    return { document: doc.toJS({ maxAliasCount: 1000 }) as unknown, yaml: documentPositions(doc) };
  } catch (error) {
    if (error instanceof RangeError) throw parserFailure(error, file);
    throw inputError(
      "invalid-yaml",
      file,
      `invalid YAML: ${(error as Error).message.replace(/\.$/, "")}. Expand or remove the aliases.`,
    );
  }
}

/** A parser that ran out of stack: the document nests too deeply for it. Anything else is rethrown. */
function parserFailure(error: unknown, file: string): unknown {
  if (!(error instanceof RangeError)) return error;
  return inputError(
    "too-deep",
    file,
    `the document nests too deeply to parse (the YAML parser ran out of stack; the limit is ${MAX_DEPTH} levels). Flatten it with named components.`,
  );
}

/**
 * Refuses a document nested deeper than {@link MAX_DEPTH} before any recursive tool (bundler, converter) sees it.
 * @throws {SpecError} code `too-deep`, pointing at the level where the limit is crossed.
 */
function assertDepth(document: unknown, file: string, text: string, yaml?: YamlPositions): void {
  const deep = findTooDeep(document, MAX_DEPTH);
  if (deep !== undefined) throw new SpecError(locateIssues([tooDeepIssue(deep)], file, text, yaml));
}

async function convertSwagger2(
  document: Record<string, unknown>,
  file: string,
): Promise<Record<string, unknown>> {
  const converter = await import("swagger2openapi");
  try {
    const { openapi } = await converter.convertObj(document, {
      patch: true,
      warnOnly: true,
      resolve: false,
      direct: false,
    });
    return openapi;
  } catch (error) {
    const issue: Issue = {
      code: "swagger-conversion-failed",
      severity: "error",
      pointer: "",
      file,
      message: `could not convert this Swagger 2.0 document to OpenAPI 3.0: ${(error as Error).message.replace(/\.$/, "")}. Fix the Swagger 2.0 document, or convert it to OpenAPI 3 yourself and pass that.`,
    };
    throw new SpecError([issue]);
  }
}

export { formatIssue };
