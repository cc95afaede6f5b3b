/**
 * YAML through `load`: the value is `yaml`'s YAML 1.2 core (no Date objects, no `yes` booleans, no merge keys), and
 * issues are located from the Document `load` parsed, at the same line:column as from parsing the text afresh.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Issue } from "../../generator/util/issues.js";
import { locateIssues, positionsOf } from "../../generator/load/locate.js";
import { load } from "../../generator/load/load.js";

const SPEC = `openapi: 3.0.3
info: { title: T, version: '1' }
paths:
  /pets/{id}:
    get:
      parameters:
        - name: id
          in: path
      responses:
        "200": { description: ok }
x-values:
  when: 2001-12-14
  stamp: 2001-12-14t21:59:43.10-05:00
  flag: yes
  off: off
  octal: 017
  big: 12345678901234567890
  shared: &s [a, b]
  again: *s
  merged:
    <<: { x: 1 }
    y: 2
`;

const POINTERS = [
  "/paths/~1pets~1{id}/get/parameters/0/name",
  "/x-values/again",
  "/x-values/merged/<<",
  "/info/title",
  "/paths/missing/deeper",
  "/x-values/shared/1",
];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "load-yaml-"));
  await writeFile(path.join(dir, "small.yaml"), SPEC);
  await writeFile(path.join(dir, "explicit.yaml"), `${SPEC}x-explicit:\n  ? [a, b]\n  : c\n`);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("load: YAML values", () => {
  it.each(["small.yaml", "explicit.yaml"])("%s has yaml's YAML 1.2 core values", async (name) => {
    const loaded = await load(path.join(dir, name), { cwd: dir });
    const values = (loaded.document as { "x-values": Record<string, unknown> })["x-values"];
    expect(values).toStrictEqual({
      when: "2001-12-14",
      stamp: "2001-12-14t21:59:43.10-05:00",
      flag: "yes",
      off: "off",
      octal: 17,
      big: Number("12345678901234567890"),
      shared: ["a", "b"],
      again: ["a", "b"],
      merged: { "<<": { x: 1 }, y: 2 },
    });
  });

  it("keeps a collection key as yaml writes it", async () => {
    const loaded = await load(path.join(dir, "explicit.yaml"), { cwd: dir });
    expect((loaded.document as Record<string, unknown>)["x-explicit"]).toStrictEqual({
      "[ a, b ]": "c",
    });
  });
});

describe("YAML positions", () => {
  it("issues are located from load's Document at the same line:column as from a fresh parse", async () => {
    const loaded = await load(path.join(dir, "small.yaml"), { cwd: dir });
    const issues: Issue[] = POINTERS.map((pointer) => ({
      code: "x",
      severity: "warning",
      pointer,
      message: "m",
    }));
    const located = locateIssues(issues, loaded.file, loaded.text, loaded.positions);
    expect(located).toEqual(
      locateIssues(issues, loaded.file, loaded.text, positionsOf(loaded.text)),
    );
    expect(located.map((i) => `${i.line}:${i.column}`)).toEqual([
      "7:11",
      "19:3",
      "21:5",
      "2:9",
      "3:1",
      "18:18",
    ]);
  });
});
