/**
 * Reads `templates/operation.ts` (through the printer's ts-morph project) into skeletons the operations
 * emitter fills: imports, and per kind of operation its parameter names and body with the
 * `operationSpec` identifier located by the AST (never by text search).
 */
import { Node, SyntaxKind, type ImportDeclarationStructure } from "ts-morph";
import type { Printer } from "./print.js";

export type SkeletonKind =
  | "operation"
  | "operationWithoutParams"
  | "paginatedOperation"
  | "streamingOperation"
  | "streamingOperationWithoutParams";

export interface Skeleton {
  /** Parameter names in order, e.g. `["client", "params", "options"]`. */
  readonly parameters: readonly string[];
  /** Body statements with the spec identifier replaced by `specName`. */
  body(specName: string): string;
}

export interface OperationTemplate {
  readonly imports: readonly ImportDeclarationStructure[];
  readonly skeletons: Readonly<Record<SkeletonKind, Skeleton>>;
}

const SPEC_IDENTIFIER = "operationSpec";

/** Parses the operation template text. @throws {Error} when the template lacks one of the skeleton functions. */
export function readOperationTemplate(printer: Printer, text: string): OperationTemplate {
  const file = printer.readTemplate("operation.ts", text);
  const imports = file.getImportDeclarations().map((d) => d.getStructure());
  const skeleton = (name: SkeletonKind): Skeleton => {
    const fn = file.getFunction(name);
    const body = fn?.getBody();
    if (fn === undefined || body === undefined || !Node.isBlock(body))
      throw new Error(`templates/operation.ts: function '${name}' is missing`);
    const statements = body.getStatements();
    const start = statements[0]?.getStart() ?? body.getStart() + 1;
    const end = statements[statements.length - 1]?.getEnd() ?? start;
    const source = file.getFullText();
    const holes = body
      .getDescendantsOfKind(SyntaxKind.Identifier)
      .filter((id) => id.getText() === SPEC_IDENTIFIER)
      .map((id) => [id.getStart() - start, id.getEnd() - start] as const);
    const text = source.slice(start, end);
    return {
      parameters: fn.getParameters().map((p) => p.getName()),
      body(specName) {
        let out = "";
        let last = 0;
        for (const [from, to] of holes) {
          out += text.slice(last, from) + specName;
          last = to;
        }
        return out + text.slice(last);
      },
    };
  };
  return {
    imports,
    skeletons: {
      operation: skeleton("operation"),
      operationWithoutParams: skeleton("operationWithoutParams"),
      paginatedOperation: skeleton("paginatedOperation"),
      streamingOperation: skeleton("streamingOperation"),
      streamingOperationWithoutParams: skeleton("streamingOperationWithoutParams"),
    },
  };
}
