/**
 * Locating issues by JSON pointer: the iterative JSON scanner and the YAML path give the same line:column
 * (keys for object members, values for array items, the nearest ancestor when the pointer is not found).
 */
import { describe, expect, it } from "vitest";
import type { Issue } from "../../generator/util/issues.js";
import { duplicateKeys, locateInJson } from "../../generator/load/json.js";
import { locateIssues } from "../../generator/load/locate.js";

const JSON_TEXT = `{
  "openapi": "3.1.0",
  "paths": {
    "/pets/{id}": {
      "get": { "parameters": [ { "name": "id" }, { "name": "q\\"x" } ] }
    },
    "a~b": [1, [2, {"k\\u00e9y": null}], "s,]}"],
    "after": true
  }
}
`;

const YAML_TEXT = `openapi: 3.1.0
paths:
  /pets/{id}:
    get:
      parameters:
        - name: id
        - name: q"x
  a~b: [1, [2, {kéy: null}], "s,]}"]
  after: true
`;

const issue = (pointer: string): Issue => ({
  code: "x",
  severity: "warning",
  pointer,
  message: "m",
});

describe("locateIssues", () => {
  it.each([
    ["/openapi", "2:3", "1:1"],
    ["/paths/~1pets~1{id}/get", "5:7", "4:5"],
    ["/paths/~1pets~1{id}/get/parameters/1", "5:50", "7:11"],
    ["/paths/~1pets~1{id}/get/parameters/1/name", "5:52", "7:11"],
    ["/paths/a~0b/1/1/kéy", "7:21", "8:17"],
    ["/paths/after", "8:5", "9:3"],
    ["/paths/missing/deeper", "3:3", "2:1"],
  ])("%s → JSON %s, YAML %s", (pointer, json, yaml) => {
    const [inJson] = locateIssues([issue(pointer)], "spec.json", JSON_TEXT);
    const [inYaml] = locateIssues([issue(pointer)], "spec.yaml", YAML_TEXT);
    expect(`${inJson?.line}:${inJson?.column}`).toBe(json);
    expect(`${inYaml?.line}:${inYaml?.column}`).toBe(yaml);
    expect([inJson?.file, inYaml?.file]).toEqual(["spec.json", "spec.yaml"]);
  });

  it("scans a 10 000-deep JSON document without recursion", () => {
    const text = `{"x":${"[".repeat(10_000)}1${"]".repeat(10_000)}}`;
    const offsets = locateInJson(text, [`/x${"/0".repeat(9_999)}`]);
    expect([...offsets.values()]).toEqual([5 + 9_999]);
  });

  it("leaves issues that already have a position or a file alone", () => {
    const placed: Issue = { ...issue("/openapi"), file: "other.yaml", line: 9, column: 9 };
    expect(locateIssues([placed], "spec.json", JSON_TEXT)).toEqual([placed]);
  });
});

describe("duplicateKeys (JSON.parse keeps the last silently)", () => {
  const found = (text: string): [string, number, number][] =>
    duplicateKeys(text).map((d) => [d.pointer, d.offset, d.firstOffset]);

  it("finds keys equal after unescaping, in objects inside arrays, with escaped pointer tokens", () => {
    const text = '{"a":1,"\\u0061":2,"x":[{"k":1},{"k":2,"k":3}],"y":{"k":1},"a/b":{"~":1,"~":2}}';
    expect(found(text)).toEqual([
      ["/a", 7, 1],
      ["/x/1/k", 38, 32],
      ["/a~1b/~0", 71, 65],
    ]);
  });

  it("reports nothing when every object's keys differ", () => {
    expect(found(JSON_TEXT)).toEqual([]);
  });

  it("walks a 10 000-deep document without recursion", () => {
    const text = `{"x":${"[".repeat(10_000)}{"d":1,"d":2}${"]".repeat(10_000)}}`;
    expect(found(text)).toEqual([[`/x${"/0".repeat(10_000)}/d`, 5 + 10_000 + 7, 5 + 10_000 + 1]]);
  });
});
