/**
 * Stateful CRUD (the `stateful` option): where the document makes a collection plain — `POST /things` and
 * `GET /things/{id}` — created resources are kept, and read, updated, deleted and listed back by their id.
 */
import { flatten } from "./mock-data.js";
import { schemaAt, setAt, setValid } from "./mock-pages.js";
import { at } from "./pagination.js";
import type { MockApi, MockOperation } from "./mock-request.js";
import { valid, type MockDefs, type MockSchema } from "./mock-schema.js";

/** What an operation does to its collection. */
export type Role = "create" | "read" | "update" | "delete" | "list";

/** An operation's part in a collection: the collection's path and the item path's parameter. */
export interface CrudRole {
  readonly role: Role;
  readonly collection: string;
  readonly param: string;
}

/** Resources kept by collection path, then by id (as a string). */
export type Store = Map<string, Map<string, Record<string, unknown>>>;

/** The CRUD role of every operation that has one, by operation id. */
export function crudRoles(api: MockApi): Map<string, CrudRole> {
  const out = new Map<string, CrudRole>();
  for (const read of api.operations) {
    const m = /^(.*)\/\{([^}]+)\}$/.exec(read.path);
    if (read.method !== "GET" || !m) continue;
    const [, collection, param] = m as unknown as [string, string, string];
    const same = (o: MockOperation, method: string, path: string): boolean =>
      o.method === method && o.path === path;
    if (!api.operations.some((o) => same(o, "POST", collection))) continue;
    for (const o of api.operations) {
      const role: Role | undefined = same(o, "POST", collection)
        ? "create"
        : same(o, "GET", collection)
          ? "list"
          : o.path !== read.path
            ? undefined
            : o.method === "GET"
              ? "read"
              : o.method === "DELETE"
                ? "delete"
                : o.method === "PUT" || o.method === "PATCH"
                  ? "update"
                  : undefined;
      if (role) out.set(o.id, { role, collection, param });
    }
  }
  return out;
}

/** Where the resource's id is in a body of `schema`: `[param]`, `["id"]`, or one level down (`["data", "id"]`). */
export function idPath(
  schema: MockSchema | undefined,
  param: string,
  defs: MockDefs,
): string[] | undefined {
  if (schema === undefined) return undefined;
  const props = flatten(schema, defs, []).properties ?? {};
  const own = (p: Readonly<Record<string, unknown>>): string | undefined =>
    Object.hasOwn(p, param) ? param : Object.hasOwn(p, "id") ? "id" : undefined;
  const key = own(props);
  if (key) return [key];
  for (const [k, p] of Object.entries(props)) {
    const inner = own(flatten(p, defs, []).properties ?? {});
    if (inner) return [k, inner];
  }
  return undefined;
}

/** Copies the request body's fields into `resource` where the response stays valid with them. */
function absorb(resource: Record<string, unknown>, from: unknown, keep: () => boolean): void {
  if (from === null || typeof from !== "object" || Array.isArray(from)) return;
  for (const [k, v] of Object.entries(from)) {
    if (!Object.hasOwn(resource, k)) continue;
    const before = resource[k];
    resource[k] = v;
    if (!keep()) resource[k] = before;
  }
}

/** One call in stateful mode: its role, the default answer's body, and the request. */
export interface CrudCall {
  readonly crud: CrudRole;
  readonly store: Store;
  readonly defs: MockDefs;
  /** The success response's schema. */
  readonly schema: MockSchema | undefined;
  /** The value of the item path's parameter. */
  readonly id: unknown;
  readonly requestBody: unknown;
  /** Path to the items of a list's body (its pagination's `items`), when known. */
  readonly items?: readonly string[];
  /** Property paths a list's body ends its pagination with (next cursor, next URL: set null; hasMore: false). */
  readonly ends?: readonly (readonly string[])[];
  readonly hasMore?: readonly string[];
}

/**
 * Applies a stateful call to the default answer's `body` (changed in place).
 * @returns `"missing"` when the item does not exist (the caller answers 404), else the body
 */
export function crud(body: unknown, c: CrudCall): unknown {
  const { crud: role, defs, schema } = c;
  const kept = c.store.get(role.collection) ?? new Map<string, Record<string, unknown>>();
  c.store.set(role.collection, kept);
  const ok = (): boolean => schema === undefined || valid(schema, body, defs, "response");
  const loc = idPath(schema, role.param, defs);
  const holder = (): Record<string, unknown> | undefined => {
    const h = loc && (loc.length > 1 ? at(body, loc.slice(0, -1)) : body);
    return h && typeof h === "object" ? (h as Record<string, unknown>) : undefined;
  };
  if (role.role === "list") {
    const path = c.items ?? (Array.isArray(body) ? [] : undefined);
    if (path === undefined) return body;
    const item = schemaAt(schema, [...path, "[]"], defs);
    const all = [...kept.values()].filter((r) => !item || valid(item, r, defs, "response"));
    if (!path.length) return all.map((r) => structuredClone(r));
    setAt(
      body,
      path,
      all.map((r) => structuredClone(r)),
    );
    if (c.hasMore && schema) setValid(body, c.hasMore, [false], schema, defs);
    for (const end of c.ends ?? [])
      if (schema) setValid(body, end, [null, undefined, ""], schema, defs);
    return body;
  }
  if (role.role === "create") {
    const h = holder();
    if (!h || !loc) return body;
    absorb(h, c.requestBody, ok);
    kept.set(String(at(body, loc)), structuredClone(h));
    return body;
  }
  const key = String(c.id);
  const stored = kept.get(key);
  if (!stored) return "missing";
  if (role.role === "delete") {
    kept.delete(key);
    return body;
  }
  const h = holder();
  const own = loc && (loc.length > 1 ? schemaAt(schema, loc.slice(0, -1), defs) : schema);
  if (role.role === "update")
    absorb(stored, c.requestBody, () => !own || valid(own, stored, defs, "response"));
  if (!h || !loc) return body;
  const before = { ...h };
  for (const k of Object.keys(h)) delete h[k];
  Object.assign(h, structuredClone(stored));
  if (!ok()) {
    for (const k of Object.keys(h)) delete h[k];
    Object.assign(h, before, { [loc.at(-1)!]: stored[loc.at(-1)!] });
  }
  return body;
}
