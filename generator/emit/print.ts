/**
 * The only ts-morph touchpoint: statement structures → source text, once per file.
 */
import {
  Project,
  type OptionalKind,
  type StatementStructures,
  type WriterFunction,
} from "ts-morph";

export type Statement = string | WriterFunction | StatementStructures;

/** A printer bound to one in-memory ts-morph project (create one per `generate()` call). */
export interface Printer {
  /** Prints `statements` as one module's text (unformatted; prettier runs later). */
  print(statements: readonly Statement[]): string;
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
  return {
    print(statements) {
      const file = project.createSourceFile(`/out/${counter++}.ts`, {
        statements: statements as (string | WriterFunction | StatementStructures)[],
      });
      const text = file.getFullText();
      project.removeSourceFile(file);
      return text;
    },
    readTemplate(fileName, text) {
      return project.createSourceFile(`/templates/${fileName}`, text, { overwrite: true });
    },
  };
}

export type { OptionalKind };
