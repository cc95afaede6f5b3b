/**
 * Issues (problems found in input) and the error that carries them out of the library.
 * The library never prints or exits: the CLI formats issues and owns exit codes.
 */
/** One problem found in a document or config. */
export interface Issue {
  /** Stable machine-readable code, e.g. `duplicate-operation-id`. */
  readonly code: string;
  readonly severity: "error" | "warning";
  /** JSON pointer into the (bundled) document, e.g. `/paths/~1pets/get`. */
  readonly pointer: string;
  /** The file the problem is in, relative to the working directory, when known. */
  readonly file?: string;
  /** 1-based line and column in `file`, when known. */
  readonly line?: number;
  readonly column?: number;
  /** What is wrong and what to do. */
  readonly message: string;
}

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
