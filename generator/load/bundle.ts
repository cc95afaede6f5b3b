/**
 * Multi-file `$ref` bundling with @redocly/openapi-core, behind a resolver that refuses what a
 * spec must not make the generator read: files outside the entry file's directory and, unless
 * allowed, anything over the network.
 */
import { readFile, realpath, stat } from "node:fs/promises";
import path from "node:path";
import type { Document, Source } from "@redocly/openapi-core";
import { someRecord } from "../util/document.js";
import { SpecError, type Issue } from "../util/issues.js";
import { locateIssues } from "./locate.js";
import { fetchRemote, RemoteRefError, type RemoteLimits } from "./remote.js";

/** Largest file accepted, in bytes (64 MiB): larger inputs get a clear error instead of exhausting memory. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/** True when any `$ref` in the document points outside it (a file or URL). Iterative: deep documents cannot overflow the stack. */
export function hasExternalRefs(document: unknown): boolean {
  return someRecord(
    document,
    (record) => typeof record["$ref"] === "string" && !record["$ref"].startsWith("#"),
  );
}

type Redocly = typeof import("@redocly/openapi-core");

/**
 * @redocly/openapi-core, loaded on first use (Node keeps the loaded module): only a document with external `$ref`s
 * needs it, and loading it costs a single-file run ~0.1 s of startup.
 */
const redocly = (): Promise<Redocly> => import("@redocly/openapi-core");

/** The resolver that refuses what a spec must not make the generator read (a class over the loaded bundler's). */
function guardedResolver(
  lib: Redocly,
  root: string,
  remote: RemoteLimits | undefined,
  show: (p: string) => string,
) {
  return new (class GuardedResolver extends lib.BaseResolver {
    readonly contents = new Map<string, Buffer>();
    /** Issue codes of the remote `$ref`s that failed, by error message (the bundler keeps only the message). */
    readonly codes = new Map<string, string>();
    private realRoot: Promise<string>;
    constructor(
      private readonly root: string,
      private readonly remote: RemoteLimits | undefined,
      private readonly show: (p: string) => string,
    ) {
      super({ http: { headers: [] } });
      this.realRoot = realpath(root).catch(() => root);
    }

    override async loadExternalRef(absoluteRef: string): Promise<Source> {
      if (/^[a-z][a-z0-9+.-]*:/i.test(absoluteRef) && !path.isAbsolute(absoluteRef)) {
        if (!/^https?:\/\//i.test(absoluteRef)) {
          throw new Error(
            `$ref '${absoluteRef}' refused: only local files and, with --allow-remote-refs, http(s) URLs can be referenced`,
          );
        }
        if (this.remote === undefined) {
          throw new Error(
            `remote $ref '${absoluteRef}' refused: the generator does not use the network unless --allow-remote-refs is given`,
          );
        }
        try {
          const { body, mimeType } = await fetchRemote(absoluteRef, this.remote);
          return new lib.Source(absoluteRef, body, mimeType ?? undefined);
        } catch (error) {
          if (error instanceof RemoteRefError) this.codes.set(error.message, error.code);
          throw error;
        }
      }
      const inside = path.relative(this.root, absoluteRef);
      if (/^[a-z][a-z0-9+.-]*:/i.test(inside)) {
        // The bundler resolved a URL with another scheme (`file:///etc/passwd`) as a relative path.
        throw new Error(
          `$ref '${inside.split(path.sep).join("/")}' refused: only local files and, with --allow-remote-refs, http(s) URLs can be referenced`,
        );
      }
      // Compare real paths, so a symlink inside the spec's directory cannot lead outside it.
      const root = await this.realRoot;
      const real = await realpath(absoluteRef).catch(() => undefined);
      const target = real ?? absoluteRef;
      const relative = path.relative(root, target);
      if (relative.startsWith("..") || path.isAbsolute(relative)) {
        throw new Error(
          `$ref to '${this.show(absoluteRef)}' refused: it is outside the spec's directory '${this.show(this.root) || "."}'`,
        );
      }
      if (real === undefined) throw new Error(`no file at '${this.show(absoluteRef)}'`);
      const info = await stat(real);
      if (!info.isFile()) throw new Error(`'${this.show(absoluteRef)}' is not a file`);
      if (info.size > MAX_INPUT_BYTES)
        throw new Error(
          `'${this.show(absoluteRef)}' is ${info.size} bytes; the limit is ${MAX_INPUT_BYTES} bytes`,
        );
      const bytes = await readFile(real);
      this.contents.set(absoluteRef, bytes);
      return new lib.Source(
        absoluteRef,
        bytes
          .toString("utf8")
          .replace(/^\uFEFF/, "")
          .replace(/\r\n/g, "\n"),
      );
    }
  })(root, remote, show);
}

export interface BundleResult {
  readonly document: unknown;
  /** Every file read, relative to cwd, sorted (entry file included). */
  readonly files: readonly string[];
  /** Bytes of each file in `files` order, except the entry file. */
  readonly contents: readonly Buffer[];
}

/**
 * Inlines external `$ref`s of the document at `absolute` (already parsed as `parsed`).
 * @throws {SpecError} listing every `$ref` that could not be resolved or was refused.
 */
export async function bundleExternalRefs(
  absolute: string,
  parsed: unknown,
  options: { cwd: string; remote: RemoteLimits | undefined; text: string },
): Promise<BundleResult> {
  // Files are named relative to the working directory; a file outside it by its absolute path (clearer than ../../..).
  const rel = (p: string): string => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(p) && !path.isAbsolute(p)) return p;
    const relative = path.relative(options.cwd, p);
    return relative.startsWith("..") ? p : relative;
  };
  const lib = await redocly();
  const resolver = guardedResolver(lib, path.dirname(absolute), options.remote, rel);
  const config = await lib.createConfig({ rules: {} }, { extends: [] as never[] });
  const rootText = JSON.stringify(parsed);
  const doc: Document = { source: new lib.Source(absolute, rootText, "application/json"), parsed };
  let result;
  try {
    result = await lib.bundle({ doc, config, externalRefResolver: resolver, dereference: false });
  } catch (error) {
    // The bundler throws (instead of reporting a problem) on a `$ref` that points at itself, e.g. `A: { $ref: "#/A" }`.
    const message = (error as Error).message.replace(/\.$/, "");
    if (!/circular/i.test(message)) throw error;
    throw new SpecError([
      {
        code: "ref-cycle",
        severity: "error",
        pointer: "",
        file: rel(absolute),
        message: `a $ref in ${rel(absolute)} or a file it references points at itself (${message}); it cannot be typed. Make it a real schema.`,
      },
    ]);
  }
  // Messages name files relative to the working directory, never by absolute path.
  const shownDir = path.relative(options.cwd, path.dirname(absolute));
  const clean = (message: string): string =>
    message
      .split(path.dirname(absolute) + path.sep)
      .join(shownDir === "" ? "" : shownDir + path.sep);
  const issues: Issue[] = [];
  for (const problem of result.problems) {
    if (problem.severity !== "error") continue;
    const location = problem.location[0];
    const source = location?.source.absoluteRef ?? absolute;
    const coded = [...resolver.codes].find(([message]) => problem.message.includes(message));
    const issue: Issue = {
      code: coded?.[1] ?? (/refused/.test(problem.message) ? "ref-refused" : "unresolved-ref"),
      severity: "error",
      pointer: location?.pointer?.replace(/^#/, "") ?? "",
      message: `${clean(problem.message).replace(/\s+/g, " ").trim().replace(/\.$/, "")}. Fix or remove the $ref.`,
    };
    const text =
      source === absolute ? options.text : resolver.contents.get(source)?.toString("utf8");
    // A file that failed to parse: the parser's message ends with its position, `(line:column)`.
    const at = /\((\d+):(\d+)\)\.?$/.exec(problem.message);
    if (location?.pointer === undefined && at !== null)
      issues.push({ ...issue, file: rel(source), line: Number(at[1]), column: Number(at[2]) });
    else
      issues.push(
        ...(text !== undefined
          ? locateIssues([issue], rel(source), text)
          : [{ ...issue, file: rel(source) }]),
      );
  }
  if (issues.length > 0) throw new SpecError(issues);
  const entries = [...resolver.contents.entries()]
    .map(([file, bytes]) => [rel(file), bytes] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return {
    document: result.bundle.parsed as unknown,
    files: [rel(absolute), ...entries.map(([f]) => f)],
    contents: entries.map(([, b]) => b),
  };
}
