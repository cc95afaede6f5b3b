// Types for yaml-locate.js (plain JavaScript so yaml-worker.js can use it). See yaml-locate.js for docs.
import type * as Yaml from "yaml";
import type { Document, Node } from "yaml";
export function yamlLib(): typeof Yaml;
export declare const POSITION_OPTIONS: { readonly uniqueKeys: true; readonly prettyErrors: false };
export function findNode(root: unknown, tokens: readonly string[]): Node | undefined;
export function nodeOffsets(
  doc: Document | undefined,
  tokenLists: readonly (readonly string[])[],
): (number | null)[];
