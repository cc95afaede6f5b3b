import path from "node:path";
import { Project } from "ts-morph";
import { describe, expect, it } from "vitest";
import { GENERATED_RESERVED } from "../../generator/model/naming.js";
import { PROJECT_ROOT } from "../helpers/specs-dir.js";

describe("GENERATED_RESERVED", () => {
  it("holds every name the runtime index exports, so no operation or schema alias can shadow one", () => {
    const project = new Project({
      useInMemoryFileSystem: false,
      skipAddingFilesFromTsConfig: true,
    });
    const file = project.addSourceFileAtPath(path.join(PROJECT_ROOT, "templates/runtime/index.ts"));
    project.addSourceFilesAtPaths(path.join(PROJECT_ROOT, "templates/runtime/*.ts"));
    const exported = [...file.getExportedDeclarations().keys()].sort();
    expect(exported.length).toBeGreaterThan(20);
    const missing = exported.filter((name) => !GENERATED_RESERVED.has(name));
    expect(missing).toEqual([]);
  });
});
