/**
 * The redocly configuration openapiTS() runs with. openapiTS always passes the document through redocly's
 * parse, lint and bundle; ours is already loaded, bundled and validated, so the configuration has no rules and
 * extends nothing: redocly only walks it.
 *
 * One plugin works around a redocly bug: its walkers look a key up in their type's `properties` without an
 * own-property check, so a key named like an Object.prototype member (a schema property `valueOf`, a header
 * `hasOwnProperty`) finds that inherited function and crashes. The plugin's type extension (redocly's public
 * plugin API) gives every type its own entry for each such name, resolving to the type's `additionalProperties`
 * when the document has the key and to nothing when the walker reads the inherited member. Keys inside values
 * redocly does not type (examples, `x-` extensions) still reach the bug.
 */
import type { Config } from "@redocly/openapi-core";
import { createConfig } from "./openapi-typescript.js";

/** The parts of a redocly node type (its type tree's nodes) the plugin reads. */
interface NodeType {
  readonly properties?: Readonly<Record<string, unknown>>;
  readonly additionalProperties?: unknown;
}

/** Object.prototype's members (`__proto__` is harmless: it reads as an object redocly skips). */
const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype).filter(
  (name) => name !== "__proto__",
);

/** `type` with an own `properties` entry for each Object.prototype member name it lacks, nested types too. */
function guarded(type: NodeType): NodeType {
  if (typeof type.properties !== "object") return type;
  const properties: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(type.properties))
    properties[name] = typeof value === "object" && value !== null ? guarded(value) : value;
  const additional = type.additionalProperties;
  for (const name of PROTOTYPE_NAMES) {
    if (Object.hasOwn(properties, name)) continue;
    properties[name] = (value: unknown, key: string): unknown =>
      typeof value === "function" || additional === undefined
        ? undefined
        : typeof additional === "function"
          ? (additional as (value: unknown, key: string) => unknown)(value, key)
          : additional;
  }
  return { ...type, properties };
}

const prototypeKeys = {
  id: "openapi-client-gen-prototype-keys",
  typeExtension: {
    oas3: <T extends Record<string, NodeType>>(types: T): T =>
      Object.fromEntries(Object.entries(types).map(([name, type]) => [name, guarded(type)])) as T,
  },
};

/** A redocly configuration without rules (see the module comment). */
export function redoclyConfig(): Promise<Config> {
  return createConfig({ rules: {}, plugins: [prototypeKeys] }, { extends: [] });
}

/** Keys whose values redocly does not type: below them, the bug remains (see the module comment). */
const untyped = (key: string): boolean =>
  key === "example" || key === "value" || key.startsWith("x-");

/**
 * The JSON pointer of a key named like an Object.prototype member inside an example or an `x-` extension of
 * `document` (depth-first, iterative), for a clear error when redocly fails on one.
 */
export function prototypeKeyPointer(document: unknown): string | undefined {
  const stack: [unknown, string, boolean][] = [[document, "", false]];
  while (stack.length > 0) {
    const [node, pointer, inUntyped] = stack.pop()!;
    if (typeof node !== "object" || node === null) continue;
    for (const [key, value] of Object.entries(node)) {
      const child = `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
      if (inUntyped && !Array.isArray(node) && PROTOTYPE_NAMES.includes(key)) return child;
      stack.push([value, child, inUntyped || untyped(key)]);
    }
  }
  return undefined;
}
