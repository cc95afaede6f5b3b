/**
 * Issues (problems found in input) and the error that carries them out of the library.
 * The library never prints or exits: the CLI formats issues and owns exit codes.
 */
import { LineCounter, parseDocument, isMap, isSeq, type Node } from "yaml";
import type { Issue } from "./model.js";

export type { Issue };

/** Thrown by `generate()`/`check()` when the input cannot give a client. Carries every issue found. */
export class SpecError extends Error {
  readonly issues: readonly Issue[];
  constructor(issues: readonly Issue[]) {
    const errors = issues.filter((i) => i.severity === "error");
    super(errors.map(formatIssue).join("\n") || "invalid input");
    this.name = "SpecError";
    this.issues = issues;
  }
}

/** Escapes one JSON-pointer token (`/` → `~1`, `~` → `~0`). */
export function pointerToken(token: string | number): string {
  return String(token).replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Builds a JSON pointer from tokens: `pointer("paths", "/pets", "get")` → `/paths/~1pets/get`. */
export function pointer(...tokens: (string | number)[]): string {
  return tokens.map((t) => `/${pointerToken(t)}`).join("");
}

/** Splits a JSON pointer into unescaped tokens. */
export function parsePointer(ptr: string): string[] {
  if (ptr === "" || ptr === "#") return [];
  return ptr
    .replace(/^#/, "")
    .slice(1)
    .split("/")
    .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** One line per issue: `file:line:column: error [code] message (at pointer)`. */
export function formatIssue(issue: Issue): string {
  const where =
    issue.file !== undefined
      ? `${issue.file}${issue.line !== undefined ? `:${issue.line}${issue.column !== undefined ? `:${issue.column}` : ""}` : ""}: `
      : "";
  const at = issue.pointer !== "" ? ` (at ${issue.pointer === "" ? "/" : issue.pointer})` : "";
  return `${where}${issue.severity} [${issue.code}] ${issue.message}${at}`;
}

/**
 * Adds file, line and column to issues whose pointer is found in `text` (JSON or YAML).
 * Parses the text again only when there is something to locate, so the happy path pays nothing.
 */
export function locateIssues(issues: readonly Issue[], file: string, text: string): Issue[] {
  const pending = issues.filter((i) => i.line === undefined && i.pointer !== "" && i.file === undefined);
  if (pending.length === 0) return issues.map((i) => (i.file === undefined ? { ...i, file } : i));
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, strict: false, stringKeys: true });
  return issues.map((issue) => {
    if (issue.file !== undefined) return issue;
    if (issue.line !== undefined || issue.pointer === "") return { ...issue, file };
    const node = findNode(doc.contents, parsePointer(issue.pointer));
    if (node?.range === undefined || node.range === null) return { ...issue, file };
    const pos = lineCounter.linePos(node.range[0]);
    return { ...issue, file, line: pos.line, column: pos.col };
  });
}

function findNode(root: unknown, tokens: readonly string[]): Node | undefined {
  let node = root as Node | null | undefined;
  let keyNode: Node | undefined;
  for (const token of tokens) {
    if (isMap(node)) {
      const pair = node.items.find((p) => String((p.key as { value?: unknown } | null)?.value ?? p.key) === token);
      if (pair === undefined) return keyNode ?? node;
      keyNode = (pair.key as Node | null) ?? undefined;
      node = pair.value as Node | null;
    } else if (isSeq(node)) {
      const next = node.items[Number(token)] as Node | undefined;
      if (next === undefined) return node;
      keyNode = undefined;
      node = next;
    } else {
      return keyNode ?? node ?? undefined;
    }
  }
  return keyNode ?? node ?? undefined;
}
