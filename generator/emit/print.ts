/**
 * The only ts-morph touchpoint: statement structures → source text, once per file.
 */
import {
  Project,
  type OptionalKind,
  type StatementStructures,
  type WriterFunction,
} from "ts-morph";
import { statementSegments, type Segment } from "./segments.js";

export type Statement = string | WriterFunction | StatementStructures;

/** A printer bound to one in-memory ts-morph project (create one per `generate()` call). */
export interface Printer {
  /** Prints `statements` as one module's text (unformatted; prettier runs later). */
  print(statements: readonly Statement[]): string;
  /**
   * Prints `statements` as one module, cut into segments at its top-level statements (segments.ts).
   * @param blankBefore Whether the module follows other text after a blank line (types.ts's aliases).
   */
  segments(statements: readonly Statement[], blankBefore?: boolean): Segment[];
  /** Loads a real TypeScript file (a template) for reading its structure. */
  readTemplate(fileName: string, text: string): import("ts-morph").SourceFile;
}

export function createPrinter(): Printer {
  const project = new Project({
    useInMemoryFileSystem: true,
    skipAddingFilesFromTsConfig: true,
    compilerOptions: { noLib: true },
  });
  let counter = 0;
  const withFile = <T>(
    statements: readonly Statement[],
    read: (file: import("ts-morph").SourceFile) => T,
  ): T => {
    const file = project.createSourceFile(`/out/${counter++}.ts`, {
      statements: statements as (string | WriterFunction | StatementStructures)[],
    });
    try {
      return read(file);
    } finally {
      project.removeSourceFile(file);
    }
  };
  return {
    print: (statements) => withFile(statements, (file) => file.getFullText()),
    segments: (statements, blankBefore = false) =>
      withFile(statements, (file) =>
        statementSegments(file.getFullText(), file.compilerNode.statements, blankBefore),
      ),
    readTemplate(fileName, text) {
      return project.createSourceFile(`/templates/${fileName}`, text, { overwrite: true });
    },
  };
}

export type { OptionalKind };
