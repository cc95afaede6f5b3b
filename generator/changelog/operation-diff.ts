/**
 * The changes inside one operation that both documents hold: parameters, request body, responses, deprecation,
 * pagination and security, read from the two models; schemas compared in the documents where the models point.
 */
import type { OperationModel, ParameterModel, ResponseModel } from "../model/model.js";
import { compareCodeUnits } from "../model/naming.js";
import { asRecord, derefRecord, getPointer, type JsonRecord } from "../util/document.js";
import { diffSchema, type Direction } from "./schema-diff.js";
import type { ChangeKind, SpecChange } from "./types.js";

/** An operation of one document: its model and its node in the document. */
export interface DocOperation {
  readonly doc: unknown;
  readonly model: OperationModel;
  readonly node: JsonRecord;
}

/** `getPayout (GET /payouts/{id})`: the function client code calls, then the route. */
export const operationLabel = (op: OperationModel): string =>
  `${op.name} (${op.method} ${op.path})`;

/** The schema of `mediaType` in a requestBody's or response's `content`. */
function contentSchema(doc: unknown, holder: unknown, mediaType: string | undefined): unknown {
  if (mediaType === undefined) return undefined;
  const content = asRecord(derefRecord(doc, holder)?.["content"]);
  return asRecord(content?.[mediaType])?.["schema"];
}

const responseNode = (op: DocOperation, status: string): unknown =>
  asRecord(op.node["responses"])?.[status];

/** Appends to `out` every change from `a` to `b` (the same operation in the two documents). */
export function diffOperation(a: DocOperation, b: DocOperation, out: SpecChange[]): void {
  const where = operationLabel(b.model);
  const push = (kind: ChangeKind, breaking: boolean, at: string, message: string): void => {
    out.push({ kind, breaking, where: at, message });
  };
  const schemas = (direction: Direction, x: unknown, y: unknown, at: string): void =>
    diffSchema({ before: a.doc, after: b.doc, direction, out, visited: new Set() }, x, y, at);

  if (a.model.method !== b.model.method || a.model.path !== b.model.path)
    push("operation-renamed", false, where, `moved from ${a.model.method} ${a.model.path}`);
  if (a.model.deprecated !== b.model.deprecated)
    push(
      "deprecation-changed",
      false,
      where,
      b.model.deprecated ? "operation deprecated" : "operation no longer deprecated",
    );

  diffParameters(a, b, where, push, schemas);

  const ba = a.model.requestBody;
  const bb = b.model.requestBody;
  const body = `${where} request body`;
  if (ba === undefined && bb !== undefined) {
    const kind = bb.required ? "required" : "optional";
    push("request-body-added", bb.required, body, `${kind} request body added`);
  } else if (ba !== undefined && bb === undefined) {
    push("request-body-removed", true, body, "request body removed");
  } else if (ba !== undefined && bb !== undefined) {
    if (ba.required !== bb.required)
      push(
        "request-body-required-changed",
        bb.required,
        body,
        bb.required ? "request body is now required" : "request body is now optional",
      );
    if (ba.mediaType !== bb.mediaType)
      push("media-type-changed", false, body, `sent as ${bb.mediaType} (was ${ba.mediaType})`);
    schemas(
      "request",
      contentSchema(a.doc, a.node["requestBody"], ba.mediaType),
      contentSchema(b.doc, b.node["requestBody"], bb.mediaType),
      body,
    );
  }

  diffResponses(a, b, where, push, schemas);

  if ((a.model.pagination === undefined) !== (b.model.pagination === undefined))
    push(
      "pagination-changed",
      a.model.pagination !== undefined,
      where,
      b.model.pagination !== undefined ? "now paginated" : "no longer paginated",
    );

  const secA = new Set(a.model.security.flat());
  const secB = new Set(b.model.security.flat());
  const added = [...secB].filter((n) => !secA.has(n)).sort(compareCodeUnits);
  const removed = [...secA].filter((n) => !secB.has(n)).sort(compareCodeUnits);
  if (added.length + removed.length > 0) {
    const parts = [...added.map((n) => `+${n}`), ...removed.map((n) => `-${n}`)].join(", ");
    push("security-changed", added.length > 0, where, `security schemes changed (${parts})`);
  }
}

type Push = (kind: ChangeKind, breaking: boolean, at: string, message: string) => void;
type Schemas = (direction: Direction, x: unknown, y: unknown, at: string) => void;

function diffParameters(
  a: DocOperation,
  b: DocOperation,
  where: string,
  push: Push,
  schemas: Schemas,
): void {
  const byKey = (op: DocOperation): Map<string, ParameterModel> =>
    new Map(op.model.parameters.map((p) => [`${p.in}:${p.name}`, p]));
  const pa = byKey(a);
  const pb = byKey(b);
  const schema = (op: DocOperation, p: ParameterModel): unknown =>
    derefRecord(op.doc, getPointer(op.doc, p.pointer))?.["schema"];
  for (const key of [...new Set([...pa.keys(), ...pb.keys()])].sort(compareCodeUnits)) {
    const x = pa.get(key);
    const y = pb.get(key);
    const p = (y ?? x)!;
    const at = `${where} ${p.in} parameter ${p.name}`;
    if (x === undefined) {
      const kind = p.required ? "required" : "optional";
      push("parameter-added", p.required, at, `${kind} parameter added`);
    } else if (y === undefined) {
      push("parameter-removed", true, at, "parameter removed");
    } else {
      if (x.required !== y.required)
        push(
          "parameter-required-changed",
          y.required,
          at,
          y.required ? "parameter is now required" : "parameter is now optional",
        );
      if (x.key !== y.key)
        push("parameter-renamed", true, at, `passed as params.${y.key} (was params.${x.key})`);
      if (x.deprecated !== y.deprecated)
        push(
          "deprecation-changed",
          false,
          at,
          y.deprecated ? "parameter deprecated" : "parameter no longer deprecated",
        );
      schemas("request", schema(a, x), schema(b, y), at);
    }
  }
}

/**
 * Responses: added and removed statuses; the typed bodies compared (the 2xx ones, as one `response` when each
 * side has a single one; the error bodies by status); a 2xx body now read differently (JSON, text, binary).
 */
function diffResponses(
  a: DocOperation,
  b: DocOperation,
  where: string,
  push: Push,
  schemas: Schemas,
): void {
  const all = (op: DocOperation): ResponseModel[] => [...op.model.success, ...op.model.errors];
  const statusesA = new Set(all(a).map((r) => r.status));
  const statusesB = new Set(all(b).map((r) => r.status));
  for (const s of [...statusesB].filter((x) => !statusesA.has(x)).sort(compareCodeUnits))
    push("response-added", false, `${where} response ${s}`, "response added");
  for (const s of [...statusesA].filter((x) => !statusesB.has(x)).sort(compareCodeUnits))
    push("response-removed", false, `${where} response ${s}`, "response removed");
  if (a.model.responseKind !== b.model.responseKind)
    push(
      "media-type-changed",
      true,
      `${where} response`,
      `read as ${b.model.responseKind} (was ${a.model.responseKind})`,
    );

  const pairs: [ResponseModel, ResponseModel, string][] = [];
  const single = a.model.success.length === 1 && b.model.success.length === 1;
  if (single) pairs.push([a.model.success[0]!, b.model.success[0]!, `${where} response`]);
  const byStatus = new Map(all(a).map((r) => [r.status, r]));
  for (const y of single ? b.model.errors : all(b)) {
    const x = byStatus.get(y.status);
    if (x !== undefined) pairs.push([x, y, `${where} response ${y.status}`]);
  }
  for (const [x, y, at] of pairs)
    schemas(
      "response",
      contentSchema(a.doc, responseNode(a, x.status), x.mediaType),
      contentSchema(b.doc, responseNode(b, y.status), y.mediaType),
      at,
    );
}
