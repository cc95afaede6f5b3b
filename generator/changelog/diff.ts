/**
 * The spec differ: two OpenAPI documents (validated, bundled: local `$ref`s only) → the changes that matter to
 * code using the generated client, each classified breaking or not.
 *
 * It compares the models `normalize` builds, so the operations (every method the generator emits, OpenAPI 3.2
 * `query` included), their function names, parameter keys and the media type chosen for each body are the
 * generator's own rules, not a second copy of them. Operations are matched by operationId, then by `METHOD path`.
 * Descriptions, summaries and examples are not compared: they change the docs, not the client's functions or
 * types. Deprecations are compared (as non-breaking changes): the generated `@deprecated` tags make editors and
 * linters flag every use.
 */
import type { GenerateOptions } from "../config/config.js";
import type { ApiModel } from "../model/model.js";
import { compareCodeUnits } from "../model/naming.js";
import { normalize } from "../model/normalize.js";
import { asRecord, getPointer } from "../util/document.js";
import type { ValidDocument } from "../validate/validate.js";
import { diffOperation, operationLabel, type DocOperation } from "./operation-diff.js";
import type { SpecChange } from "./types.js";

/** What the differ may reuse from the caller. */
export interface DiffContext {
  /** The generation's options (names of enums and servers can depend on them). @default name "Api" */
  readonly options?: GenerateOptions;
  /** The model of `after`, when the caller has it (the pipeline does). @default normalize(after) */
  readonly afterModel?: ApiModel;
}

const DEFAULT_OPTIONS: GenerateOptions = { input: "", output: "", name: "Api" };

/**
 * The model of `doc` as the generator builds it. Clashing function names are numbered in path order
 * (naming.ts `dedupe`), and a stored spec has its keys sorted, so `doc`'s paths are visited in `order`'s path
 * order first: the new document's order is the best guess of the order the previous one was written in.
 */
export function modelOf(doc: unknown, options: GenerateOptions, order?: unknown): ApiModel {
  const record = asRecord(doc) ?? {};
  const paths = asRecord(record["paths"]) ?? {};
  const first = Object.keys(asRecord(asRecord(order)?.["paths"]) ?? {}).filter((p) =>
    Object.hasOwn(paths, p),
  );
  const ordered = Object.fromEntries([...first, ...Object.keys(paths)].map((p) => [p, paths[p]]));
  const info = asRecord(record["info"]) ?? {};
  return normalize({ ...record, info, paths: ordered } as ValidDocument, options);
}

function operationsOf(doc: unknown, model: ApiModel): DocOperation[] {
  return model.operations.map((op) => ({
    doc,
    model: op,
    node: asRecord(getPointer(doc, op.pointer)) ?? {},
  }));
}

const route = (op: DocOperation): string => `${op.model.method} ${op.model.path}`;

/** Pairs each operation of `opsA` with its counterpart in `opsB`: same operationId, else same route. */
function match(
  opsA: readonly DocOperation[],
  opsB: readonly DocOperation[],
): { pairs: [DocOperation, DocOperation][]; removed: DocOperation[]; added: DocOperation[] } {
  const idsA = new Set(opsA.map((o) => o.model.operationId).filter((id) => id !== undefined));
  const unmatched = new Set(opsB);
  const pairs: [DocOperation, DocOperation][] = [];
  const removed: DocOperation[] = [];
  for (const a of opsA) {
    const id = a.model.operationId;
    const b =
      (id !== undefined
        ? opsB.find((o) => o.model.operationId === id && unmatched.has(o))
        : undefined) ??
      opsB.find(
        (o) =>
          route(o) === route(a) &&
          unmatched.has(o) &&
          (o.model.operationId === undefined || !idsA.has(o.model.operationId)),
      );
    if (b === undefined) removed.push(a);
    else {
      unmatched.delete(b);
      pairs.push([a, b]);
    }
  }
  return { pairs, removed, added: opsB.filter((o) => unmatched.has(o)) };
}

/**
 * Every client-visible change from `before` to `after`.
 * @param before The previous document (validated, as `spec.normalized.json` holds it).
 * @param after The new document (validated).
 * @returns Changes in a stable order: operations (renamed, removed, added), then per-operation details, then
 *   servers, then the named types of types.ts.
 */
export function diffSpecs(
  before: unknown,
  after: unknown,
  context: DiffContext = {},
): SpecChange[] {
  const options = context.options ?? DEFAULT_OPTIONS;
  const modelB = context.afterModel ?? modelOf(after, options);
  const modelA = modelOf(before, options, after);
  const out: SpecChange[] = [];
  const { pairs, removed, added } = match(
    operationsOf(before, modelA),
    operationsOf(after, modelB),
  );
  for (const [a, b] of pairs)
    if (a.model.name !== b.model.name)
      out.push({
        kind: "operation-renamed",
        breaking: true,
        where: operationLabel(b.model),
        message: `function renamed from ${a.model.name} to ${b.model.name}`,
      });
  for (const a of removed)
    out.push({
      kind: "operation-removed",
      breaking: true,
      where: operationLabel(a.model),
      message: "operation removed",
    });
  for (const b of added)
    out.push({
      kind: "operation-added",
      breaking: false,
      where: operationLabel(b.model),
      message: "operation added",
    });
  for (const [a, b] of pairs) diffOperation(a, b, out);
  diffServers(modelA, modelB, out);
  diffExports(modelA, modelB, out);
  return out;
}

/** Servers by URL (removing one breaks callers that pick it); a new name for a URL changes `ServerName`. */
function diffServers(a: ApiModel, b: ApiModel, out: SpecChange[]): void {
  const urlsA = new Map(a.servers.map((s) => [s.url, s.name]));
  const urlsB = new Map(b.servers.map((s) => [s.url, s.name]));
  const push = (breaking: boolean, message: string): void => {
    out.push({ kind: "servers-changed", breaking, where: "servers", message });
  };
  for (const [url, name] of urlsB) {
    const was = urlsA.get(url);
    if (was === undefined) push(false, `server ${url} added`);
    else if (was !== name) push(true, `server ${url} renamed from ${was} to ${name}`);
  }
  for (const url of urlsA.keys()) if (!urlsB.has(url)) push(true, `server ${url} removed`);
}

/** The named types and enum value arrays types.ts exports: a removed one breaks code that imports it. */
function diffExports(a: ApiModel, b: ApiModel, out: SpecChange[]): void {
  const names = (m: ApiModel): Set<string> =>
    new Set([
      ...m.schemaAliases.map((t) => t.name),
      ...m.enums.flatMap((e) => [e.typeName, e.valuesName]),
    ]);
  const namesA = names(a);
  const namesB = names(b);
  for (const n of [...namesA].filter((x) => !namesB.has(x)).sort(compareCodeUnits))
    out.push({ kind: "export-removed", breaking: true, where: "types", message: `${n} removed` });
  for (const n of [...namesB].filter((x) => !namesA.has(x)).sort(compareCodeUnits))
    out.push({ kind: "export-added", breaking: false, where: "types", message: `${n} added` });
}
