/**
 * Synthetic scale-ups of a spec: ×N holds the original plus N−1 copies of every path item and every
 * component (schemas, responses, parameters, requestBodies, headers, examples, links, callbacks,
 * pathItems) under new prefixes, with every local `$ref` (and discriminator mapping) inside a copy
 * pointing at the copy. operationIds get the same suffix, so they stay unique.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { parse, stringify } from "yaml";

const COPIED_SECTIONS = [
  "schemas",
  "responses",
  "parameters",
  "requestBodies",
  "headers",
  "examples",
  "links",
  "callbacks",
  "pathItems",
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Rewrites `#/components/<section>/<name>…` to the copy's name; other strings are returned unchanged. */
function renameRef(ref: string, suffix: string): string {
  const match = /^#\/components\/([^/]+)\/([^/]+)(.*)$/.exec(ref);
  if (match === null || !COPIED_SECTIONS.includes(match[1]!)) return ref;
  return `#/components/${match[1]}/${match[2]}${suffix}${match[3]}`;
}

/** Deep copy of `node` with refs, discriminator mappings and operationIds renamed for one copy. */
function copyNode(node: Json, suffix: string, key = ""): Json {
  if (typeof node === "string")
    return key === "$ref" || key === "mapping-value"
      ? renameRef(node, suffix)
      : key === "operationId"
        ? `${node}${suffix}`
        : node;
  if (Array.isArray(node)) return node.map((item) => copyNode(item, suffix));
  if (!isObject(node)) return node;
  const out: { [key: string]: Json } = {};
  for (const [k, v] of Object.entries(node)) {
    out[k] =
      k === "mapping" && isObject(v)
        ? Object.fromEntries(
            Object.entries(v).map(([mk, mv]) => [mk, copyNode(mv, suffix, "mapping-value")]),
          )
        : copyNode(v, suffix, k);
  }
  return out;
}

/** The document scaled ×`factor` (factor 1 returns it unchanged). */
export function scaleDocument(document: Json, factor: number): Json {
  if (!isObject(document) || factor <= 1) return document;
  const paths = isObject(document["paths"]) ? document["paths"] : {};
  const components = isObject(document["components"]) ? document["components"] : {};
  const scaledPaths: { [key: string]: Json } = { ...paths };
  const scaledComponents: { [key: string]: Json } = { ...components };
  for (let k = 2; k <= factor; k++) {
    const suffix = `Copy${k}`;
    for (const [p, item] of Object.entries(paths))
      scaledPaths[`/copy${k}${p}`] = copyNode(item, suffix);
    for (const section of COPIED_SECTIONS) {
      const entries = components[section];
      if (!isObject(entries)) continue;
      const target = { ...(scaledComponents[section] as { [key: string]: Json }) };
      for (const [name, value] of Object.entries(entries))
        target[`${name}${suffix}`] = copyNode(value, suffix);
      scaledComponents[section] = target;
    }
  }
  return { ...document, paths: scaledPaths, components: scaledComponents };
}

/**
 * Reads a YAML/JSON spec, writes ×factor copies as YAML next to `outDir`.
 * @returns the written file paths by factor, and each file's size in bytes.
 */
export function writeScaledSpecs(
  input: string,
  factors: readonly number[],
  outDir: string,
): Map<number, { file: string; bytes: number }> {
  const document = parse(readFileSync(input, "utf8"), { maxAliasCount: -1 }) as Json;
  const written = new Map<number, { file: string; bytes: number }>();
  for (const factor of factors) {
    const text = stringify(scaleDocument(document, factor), {
      aliasDuplicateObjects: false,
      lineWidth: 0,
    });
    const file = `${outDir}/openai-x${factor}.yaml`;
    writeFileSync(file, text);
    written.set(factor, { file, bytes: Buffer.byteLength(text) });
  }
  return written;
}
