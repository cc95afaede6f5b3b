/**
 * load: the only stage that reads the disk. File(s) → one parsed document.
 *
 * JSON or YAML by content (YAML with the `yaml` package, whose Document locates issues later); multi-file
 * `$ref`s bundled with @redocly/openapi-core (local files under the entry file's directory only; `http(s)` refs
 * only with `allowRemoteRefs`, each within a time and a byte limit); Swagger 2.0 converted to OpenAPI 3.0 with
 * swagger2openapi. Errors carry file:line:column.
 */
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { parseDocument } from "yaml";
import { SpecError, formatIssue, type Issue } from "../util/issues.js";
import { bundleExternalRefs, hasExternalRefs, MAX_INPUT_BYTES } from "./bundle.js";
import { findTooDeep, MAX_DEPTH, tooDeepIssue } from "./depth.js";
import { parseJson } from "./json.js";
import { REMOTE_TIMEOUT_MS } from "./remote.js";
import { lineColumn } from "./lines.js";
import { jsonPositions, locateIssues, yamlPositions, type SourcePositions } from "./locate.js";

export interface LoadedSpec {
  /** The parsed (and bundled, and converted) document; not yet validated. */
  readonly document: unknown;
  /** Entry file, relative to the working directory (for messages; never absolute in output). */
  readonly file: string;
  /** The entry file's text (BOM removed), kept to locate issues by pointer. */
  readonly text: string;
  /** Where the entry file's nodes are, for locating issues (for YAML, from the parse that gave `document`). */
  readonly positions: SourcePositions;
  /** Every file read, relative to the working directory, sorted. */
  readonly files: readonly string[];
  /** SHA-256 (hex) of the entry file's bytes followed by every other file's bytes, in `files` order. */
  readonly sha256: string;
  /** Notices to print (e.g. "converted from Swagger 2.0"). */
  readonly notices: readonly string[];
}

export interface LoadOptions {
  /** Fetch `$ref`s to http(s) URLs (each within `remoteTimeoutMs` and MAX_INPUT_BYTES). @default false */
  readonly allowRemoteRefs?: boolean;
  /** Longest one remote `$ref` fetch may take, in milliseconds. @default 30_000 (REMOTE_TIMEOUT_MS) */
  readonly remoteTimeoutMs?: number;
  /** Most bytes one remote `$ref`'s body may have. @default MAX_INPUT_BYTES (64 MiB) */
  readonly remoteMaxBytes?: number;
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
 * @throws {SpecError} when the file is missing, not a file, too large, empty, not text, not JSON/YAML, has duplicate
 *   keys (`duplicate-key`), nests too deeply, or a `$ref` cannot be loaded (`unresolved-ref`, `ref-refused`,
 *   `remote-ref-timeout`, `remote-ref-too-large`, `ref-cycle`).
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
  const parsed = parseSource(text, file);
  let document = parsed.document;
  assertDepth(document, file, text, parsed.positions);
  const notices: string[] = [];
  let files = [file];
  let hashed: Buffer[] = [bytes];
  if (hasExternalRefs(document)) {
    const bundled = await bundleExternalRefs(absolute, document, {
      cwd,
      remote:
        options.allowRemoteRefs === true
          ? {
              timeoutMs: options.remoteTimeoutMs ?? REMOTE_TIMEOUT_MS,
              maxBytes: options.remoteMaxBytes ?? MAX_INPUT_BYTES,
            }
          : undefined,
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
    positions: parsed.positions,
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

interface Parsed {
  readonly document: unknown;
  readonly positions: SourcePositions;
}

/** The options YAML is parsed with: duplicate keys are errors, messages without a code excerpt. */
const YAML_OPTIONS = { uniqueKeys: true, prettyErrors: false } as const;

/**
 * Parses JSON (when the text starts with `{` or `[`) or YAML (with `yaml`, keeping its Document to locate issues).
 * @throws {SpecError} `invalid-json`, `invalid-yaml`, `duplicate-key` or `too-deep`, at the line and column found.
 */
function parseSource(text: string, file: string): Parsed {
  const first = /\S/.exec(text);
  if (first !== null && (first[0] === "{" || first[0] === "[")) {
    return { document: parseJson(text, file), positions: jsonPositions(text) };
  }
  let doc;
  try {
    doc = parseDocument(text, YAML_OPTIONS);
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
    return {
      document: doc.toJS({ maxAliasCount: 1000 }) as unknown,
      positions: yamlPositions(doc),
    };
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
function assertDepth(
  document: unknown,
  file: string,
  text: string,
  positions?: SourcePositions,
): void {
  const deep = findTooDeep(document, MAX_DEPTH);
  if (deep !== undefined)
    throw new SpecError(locateIssues([tooDeepIssue(deep)], file, text, positions));
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
