/**
 * A minimal RFC 6902 JSON Patch (add, remove, replace, test) for building spec fixtures from a base document.
 * Returns a patched deep copy; throws on a failed `test` or a missing path.
 */
type Op =
  | { readonly op: "add" | "replace" | "test"; readonly path: string; readonly value: unknown }
  | { readonly op: "remove"; readonly path: string };

export function applyPatch<T>(document: T, patch: readonly Op[]): T {
  const root = structuredClone(document) as unknown;
  for (const op of patch) {
    const tokens = op.path
      .slice(1)
      .split("/")
      .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
    const last = tokens.pop();
    if (last === undefined) throw new Error(`patch path '${op.path}' is empty`);
    let parent = root as Record<string, unknown> | unknown[];
    for (const t of tokens) {
      const next = (parent as Record<string, unknown>)[t];
      if (typeof next !== "object" || next === null)
        throw new Error(`patch path '${op.path}' not found at '${t}'`);
      parent = next as Record<string, unknown>;
    }
    const container = parent as Record<string, unknown>;
    if (op.op === "test") {
      if (JSON.stringify(container[last]) !== JSON.stringify(op.value))
        throw new Error(`patch test failed at '${op.path}'`);
    } else if (op.op === "remove") {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete container[last];
    } else if (Array.isArray(parent) && op.op === "add") {
      parent.splice(last === "-" ? parent.length : Number(last), 0, op.value);
    } else {
      container[last] = op.value;
    }
  }
  return root as T;
}
