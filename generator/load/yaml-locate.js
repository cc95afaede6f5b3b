// @ts-check
/**
 * Source offsets of the nodes at JSON pointers in a parsed `yaml` Document: shared by issues.ts (main thread) and
 * yaml-worker.js (a worker thread that parses a large spec's positions while the pipeline runs). Plain JavaScript so
 * the worker needs no TypeScript loader.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * The `yaml` package, loaded on first use: with the js-yaml fast path (yaml-fast.ts) the main thread needs it only
 * when a spec falls back to it or an issue is located, and loading it costs ~20 ms.
 * @returns {typeof import("yaml")}
 */
export function yamlLib() {
  return require("yaml");
}

/** The options `load` parses YAML with: positions found with them match the document the pipeline validated. */
export const POSITION_OPTIONS = Object.freeze({ uniqueKeys: true, prettyErrors: false });

/**
 * The node at `tokens` below `root`: for a mapping member its key node; when a token is missing, the deepest node
 * found on the way.
 * @param {unknown} root @param {readonly string[]} tokens unescaped pointer tokens
 * @returns {import("yaml").Node | undefined}
 */
export function findNode(root, tokens) {
  const { isMap, isSeq } = yamlLib();
  let node = /** @type {import("yaml").Node | null | undefined} */ (root);
  /** @type {import("yaml").Node | undefined} */
  let keyNode;
  for (const token of tokens) {
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => String(/** @type {{ value?: unknown } | null} */ (p.key)?.value ?? p.key) === token,
      );
      if (pair === undefined) return keyNode ?? node;
      keyNode = /** @type {import("yaml").Node | null} */ (pair.key) ?? undefined;
      node = /** @type {import("yaml").Node | null} */ (pair.value);
    } else if (isSeq(node)) {
      const next = /** @type {import("yaml").Node | undefined} */ (node.items[Number(token)]);
      if (next === undefined) return node;
      keyNode = undefined;
      node = next;
    } else {
      return keyNode ?? node ?? undefined;
    }
  }
  return keyNode ?? node ?? undefined;
}

/**
 * Offset (UTF-16 code units) where each pointer's node starts, or null when there is none.
 * @param {import("yaml").Document | undefined} doc @param {readonly (readonly string[])[]} tokenLists
 * @returns {(number | null)[]}
 */
export function nodeOffsets(doc, tokenLists) {
  return tokenLists.map((tokens) => {
    const node = doc === undefined ? undefined : findNode(doc.contents, tokens);
    return node?.range !== undefined && node.range !== null ? node.range[0] : null;
  });
}
