/**
 * `$ref` cycles that the generated types cannot express. Part of validate.
 *
 * openapi-typescript refers to a component by indexed access (`components["schemas"]["A"]`), which TypeScript
 * resolves eagerly except inside an object type's members. So `A: { items: A }`, `A: { allOf: [B] }, B: { oneOf: [A] }`
 * are "referenced directly or indirectly in its own type annotation" (TS2502), while `A: { properties: { a: A } }`
 * is fine. A cycle made only of `$ref`s is an error (validate reports it); a cycle through `items`, `prefixItems`,
 * `allOf`, `oneOf` or `anyOf` is a defect real specs carry: its closing `$ref` is typed as `unknown`, with a warning.
 */
import { getPointer, isRecord, type JsonRecord } from "../util/document.js";
import { parsePointer, type Issue } from "../util/issues.js";

/** Keywords whose subschemas TypeScript resolves eagerly in openapi-typescript's output. */
const EAGER_ARRAYS = ["allOf", "oneOf", "anyOf", "prefixItems"] as const;

interface Edge {
  /** The `$ref` value, e.g. `#/components/schemas/B`. */
  readonly ref: string;
  /** Pointer of the object holding the `$ref`. */
  readonly at: string;
}

/** `$ref`s reachable from the schema at `ptr` without passing through an object type's members. */
function eagerEdges(doc: JsonRecord, ptr: string): Edge[] {
  const edges: Edge[] = [];
  const stack: { node: unknown; at: string }[] = [
    { node: getPointer(doc, ptr), at: ptr.replace(/^#/, "") },
  ];
  while (stack.length > 0) {
    const { node, at } = stack.pop()!;
    if (!isRecord(node)) continue;
    const ref = node["$ref"];
    if (typeof ref === "string") {
      if (ref.startsWith("#")) edges.push({ ref, at });
      continue;
    }
    const items = node["items"];
    if (Array.isArray(items))
      items.forEach((item, i) => stack.push({ node: item, at: `${at}/items/${i}` }));
    else if (isRecord(items)) stack.push({ node: items, at: `${at}/items` });
    for (const key of EAGER_ARRAYS) {
      const members = node[key];
      if (Array.isArray(members))
        members.forEach((m, i) => stack.push({ node: m, at: `${at}/${key}/${i}` }));
    }
  }
  return edges.reverse();
}

/** Every local `$ref` value in the document, in document order (iterative walk; example values skipped). */
function localRefs(doc: JsonRecord): string[] {
  const seen = new Set<string>();
  const stack: unknown[] = [doc];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== "object" || node === null) continue;
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push(node[i]);
      continue;
    }
    const record = node as JsonRecord;
    const ref = record["$ref"];
    if (typeof ref === "string" && ref.startsWith("#")) seen.add(ref);
    const keys = Object.keys(record).filter(
      (k) =>
        k !== "example" && k !== "examples" && k !== "default" && k !== "const" && k !== "enum",
    );
    for (let i = keys.length - 1; i >= 0; i--) stack.push(record[keys[i]!]);
  }
  return [...seen];
}

/** Copy of `root` with the value at `ptr` replaced (containers along the way are copied, the rest shared). */
function replaceAt(root: JsonRecord, ptr: string, value: unknown): JsonRecord {
  const tokens = parsePointer(ptr);
  const copy = (node: unknown, depth: number): unknown => {
    if (depth === tokens.length) return value;
    const token = tokens[depth]!;
    if (Array.isArray(node)) {
      const out = [...(node as unknown[])];
      out[Number(token)] = copy(node[Number(token)], depth + 1);
      return out;
    }
    const record = node as JsonRecord;
    return { ...record, [token]: copy(record[token], depth + 1) };
  };
  return copy(root, 0) as JsonRecord;
}

/**
 * Finds `$ref` cycles that pass through no object property and breaks each at the `$ref` that closes it
 * (depth-first, in document order, so the result is deterministic).
 * @returns The repaired document (unchanged when there is no such cycle) and one warning per broken `$ref`.
 */
export function breakUntypableCycles(doc: JsonRecord): { document: JsonRecord; issues: Issue[] } {
  const refs = localRefs(doc);
  const state = new Map<string, "open" | "done">();
  const cuts: { edge: Edge; cycle: string[] }[] = [];
  for (const start of refs) {
    if (state.has(start)) continue;
    // Iterative depth-first search; `path` holds the open refs, `pending` their unexplored edges.
    const path: string[] = [start];
    const pending: Edge[][] = [eagerEdges(doc, start)];
    state.set(start, "open");
    while (path.length > 0) {
      const edge = pending[pending.length - 1]!.shift();
      if (edge === undefined) {
        state.set(path.pop()!, "done");
        pending.pop();
        continue;
      }
      const seen = state.get(edge.ref);
      if (seen === "open") {
        cuts.push({ edge, cycle: [...path.slice(path.indexOf(edge.ref)), edge.ref] });
      } else if (seen === undefined) {
        state.set(edge.ref, "open");
        path.push(edge.ref);
        pending.push(eagerEdges(doc, edge.ref));
      }
    }
  }
  let document = doc;
  const issues: Issue[] = [];
  for (const { edge, cycle } of cuts) {
    // A cycle made only of `$ref`s has no schema to type; validate reports it as an error before this runs.
    document = replaceAt(document, edge.at, {});
    issues.push({
      code: "untypable-ref-cycle",
      severity: "warning",
      pointer: edge.at,
      message: `$ref '${edge.ref}' closes a cycle (${cycle.join(" → ")}) that passes through no object property, which TypeScript cannot type; it is typed as unknown here. Wrap the recursion in an object property to keep the type.`,
    });
  }
  return { document, issues };
}
