/**
 * Multi-file `$ref` bundling with @redocly/openapi-core, behind a resolver that refuses what a
 * spec must not make the generator read: files outside the entry file's directory and, unless
 * allowed, anything over the network.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { BaseResolver, Source, bundle, createConfig, type Document } from "@redocly/openapi-core";
import { SpecError, type Issue } from "./issues.js";

/** True when any `$ref` in the document points outside it (a file or URL). Iterative: deep documents cannot overflow the stack. */
export function hasExternalRefs(document: unknown): boolean {
  const stack: unknown[] = [document];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== "object" || node === null) continue;
    if (Array.isArray(node)) {
      for (const item of node) stack.push(item);
      continue;
    }
    const record = node as Record<string, unknown>;
    const ref = record["$ref"];
    if (typeof ref === "string" && !ref.startsWith("#")) return true;
    for (const key in record) stack.push(record[key]);
  }
  return false;
}

class GuardedResolver extends BaseResolver {
  readonly refused: { ref: string; reason: string }[] = [];
  readonly contents = new Map<string, Buffer>();
  constructor(
    private readonly root: string,
    private readonly allowRemote: boolean,
  ) {
    super({ http: { headers: [] } });
  }

  override async loadExternalRef(absoluteRef: string): Promise<Source> {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(absoluteRef)) {
      if (!/^https?:\/\//i.test(absoluteRef) || !this.allowRemote) {
        this.refused.push({ ref: absoluteRef, reason: "remote" });
        throw new Error(`remote $ref '${absoluteRef}' refused: the generator does not use the network unless --allow-remote-refs is given`);
      }
      return super.loadExternalRef(absoluteRef);
    }
    const relative = path.relative(this.root, absoluteRef);
    if (relative.startsWith("..") || path.isAbsolute(relative)) {
      this.refused.push({ ref: absoluteRef, reason: "outside" });
      throw new Error(`$ref to '${absoluteRef}' refused: it is outside the spec's directory '${this.root}'`);
    }
    const bytes = await readFile(absoluteRef);
    this.contents.set(absoluteRef, bytes);
    return new Source(absoluteRef, bytes.toString("utf8").replace(/^\uFEFF/, "").replace(/\r\n/g, "\n"));
  }
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
  options: { cwd: string; allowRemoteRefs: boolean },
): Promise<BundleResult> {
  const resolver = new GuardedResolver(path.dirname(absolute), options.allowRemoteRefs);
  const config = await createConfig({ rules: {} }, { extends: [] as never[] });
  const rootText = JSON.stringify(parsed);
  const doc: Document = { source: new Source(absolute, rootText, "application/json"), parsed };
  const result = await bundle({ doc, config, externalRefResolver: resolver, dereference: false });
  const rel = (p: string): string => (/^[a-z]+:\/\//i.test(p) ? p : path.relative(options.cwd, p));
  const issues: Issue[] = [];
  for (const problem of result.problems) {
    if (problem.severity !== "error") continue;
    const location = problem.location[0];
    const source = location?.source.absoluteRef;
    issues.push({
      code: /refused/.test(problem.message) ? "ref-refused" : "unresolved-ref",
      severity: "error",
      pointer: location?.pointer?.replace(/^#/, "") ?? "",
      ...(source !== undefined ? { file: rel(source) } : {}),
      message: `${problem.message.replace(/\s+/g, " ").trim()}. Fix or remove the $ref.`,
    });
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
