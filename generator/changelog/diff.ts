/**
 * The spec differ: two OpenAPI documents (validated, bundled: local `$ref`s only) → the changes that matter to
 * code using the generated client, each classified breaking or not. Operations are matched by operationId (the
 * function name client code calls), then by `METHOD path`.
 */
import { diffSchema, deref, type Direction } from "./schema-diff.js";
import type { SpecChange } from "./types.js";

type Json = Record<string, unknown>;

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
const isRecord = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

interface Operation {
  readonly id: string | undefined;
  readonly route: string;
  readonly node: Json;
  readonly pathItem: Json;
}

function operationsOf(doc: unknown): Operation[] {
  const paths = isRecord(doc) && isRecord(doc["paths"]) ? doc["paths"] : {};
  const out: Operation[] = [];
  for (const p of Object.keys(paths).sort(byCodeUnit)) {
    const pathItem = deref(doc, paths[p]);
    if (pathItem === undefined) continue;
    for (const method of METHODS) {
      const node = pathItem[method];
      if (!isRecord(node)) continue;
      const id = typeof node["operationId"] === "string" ? node["operationId"] : undefined;
      out.push({ id, route: `${method.toUpperCase()} ${p}`, node, pathItem });
    }
  }
  return out;
}

const label = (op: Operation): string =>
  op.id !== undefined ? `${op.id} (${op.route})` : op.route;

/** Parameters of an operation (path item's merged under the operation's), keyed `in:name`. */
function parametersOf(doc: unknown, op: Operation): Map<string, Json> {
  const map = new Map<string, Json>();
  for (const list of [op.pathItem["parameters"], op.node["parameters"]]) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const p = deref(doc, raw);
      if (p !== undefined && typeof p["name"] === "string" && typeof p["in"] === "string")
        map.set(`${p["in"]}:${p["name"]}`, p);
    }
  }
  return map;
}

/** The schema of the preferred media type (JSON first) of a requestBody or response `content`. */
function contentSchema(content: unknown): unknown {
  if (!isRecord(content)) return undefined;
  const types = Object.keys(content).sort(byCodeUnit);
  const json = types.find((t) => /^application\/(.+\+)?json/.test(t)) ?? types[0];
  const media = json === undefined ? undefined : content[json];
  return isRecord(media) ? media["schema"] : undefined;
}

/** The lowest 2xx response (the typed result), or `default` when there is no 2xx. */
function successResponse(responses: Json): string | undefined {
  const codes = Object.keys(responses).sort(byCodeUnit);
  return (
    codes.find((c) => /^2(\d\d|XX)$/i.test(c)) ??
    (codes.includes("default") ? "default" : undefined)
  );
}

function securityNames(requirements: unknown): Set<string> {
  const names = new Set<string>();
  if (Array.isArray(requirements))
    for (const r of requirements) if (isRecord(r)) for (const n of Object.keys(r)) names.add(n);
  return names;
}

function serverUrls(doc: unknown): string[] {
  const servers = isRecord(doc) && Array.isArray(doc["servers"]) ? doc["servers"] : [];
  return servers.filter(isRecord).map((s) => String(s["url"]));
}

function diffOperation(
  before: unknown,
  after: unknown,
  a: Operation,
  b: Operation,
  out: SpecChange[],
): void {
  const where = label(b);
  const schemaCtx = (direction: Direction): Parameters<typeof diffSchema>[0] => ({
    before,
    after,
    direction,
    out,
    visited: new Set(),
  });
  if (a.route !== b.route)
    out.push({
      kind: "operation-renamed",
      breaking: false,
      where,
      message: `moved from ${a.route}`,
    });

  const pa = parametersOf(before, a);
  const pb = parametersOf(after, b);
  for (const key of [...new Set([...pa.keys(), ...pb.keys()])].sort(byCodeUnit)) {
    const [loc, name] = [key.slice(0, key.indexOf(":")), key.slice(key.indexOf(":") + 1)];
    const at = `${where} ${loc} parameter ${name}`;
    const x = pa.get(key);
    const y = pb.get(key);
    if (x === undefined && y !== undefined) {
      const required = y["required"] === true;
      out.push({
        kind: "parameter-added",
        breaking: required,
        where: at,
        message: `${required ? "required" : "optional"} parameter added`,
      });
    } else if (x !== undefined && y === undefined) {
      out.push({
        kind: "parameter-removed",
        breaking: true,
        where: at,
        message: "parameter removed",
      });
    } else if (x !== undefined && y !== undefined) {
      if ((x["required"] === true) !== (y["required"] === true)) {
        const now = y["required"] === true;
        out.push({
          kind: "parameter-required-changed",
          breaking: now,
          where: at,
          message: now ? "parameter is now required" : "parameter is now optional",
        });
      }
      diffSchema(schemaCtx("request"), x["schema"], y["schema"], at);
    }
  }

  const ba = deref(before, a.node["requestBody"]);
  const bb = deref(after, b.node["requestBody"]);
  const body = `${where} request body`;
  if (ba === undefined && bb !== undefined) {
    out.push({
      kind: "request-body-added",
      breaking: bb["required"] === true,
      where: body,
      message: `${bb["required"] === true ? "required" : "optional"} request body added`,
    });
  } else if (ba !== undefined && bb === undefined) {
    out.push({
      kind: "request-body-removed",
      breaking: true,
      where: body,
      message: "request body removed",
    });
  } else if (ba !== undefined && bb !== undefined) {
    if ((ba["required"] === true) !== (bb["required"] === true)) {
      const now = bb["required"] === true;
      out.push({
        kind: "request-body-required-changed",
        breaking: now,
        where: body,
        message: now ? "request body is now required" : "request body is now optional",
      });
    }
    diffSchema(
      schemaCtx("request"),
      contentSchema(ba["content"]),
      contentSchema(bb["content"]),
      body,
    );
  }

  const ra = isRecord(a.node["responses"]) ? a.node["responses"] : {};
  const rb = isRecord(b.node["responses"]) ? b.node["responses"] : {};
  for (const code of Object.keys(rb).sort(byCodeUnit)) {
    if (!(code in ra))
      out.push({
        kind: "response-added",
        breaking: false,
        where: `${where} response ${code}`,
        message: "response added",
      });
  }
  for (const code of Object.keys(ra).sort(byCodeUnit)) {
    if (!(code in rb))
      out.push({
        kind: "response-removed",
        breaking: false,
        where: `${where} response ${code}`,
        message: "response removed",
      });
  }
  const sa = successResponse(ra);
  const sb = successResponse(rb);
  if (sa !== undefined && sb !== undefined) {
    diffSchema(
      schemaCtx("response"),
      contentSchema(deref(before, ra[sa])?.["content"]),
      contentSchema(deref(after, rb[sb])?.["content"]),
      `${where} response`,
    );
  }

  const secA = securityNames(
    a.node["security"] ?? (isRecord(before) ? before["security"] : undefined),
  );
  const secB = securityNames(
    b.node["security"] ?? (isRecord(after) ? after["security"] : undefined),
  );
  const addedSec = [...secB].filter((n) => !secA.has(n)).sort(byCodeUnit);
  const removedSec = [...secA].filter((n) => !secB.has(n)).sort(byCodeUnit);
  if (addedSec.length + removedSec.length > 0) {
    const parts = [...addedSec.map((n) => `+${n}`), ...removedSec.map((n) => `-${n}`)].join(", ");
    out.push({
      kind: "security-changed",
      breaking: addedSec.length > 0,
      where,
      message: `security schemes changed (${parts})`,
    });
  }
}

/**
 * Every client-visible change from `before` to `after`.
 * @returns Changes in a stable order: operations (removed, renamed, added), then per-operation details, then servers.
 */
export function diffSpecs(before: unknown, after: unknown): SpecChange[] {
  const out: SpecChange[] = [];
  const opsA = operationsOf(before);
  const opsB = operationsOf(after);
  const pairs: [Operation, Operation][] = [];
  const unmatchedB = new Set(opsB);
  const unmatchedA: Operation[] = [];
  for (const a of opsA) {
    const b =
      (a.id !== undefined ? opsB.find((o) => o.id === a.id && unmatchedB.has(o)) : undefined) ??
      opsB.find(
        (o) =>
          o.route === a.route &&
          unmatchedB.has(o) &&
          (o.id === undefined || !opsA.some((x) => x.id === o.id)),
      );
    if (b === undefined) {
      unmatchedA.push(a);
      continue;
    }
    unmatchedB.delete(b);
    pairs.push([a, b]);
    if (a.id !== b.id)
      out.push({
        kind: "operation-renamed",
        breaking: true,
        where: label(b),
        message: `operationId renamed from ${a.id ?? "(none)"} to ${b.id ?? "(none)"}: the function name changes`,
      });
  }
  for (const a of unmatchedA)
    out.push({
      kind: "operation-removed",
      breaking: true,
      where: label(a),
      message: "operation removed",
    });
  for (const b of opsB.filter((o) => unmatchedB.has(o)))
    out.push({
      kind: "operation-added",
      breaking: false,
      where: label(b),
      message: "operation added",
    });
  for (const [a, b] of pairs) diffOperation(before, after, a, b, out);

  const sa = serverUrls(before);
  const sb = serverUrls(after);
  for (const url of sb.filter((u) => !sa.includes(u)))
    out.push({
      kind: "servers-changed",
      breaking: false,
      where: "servers",
      message: `server ${url} added`,
    });
  for (const url of sa.filter((u) => !sb.includes(u)))
    out.push({
      kind: "servers-changed",
      breaking: true,
      where: "servers",
      message: `server ${url} removed`,
    });
  return out;
}
